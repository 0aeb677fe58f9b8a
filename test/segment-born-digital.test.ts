// OCR debris can only come from OCR: a born-digital page (a PDF's own text layer, a PPTX/ODP/Markdown slide) keeps
// its code, URLs, file names and identifiers, which the debris rules would take for garbled OCR; a page whose text
// may be OCR (an OCR program's invisible layer, a plain-text file OCR'd elsewhere) still has its debris dropped.
import { describe, expect, it } from "vitest";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { segmentDeck } from "../corpus/segment/index.ts";
import { noiseReason } from "../corpus/segment/noise.ts";
import { extractPdf } from "../extractors/pdf/extract.ts";
import { processDocument } from "../pipeline/process.ts";

/** Lines of real text that look like OCR debris to the debris rules: code, file names, identifiers. */
const TECHNICAL = [
  "nrow(df)[1] og ncol(df)[2]",
  ".jpg Filformat",
  "opgave2_readIO_[n]",
  'df <- read_csv("data/opgave2.csv")',
  "Se bilag_7.pdf",
];

/** A slide of the lines under a Danish title, in Helvetica; `invisible` draws them as an OCR program does (render mode 3). */
function slide(lines: string[], invisible = false) {
  return {
    text: [
      { x: 40, y: 50, size: 28, text: "Filer og kode i øvelsen", invisible },
      ...lines.map((text, k) => ({ x: 40, y: 110 + 30 * k, size: 16, text, invisible })),
      { x: 40, y: 380, size: 14, text: "Læs mere på kursets side før næste gang", invisible },
    ],
  };
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe("the debris rules and the page's source", () => {
  it("are skipped for born-digital lines, except the rule for decorations without letters", () => {
    for (const line of TECHNICAL) {
      expect(noiseReason(line), line).toBeDefined();
      expect(noiseReason(line, {}, { ocr: false }), line).toBeUndefined();
    }
    expect(noiseReason("—— • ——", {}, { ocr: false })).toBe("no letters");
  });

  it("segmentation keeps a born-digital page's technical lines and drops the same lines from a page that may be OCR", () => {
    const page = (n: number, bornDigital?: boolean) => ({ page: n, ...(bornDigital ? { bornDigital } : {}), lines: ["Filer og kode", ...TECHNICAL, "~~~ ---"].map((text) => ({ text })) });
    const deck = segmentDeck([page(1), page(2, true)]);
    const dropped = (slide: number) => deck.dropped.filter((d) => d.slide === slide).map((d) => d.text);
    expect(dropped(2)).toEqual(["~~~ ---"]);
    // the lines the debris rules drop (the others are read as code on either page)
    expect(dropped(1)).toEqual(expect.arrayContaining([".jpg Filformat", "opgave2_readIO_[n]", "Se bilag_7.pdf", "~~~ ---"]));
    const kept = deck.segments.filter((s) => s.slide === 2).map((s) => s.text).join("\n");
    for (const line of TECHNICAL) for (const w of words(line)) expect(kept.toLowerCase(), line).toContain(w);
  });
});

describe("a generated PDF", () => {
  it("marks a page of its own text layer born-digital, and keeps code, file names and identifiers in the records", async () => {
    const bytes = pdfBytes([slide(TECHNICAL)]);
    const doc = await extractPdf(new Uint8Array(bytes));
    expect(doc.pages[0]).toMatchObject({ method: "text", bornDigital: true });
    expect(doc.pages[0]!.reason).toBeUndefined();

    const result = await processDocument(new Uint8Array(bytes), "kode.pdf");
    if (!result.ok) throw new Error(result.error.message);
    const text = result.records.map((r) => r.text).join("\n").toLowerCase();
    for (const line of TECHNICAL) for (const w of words(line)) expect(text, line).toContain(w);
    expect(result.deck.dropped ?? []).toEqual([]);
  });

  it("marks a page read from its text layer born-digital whatever the OCR flags (its drawing not read), and keeps its technical lines", async () => {
    const bytes = pdfBytes([slide(["Se https://kursus.example.dk/opgave_2?id=7", ...TECHNICAL])]);
    for (const extract of [{ ocr: "never" as const }, { pictureOcr: "never" as const }, { ocr: "never" as const, pictureOcr: "never" as const }]) {
      const doc = await extractPdf(new Uint8Array(bytes), extract);
      expect(doc.pages[0], JSON.stringify(extract)).toMatchObject({ method: "text", bornDigital: true });
      const result = await processDocument(new Uint8Array(bytes), "kode.pdf", { extract });
      if (!result.ok) throw new Error(result.error.message);
      const text = result.records.map((r) => r.text).join("\n").toLowerCase();
      expect(text, JSON.stringify(extract)).toContain("https://kursus.example.dk/opgave_2?id=7");
      expect(result.deck.dropped ?? [], JSON.stringify(extract)).toEqual([]);
    }
  });

  it("does not mark an OCR program's invisible layer born-digital, and drops its debris", async () => {
    const debris = [".jpg Filformat", "opgave2_readIO_[n]"];
    const bytes = pdfBytes([slide(debris, true)]);
    const doc = await extractPdf(new Uint8Array(bytes));
    expect(doc.pages[0]!.method).toBe("text");
    expect(doc.pages[0]!.bornDigital).toBeUndefined();

    const result = await processDocument(new Uint8Array(bytes), "scannet.pdf");
    if (!result.ok) throw new Error(result.error.message);
    expect((result.deck.dropped ?? []).map((d) => d.text)).toEqual(expect.arrayContaining(debris));
    expect(result.records.map((r) => r.text)).toContain("Filer og kode i øvelsen");
  });
});

describe("a plain-text file (text that may have been OCR'd elsewhere)", () => {
  it("has its debris dropped", async () => {
    const text = ["Filer og kode i øvelsen", "", "Læs mere på kursets side før næste gang", "x1_y2 %>% z3_", ".jpg Filformat"].join("\n");
    const result = await processDocument(new TextEncoder().encode(text), "noter.txt");
    if (!result.ok) throw new Error(result.error.message);
    expect((result.deck.dropped ?? []).map((d) => d.text)).toEqual(expect.arrayContaining(["x1_y2 %>% z3_", ".jpg Filformat"]));
  });
});
