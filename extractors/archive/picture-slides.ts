// Slides whose only content is pictures (a deck of exported slide images, a scanned deck saved as PPTX or ODP):
// their pictures are read by OCR through the PDF extractor's OCR pool, with its rules for pictures (large
// enough to hold a line of text; read at their own resolution, brought up to OCR's) and its reading of
// tesseract's result (ocr-lines.ts), the lines placed in the picture's box on the slide. Such a slide becomes
// `method: "ocr"` with the mean word confidence, like a scanned PDF page. Pictures are decoded with
// @napi-rs/canvas (PNG, JPEG, GIF, WebP, BMP); one it cannot decode (EMF, WMF, TIFF) is left out and named in
// the slide's `reason`. `ocr: "never"` leaves the slides as they are. The OCR modules load on first use.
import type { ExtractOptions, Line, Page } from "../types.ts";
import type { Thumbnail } from "../../model/document.ts";
import { DocumentError } from "../types.ts";
import type { Box } from "./blocks.ts";

export interface SlidePicture {
  /** 1-based slide number. */
  page: number;
  /** The picture's box on the slide, in points. */
  box: Box;
  /** Its bytes, read on demand from the container (with the container's limits). */
  bytes: () => Uint8Array | undefined;
  /** The part's name, for messages. */
  name: string;
  /** The slide's size in points, when the format states it apart from the pages (an ODP's page layout). */
  slide?: { w: number; h: number };
}

/** Roles that are not the slide's own content: notes, alt text, footers. */
const ASIDE = new Set(["notes", "picture", "footer"]);

/** The slide shows nothing but pictures: no text of its own (notes, alt text and footers aside). */
export function isPictureOnly(lines: Line[]): boolean {
  return lines.every((l) => !l.text.trim() || (l.role !== undefined && ASIDE.has(l.role)));
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** OCR reads text best at this resolution or more; smaller pictures are scaled up (at most 3×) to reach it. */
const TARGET_DPI = 200;
const MAX_PIXELS = 40_000_000;

let modules: Promise<[typeof import("../pdf/ocr-pool.ts"), typeof import("../pdf/ocr-lines.ts"), typeof import("../pdf/picture-ocr.ts"), typeof import("../pdf/render.ts"), typeof import("@napi-rs/canvas"), typeof import("../pdf/ocr-lang.ts")]> | undefined;
const load = () => (modules ??= Promise.all([import("../pdf/ocr-pool.ts"), import("../pdf/ocr-lines.ts"), import("../pdf/picture-ocr.ts"), import("../pdf/render.ts"), import("@napi-rs/canvas"), import("../pdf/ocr-lang.ts")]));

/** Ends the OCR workers, if pictures were read here. */
export async function shutdownPictureOcr(): Promise<void> {
  if (modules) await (await modules)[0].shutdownOcr();
}

/** A slide is a picture when it has no text of its own and one picture covers at least this share of it. */
const PICTURE_SLIDE_SHARE = 0.5;

let drawing: Promise<[typeof import("../pdf/thumbnails.ts"), typeof import("@napi-rs/canvas")]> | undefined;

/**
 * Thumbnails of the slides that are pictures (`pages` as read, before OCR): a slide without text of its own
 * (notes, alt text and footers aside) whose largest picture covers at least half of it, drawn as the slide
 * (its pictures in their boxes on white) at thumbnail size by the canvas that decodes them; a slide whose size
 * is not known is its largest picture. Other slides have none (serve shows their text). A picture that cannot
 * be decoded is left out; a slide none of whose pictures can be has no thumbnail.
 */
export async function pictureSlideThumbnails(pages: Page[], pictures: SlidePicture[]): Promise<Thumbnail[]> {
  const byPage = new Map<number, SlidePicture[]>();
  for (const p of pictures) (byPage.get(p.page) ?? byPage.set(p.page, []).get(p.page)!).push(p);
  const out: Thumbnail[] = [];
  for (const page of pages) {
    const own = byPage.get(page.page);
    if (!own?.length || !isPictureOnly(page.lines)) continue;
    const stated = page.width && page.height ? { w: page.width, h: page.height } : own[0]!.slide;
    const slide = stated && stated.w > 0 && stated.h > 0 ? { x: 0, y: 0, ...stated } : undefined;
    const area = (b: Box) => Math.max(0, b.w) * Math.max(0, b.h);
    const largest = own.reduce((a, b) => (area(b.box) > area(a.box) ? b : a));
    // a picture without a box (none stated) is taken as the whole slide
    if (slide && area(largest.box) > 0 && area(largest.box) < PICTURE_SLIDE_SHARE * area(slide)) continue;
    const boxed = slide && area(largest.box) > 0 ? slide : undefined;
    const image = await slideThumbnail(boxed ? own : [largest], boxed).catch(() => undefined);
    if (image) out.push({ page: page.page, type: "image/webp", data: Buffer.from(image).toString("base64") });
  }
  return out;
}

/** The pictures drawn in their boxes on a white slide (`slide`; without one, the first picture fills the thumbnail). */
async function slideThumbnail(pictures: SlidePicture[], slide: Box | undefined): Promise<Uint8Array | undefined> {
  const [{ encodeThumbnail, thumbnailSize }, canvas] = await (drawing ??= Promise.all([import("../pdf/thumbnails.ts"), import("@napi-rs/canvas")]));
  const decoded: { image: Awaited<ReturnType<typeof canvas.loadImage>>; box: Box }[] = [];
  for (const picture of pictures) {
    const bytes = picture.bytes();
    const image = bytes && (await canvas.loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => undefined));
    if (image && image.width > 0 && image.height > 0) decoded.push({ image, box: picture.box });
  }
  if (!decoded.length) return undefined;
  const frame = slide ?? { x: 0, y: 0, w: decoded[0]!.image.width, h: decoded[0]!.image.height };
  const size = thumbnailSize(frame.w, frame.h);
  const scale = size.width / frame.w;
  const target = canvas.createCanvas(size.width, size.height);
  const context = target.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, size.width, size.height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = "high";
  for (const { image, box } of slide ? decoded : decoded.slice(0, 1)) {
    if (slide) context.drawImage(image, (box.x - frame.x) * scale, (box.y - frame.y) * scale, box.w * scale, box.h * scale);
    else context.drawImage(image, 0, 0, size.width, size.height);
  }
  return encodeThumbnail(target);
}

