// One OCR pool per run (extractors/pdf/ocr-link.ts): the worker threads of a WorkerPool send their pictures to
// the main thread's tesseract.js workers instead of starting their own, and read the same text as a document
// OCR'd in the thread itself.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { OcrServer } from "../extractors/pdf/ocr-link.ts";
import { OcrPool, ocrPool, shutdownOcr, type OcrJob } from "../extractors/pdf/ocr-pool.ts";
import { greyPgm } from "../extractors/pdf/render.ts";
import { processDocument } from "../pipeline/process.ts";
import { WorkerPool } from "../pipeline/pool.ts";
import type { DocumentOutcome } from "../pipeline/runner.ts";
import { fixture } from "./helpers.ts";

afterAll(shutdownOcr);

const bytes = new Uint8Array(readFileSync(fixture("pdf", "image-only.pdf")));
const job = (source: string) => ({ source, bytes, sha256: createHash("sha256").update(bytes).digest("hex"), settings: {} });
const texts = (o: DocumentOutcome) => (o.ok ? o.records.map((r) => r.text) : [`failed: ${o.error.message}`]);

describe("worker threads sharing the main thread's OCR pool", () => {
  it("OCR two picture-only decks at once with the main thread's one worker, reading what a thread of its own reads", async () => {
    const pool = new WorkerPool({ size: 2, timeoutMs: 120_000, memoryMb: 1024, ocrWorkers: 1 });
    let outcomes: DocumentOutcome[];
    try {
      outcomes = await Promise.all([pool.run(job("a.pdf")), pool.run(job("b.pdf"))]);
      // the threads' pictures went to this thread's pool, which started the one worker it was sized for
      expect(ocrPool().size).toBe(1);
      expect(ocrPool().workers).toBe(1);
      expect(pool.peakThreads).toBe(2);
      // and the language data was built here, once, for both threads
      expect(pool.sharedData).toContain("lexicon");
    } finally {
      await pool.close();
    }
    // closing the run's pool ended its OCR workers
    expect(ocrPool().workers).toBe(0);
    const own = await processDocument(bytes, "a.pdf", { extract: { ocrWorkers: 1 } });
    expect(own.ok).toBe(true);
    expect(texts(own).join("\n")).toMatch(/[æøå]/);
    for (const o of outcomes!) {
      expect(o.ok).toBe(true);
      expect(texts(o)).toEqual(texts(own));
    }
  });
});

describe("a thread that goes away", () => {
  it("has the pictures it left waiting dropped without being read, while the other threads are served", async () => {
    // this thread's pool starts afresh (the test above left one running)
    await shutdownOcr();
    const server = new OcrServer(1);
    // what became of each job the pool was handed: read, or the reason it was not
    const outcomes = new Map<string, string>();
    const recognize = OcrPool.prototype.recognize;
    const spy = vi.spyOn(OcrPool.prototype, "recognize").mockImplementation(async function (this: OcrPool, job: OcrJob) {
      try {
        const page = await recognize.call(this, job);
        outcomes.set(job.label, "read");
        return page;
      } catch (err) {
        outcomes.set(job.label, (err as Error).message);
        throw err;
      }
    });
    try {
      const a = server.link(), b = server.link();
      // a picture of a word, white on black stripes: tesseract reads it in well under a second
      const width = 240, height = 60;
      const grey = new Uint8Array(width * height).fill(255);
      for (let y = 20; y < 40; y++) for (let x = 20; x < 220; x++) if (x % 8 < 4) grey[y * width + x] = 0;
      const job = (label: string): OcrJob => ({ image: greyPgm(grey, width, height), dpi: 150, lang: "eng", timeoutMs: 60_000, label, straighten: false });
      const answersToA: unknown[] = [];
      a.port.on("message", (m) => answersToA.push(m));
      a.port.postMessage({ id: 1, job: job("a1") });
      a.port.postMessage({ id: 2, job: job("a2") });
      a.port.postMessage({ id: 3, job: job("a3") });
      // all three reach the pool: its one worker is being started for a1, a2 and a3 wait their turn
      await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(3), { timeout: 10_000, interval: 5 });
      expect(ocrPool().workers).toBe(0);
      // the thread goes away (its document timed out or crashed): its port closes
      a.port.close();
      await vi.waitFor(() => expect(outcomes.has("a2") && outcomes.has("a3")).toBe(true), { timeout: 10_000, interval: 10 });
      // a2 and a3 were withdrawn from the queue, never given to the worker
      expect(outcomes.get("a2")).toMatch(/withdrawn/);
      expect(outcomes.get("a3")).toMatch(/withdrawn/);
      // another thread's picture is read, by the same one worker
      const answer = new Promise<{ id: number; page?: unknown; error?: unknown }>((resolve) => b.port.once("message", resolve));
      b.port.postMessage({ id: 1, job: job("b1") });
      const got = await answer;
      expect(got.id).toBe(1);
      expect(got.error).toBeUndefined();
      expect(got.page).toBeDefined();
      expect(outcomes.get("b1")).toBe("read");
      // a1, which had the worker when its thread went away, was read through; its answer went nowhere
      await vi.waitFor(() => expect(outcomes.get("a1")).toBe("read"), { timeout: 60_000, interval: 20 });
      expect(answersToA).toEqual([]);
      expect(ocrPool().workers).toBe(1);
      expect(spy).toHaveBeenCalledTimes(4);
      b.port.close();
    } finally {
      spy.mockRestore();
      await server.close();
    }
  });
});
