// Hostile text (issue 16, item 11): a line of megabytes, blank-line runs, more text than a deck holds. Each case
// is generated here; the time limits are far above what the linear code needs and far below what the quadratic
// code it replaced took, so a regression fails instead of hanging CI.
import { describe, expect, it } from "vitest";
import { findTables } from "../corpus/segment/tables.ts";
import { slideLines } from "../corpus/segment/layout.ts";
import { splitSlides } from "../extractors/text/split-slides.ts";
import { joinLines } from "../language/join-lines.ts";
import { boundLines, MAX_LINE_LENGTH, processDocument } from "../pipeline/process.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("long lines", () => {
  it("finds the column runs of a 20 MB line without overflowing the stack", { timeout: 30_000 }, () => {
    const line = "ord ".repeat(5_000_000);
    expect(findTables(slideLines([{ text: line }, { text: "Navn  Alder" }, { text: "Ib    42" }])).map((t) => t.table)).toEqual([{ header: ["Navn", "Alder"], rows: [["Ib", "42"]] }]);
  });

  it("cuts a line longer than the limit into pieces at spaces, keeping every word", () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const doc = boundLines({ format: "text", pages: [{ page: 1, method: "text", lines: [{ text: "Title" }, { text: words.join(" "), x: 3, cells: [{ text: "c", x: 0, width: 1 }] }] }] }, 1000);
    const lines = doc.pages[0]!.lines;
    expect(lines[0]).toEqual({ text: "Title" });
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.slice(1).every((l) => l.text.length <= 1000 && l.x === 3 && l.cells === undefined && !l.text.startsWith(" "))).toBe(true);
    expect(lines.slice(1).map((l) => l.text).join(" ")).toBe(words.join(" "));
    // a line without spaces is cut at the limit
    const solid = boundLines({ format: "text", pages: [{ page: 1, method: "text", lines: [{ text: "x".repeat(2500) }] }] }, 1000);
    expect(solid.pages[0]!.lines.map((l) => l.text.length)).toEqual([1000, 1000, 500]);
  });

  it("processes a 4 MB one-line text file into records of bounded lines", { timeout: 60_000 }, async () => {
    const text = "Fælles mål og styring af data. ".repeat(130_000);
    const result = await processDocument(enc(text), "line.txt", { normalize: { repair: false } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records.length).toBeGreaterThan(0);
    expect(result.records.map((r) => r.text).join(" ").length).toBeGreaterThan(text.length * 0.95);
    expect(MAX_LINE_LENGTH).toBeLessThanOrEqual(10_000);
  });

  it("joins 100,000 wrapped lines in linear time", { timeout: 20_000 }, () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? "organisa-" : "tionen og"));
    expect(joinLines(lines).length).toBeGreaterThan(900_000);
  });

  it("refuses a document holding more text than any deck, with limit_exceeded", { timeout: 30_000 }, async () => {
    const result = await processDocument(enc("ord ".repeat(5_000_000)), "huge.txt");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("limit_exceeded");
    expect(!result.ok && result.error.message).toMatch(/19 MB of text, over the limit of 16 MB/);
  });
});

describe("slides split without form feeds", () => {
  it("splits 300,000 blank-ish lines in linear time", { timeout: 20_000 }, () => {
    const text = " \n".repeat(150_000) + "Title\n\n\n\nNext slide\n" + "\n".repeat(150_000) + " Third\n";
    expect(splitSlides(text)).toEqual(["Title", "Next slide", "Third"]);
  });
});
