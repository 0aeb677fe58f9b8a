// A page's operator list is built once: what the page draws (its pictures, for the OCR decision and picture OCR)
// and drawing it (a thumbnail, an OCR render) share it, so pictures are decoded once, and the drawing is the
// same as a page drawn from its own list. Counted on pdf.js's builds of operator lists (one GetOperatorList
// request each), on PDFs made here with pictures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { extractPdf, shutdownOcr } from "../extractors/pdf/index.ts";
import { openPdf } from "../extractors/pdf/open.ts";
import { pageOperatorList } from "../extractors/pdf/operator-list.ts";
import { pictureStats } from "../extractors/pdf/pictures.ts";
import { drawPage } from "../extractors/pdf/render.ts";

afterAll(shutdownOcr);

/** Smooth shading with grain: a photo, which picture OCR leaves alone. */
function photo(width: number, height: number, seed: number): { width: number; height: number; gray: Uint8Array } {
  const gray = new Uint8Array(width * height);
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    gray[y * width + x] = Math.max(0, Math.min(255, Math.round(128 + 60 * Math.sin(x / 17) * Math.cos(y / 13) + 24 * (random() - 0.5))));
  }
  return { width, height, gray };
}

/** Born-digital slides: a title, a bullet and a photo on each. */
function deck(pages: number): Uint8Array {
  return new Uint8Array(pdfBytes(Array.from({ length: pages }, (_, i) => ({
    text: [{ x: 40, y: 50, size: 26, text: `Slide ${i + 1}: results of the year` }, { x: 40, y: 110, size: 16, text: "• The targets for quality were met" }],
    pictures: [{ x: 420, y: 110, w: 260, h: 180, ...photo(400, 280, i + 7) }],
  }))));
}

// every build of an operator list by any page of any document (PDFPageProxy's one way to ask the worker for one)
let builds = 0;
let restore: (() => void) | undefined;
beforeAll(async () => {
  const doc = await openPdf(deck(1));
  const proto = Object.getPrototypeOf(await doc.getPage(1)) as { _pumpOperatorList: (...args: unknown[]) => unknown };
  await doc.destroy();
  const pump = proto._pumpOperatorList;
  expect(typeof pump).toBe("function");
  proto._pumpOperatorList = function (this: unknown, ...args: unknown[]) {
    builds++;
    return pump.apply(this, args);
  };
  restore = () => void (proto._pumpOperatorList = pump);
});
afterAll(() => restore?.());
afterEach(() => void (builds = 0));

async function pixels(doc: PDFDocumentProxy, page: PDFPageProxy): Promise<Uint8ClampedArray> {
  const drawn = await drawPage(doc, page, 0.5);
  try {
    return drawn.context.getImageData(0, 0, drawn.width, drawn.height).data;
  } finally {
    drawn.release();
  }
}

describe("a page's operator list", () => {
  it("is built once for reading the page's pictures and drawing it, and draws the same as the page's own", async () => {
    const bytes = deck(1);
    const doc = await openPdf(bytes);
    const fresh = await openPdf(bytes);
    try {
      const page = await doc.getPage(1);
      const stats = await pictureStats(page);
      expect(stats.pictures).toHaveLength(1);
      expect(builds).toBe(1);
      // read again (text-layer.ts's symbol fonts, a second look): the same list, no new build
      expect(await pageOperatorList(page)).toBe(await pageOperatorList(page));
      expect(builds).toBe(1);
      const shared = await pixels(doc, page);
      expect(builds).toBe(1);
      // a page drawn from a list of its own (pdf.js's optimized one) gives the same pixels
      const own = await pixels(fresh, await fresh.getPage(1));
      expect(builds).toBe(2);
      expect(shared.length).toBe(own.length);
      expect(Buffer.from(shared).equals(Buffer.from(own))).toBe(true);
      // the photo is drawn (not a white page): grey pixels where it is
      const grey = Array.from({ length: shared.length / 4 }, (_, i) => shared[4 * i]!).filter((v) => v > 40 && v < 215).length;
      expect(grey).toBeGreaterThan(0.1 * (shared.length / 4));
      // once the page is let go (cleanup), drawing it builds its list again, and draws the same
      page.cleanup();
      expect(Buffer.from(await pixels(doc, page)).equals(Buffer.from(own))).toBe(true);
      expect(builds).toBe(3);
    } finally {
      await doc.destroy();
      await fresh.destroy();
    }
  });

  it("is built once a page when a born-digital deck is read with thumbnails", async () => {
    const bytes = deck(3);
    const doc = await extractPdf(bytes, { thumbnails: true, ocrWorkers: 1 });
    expect(doc.pages.map((p) => p.method)).toEqual(["text", "text", "text"]);
    expect(doc.thumbnails?.map((t) => t.page)).toEqual([1, 2, 3]);
    // the pictures read (picture check) and each page drawn for its thumbnail: one build a page
    expect(builds).toBe(3);
    builds = 0;
    // the records are those of a run without thumbnails
    const without = await extractPdf(bytes, { thumbnails: false, ocrWorkers: 1 });
    expect(without.pages).toEqual(doc.pages);
    expect(builds).toBe(3);
  });
});
