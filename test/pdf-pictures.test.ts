// Pictures on slides that keep their text layer: read apart, only when they may hold text, as `picture_text`
// lines and records with the picture's box; a title over a photo keeps its text layer and is not OCR'd.
// The pictures are made here: a "screenshot" is a page of text rendered by pdf.js, a "photo" is smooth noise.
import { afterAll, describe, expect, it, vi } from "vitest";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { extractPdf, shutdownOcr } from "../extractors/pdf/index.ts";
import { openPdf } from "../extractors/pdf/open.ts";
import { renderPage } from "../extractors/pdf/render.ts";
import { OcrPool, type OcrJob } from "../extractors/pdf/ocr-pool.ts";
import { pictureLines, mayHoldText, ocrShrink } from "../extractors/pdf/picture-ocr.ts";
import { pixelTexture, shrink } from "../extractors/pdf/pictures.ts";
import { processDocument } from "../pipeline/process.ts";

afterAll(shutdownOcr);

const SCREENSHOT_TEXT = ["The quick brown fox jumps over the lazy dog", "Settings are saved when you close the window"];

/** A picture of text: a small page rendered by pdf.js at `dpi` (150), as grey pixels. */
async function screenshot(dpi = 150): Promise<{ width: number; height: number; gray: Uint8Array }> {
  const bytes = pdfBytes([{ text: SCREENSHOT_TEXT.map((text, i) => ({ x: 12, y: 30 + 24 * i, size: 14, text })) }], { width: 340, height: 70 });
  const doc = await openPdf(new Uint8Array(bytes));
  try {
    const { image, width, height } = await renderPage(doc, await doc.getPage(1), dpi);
    return { width, height, gray: image.subarray(image.length - width * height) };
  } finally {
    await doc.destroy();
  }
}

/** A photo-like picture: smooth shading with grain, no flat areas and no sharp edges. */
function photo(width: number, height: number): { width: number; height: number; gray: Uint8Array } {
  const gray = new Uint8Array(width * height);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    gray[y * width + x] = Math.max(0, Math.min(255, Math.round(128 + 60 * Math.sin(x / 17) * Math.cos(y / 13) + 24 * (random() - 0.5))));
  }
  return { width, height, gray };
}

async function deck(): Promise<Uint8Array> {
  const shot = await screenshot();
  const body = ["• Resultaterne for året er gode", "• Vi har nået målene for kvaliteten", "• Næste skridt er udrulning i hele kommunen"];
  return new Uint8Array(pdfBytes([
    {
      text: [{ x: 40, y: 50, size: 26, font: "F2", text: "Status for projektet" }, ...body.map((text, i) => ({ x: 40, y: 110 + 28 * i, size: 16, text }))],
      pictures: [
        { x: 40, y: 220, w: 340, h: 70, ...shot },
        { x: 420, y: 110, w: 260, h: 180, ...photo(520, 360) },
      ],
    },
    // a title slide over a full-page photo: a usable text layer with few letters
    { text: [{ x: 60, y: 180, size: 32, font: "F2", text: "Kompleksitet og performance" }], pictures: [{ x: 0, y: 0, w: 720, h: 405, ...photo(900, 506) }] },
  ]));
}

