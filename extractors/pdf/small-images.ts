// Pictures drawn small (a thumbnail's): pdf.js draws a picture by copying all its decoded pixels into a canvas
// of the picture's full size, then halving that canvas until it is near the size it is drawn at. A slide's
// 2000-pixel photo drawn 150 pixels wide on a 320-pixel thumbnail costs a full-size copy and four halvings:
// two thirds of a born-digital deck's thumbnail time. Here the decoded pixels are first averaged down, by a
// whole factor, in blocks, to no less than the size the picture is drawn at; pdf.js then draws that (its
// last step, under a factor of 2, is as before). What the thumbnail shows is the same picture at the same
// place, averaged over blocks instead of halved.
// This reaches pdf.js's drawing of the one render (its RenderTask's `_internalRenderTask.gfx`, the canvas
// graphics, whose `paintInlineImageXObject` every image XObject goes through); with another pdf.js that has
// none of them, pictures are drawn as before.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import { isPictureImage, type PictureImage } from "./pictures.ts";

type RenderTask = ReturnType<PDFPageProxy["render"]>;

/** A decoded picture as pdf.js hands it to its drawing: pictures.ts's PictureImage, with pdf.js's smoothing flag. */
export type ImagePixels = PictureImage & { interpolate?: boolean };

interface Matrix2D {
  a: number;
  b: number;
  c: number;
  d: number;
}
interface Graphics {
  ctx?: { getTransform?(): Matrix2D };
  paintInlineImageXObject?: (...args: unknown[]) => unknown;
}

/**
 * Makes `task` (a page's render, just started) draw each picture from pixels averaged down to the size it is
 * drawn at. Call it as soon as `page.render()` returns: pdf.js reads `onContinue` before it draws anything.
 */
