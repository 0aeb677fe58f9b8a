// One OCR pool per run (extractors/pdf/ocr-link.ts): the worker threads of a WorkerPool send their pictures to
// the main thread's tesseract.js workers instead of starting their own, and read the same text as a document
// OCR'd in the thread itself.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ocrPool, shutdownOcr } from "../extractors/pdf/ocr-pool.ts";
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
