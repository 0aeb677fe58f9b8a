// Pictures drawn small for a thumbnail: averaged down in blocks before pdf.js draws them (small-images.ts).
// The averaging is checked on pixels made here (RGB, RGBA with transparency, 1 bit a pixel, blocks cut short at
// the edges), and a page's thumbnail drawn so against the same page drawn by pdf.js alone, on a PDF made here
// with a large picture drawn small: the same picture in the same place, and no full-size copy of it made.
import { afterAll, describe, expect, it } from "vitest";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { extractPdf, shutdownOcr } from "../extractors/pdf/index.ts";
import { openPdf } from "../extractors/pdf/open.ts";
import { drawPage } from "../extractors/pdf/render.ts";
import { reduceImage, reductionFactor } from "../extractors/pdf/small-images.ts";
import { THUMBNAIL_WIDTH } from "../extractors/pdf/thumbnails.ts";

afterAll(shutdownOcr);

/** The RGBA of pixel (x, y). */
const at = (image: { width: number; data: Uint8Array | Uint8ClampedArray }, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

describe("reductionFactor", () => {
  it("is the whole factor that keeps the picture at least as large as it is drawn, both ways", () => {
    expect(reductionFactor({ width: 2000, height: 1000 }, 150, 80)).toBe(12); // 2000/150 = 13.3, 1000/80 = 12.5
    expect(reductionFactor({ width: 2000, height: 100 }, 150, 80)).toBe(1); // a banner stretched tall: kept
    expect(reductionFactor({ width: 300, height: 200 }, 150, 100)).toBe(2);
    expect(reductionFactor({ width: 299, height: 200 }, 150, 100)).toBe(1);
    expect(reductionFactor({ width: 400, height: 400 }, 0, 100)).toBe(1); // drawn with no width: left to pdf.js
    expect(reductionFactor({ width: 400, height: 400 }, 0.2, 0.3)).toBe(400); // drawn under a pixel: one pixel
  });
});

describe("reduceImage", () => {
  it("averages RGB pixels in blocks, the blocks at the edges cut short", () => {
    // 5 × 3, factor 2: blocks of x 0-1, 2-3, 4 and y 0-1, 2
    const width = 5, height = 3;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([10 * x, 20 * y, 100 + x + y], (y * width + x) * 3);
    const small = reduceImage({ width, height, kind: 2, data }, 2);
    expect([small.width, small.height, small.kind]).toEqual([3, 2, 3]);
    expect(at(small, 0, 0)).toEqual([5, 10, 101, 255]); // mean of x 0-1, y 0-1
    expect(at(small, 1, 0)).toEqual([25, 10, 103, 255]);
    expect(at(small, 2, 0)).toEqual([40, 10, 104, 255]); // x 4 alone, y 0-1: 104.5, rounded to even
    expect(at(small, 0, 1)).toEqual([5, 40, 102, 255]); // y 2 alone: 102.5, rounded to even
    expect(at(small, 2, 1)).toEqual([40, 40, 106, 255]);
  });

  it("weighs RGBA pixels by their alpha: a block's colour is its opaque pixels', its alpha the mean", () => {
    // opaque red, transparent green, opaque blue, transparent black
    const data = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0]);
    const small = reduceImage({ width: 2, height: 2, kind: 3, data }, 2);
    const [r, g, b, a] = at(small, 0, 0);
    expect([r, g, b]).toEqual([128, 0, 128]); // red and blue: the transparent pixels' colours count for nothing
    expect(a).toBe(128);
    const clear = reduceImage({ width: 2, height: 2, kind: 3, data: new Uint8Array(16) }, 2);
    expect(at(clear, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  it("reads 1 bit a pixel (rows padded to bytes, 1 white) as grey", () => {
    // 10 × 2: row 0 all white, row 1 white in its first 5 pixels; 2 bytes a row
    const data = new Uint8Array([0xff, 0xc0, 0xf8, 0x00]);
    const small = reduceImage({ width: 10, height: 2, kind: 1, data }, 5);
    expect([small.width, small.height]).toEqual([2, 1]);
    expect(at(small, 0, 0)).toEqual([255, 255, 255, 255]);
    // pixels 5-9: row 0 white, row 1 black; 4 × 4 samples spread over the 5 × 2 block (rows 0 and 1 twice each)
    expect(at(small, 1, 0)).toEqual([128, 128, 128, 255]);
  });

  it("samples a large block evenly (4 × 4 of its pixels) instead of every pixel", () => {
    // 40 × 40, factor 40: vertical stripes 10 pixels wide, black and white: the samples fall two in each colour
    const width = 40;
    const data = new Uint8Array(width * width * 3);
    for (let y = 0; y < width; y++) for (let x = 0; x < width; x++) data.fill(Math.floor(x / 10) % 2 ? 255 : 0, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const small = reduceImage({ width, height: width, kind: 2, data }, 40);
    expect([small.width, small.height]).toEqual([1, 1]);
    expect(at(small, 0, 0)).toEqual([128, 128, 128, 255]);
  });
});

/** A smooth picture with sharp edges: a dark left third, a light right third, a gradient between. */
function picture(width: number, height: number): { width: number; height: number; gray: Uint8Array } {
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    gray[y * width + x] = x < width / 3 ? 30 : x >= (2 * width) / 3 ? 230 : Math.round(30 + (200 * (x - width / 3)) / (width / 3) * (y < height / 2 ? 1 : 0.5));
  }
  return { width, height, gray };
}

describe("a thumbnail's pictures", () => {
  const bytes = new Uint8Array(pdfBytes([{
    text: [{ x: 40, y: 50, size: 26, text: "Resultater for året" }],
    pictures: [{ x: 300, y: 100, w: 360, h: 240, ...picture(1500, 1000) }, { x: 40, y: 200, w: 120, h: 120, ...picture(64, 64) }],
  }]));

  it("are drawn as pdf.js draws them, in the same place, without a full-size copy", async () => {
    const doc = await openPdf(bytes, { standardFonts: true });
    try {
      const page = await doc.getPage(1);
      const scale = THUMBNAIL_WIDTH / page.getViewport({ scale: 1 }).width;
      // the canvases pdf.js makes while drawing (its copy of each picture among them)
      const factory = doc.canvasFactory as { create(w: number, h: number): unknown };
      const made: [number, number][] = [];
      const create = factory.create.bind(factory);
      factory.create = (w: number, h: number) => (made.push([w, h]), create(w, h));
      const pixels = async (small: boolean) => {
        made.length = 0;
        const drawn = await drawPage(doc, page, scale, small);
        try {
          return { data: drawn.context.getImageData(0, 0, drawn.width, drawn.height).data, width: drawn.width, height: drawn.height, made: [...made] };
        } finally {
          drawn.release();
        }
      };
      const plain = await pixels(false);
      const small = await pixels(true);
      expect(plain.made.some(([w, h]) => w === 1500 && h === 1000)).toBe(true);
      expect(small.made.some(([w, h]) => w > 400 || h > 400)).toBe(false);
      expect([small.width, small.height]).toEqual([plain.width, plain.height]);
      // the same pixels but for the averaging: a grey level or two on the whole, a little more at the edges
      let sum = 0, worst = 0;
      for (let i = 0; i < plain.data.length; i += 4) {
        const d = Math.abs(plain.data[i]! - small.data[i]!);
        sum += d;
        worst = Math.max(worst, d);
      }
      expect(sum / (plain.width * plain.height)).toBeLessThan(1.5);
      expect(worst).toBeLessThan(64);
      // and the picture is there: dark on its left, light on its right, the page white around it
      const grey = (x: number, y: number) => small.data[(Math.round(y * scale) * small.width + Math.round(x * scale)) * 4]!;
      expect(grey(330, 220)).toBeLessThan(50);
      expect(grey(630, 220)).toBeGreaterThan(210);
      expect(grey(280, 220)).toBe(255);
    } finally {
      await doc.destroy();
    }
  });

  it("make the extractor's thumbnails, the records as without them", async () => {
    const withThumbs = await extractPdf(bytes, { thumbnails: true, ocr: "never" });
    const without = await extractPdf(bytes, { ocr: "never" });
    expect(withThumbs.pages).toEqual(without.pages);
    expect(withThumbs.thumbnails).toHaveLength(1);
  });
});
