// The store's reused buffers (corpus/store/atomic.ts): the writer that fills one buffer again and again, and the
// reader that reads small files into reused buffers, give the same bytes and hashes as plain reads and writes,
// across the buffers' boundaries and with multi-byte UTF-8.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AtomicFileWriter, FileReader, hashFile } from "../corpus/store/atomic.ts";
import { prng } from "../bench/generate-corpus.js";
import { tempDir } from "./helpers.ts";

/** Text of `n` characters mixing ASCII, Danish letters, a 3-byte and a 4-byte character. */
function text(n: number, seed: number): string {
  const random = prng(seed);
  const alphabet = ["a", "b", " ", "\n", "æ", "ø", "å", "€", "😀"];
  let s = "";
  while (s.length < n) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

describe("the store's reused buffers", () => {
  it("the writer gives the bytes and digest of the texts written, small, large and in between", async () => {
    const dir = tempDir("slidecorpus-buffers-");
    const path = join(dir, "out.jsonl");
    const w = await AtomicFileWriter.open(path);
    // many small writes across the 1 MB buffer, then one larger than a buffer, then some that almost fill one
    const parts = [...Array.from({ length: 3000 }, (_, i) => text(50 + (i % 700), i)), text(600_000, 1), text(340_000, 2), text(349_000, 3), "end\n"];
    for (const p of parts) await w.write(p);
    await w.commit();
    const expected = Buffer.from(parts.join(""), "utf8");
    const written = readFileSync(path);
    expect(written.equals(expected)).toBe(true);
    const digest = w.digest();
    expect(digest).toEqual({ size: expected.length, sha256: createHash("sha256").update(expected).digest("hex") });
    expect(await hashFile(path)).toBe(digest.sha256);
    expect(await hashFile(join(dir, "missing"))).toBeUndefined();
  });

  it("the reader reads files smaller and larger than its buffers, empty ones, and says when one is missing", async () => {
    const dir = tempDir("slidecorpus-buffers-");
    const reader = new FileReader();
    const sizes = [0, 1, 1000, 65_535, 65_536, 65_537, 300_000];
    const texts = sizes.map((n, i) => text(n, 10 + i));
    texts.forEach((t, i) => writeFileSync(join(dir, `f${i}`), t));
    // at once (buffers in use by several reads) and again (buffers reused)
    expect(await Promise.all(texts.map((_, i) => reader.text(join(dir, `f${i}`))))).toEqual(texts);
    for (const [i, t] of texts.entries()) expect(await reader.text(join(dir, `f${i}`))).toBe(t);
    expect(await reader.text(join(dir, "missing"))).toBeUndefined();
  });
});
