// Page thumbnails (about 320 px wide, WebP) for `serve`: drawn by pdf.js on the document's own canvas factory
// (the @napi-rs/canvas copy it resolves, see render.ts) and encoded by the canvas. A page rendered for OCR
// gives its thumbnail from that render (scaled down); any other page gets a small render of its own, which
// costs a fraction of reading its text layer's fonts again.
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import type { Thumbnail } from "../../model/document.ts";
import { drawPage } from "./render.ts";

/** Width of a thumbnail in pixels. */
export const THUMBNAIL_WIDTH = 320;
/** A page taller than this after scaling (a poster, a scroll) is scaled to this height instead. */
const MAX_HEIGHT = 640;
/** WebP quality: text on a slide stays legible at 320 px, and a slide is a few kB. */
const QUALITY = 70;

interface Canvas {
  width: number;
  height: number;
  encode(format: "webp", quality?: number): Promise<Uint8Array>;
}
interface Context2D {
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: string;
  drawImage(image: unknown, dx: number, dy: number, dw: number, dh: number): void;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: unknown };
  destroy(canvasAndContext: { canvas: unknown; context: unknown }): void;
}

/** The thumbnail's size for a page of `width` × `height` (any unit). */
export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(THUMBNAIL_WIDTH / width, MAX_HEIGHT / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A thumbnail's bytes: the canvas (of thumbnail size) encoded, the one encoding of every thumbnail (PDF pages, pictures of slides). */
export async function encodeThumbnail(canvas: unknown): Promise<Uint8Array> {
  return new Uint8Array(await (canvas as Canvas).encode("webp", QUALITY));
}

/** A thumbnail of a canvas already drawn (a page rendered for OCR), scaled down. */
export async function thumbnailOfCanvas(doc: PDFDocumentProxy, source: unknown, width: number, height: number): Promise<Uint8Array> {
  const size = thumbnailSize(width, height);
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(size.width, size.height);
  try {
    const context = target.context as Context2D;
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = "high";
    context.drawImage(source, 0, 0, size.width, size.height);
    return await encodeThumbnail(target.canvas);
  } finally {
    factory.destroy(target);
  }
}

/**
 * A page drawn at thumbnail size, and its bytes to come: the canvas is encoded (on a thread of the canvas
 * add-on's) after the drawing, which need not wait for it, and let go once it is. The add-on rasterises the
 * drawing in the encode call itself, on this thread: only the WebP encoding runs beside.
 */
export async function drawThumbnail(doc: PDFDocumentProxy, page: PDFPageProxy): Promise<{ bytes: Promise<Uint8Array> }> {
  const base = page.getViewport({ scale: 1 });
  const drawn = await drawPage(doc, page, thumbnailSize(base.width, base.height).width / base.width, true);
  const bytes = encodeThumbnail(drawn.canvas).finally(() => drawn.release());
  // a caller that gave up waiting (the page time limit) never reads them: their failure is no unhandled rejection
  bytes.catch(() => {});
  return { bytes };
}

/** A thumbnail of a page: the page drawn at thumbnail size. */
export async function renderThumbnail(doc: PDFDocumentProxy, page: PDFPageProxy): Promise<Uint8Array> {
  return (await drawThumbnail(doc, page)).bytes;
}

/**
 * The deck's thumbnails, in page order: those of `made` (pages drawn already, their bytes made or to come; null
 * for a page that could not be drawn, which is not tried again), and a small render of each other page. A page
 * that cannot be drawn, or not within the page time limit (`limit`), has none.
 */
export async function deckThumbnails(
  doc: PDFDocumentProxy,
  made: Map<number, Uint8Array | null | Promise<Uint8Array | null>>,
  limit: <T>(work: Promise<T>, label: string) => Promise<T>,
): Promise<Thumbnail[]> {
  const out: Thumbnail[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let image = made.has(n) ? await made.get(n) : undefined;
    if (image === undefined) {
      image = await limit(
        doc.getPage(n).then(async (page) => {
          try {
            return await renderThumbnail(doc, page);
          } finally {
            page.cleanup();
          }
        }),
        `page ${n}, its thumbnail`,
      ).catch(() => null);
    }
    if (image) out.push({ page: n, type: "image/webp", data: Buffer.from(image).toString("base64") });
  }
  return out;
}