export function drawImagesSmall(task: RenderTask): void {
  const internal = (task as unknown as { _internalRenderTask?: { gfx?: Graphics } })._internalRenderTask;
  if (!internal || task.onContinue) return;
  let patched = false;
  task.onContinue = (next: () => void) => {
    const gfx = internal.gfx;
    if (!patched && gfx && typeof gfx.paintInlineImageXObject === "function" && typeof gfx.ctx?.getTransform === "function") {
      patched = true;
      const paint = gfx.paintInlineImageXObject;
      // the same picture drawn again at the same size (a logo on a slide twice) is averaged once
      const made = new WeakMap<object, { factor: number; image: ImagePixels }>();
      gfx.paintInlineImageXObject = function (this: Graphics, ...args: unknown[]) {
        const last = args.length - 1;
        const image = args[last];
        const m = this.ctx?.getTransform?.();
        if (m && isImagePixels(image)) {
          // the current transform maps the picture's unit square onto the canvas: its drawn size in pixels
          const factor = reductionFactor(image, Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
          if (factor > 1) {
            let small = made.get(image);
            if (small?.factor !== factor) made.set(image, (small = { factor, image: reduceImage(image, factor) }));
            args[last] = small.image;
          }
        }
        return paint.apply(this, args);
      };
    }
    next();
  };
}

function isImagePixels(x: unknown): x is ImagePixels {
  return isPictureImage(x) && !(x as { bitmap?: unknown }).bitmap;
}

/**
 * The whole factor a picture of `image`'s pixels drawn `drawnWidth` × `drawnHeight` canvas pixels can be
 * averaged down by and stay at least that size both ways (1: not at all).
 */
export function reductionFactor(image: { width: number; height: number }, drawnWidth: number, drawnHeight: number): number {
  if (!(drawnWidth > 0) || !(drawnHeight > 0)) return 1;
  const factor = Math.floor(Math.min(image.width / Math.max(1, drawnWidth), image.height / Math.max(1, drawnHeight)));
  return Number.isFinite(factor) && factor > 1 ? factor : 1;
}

/** A block's colour is the mean of at most this many pixels each way, spread evenly over it (all, in a small block). */
const TAPS = 4;

/**
 * The picture averaged down by `factor` both ways, as RGBA: each pixel the mean of a block of factor × factor
 * pixels, or of TAPS × TAPS of them spread evenly over a larger block (the blocks on the right and bottom edges
 * are cut short). Transparent pixels weigh nothing in a block's colour.
 */
export function reduceImage(image: ImagePixels, factor: number): ImagePixels {
  const { width, height, kind } = image;
  const w = Math.ceil(width / factor), h = Math.ceil(height / factor);
  const taps = Math.min(factor, TAPS);
  // where a block's samples are: byte offsets of its columns' pixels, rows of its rows
  const bytes = kind === 2 ? 3 : kind === 3 ? 4 : 0;
  const stride = kind === 1 ? (width + 7) >> 3 : width * bytes;
  const xs = new Int32Array(w * taps);
  const ys = new Int32Array(h * taps);
  // spread evenly over each block, the blocks on the right and bottom edges as far as they go
  const spread = (b: number, t: number, size: number) => b * factor + Math.floor(((t + 0.5) * Math.min(factor, size - b * factor)) / taps);
  for (let b = 0; b < w; b++) for (let t = 0; t < taps; t++) xs[b * taps + t] = spread(b, t, width);
  for (let b = 0; b < h; b++) for (let t = 0; t < taps; t++) ys[b * taps + t] = spread(b, t, height) * stride;
  if (bytes) for (let i = 0; i < xs.length; i++) xs[i]! *= bytes;
  const data = image.data instanceof Uint8Array ? image.data : new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  const out = new Uint8ClampedArray(w * h * 4);
  if (kind === 2) averageRgb(data, xs, ys, w, h, taps, out);
  else if (kind === 3) averageRgba(data, xs, ys, w, h, taps, out);
  else averageBits(data, xs, ys, w, h, taps, out);
  return { width: w, height: h, kind: 3, data: out, ...(image.interpolate !== undefined ? { interpolate: image.interpolate } : {}) };
}

// One loop a kind of pixels (each stays fast in the engine): `xs` and `ys` hold each block's `taps` sample
// columns (byte offsets in a row; for 1 bit a pixel, pixel columns) and rows (byte offsets of the rows).

function averageRgb(data: Uint8Array, xs: Int32Array, ys: Int32Array, w: number, h: number, taps: number, out: Uint8ClampedArray): void {
  const n = taps * taps;
  for (let by = 0, o = 0; by < h; by++) {
    for (let bx = 0; bx < w; bx++, o += 4) {
      let r = 0, g = 0, b = 0;
      for (let ty = by * taps, yEnd = ty + taps; ty < yEnd; ty++) {
        const row = ys[ty]!;
        for (let tx = bx * taps, xEnd = tx + taps; tx < xEnd; tx++) {
          const i = row + xs[tx]!;
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
        }
      }
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
}

/** RGBA: colours weighed by their alpha (a transparent pixel's colour counts for nothing). */
function averageRgba(data: Uint8Array, xs: Int32Array, ys: Int32Array, w: number, h: number, taps: number, out: Uint8ClampedArray): void {
  const n = taps * taps;
  for (let by = 0, o = 0; by < h; by++) {
    for (let bx = 0; bx < w; bx++, o += 4) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let ty = by * taps, yEnd = ty + taps; ty < yEnd; ty++) {
        const row = ys[ty]!;
        for (let tx = bx * taps, xEnd = tx + taps; tx < xEnd; tx++) {
          const i = row + xs[tx]!;
          const alpha = data[i + 3]!;
          r += data[i]! * alpha;
          g += data[i + 1]! * alpha;
          b += data[i + 2]! * alpha;
          a += alpha;
        }
      }
      if (a > 0) {
        out[o] = r / a;
        out[o + 1] = g / a;
        out[o + 2] = b / a;
      }
      out[o + 3] = a / n;
    }
  }
}

/** 1 bit a pixel, rows padded to whole bytes; 1 is white. */
function averageBits(data: Uint8Array, xs: Int32Array, ys: Int32Array, w: number, h: number, taps: number, out: Uint8ClampedArray): void {
  const n = taps * taps;
  for (let by = 0, o = 0; by < h; by++) {
    for (let bx = 0; bx < w; bx++, o += 4) {
      let white = 0;
      for (let ty = by * taps, yEnd = ty + taps; ty < yEnd; ty++) {
        const row = ys[ty]!;
        for (let tx = bx * taps, xEnd = tx + taps; tx < xEnd; tx++) {
          const x = xs[tx]!;
          white += (data[row + (x >> 3)]! >> (7 - (x & 7))) & 1;
        }
      }
      out[o] = out[o + 1] = out[o + 2] = (255 * white) / n;
      out[o + 3] = 255;
    }
  }
}
