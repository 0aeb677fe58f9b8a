// Rendering a page for OCR: pdf.js draws it on an @napi-rs/canvas canvas; the result is an 8-bit grayscale
// PGM, which Leptonica reads without decompression (cheaper than encoding a PNG per page).
// The canvas comes from the document's own canvas factory: pdf.js creates its scratch canvases and Path2D
// objects with the @napi-rs/canvas copy it resolves, and mixing objects of two native copies crashes.
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import { drawImagesSmall } from "./small-images.ts";

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: Context2D };
  destroy(canvasAndContext: { canvas: unknown; context: Context2D }): void;
}
interface Context2D {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

/** A page drawn on a canvas of the document's own factory; `release` gives the canvas back. */
export interface DrawnPage {
  canvas: unknown;
  context: Context2D;
  width: number;
  height: number;
  release(): void;
}

/**
 * Draws a page at `scale` (1: 72 dpi) on white, on a canvas of the document's canvas factory: the one drawing of
 * a page, for OCR (renderPage) and for a thumbnail (thumbnails.ts). The caller releases it. With `smallImages`
 * (a thumbnail), pictures are averaged down to the size they are drawn at before pdf.js draws them
 * (small-images.ts): cheaper, and not the pixels OCR reads.
 */
export async function drawPage(doc: PDFDocumentProxy, page: PDFPageProxy, scale: number, smallImages = false): Promise<DrawnPage> {
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(width, height);
  const { canvas, context } = target;
  try {
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    const params = { canvas, canvasContext: context, viewport } as unknown as Parameters<PDFPageProxy["render"]>[0];
    const task = page.render(params);
    if (smallImages) drawImagesSmall(task);
    await task.promise;
  } catch (err) {
    factory.destroy(target);
    throw err;
  }
  return { canvas, context, width, height, release: () => factory.destroy(target) };
}

export interface RenderedPage {
  /** PGM (P5) bytes. */
  image: Uint8Array;
  dpi: number;
  width: number;
  height: number;
}

/** Pages are scaled down below `dpi` if they would exceed this many pixels (posters, A0 plans). */
const MAX_PIXELS = 40_000_000;

/**
 * A page rendered for OCR at `dpi` (less for a page over MAX_PIXELS). `alsoFrom`, when given, is made from the
 * same drawing before it is let go (a thumbnail: the page is not drawn again for it); its failure is its own.
 */
export async function renderPage<T>(
  doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number, alsoFrom?: (canvas: unknown, width: number, height: number) => Promise<T>,
): Promise<RenderedPage & { also?: T }> {
  const base = page.getViewport({ scale: 1 });
  let scale = dpi / 72;
  const pixels = base.width * scale * base.height * scale;
  if (pixels > MAX_PIXELS) scale *= Math.sqrt(MAX_PIXELS / pixels);
  const drawn = await drawPage(doc, page, scale);
  try {
    const { width, height } = drawn;
    const rgba = drawn.context.getImageData(0, 0, width, height).data;
    const also = alsoFrom ? await alsoFrom(drawn.canvas, width, height).catch(() => undefined) : undefined;
    return { image: toPgm(rgba, width, height), dpi: scale * 72, width, height, ...(also !== undefined ? { also } : {}) };
  } finally {
    drawn.release();
  }
}

/** RGBA pixels as grey PGM (P5) bytes: luma, with transparent pixels on white. */
export function toPgm(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const out = pgm(width, height);
  const body = out.subarray(out.length - width * height);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j++) {
    const a = rgba[i + 3]! / 255;
    const y = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
    body[j] = Math.round(y * a + 255 * (1 - a));
  }
  return out;
}

/** 8-bit grey pixels as PGM (P5) bytes. */
export function greyPgm(grey: Uint8Array, width: number, height: number): Uint8Array {
  const out = pgm(width, height);
  out.set(grey.subarray(0, width * height), out.length - width * height);
  return out;
}

/** A PGM (P5) of `width` × `height` 8-bit pixels: its header, and room for the pixels after it. */
function pgm(width: number, height: number): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "latin1");
  const out = new Uint8Array(header.length + width * height);
  out.set(header, 0);
  return out;
}
