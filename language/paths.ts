// Where the package's own files (data/, schema/) are, whether running from source or from dist/.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`slidecorpus: cannot find package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

export function dataPath(...parts: string[]): string {
  return join(packageRoot, "data", ...parts);
}
