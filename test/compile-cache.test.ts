// The launcher's compile cache (issue 16, item 13): in a folder the user owns, never in the shared temp folder,
// and off when the folder is not safe (writable by others).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, tempDir } from "./helpers.ts";

function launch(env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.NODE_DISABLE_COMPILE_CACHE;
  delete clean.NODE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, [join(root, "bin", "slidecorpus.js"), "--version"], { encoding: "utf8", env: { ...clean, ...env }, timeout: 60_000 });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

describe("the compile cache", () => {
  it("lives in the user's cache folder, private, and not in the shared temp folder", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "tmp"));
    launch({ XDG_CACHE_HOME: join(dir, "cache"), TMPDIR: join(dir, "tmp") });
    const cache = join(dir, "cache", "slidecorpus", "compile-cache");
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    expect(statSync(cache).mode & 0o077).toBe(0);
    expect(existsSync(join(dir, "tmp", "node-compile-cache"))).toBe(false);
  });

  it("is off when its folder can be written by others", () => {
    const dir = tempDir();
    const cache = join(dir, "cache", "slidecorpus", "compile-cache");
    mkdirSync(cache, { recursive: true });
    chmodSync(cache, 0o777);
    mkdirSync(join(dir, "tmp"));
    launch({ XDG_CACHE_HOME: join(dir, "cache"), TMPDIR: join(dir, "tmp") });
    expect(readdirSync(cache)).toEqual([]);
    expect(existsSync(join(dir, "tmp", "node-compile-cache"))).toBe(false);
  });
});
