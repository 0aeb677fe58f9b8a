// The progress bar drawn on a terminal, and the summary line, from a scripted sequence of events.
import { describe, expect, it } from "vitest";
import type { IngestSummary, ProgressEvent } from "../pipeline/ingest.ts";
import { createReporter, summaryText } from "../bin/progress.ts";

function terminal() {
  const writes: string[] = [];
  return { writes, stream: { columns: 200, write: (s: string) => writes.push(s) }, last: () => writes.at(-1)!.replace("\r\x1b[K", "") };
}

const doc = (source: string, status: "processed" | "skipped" | "failed", done: number, slides = 0, ocrPages = 0): ProgressEvent => ({
  type: "document", source, status, ok: status !== "failed", done, total: 10, slides, ocrPages, ms: 5, waitMs: 0,
  ...(status === "failed" ? { error: { source, stage: "extract", code: "corrupt", message: "bad xref table" } } : {}),
});

describe("the progress bar", () => {
  it("shows decks done, unchanged and failed, pages with OCR pages, rate and ETA", () => {
    let now = 0;
    const t = terminal();
    const r = createReporter("bar", t.stream, () => now);
    r.event({ type: "start", total: 10, known: 6 });
    now = 1000;
    r.event(doc("a.txt", "skipped", 1));
    now = 2000;
    // pages reported as they finish are not counted again when their document completes
    r.event({ type: "page", source: "b.pdf", page: 1, method: "ocr" });
    r.event({ type: "page", source: "b.pdf", page: 2, method: "text" });
    r.event(doc("b.pdf", "processed", 2, 2, 1));
    now = 4000;
    r.event(doc("c.txt", "processed", 3, 5));
    now = 5000;
    r.event(doc("d.pdf", "failed", 4));
    expect(t.writes.some((w) => w.includes("FAILED (corrupt: bad xref table) d.pdf\n"))).toBe(true);
    expect(t.last()).toBe("████████░░░░░░░░░░░░ 4/10 decks (1 unchanged) · 1 failed · 7 pages (1 OCR) · 0.8 decks/s · ETA 0:08");
    r.event({ type: "unsupported", path: "in/budget.xlsx" });
    expect(t.writes.some((w) => w.includes("unsupported (a file type slidecorpus does not read, left out) in/budget.xlsx\n"))).toBe(true);
    r.event({ type: "assemble" });
    expect(t.last()).toMatch(/· writing corpus files$/);
  });

  it("prints the summary on its own line", () => {
    const t = terminal();
    const summary = {
      processed: 3, skipped: 5, failed: 1, removed: 2, slides: 40, ocrPages: 7, repairs: 12, ms: 2500, documentMs: 2400, waitMs: 300,
      corpus: { decks: 8, records: 321, errors: 1 },
    } as IngestSummary;
    createReporter("bar", t.stream).summary(summary, "out");
    expect(t.writes.join("")).toBe(
      "\r\x1b[Kslidecorpus: 3 processed, 5 skipped, 1 failed, 2 removed; 40 slides, 7 OCR pages, 12 repairs, in 2.5 s; corpus: 8 decks, 321 records, 1 error → out\n",
    );
    expect(summaryText(summary, "out")).toContain("corpus: 8 decks");
    expect(summaryText({ ...summary, unsupported: 4 }, "out")).toContain("2 removed, 4 unsupported; 40 slides");
  });
});
