// The language data read back from ready-made binary files (language/table-cache.ts): the same tables as built,
// in shared memory when asked, and never a file whose key, size or contents do not fit.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildBigrams, buildLexicon } from "../language/danish/lexicon.ts";
import { buildPairCounts } from "../language/danish/pair-counts.ts";
import { cachedTables, DATA_CACHE_ENV, readTables, writeTables } from "../language/table-cache.ts";
import { tableIndex } from "../language/membership.ts";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "table-cache-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The typed arrays and numbers of a data set, as plain arrays, to compare two copies. */
const plain = (v: unknown): unknown =>
  ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;

describe("binary tables of the language data", () => {
  it("read back the word pairs exactly as built, as views of one buffer, and look words up the same", () => {
    const file = join(tempDir(), "bigrams.bin");
    const built = buildBigrams(false);
    writeTables(file, "key-1", built);
    const read = readTables<ReturnType<typeof buildBigrams>>(file, "key-1", false)!;
    expect(read).toBeDefined();
    expect(read.pairs).toBeInstanceOf(Int32Array);
    expect(read.words.values).toBeInstanceOf(Float64Array);
    expect(read.pairs.length).toBe(built.pairs.length);
    expect(read.pairs.length).toBeGreaterThan(1000);
    expect(plain(read)).toEqual(plain(built));
    for (const w of ["og", "det", "ikke", "xyzzyq"]) expect(tableIndex(read.words, w)).toBe(tableIndex(built.words, w));
  });

  it("keep a data set with a number beside its arrays (the pair counts' total) and read it into shared memory", () => {
    const file = join(tempDir(), "pairCounts.bin");
    const built = buildPairCounts(false);
    writeTables(file, "k", built);
    const read = readTables<ReturnType<typeof buildPairCounts>>(file, "k", true)!;
    expect(read.total).toBe(built.total);
    expect(read.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.ids.units.buffer).toBe(read.keys.buffer);
    expect(plain(read)).toEqual(plain(built));
  });

  it("refuse a file of another key, a truncated one, one that is not a table file, and one that is missing", () => {
    const dir = tempDir();
    const file = join(dir, "lexicon.bin");
    writeTables(file, "right", buildLexicon(false));
    expect(readTables(file, "wrong", false)).toBeUndefined();
    expect(readTables(file, "right", false)).toBeDefined();
    const bytes = readFileSync(file);
    writeFileSync(join(dir, "cut.bin"), bytes.subarray(0, bytes.length - 1));
    expect(readTables(join(dir, "cut.bin"), "right", false)).toBeUndefined();
    writeFileSync(join(dir, "other.bin"), "not a table file at all");
    expect(readTables(join(dir, "other.bin"), "right", false)).toBeUndefined();
    expect(readTables(join(dir, "missing.bin"), "right", false)).toBeUndefined();
    truncateSync(file, 10);
    expect(readTables(file, "right", false)).toBeUndefined();
  });

  it("refuse to write what is not a plain object of typed arrays and numbers", () => {
    const file = join(tempDir(), "x.bin");
    expect(() => writeTables(file, "k", { words: new Map() })).toThrow();
  });

  it("build once and read the file from then on when a cache folder is named; build every time without one", () => {
    const dir = tempDir();
    const build = vi.fn(() => buildBigrams(false));
    vi.stubEnv(DATA_CACHE_ENV, "");
    cachedTables("bigrams", false, build);
    expect(build).toHaveBeenCalledTimes(1);
    vi.stubEnv(DATA_CACHE_ENV, dir);
    const first = cachedTables("bigrams", false, build);
    expect(build).toHaveBeenCalledTimes(2);
    const second = cachedTables("bigrams", false, build);
    const shared = cachedTables("bigrams", true, build);
    expect(build).toHaveBeenCalledTimes(2);
    expect(shared.pairs.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(plain(second)).toEqual(plain(first));
    expect(plain(shared)).toEqual(plain(first));
    // a damaged file is built again and rewritten
    writeFileSync(join(dir, "bigrams.bin"), "damaged");
    const again = cachedTables("bigrams", false, build);
    expect(build).toHaveBeenCalledTimes(3);
    expect(plain(again)).toEqual(plain(first));
    cachedTables("bigrams", false, build);
    expect(build).toHaveBeenCalledTimes(3);
  });
});
