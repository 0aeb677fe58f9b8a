// What a page draws besides text, from its operator list: how much of the page pictures cover, at what
// resolution, and whether it draws anything at all. Decides whether a page with little text needs OCR, and
// the resolution to render it at.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import { loadPdfJs } from "./open.ts";
import { pageOperatorList } from "./operator-list.ts";

export interface PictureStats {
  /** Share of the page covered by pictures, 0..1 (overlaps counted once per picture, capped at 1). */
  pictureArea: number;
  /** Resolution (pixels per inch) of the largest picture, when there is one. */
  pictureDpi?: number;
  /** Vector paths drawn (outlined text, diagrams). */
  paths: number;
  /** Nothing is drawn: no pictures, no paths, no text. */
  blank: boolean;
  /** Share of the text-showing operations drawn invisibly (render mode 3): an OCR program's layer over a picture. */
  invisibleText: number;
  /** The image XObjects drawn, upright (not rotated or skewed), in drawing order. */
  pictures: Picture[];
}

/** A picture on the page: its box in points from the page's top-left corner, and its own size in pixels. */
export interface Picture {
  /** pdf.js object id of the image, for `pictureImage`. */
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  pixelsWide: number;
  pixelsHigh: number;
}

type Matrix = [number, number, number, number, number, number];

export async function pictureStats(page: PDFPageProxy): Promise<PictureStats> {
  const { OPS, Util } = await loadPdfJs();
  const list = await pageOperatorList(page);
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const view = page.getViewport({ scale: 1 }).transform as Matrix;
  const pictures: Picture[] = [];
  const pageArea = Math.abs((x1 - x0) * (y1 - y0)) || 1;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: [Matrix, number][] = [];
  let area = 0, largest = 0, dpi: number | undefined, paths = 0, texts = 0, invisible = 0, mode = 0;
  const picture = (pixelsWide: number | undefined) => {
    const a = Math.min(1, Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) / pageArea);
    area += a;
    const widthPt = Math.hypot(ctm[0], ctm[1]);
    if (a > largest && pixelsWide && widthPt > 0) {
      largest = a;
      dpi = (pixelsWide * 72) / widthPt;
    }
  };
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save: stack.push([ctm, mode]); break;
      case OPS.restore: [ctm, mode] = stack.pop() ?? [ctm, mode]; break;
      case OPS.setTextRenderingMode: mode = Number(args?.[0]); break;
      case OPS.transform: ctm = Util.transform(ctm, args) as Matrix; break;
      case OPS.paintFormXObjectBegin: stack.push([ctm, mode]); if (Array.isArray(args?.[0])) ctm = Util.transform(ctm, args[0]) as Matrix; break;
      case OPS.paintFormXObjectEnd: [ctm, mode] = stack.pop() ?? [ctm, mode]; break;
      case OPS.paintImageXObject:
        picture(args?.[1] as number | undefined);
        if (typeof args?.[0] === "string") pictures.push(...boxOf(Util.transform(view, ctm) as Matrix, args[0], args[1] as number, args[2] as number));
        break;
      case OPS.paintImageXObjectRepeat: picture(args?.[1] as number | undefined); break;
      case OPS.paintInlineImageXObject: picture((args?.[0] as { width?: number } | undefined)?.width); break;
      case OPS.paintImageMaskXObject: picture((args?.[0] as { width?: number } | undefined)?.width); break;
      case OPS.constructPath: paths++; break;
      case OPS.showText: case OPS.showSpacedText: texts++; if (mode === 3) invisible++; break;
    }
  });
  return { pictureArea: Math.min(1, area), ...(dpi ? { pictureDpi: dpi } : {}), paths, blank: area === 0 && paths === 0 && texts === 0, invisibleText: texts ? invisible / texts : 0, pictures };
}

/** The box of the unit square under `m` (top-left coordinates), when it is upright: [] for a rotated or skewed one. */
function boxOf(m: Matrix, id: string, pixelsWide: number, pixelsHigh: number): Picture[] {
  if (Math.abs(m[1]) > 1e-3 * Math.abs(m[0]) || Math.abs(m[2]) > 1e-3 * Math.abs(m[3]) || !pixelsWide || !pixelsHigh) return [];
  const xs = [m[4], m[0] + m[4]], ys = [m[5], m[3] + m[5]];
  const x = Math.min(...xs), y = Math.min(...ys);
  return [{ id, x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y, pixelsWide, pixelsHigh }];
}

/** A picture as pdf.js decoded it: its size, its pixels' kind (1: 1 bit, 2: RGB, 3: RGBA) and bytes. */
export interface PictureImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** A picture's decoded image, as pdf.js holds it for the page; undefined when pdf.js has none. */
export async function pictureImage(page: PDFPageProxy, id: string, timeoutMs = 5000): Promise<PictureImage | undefined> {
  const store = (id.startsWith("g_") ? page.commonObjs : page.objs) as unknown as { get(id: string, callback: (data: unknown) => void): void };
  const image = await new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    store.get(id, (data) => (clearTimeout(timer), resolve(data)));
  });
  if (!isPictureImage(image)) return undefined;
  const { width, height, kind, data } = image;
  return { width, height, kind, data };
}