describe("pictures on pages that keep their text layer", () => {
  it("keeps the layer, reads the screenshot apart as picture_text with its box, and leaves the photos", async () => {
    const doc = await extractPdf(await deck(), { ocrWorkers: 1 });
    expect(doc.pages.map((p) => p.method)).toEqual(["text", "text"]);
    const [first, second] = doc.pages as [(typeof doc.pages)[0], (typeof doc.pages)[0]];
    const layer = first.lines.filter((l) => l.role !== "picture_text");
    expect(layer.map((l) => l.text)).toEqual(["Status for projektet", "• Resultaterne for året er gode", "• Vi har nået målene for kvaliteten", "• Næste skridt er udrulning i hele kommunen"]);
    // picture lines come after the whole layer, never between its lines
    expect(first.lines.slice(0, layer.length)).toEqual(layer);
    const read = first.lines.filter((l) => l.role === "picture_text");
    expect(read.map((l) => l.text)).toEqual(SCREENSHOT_TEXT);
    for (const l of read) {
      expect(l.box).toEqual({ x: 40, y: 220, width: 340, height: 70 });
      expect(l.x!).toBeGreaterThanOrEqual(40);
      expect(l.y!).toBeGreaterThan(220);
      expect(l.y!).toBeLessThan(290);
    }
    expect(second.lines.map((l) => l.text)).toEqual(["Kompleksitet og performance"]);
    expect(second.reason).toBeUndefined();
  });

  it("leaves a trace on the page when a picture's OCR runs over the time limit (under load), keeping the layer", async () => {
    // the picture's recognition gets 1 ms instead of the page limit: the pool abandons it as it would under load
    const recognize = OcrPool.prototype.recognize;
    const spy = vi.spyOn(OcrPool.prototype, "recognize").mockImplementation(function (this: OcrPool, job: OcrJob) {
      return recognize.call(this, job.label.endsWith("a picture") ? { ...job, timeoutMs: 1 } : job);
    });
    try {
      const doc = await extractPdf(await deck(), { ocrWorkers: 1 });
      const first = doc.pages[0]!;
      expect(first.method).toBe("text");
      expect(first.lines.filter((l) => l.role === "picture_text")).toEqual([]);
      expect(first.lines.map((l) => l.text)).toContain("Status for projektet");
      expect(first.reason).toBe("a picture's OCR took longer than 60 s: its text is missing");
      // the title slide's photo is never sent to OCR: nothing lost there
      expect(doc.pages[1]!.reason).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it("reads no pictures with --picture-ocr never", async () => {
    const doc = await extractPdf(await deck(), { ocrWorkers: 1, pictureOcr: "never" });
    expect(doc.pages.flatMap((p) => p.lines).filter((l) => l.role === "picture_text")).toEqual([]);
    expect(doc.pages.map((p) => p.method)).toEqual(["text", "text"]);
  });

  it("makes a picture_text record of each picture, never the slide's title", async () => {
    const result = await processDocument(await deck(), "pictures.pdf", { extract: { ocrWorkers: 1 } });
    if (!result.ok) throw new Error(result.error.message);
    const slide1 = result.records.filter((r) => r.slide === 1);
    expect(slide1.find((r) => r.kind === "title")?.text).toBe("Status for projektet");
    const pictures = slide1.filter((r) => r.kind === "picture_text");
    expect(pictures).toHaveLength(1);
    expect(pictures[0]).toMatchObject({ text: SCREENSHOT_TEXT.join("\n"), box: { x: 40, y: 220, width: 340, height: 70 } });
    expect(result.records.filter((r) => r.kind !== "picture_text").map((r) => r.text).join(" ")).not.toMatch(/fox|Settings/);
    expect(result.records.find((r) => r.slide === 2 && r.kind === "title")?.text).toBe("Kompleksitet og performance");
  });
});

describe("the picture checks", () => {
  it("tells drawn pixels from a photo", async () => {
    const shot = await screenshot();
    expect(mayHoldText(pixelTexture(shot.gray, shot.width, shot.height))).toBe(true);
    const p = photo(400, 300);
    expect(mayHoldText(pixelTexture(p.gray, p.width, p.height))).toBe(false);
  });

  it("measures the height of a picture's lines of text, and shrinks a sharp screenshot before OCR", async () => {
    // 14-point text: about 20 pixels from ascender to descender at 150 dpi, four times that at 600 dpi
    const shot = await screenshot(), sharp = await screenshot(600);
    const t = pixelTexture(shot.gray, shot.width, shot.height), t4 = pixelTexture(sharp.gray, sharp.width, sharp.height);
    expect(t.lineHeight).toBeGreaterThan(14);
    expect(t.lineHeight).toBeLessThan(40);
    expect(t4.lineHeight / t.lineHeight).toBeGreaterThan(3.5);
    expect(t.quiet).toBeGreaterThan(0.2);
    expect(ocrShrink(t, shot.width, shot.height)).toBe(1);
    expect(ocrShrink(t4, sharp.width, sharp.height)).toBe(2);
    const small = shrink(sharp.gray, sharp.width, sharp.height, 2);
    expect([small.width, small.height]).toEqual([Math.floor(sharp.width / 2), Math.floor(sharp.height / 2)]);
    const halved = pixelTexture(small.grey, small.width, small.height).lineHeight / t4.lineHeight;
    expect(halved).toBeGreaterThan(0.3);
    expect(halved).toBeLessThan(0.6);
    // a picture without lines of text (a photo) has no text height and is not read
    const p = photo(400, 300);
    expect(mayHoldText(pixelTexture(p.gray, p.width, p.height))).toBe(false);
  });

  it("does not read a drawing of thin rules and borders: flat, sharp, but no band of rows as tall as a line of text", async () => {
    const shot = await screenshot();
    expect(pixelTexture(shot.gray, shot.width, shot.height).textBands).toBe(SCREENSHOT_TEXT.length);
    // dashed rules 3 pixels thick every 30 rows (a form, a chart's grid): flat, sharp, banded, but thin
    const width = 400, height = 300, grid = new Uint8Array(width * height).fill(255);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (y % 30 < 3 && x % 8 < 4) grid[y * width + x] = 0;
    const t = pixelTexture(grid, width, height);
    expect(t).toMatchObject({ lineHeight: 3, textBands: 0 });
    expect(t.flat).toBeGreaterThan(0.45);
    expect(t.edges).toBeGreaterThan(0.01);
    expect(t.quiet).toBeGreaterThan(0.1);
    expect(mayHoldText(t)).toBe(false);
    // the same rules with lines of text drawn over them: bands of text height
    const page = await screenshot();
    const withText = grid.slice();
    for (let y = 0; y < Math.min(page.height, height - 100); y++) for (let x = 0; x < Math.min(page.width, width); x++) withText[(100 + y) * width + x] = Math.min(withText[(100 + y) * width + x]!, page.gray[y * page.width + x]!);
    expect(pixelTexture(withText, width, height).textBands).toBeGreaterThan(0);
  });

  it("reads a sharp screenshot shrunk, with the same words", async () => {
    const sharp = await screenshot(600);
    const bytes = new Uint8Array(pdfBytes([{ text: [{ x: 40, y: 50, size: 20, text: "Skærmbillede af indstillingerne" }], pictures: [{ x: 40, y: 120, w: 340, h: 70, ...sharp }] }]));
    const doc = await extractPdf(bytes, { ocrWorkers: 1 });
    expect(doc.pages[0]!.lines.filter((l) => l.role === "picture_text").map((l) => l.text)).toEqual(SCREENSHOT_TEXT);
  });

  it("keeps the lines that read as words and drops debris and unsure words", () => {
    const word = (text: string, confidence = 95) => ({ text, confidence });
    const line = (...words: { text: string; confidence: number }[]) => ({ words, bbox: { x0: 10, y0: 10, x1: 200, y1: 30 }, baseline: { y0: 28 } });
    const result = { blocks: [{ paragraphs: [{ lines: [
      line(word("Indsæt"), word("element"), word("i"), word("listen")),
      line(word("(Ga"), word("\"Me"), word("jr."), word("Il")),
      line(word("v"), word("Hf"), word("code", 40)),
      line(word("Xqzvbn"), word("Wrtpl"), word("og")),
    ] }] }] };
    const picture = { id: "x", x: 100, y: 50, width: 200, height: 100, pixelsWide: 400, pixelsHigh: 200 };
    const lines = pictureLines(result as never, picture);
    expect(lines.map((l) => l.text)).toEqual(["Indsæt element i listen"]);
    expect(lines[0]).toMatchObject({ role: "picture_text", x: 105, y: 64, box: { x: 100, y: 50, width: 200, height: 100 } });
  });
});
