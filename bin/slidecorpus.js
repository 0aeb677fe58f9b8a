#!/usr/bin/env node
// Thin launcher: checks the Node.js version, then runs the compiled CLI.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`slidecorpus: Node.js >= 22.13 is required (this is ${process.versions.node}); see README "Requirements"`);
  process.exit(2);
}
// Node's on-disk cache of compiled code (NODE_DISABLE_COMPILE_CACHE=1 turns it off): loading our modules and
// their dependencies is most of what a run with nothing new to do costs. The cache is code that runs, so it
// lives in a folder of the user's own ($XDG_CACHE_HOME or ~/.cache, then slidecorpus/compile-cache), never in
// the shared temp folder where another user could plant it; when that folder or one above it up to the cache
// home is not the user's, or others can write to it, the cache stays off.
const { enableCompileCache, constants } = await import("node:module");
const cacheDir = await ownCacheDir("compile-cache");
const compileCache = cacheDir ? enableCompileCache?.(cacheDir) : undefined;
// worker threads do not inherit a cache turned on by a call: named in the environment, `ingest`'s threads (and
// tesseract.js's) load pdf.js and our modules from it too instead of compiling them again, each
const on = constants?.compileCacheStatus;
if (cacheDir && on && (compileCache?.status === on.ENABLED || compileCache?.status === on.ALREADY_ENABLED)) process.env.NODE_COMPILE_CACHE ??= cacheDir;
// The language data (word lists, the lexicon automaton) kept ready to read in the same cache home, as binary
// tables (language/table-cache.ts): building them from their lists is most of a one-deck `extract`'s start-up.
// SLIDECORPUS_DATA_CACHE names another folder; set empty, it turns the cache off.
if (process.env.SLIDECORPUS_DATA_CACHE === undefined) {
  const tables = await ownCacheDir("tables");
  if (tables) process.env.SLIDECORPUS_DATA_CACHE = tables;
}

async function ownCacheDir(name) {
  const { mkdirSync, lstatSync } = await import("node:fs");
  const { homedir } = await import("node:os");
  const { join, isAbsolute } = await import("node:path");
  if (typeof process.getuid !== "function") return undefined;
  const xdg = process.env.XDG_CACHE_HOME;
  const home = xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".cache");
  const dirs = [home, join(home, "slidecorpus"), join(home, "slidecorpus", name)];
  try {
    for (const dir of dirs) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const info = lstatSync(dir);
      // a folder of our own that no one else can write to (not a link someone could point elsewhere)
      if (!info.isDirectory() || info.uid !== process.getuid() || (info.mode & 0o022) !== 0) return undefined;
    }
    return dirs[2];
  } catch {
    return undefined;
  }
}
try {
  await import("../dist/bin/cli.js");
} catch (err) {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/bin/cli.js")) {
    console.error("slidecorpus: not built yet; run `npm install` (or `npm run build`) in the package folder");
    process.exit(2);
  }
  throw err;
}