/** Whether pdf.js's object is a decoded picture with its pixels (not a bitmap it holds for drawing). */
export function isPictureImage(x: unknown): x is PictureImage {
  if (typeof x !== "object" || x === null) return false;
  const { width, height, kind, data } = x as Partial<PictureImage>;
  return Number.isInteger(width) && Number.isInteger(height) && width! > 0 && height! > 0 &&
    (kind === 1 || kind === 2 || kind === 3) && (data instanceof Uint8Array || data instanceof Uint8ClampedArray);
}

/**
 * The image's pixels as 8-bit grey (transparent on white). With `sampled`, only the pixels `pixelTexture` looks
 * at are converted (the rest left 0): a picture is judged on a thinned copy, and a photo, which the judgement
 * turns away, is never converted whole.
 */
export function greyPixels(image: PictureImage, sampled = false): Uint8Array {
  const { width, height, kind, data } = image;
  const grey = new Uint8Array(width * height);
  const { step, rowStep } = sampled ? textureSteps(width, height) : { step: 1, rowStep: 1 };
  for (let y = 0; y < height; y += rowStep) {
    const row = y * width;
    if (kind === 1) {
      // 1 bit a pixel, rows padded to whole bytes; 1 is white
      const stride = (width + 7) >> 3;
      for (let x = 0; x < width; x += step) grey[row + x] = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    } else if (kind === 2) {
      for (let x = 0, i = 3 * row; x < width; x += step, i += 3 * step) {
        grey[row + x] = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
      }
    } else {
      for (let x = 0, i = 4 * row; x < width; x += step, i += 4 * step) {
        const a = data[i + 3]! / 255;
        grey[row + x] = Math.round((0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!) * a + 255 * (1 - a));
      }
    }
  }
  return grey;
}

/** How a picture's pixels look: see `pixelTexture`. */
export interface Texture {
  /** Share of neighbouring pixel pairs that (nearly) match. */
  flat: number;
  /** Share of pairs that jump by a quarter of the grey scale or more. */
  edges: number;
  /** Share of rows with (next to) no sharp edge: the gaps between lines of text, margins. */
  quiet: number;
  /** Median height in pixels of the bands of rows with many sharp edges (a line of text), 0 when there are none. */
  lineHeight: number;
  /**
   * Bands of busy rows as tall as a line of text can be read (`MIN_TEXT_ROWS` pixels or more, at most a third of
   * the picture): a picture of rules, borders and thin strokes has none.
   */
  textBands: number;
}

/** Rows of pixels a line of text needs to be read at all (tesseract reads next to nothing under ~8 px). */
const MIN_TEXT_ROWS = 6;

/** Samples taken along a row, at most: the texture of a large picture is judged on a thinned copy. */
const ROW_SAMPLES = 800;
/** Rows looked at, at most. */
const ROWS_SAMPLED = 1200;

/** Which pixels pixelTexture looks at: every `step`-th of every `rowStep`-th row. */
function textureSteps(width: number, height: number): { step: number; rowStep: number } {
  return { step: Math.max(1, Math.floor(width / ROW_SAMPLES)), rowStep: Math.max(1, Math.floor(height / ROWS_SAMPLED)) };
}

/**
 * How a picture's pixels look, from neighbouring pixels along rows (every few pixels of a wide picture):
 * `flat` is the share of pairs that (nearly) match, `edges` the share that jump by a quarter of the grey scale
 * or more. Screenshots, diagrams and slides drawn as pictures are mostly flat with sharp edges where text is;
 * photos are rarely flat. Rows are then told apart: text draws bands of rows full of edges (its lines)
 * between quiet rows, and the bands' height is the text's height in pixels.
 */
export function pixelTexture(grey: Uint8Array, width: number, height: number): Texture {
  let pairs = 0, flat = 0, edges = 0;
  const { step, rowStep } = textureSteps(width, height);
  const busy: boolean[] = [];
  let quiet = 0;
  for (let y = 0; y < height; y += rowStep) {
    const row = y * width;
    let rowPairs = 0, rowEdges = 0;
    for (let x = step; x < width; x += step) {
      const d = Math.abs(grey[row + x]! - grey[row + x - step]!);
      rowPairs++;
      if (d <= 3) flat++;
      else if (d >= 64) rowEdges++;
    }
    pairs += rowPairs;
    edges += rowEdges;
    const sharp = rowEdges / (rowPairs || 1);
    busy.push(rowEdges >= 3 && sharp >= 0.01);
    if (rowEdges <= 1) quiet++;
  }
  const bands: number[] = [];
  let run = 0;
  for (const b of [...busy, false]) {
    if (b) run++;
    else if (run) (bands.push(run * rowStep), (run = 0));
  }
  const lineHeight = bands.length ? bands.sort((a, b) => a - b)[Math.floor(bands.length / 2)]! : 0;
  const textBands = bands.filter((b) => b >= MIN_TEXT_ROWS && b <= height / 3).length;
  return pairs ? { flat: flat / pairs, edges: edges / pairs, quiet: quiet / busy.length, lineHeight, textBands } : { flat: 0, edges: 0, quiet: 0, lineHeight: 0, textBands: 0 };
}

/** `grey` shrunk by a whole `factor` (each pixel the mean of a factor × factor square). */
export function shrink(grey: Uint8Array, width: number, height: number, factor: number): { grey: Uint8Array; width: number; height: number } {
  if (factor <= 1) return { grey, width, height };
  const w = Math.floor(width / factor), h = Math.floor(height / factor);
  const out = new Uint8Array(w * h);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += grey[row + dx]!;
      }
      out[y * w + x] = Math.round(sum / area);
    }
  }
  return { grey: out, width: w, height: h };
}