/** The pages, with the picture-only ones read by OCR from their pictures (unless `ocr: "never"`). */
export async function ocrPictureSlides(pages: Page[], pictures: SlidePicture[], options: ExtractOptions): Promise<Page[]> {
  if (options.ocr === "never") return pages;
  const byPage = new Map<number, SlidePicture[]>();
  for (const p of pictures) (byPage.get(p.page) ?? byPage.set(p.page, []).get(p.page)!).push(p);
  const out: Page[] = [];
  // One OCR model for the deck's slides, as for a PDF's pages (ocr-lang.ts): from the deck's own text (its other
  // slides, notes, alt text), else from the slides read so far with both models, in slide order.
  let deckText = pages.flatMap((p) => p.lines.map((l) => l.text)).join("\n");
  let lang = options.lang;
  for (const page of pages) {
    const own = byPage.get(page.page);
    if (!own?.length || !isPictureOnly(page.lines)) {
      out.push(page);
      continue;
    }
    options.signal?.throwIfAborted();
    const { settledLang, DEFAULT_LANG, PICTURE_LANG_TEXT } = (await load())[5];
    // judged on the deck's first PICTURE_LANG_TEXT characters, as a PDF's pages are: one æ/ø/å deep in a long
    // English deck does not make it a deck of both languages
    lang ??= settledLang(deckText.slice(0, PICTURE_LANG_TEXT));
    const read = await readSlide(page, own, options, lang ?? DEFAULT_LANG);
    if (deckText.length < PICTURE_LANG_TEXT && read.method === "ocr") deckText += `\n${read.lines.map((l) => l.text).join("\n")}`;
    out.push(read);
    options.onPage?.(read);
  }
  return out;
}

async function readSlide(page: Page, pictures: SlidePicture[], options: ExtractOptions, lang: string): Promise<Page> {
  const [{ ocrService }, { ocrLines }, { isLargeEnough }, { toPgm }, canvas] = await load();
  const lines: Line[] = [];
  const skipped: string[] = [];
  let weight = 0, sum = 0, read = 0;
  // top to bottom, left to right, like a page's text
  for (const picture of [...pictures].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)) {
    const bytes = picture.bytes();
    let image;
    try {
      if (!bytes) throw new Error("missing");
      image = await canvas.loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch {
      skipped.push(`${picture.name} could not be decoded`);
      continue;
    }
    const box = picture.box.w > 0 && picture.box.h > 0 ? picture.box : { x: 0, y: 0, w: page.width ?? image.width * 0.75, h: page.height ?? image.height * 0.75 };
    if (!isLargeEnough({ id: picture.name, x: box.x, y: box.y, width: box.w, height: box.h, pixelsWide: image.width, pixelsHigh: image.height })) continue;
    const dpi = (image.width * 72) / box.w;
    let scale = Math.min(3, Math.max(1, TARGET_DPI / dpi));
    if (image.width * image.height * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (image.width * image.height));
    const w = Math.max(1, Math.round(image.width * scale)), h = Math.max(1, Math.round(image.height * scale));
    const c = canvas.createCanvas(w, h);
    const ctx = c.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(image, 0, 0, w, h);
    const pgm = toPgm(ctx.getImageData(0, 0, w, h).data, w, h);
    let result;
    try {
      result = await ocrService(options.ocrWorkers).recognize({
        image: pgm, dpi: dpi * scale, lang, timeoutMs: options.pageTimeoutMs ?? DEFAULT_TIMEOUT_MS, label: `slide ${page.page}`,
      });
    } catch (err) {
      if (err instanceof DocumentError && err.code === "timeout") {
        skipped.push(err.message);
        continue;
      }
      throw err;
    }
    read++;
    const ocr = ocrLines(result, dpi * scale);
    const shift = (n: number | undefined, by: number) => (n === undefined ? undefined : Math.round((n + by) * 100) / 100);
    for (const l of ocr.lines) {
      lines.push({
        ...l,
        x: shift(l.x, box.x),
        y: shift(l.y, box.y),
        ...(l.cells ? { cells: l.cells.map((cell) => ({ ...cell, x: shift(cell.x, box.x)! })) } : {}),
      });
    }
    if (ocr.confidence !== undefined) {
      const n = ocr.lines.reduce((k, l) => k + l.text.length, 0);
      weight += n;
      sum += n * ocr.confidence;
    }
  }
  // no picture large enough to hold text (an icon, a 2×2 fill): the slide is as it was
  if (!read) return skipped.length ? { ...page, reason: skipped.join("; ") } : page;
  const reason = [`only pictures on the slide: ${pictures.length === 1 ? "its picture" : `its ${pictures.length} pictures`} read by OCR`, ...skipped].join("; ");
  const aside = page.lines.filter((l) => l.text.trim());
  return {
    ...page,
    method: "ocr",
    reason,
    ...(weight ? { confidence: Math.round((sum / weight) * 1000) / 1000 } : {}),
    lines: lines.length && aside.length ? [...lines, { text: "" }, ...aside] : [...lines, ...aside],
  };
}
