#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (after `npm run build`). Each prints its own measurements and ratios
// against reference tools (pdftotext, tesseract) when they are installed. `npm run bench -- name` runs the
// benchmarks whose file name contains "name".
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2] ?? "";
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.js") && f.includes(filter)).sort();
if (files.length === 0) console.log(`no benchmarks match "${filter}"`);
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ["--expose-gc", dir + f], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
