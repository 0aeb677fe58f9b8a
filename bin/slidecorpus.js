#!/usr/bin/env node
// Thin launcher: checks the Node.js version, then runs the compiled CLI.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`slidecorpus: Node.js >= 22.13 is required (this is ${process.versions.node}); see README "Requirements"`);
  process.exit(2);
}
// Node's on-disk cache of compiled code (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off):
// loading our modules and their dependencies is most of what a run with nothing new to do costs.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
try {
  await import("../dist/bin/cli.js");
} catch (err) {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/bin/cli.js")) {
    console.error("slidecorpus: not built yet; run `npm install` (or `npm run build`) in the package folder");
    process.exit(2);
  }
  throw err;
}
