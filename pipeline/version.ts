import { readFileSync } from "node:fs";
import { packageRoot } from "../language/paths.ts";

const pkg = JSON.parse(readFileSync(`${packageRoot}/package.json`, "utf8")) as { version: string };

/** Bumped whenever the output for the same input may change; part of the incremental manifest key. */
export const PIPELINE_VERSION: string = pkg.version;
