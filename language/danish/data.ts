// Where data/danish/ is: two folders up from normalizers/danish/ when run from source (tests), three from
// dist/normalizers/danish/ when run compiled.
import { existsSync } from "node:fs";

const candidates = ["../../data/danish/", "../../../data/danish/"].map((p) => new URL(p, import.meta.url));
const dir = candidates.find((u) => existsSync(u)) ?? candidates[1]!;

export const dataFile = (name: string): URL => new URL(name, dir);
