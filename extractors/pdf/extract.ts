// PDF decks: each page's text layer assembled into lines, or the page OCR'd when the layer is missing or bad.
// Text-layer work runs page by page on this thread; OCR pages go to the worker pool and run in parallel.
// Each step of a page (reading its text layer and pictures, rendering, OCR) has the page time limit; a page
// whose step runs over it is abandoned (its reason says so, it keeps its text layer if any) and the deck goes on.
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import type { ExtractOptions, ExtractedDocument, Line, Page } from "../types.ts";
import { DocumentError } from "../types.ts";
import { inkProblem, isScarce, textLayerProblem } from "./decide.ts";
import { assembleLines } from "./lines.ts";
import { ocrLines } from "./ocr-lines.ts";
import { ocrService } from "./ocr-pool.ts";
import { CUT_SHORT, isCutShort, openPdf, toDocumentError } from "./open.ts";
import { isLargeEnough, mayHoldText, ocrShrink, pictureLines } from "./picture-ocr.ts";
import { greyPixels, pictureImage, pictureStats, pixelTexture, shrink, type Picture, type PictureStats } from "./pictures.ts";
import { createHash } from "node:crypto";
import { greyPgm, renderPage } from "./render.ts";
import { deckThumbnails, drawThumbnail, thumbnailOfCanvas } from "./thumbnails.ts";
import { readTextLayer, type TextLayer } from "./text-layer.ts";
import { isOtherScandinavian, lowerWords } from "../../language/scandinavian.ts";
import { DANISH_LETTER } from "../../language/fold.ts";
import { DEFAULT_LANG, PICTURE_LANG_TEXT, pictureLang, settledLang } from "./ocr-lang.ts";

export { shutdownOcr } from "./ocr-pool.ts";

const DEFAULT_TIMEOUT_MS = 60_000;
/** Pages of a deck without text read one at a time for its OCR model before the rest are read with both at once. */
const UNSETTLED_PAGES_ALONE = 2;
/** Tesseract ignores a stated resolution above this (and guesses one); small pages are rendered above it. */
const MAX_TESSERACT_DPI = 2400;

/** A page whose text is settled (its pictures that may hold text to read apart), or one waiting for OCR. */
type Planned = { page: Page; pictures?: Picture[]; pdfPage?: PDFPageProxy } | OcrPlan;
/** A page to OCR: rendered when it is dispatched, so rendering has its own time limit. */
type OcrPlan = { dpi: number; base: Omit<Page, "lines" | "method" | "bornDigital">; reason: string; textLayer: Line[]; bornDigital?: boolean };

export async function extractPdf(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const timeoutMs = options.pageTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  // opening (reading the cross-reference table, or rebuilding a broken one) gets the same limit as a page
  const password = options.password !== undefined ? { password: options.password } : {};
  // With the standard fonts' programs when a page may be drawn (for OCR or a thumbnail), so that pages are drawn
  // from the document as read: its fonts (an OCR layer's too), cross-reference table and shared pictures are
  // parsed once, not again in a second copy. Only a run that draws nothing (`--ocr never`, no thumbnails) goes
  // without them: reading text needs only their widths, which pdf.js has built in. Such a run reads no picture
  // either (no OCR of pictures, no ink check): pdf.js is told to decode none.
  const draws = options.thumbnails === true || options.ocr !== "never";
  const doc = await withTimeout(openPdf(bytes, { ...password, standardFonts: draws, pictures: draws }), timeoutMs, "opening the PDF");
  const pages: Page[] = new Array(doc.numPages);
  const pending = new Set<Promise<void>>();
  let failure: unknown;
  // thumbnails of the pages drawn so far (null: the page could not be drawn; a promise: being encoded), when
  // they are asked for; one is encoded while the next page is read, not more (each holds its canvas)
  const thumbnails = new Map<number, Uint8Array | null | Promise<Uint8Array | null>>();
  let encoding: Promise<unknown> | undefined;
  const settle = (n: number, page: Page) => {
    pages[n - 1] = page;
    options.onPage?.(page);
  };
  /**
   * Sends a page to the OCR pool with `lang`, keeping a few rendered pages ahead of the workers, not the whole
   * deck; the page's OCR job, when it got one.
   */
  const dispatch = async (n: number, planned: OcrPlan, lang: string): Promise<Promise<void> | undefined> => {
    // the thumbnail from the same drawing, scaled down: the page is drawn once
    const render = async () =>
      renderPage(doc, await doc.getPage(n), planned.dpi, options.thumbnails ? (canvas, w, h) => thumbnailOfCanvas(doc, canvas, w, h) : undefined);
    const image = await withTimeout(render(), timeoutMs, `page ${n}`).catch(asPageFailure);
    if (options.thumbnails) thumbnails.set(n, image && !(image instanceof Error) ? (image.also ?? null) : null);
    if (image === null) return void settle(n, abandonedOcr(planned, `rendering the page took longer than ${timeoutMs / 1000} s`));
    // a page that cannot be drawn (a font name pdf.js cannot hand to the canvas) costs that page's OCR only
    if (image instanceof Error) return void settle(n, unrenderable(planned, image.message));
    const pool = ocrService(options.ocrWorkers);
    const job: Promise<void> = pool
      .recognize({ image: image.image, dpi: Math.min(image.dpi, MAX_TESSERACT_DPI), lang, timeoutMs, label: `page ${n}` })
      .then((result) => {
        const { lines, confidence } = ocrLines(result, image.dpi);
        settle(n, { ...planned.base, lines, method: "ocr", ...(confidence !== undefined ? { confidence } : {}), reason: planned.reason });
      })
      .catch((err: unknown) => {
        // a page over the time limit is abandoned (the pool has terminated its worker); the deck goes on
        if (err instanceof DocumentError && err.code === "timeout") return settle(n, abandonedOcr(planned, `OCR took longer than ${timeoutMs / 1000} s`));
        if (err instanceof DocumentError && err.code !== "internal") return void (failure ??= err);
        // any other OCR failure keeps the text layer
        settle(n, { ...planned.base, lines: planned.textLayer, method: "text", reason: `${planned.reason}; OCR failed (${(err as Error).message})` });
      })
      .finally(() => pending.delete(job));
    pending.add(job);
    while (pending.size >= 2 * pool.size) await Promise.race(pending);
    if (failure) throw failure;
    return job;
  };
  // Pictures read apart: one OCR per distinct picture (by its pixels), the lines of each page's pictures, and on
  // which pages each picture is drawn (a picture on many pages is a logo or a background: its text is not kept).
  const readPictures = options.pictureOcr !== "never" && options.ocr !== "never";
  // a read that failed (over the time limit, under load) says so: the page's reason keeps the trace
  const pictureReads = new Map<string, Promise<{ lines: Line[]; lost?: string }>>();
  const picturesOf = new Map<number, { key: string; read: Promise<{ lines: Line[]; lost?: string }> }[]>();
  const pagesOfPicture = new Map<string, Set<number>>();
  // the deck's text so far says which one OCR model reads its pictures (two cost up to twice the time): judged
  // again only while the text grows, and no more once there is enough of it to say
  let deckText = "", judged: { length: number; lang: string } | undefined;
  const addText = (lines: Line[]) => {
    if (deckText.length < PICTURE_LANG_TEXT) deckText += `${lines.map((l) => l.text).join("\n")}\n`;
  };
  const deckLang = () => {
    if (judged?.length !== deckText.length) judged = { length: deckText.length, lang: pictureLang(deckText) };
    return judged.lang;
  };
  // The one OCR model the deck's pages are read with (two cost ~1.6× the CPU of one, and read Danish no better):
  // settled from the deck's text once there is enough of it to say, in page order (the text layer's, then the
  // text of pages OCR'd with both models while it is not), so that it does not depend on timing. Pages to OCR
  // wait for it; once it is settled they go to the pool as they come.
  let pageLang = options.lang;
  const waiting: [number, OcrPlan][] = [];
  const judgeLang = () => {
    pageLang ??= settledLang(deckText);
  };
  /** The pages waiting for the deck's language, sent to OCR once it is settled (in page order). */
  const flush = async () => {
    judgeLang();
    while (pageLang && waiting.length) await dispatch(...waiting.shift()!, pageLang);
  };
  const ocrPage = async (n: number, planned: OcrPlan) => {
    waiting.push([n, planned]);
    await flush();
  };
  /**
   * The pages still waiting once the deck is read, its text saying too little: read one at a time with both
   * models, their text added to the deck's, until it says which one the rest need (an image-only deck). A deck
   * whose pages still say too little after a few (diagrams, photos) has the rest read with both models at once,
   * on every OCR worker, as before the model was chosen per deck.
   */
  const readWaiting = async () => {
    await flush();
    let alone = 0;
    while (waiting.length && !pageLang) {
      if (alone++ === UNSETTLED_PAGES_ALONE) {
        pageLang = DEFAULT_LANG;
        await flush();
        return;
      }
      const [n, planned] = waiting.shift()!;
      await (await dispatch(n, planned, DEFAULT_LANG));
      if (failure) throw failure;
      if (pages[n - 1]?.method === "ocr") addText(pages[n - 1]!.lines);
      await flush();
    }
  };
  const readPicturesOf = async (n: number, page: PDFPageProxy, pictures: Picture[]) => {
    const lang = options.lang ?? deckLang();
    for (const picture of pictures) {
      const image = await withTimeout(pictureImage(page, picture.id), timeoutMs, `page ${n}`).catch(() => undefined);
      // judged on the pixels the texture looks at; only a picture that may hold text is converted whole
      // pdf.js may hand a smaller image than the operator list said (an icon drawn from a large file): checked again
      if (!image || !isLargeEnough({ ...picture, pixelsWide: image.width, pixelsHigh: image.height })) continue;
      const texture = pixelTexture(greyPixels(image, true), image.width, image.height);
      if (!mayHoldText(texture)) continue;
      const pixels = { grey: greyPixels(image), width: image.width, height: image.height };
      const key = createHash("sha1").update(pixels.grey).digest("hex");
      (pagesOfPicture.get(key) ?? pagesOfPicture.set(key, new Set()).get(key)!).add(n);
      let read = pictureReads.get(key);
      if (!read) {
        const pool = ocrService(options.ocrWorkers);
        const small = shrink(pixels.grey, pixels.width, pixels.height, ocrShrink(texture, pixels.width, pixels.height));
        const dpi = Math.min(MAX_TESSERACT_DPI, Math.max(70, (72 * small.width) / picture.width));
        const image = greyPgm(small.grey, small.width, small.height);
        // a picture is drawn upright: no straightening
        read = pool
          .recognize({ image, dpi, lang, timeoutMs, label: `page ${n}, a picture`, straighten: false })
          .then((result) => ({ lines: pictureLines(result, { ...picture, pixelsWide: small.width, pixelsHigh: small.height }) }))
          .catch((err: unknown) => ({ lines: [], lost: lostPicture(err, timeoutMs) }));
        pictureReads.set(key, read);
      }
      const placed = read.then(({ lines, lost }) => ({ lines: lines.map((l) => moveTo(l, picture)), ...(lost ? { lost } : {}) }));
      (picturesOf.get(n) ?? picturesOf.set(n, []).get(n)!).push({ key, read: placed });
      const job: Promise<void> = placed.then(() => void pending.delete(job));
      pending.add(job);
      while (pending.size >= 2 * ocrService(options.ocrWorkers).size) await Promise.race(pending);
    }
  };
  try {
    const info = await readInfo(doc);
    // Text pages without æ/ø/å, too short to judge alone: a wrong-language OCR layer elsewhere in the deck
    // says how they were made.
    const undecided: number[] = [];
    // Pages whose layer reads as Danish without æ/ø/å: OCR'd once the whole deck is read, unless the deck is
    // Norwegian or Swedish (a short page of either, without its letters, looks like damaged Danish).
    const wrongLanguage: [number, OcrPlan][] = [];
    const layerWords: string[] = [];
    // the next page's text layer is read while this one's lines are assembled
    let next = readPage(doc, 1);
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.signal?.aborted) throw new DocumentError("timeout", "extraction was cancelled");
      const current = next;
      if (n < doc.numPages) next = readPage(doc, n + 1);
      const planned = await withTimeout(planPage(doc, n, options, current), timeoutMs, `page ${n}`).catch(asPageFailure);
      // the page's decoded pictures and fonts are let go once it is read (a long deck of pictures held them all)
      const release = () => void current.then((r) => r.page?.cleanup()).catch(() => {});
      if (planned === null) {
        if (options.thumbnails) thumbnails.set(n, null);
        settle(n, { page: n, lines: [], method: "text", reason: `abandoned: reading the page took longer than ${timeoutMs / 1000} s` });
        continue;
      }
      if (planned instanceof Error) {
        // its pictures or drawing could not be read: the page keeps its text layer, with the reason
        const { layer } = await current;
        // its drawing unread: a text layer kept is born-digital (isBornDigital)
        settle(n, { page: n, lines: layer ? assembleLines(layer.runs) : [], method: "text", ...(layer ? { bornDigital: true } : {}), reason: `damaged page (${planned.message}); kept the text layer` });
        continue;
      }
      if ("page" in planned) {
        addText(planned.page.lines);
        await flush();
        if (readPictures && planned.pictures?.length && planned.pdfPage) await readPicturesOf(n, planned.pdfPage, planned.pictures);
        // drawn before the page is let go: its fonts, and what reading it parsed, are drawn from memory
        if (options.thumbnails) {
          await encoding;
          const drawn = await withTimeout(thumbnailOf(doc, current), timeoutMs, `page ${n}`).catch(() => null);
          const bytes = drawn ? drawn.bytes.catch(() => null) : null;
          thumbnails.set(n, bytes);
          encoding = bytes ?? undefined;
        }
        release();
        if (options.ocr !== "never" && !planned.page.reason && lacksDanishLetters(planned.page.lines)) {
          pages[n - 1] = planned.page;
          undecided.push(n);
        } else {
          settle(n, planned.page);
        }
        continue;
      }
      release();
      if (planned.reason.startsWith("wrong-language")) {
        wrongLanguage.push([n, planned]);
        for (const l of planned.textLayer) layerWords.push(...lowerWords(l.text));
        continue;
      }
      await ocrPage(n, planned);
    }
    if (wrongLanguage.length) for (const p of pages) if (p?.method === "text") for (const l of p.lines) if (l.role !== "picture_text") layerWords.push(...lowerWords(l.text));
    const otherNordic = wrongLanguage.length > 0 && isOtherScandinavian(layerWords);
    for (const [n, planned] of wrongLanguage) {
      if (otherNordic) settle(n, { ...planned.base, lines: planned.textLayer, method: "text", ...(planned.bornDigital ? { bornDigital: true } : {}) });
      else await ocrPage(n, planned);
    }
    for (const n of undecided) {
      // reading the page's pictures again over the limit: the page keeps its text layer
      const planned = wrongLanguage.length && !otherNordic ? await withTimeout(planLikeDeck(doc, n, pages[n - 1]!, options), timeoutMs, `page ${n}`).catch(asPageFailure) : undefined;
      if (planned === null) settle(n, { ...pages[n - 1]!, reason: `abandoned: reading the page took longer than ${timeoutMs / 1000} s; kept the text layer` });
      else if (planned instanceof Error) settle(n, { ...pages[n - 1]!, reason: `damaged page (${planned.message}); kept the text layer` });
      else if (planned) await ocrPage(n, planned);
      else settle(n, pages[n - 1]!);
    }
    await readWaiting();
    // the pages not drawn yet (waiting on the deck's language, failed), while the OCR pool works on the last pages
    const thumbs = options.thumbnails ? await deckThumbnails(doc, thumbnails, (work, label) => withTimeout(work, timeoutMs, label)) : undefined;
    await Promise.all(pending);
    if (failure) throw failure;
    for (const [n, reads] of picturesOf) {
      const page = pages[n - 1]!;
      if (page.method !== "text") continue;
      const lost: string[] = [];
      for (const { key, read } of reads) {
        const on = pagesOfPicture.get(key)!.size;
        if (on >= 3 && on >= 0.3 * pages.length) continue;
        const { lines, lost: why } = await read;
        page.lines.push(...lines);
        if (why) lost.push(why);
      }
      if (lost.length) pages[n - 1] = { ...page, reason: [page.reason, ...new Set(lost)].filter(Boolean).join("; ") };
    }
    // nothing read and pages abandoned: the deck timed out rather than being empty
    const abandoned = pages.filter((p) => p.reason?.startsWith("abandoned:"));
    if (abandoned.length && pages.every((p) => p.lines.length === 0)) {
      throw new DocumentError("timeout", abandoned.map((p) => `page ${p.page}: ${p.reason!.replace(/^abandoned: /, "")}`).join("; "));
    }
    // nothing read and pages damaged (a page tree that loops, objects nested past any limit): corrupt, not empty
    const damaged = pages.filter((p) => p.reason?.startsWith("damaged "));
    if (damaged.length && pages.every((p) => p.lines.length === 0)) {
      throw new DocumentError("corrupt", `the PDF is damaged: ${damaged.slice(0, 3).map((p) => `page ${p.page}: ${p.reason}`).join("; ")}`);
    }
    if (isCutShort(doc)) markCutShort(pages);
    return { format: "pdf", pages, ...(info ? { info } : {}), ...(thumbs ? { thumbnails: thumbs } : {}) };
  } catch (err) {
    throw toDocumentError(err);
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/** A page's thumbnail, drawn from the page as read, its bytes to come (null when it could not be read). */
async function thumbnailOf(doc: PDFDocumentProxy, read: Promise<PageRead>): Promise<{ bytes: Promise<Uint8Array> } | null> {
  const { page } = await read;
  return page ? drawThumbnail(doc, page) : null;
}

/** Pages of a file cut short: nothing read anywhere is an error; a page with no lines may have lost them. */
function markCutShort(pages: Page[]): void {
  if (pages.every((p) => p.lines.length === 0)) throw new DocumentError("corrupt", `the PDF is damaged: no text before the cut; ${CUT_SHORT}`);
  for (const p of pages) if (!p.lines.length) p.reason = `${p.reason ? `${p.reason}; ` : ""}its content may be lost: ${CUT_SHORT}`;
}

/**
 * A failure of one page's work: a timeout as null (the page is abandoned), any other error but a document's
 * (a wrong password) as the error, so the page, not the deck, pays for it.
 */
function asPageFailure(err: unknown): null | Error {
  if (err instanceof DocumentError && err.code === "timeout") return null;
  if (err instanceof DocumentError) throw err;
  return err instanceof Error ? err : new Error(String(err));
}

/** Why a picture's text is missing from its page: its OCR ran over the limit or failed. */
function lostPicture(err: unknown, timeoutMs: number): string {
  if (err instanceof DocumentError && err.code === "timeout") return `a picture's OCR took longer than ${timeoutMs / 1000} s: its text is missing`;
  return `a picture's OCR failed (${err instanceof Error ? err.message : String(err)}): its text is missing`;
}

/** A page whose OCR ran over the limit: its text layer if it has one (even a bad one beats nothing), else no lines. */
function abandonedOcr(planned: OcrPlan, what: string): Page {
  const why = `abandoned: ${what} (OCR'd for: ${planned.reason})`;
  return planned.textLayer.length
    ? { ...planned.base, lines: planned.textLayer, method: "text", reason: `${why}; kept the text layer` }
    : { ...planned.base, lines: [], method: "ocr", reason: why };
}

/** A page that could not be drawn for OCR: its text layer if it has one, else a damaged page with no lines. */
function unrenderable(planned: OcrPlan, message: string): Page {
  return planned.textLayer.length
    ? { ...planned.base, lines: planned.textLayer, method: "text", reason: `the page could not be rendered for OCR (${message}); kept the text layer (OCR'd for: ${planned.reason})` }
    : { ...planned.base, lines: [], method: "text", reason: `damaged page: it could not be rendered for OCR (${message})` };
}

function lacksDanishLetters(lines: Line[]): boolean {
  const text = lines.map((l) => l.text).join(" ");
  return /\p{L}/u.test(text) && !DANISH_LETTER.test(text);
}

/** A page of a deck with a wrong-language OCR layer elsewhere: OCR it too if it is a picture with a text layer. */
async function planLikeDeck(doc: PDFDocumentProxy, n: number, kept: Page, options: ExtractOptions): Promise<OcrPlan | undefined> {
  const page = await doc.getPage(n);
  const pictures = await pictureStats(page);
  if (pictures.pictureArea < 0.3) return undefined;
  const { lines, method: _method, bornDigital: _bornDigital, ...base } = kept;
  const dpi = options.ocrDpi ?? ocrDpiFor(pictures, { width: base.width ?? 0, height: base.height ?? 0 }, smallestTextSize(lines));
  return { dpi, base, reason: "wrong-language OCR layer (no æ/ø/å, like other pages of the deck)", textLayer: lines };
}

/**
 * A text layer a program wrote from the page's content, not an OCR program's: at most half of its text drawn
 * invisibly (render mode 3, the way OCR tools lay their text over a scan). Its lines may hold code, URLs and file
 * names that look like OCR debris, so segmentation keeps them. A page kept from its text layer whose drawing was
 * not read (`--ocr never`, `--picture-ocr never` on a page with text enough, a damaged drawing) is born-digital
 * whatever the OCR flags: only a drawing read and seen to be mostly invisible text says otherwise.
 */
function isBornDigital(pictures: PictureStats | undefined): boolean {
  return !pictures || pictures.invisibleText <= 0.5;
}

/** A page and its text layer, or why they could not be read. Never rejects, so it can be started early. */
interface PageRead {
  page?: PDFPageProxy;
  layer?: TextLayer;
  error?: Error;
}

function readPage(doc: PDFDocumentProxy, n: number): Promise<PageRead> {
  return doc.getPage(n).then(
    (page) => readTextLayer(page).then((layer) => ({ page, layer }), (error: Error) => ({ page, error })),
    (error: Error) => ({ error }),
  );
}

async function planPage(doc: PDFDocumentProxy, n: number, options: ExtractOptions, read: Promise<PageRead>): Promise<Planned> {
  const { page, layer, error } = await read;
  if (!page) return { page: { page: n, lines: [], method: "text", reason: `damaged page (${error?.message})` } };
  let lines: Line[] = [], width: number, height: number;
  if (layer) {
    lines = assembleLines(layer.runs);
    ({ width, height } = layer);
  } else {
    ({ width, height } = page.getViewport({ scale: 1 }));
    if (options.ocr === "never") return { page: { page: n, lines: [], method: "text", reason: `damaged text layer (${error?.message})` } };
  }
  const base = { page: n, width: Math.round(width), height: Math.round(height) };
  const mode = options.ocr ?? "auto";
  if (mode === "never") return { page: { ...base, lines, method: "text", bornDigital: true } };
  const text = lines.map((l) => l.text).join("\n");
  const readPictures = options.pictureOcr !== "never";
  let pictures: PictureStats | undefined;
  let reason = mode === "always" ? "forced (--ocr always)" : textLayerProblem(text, options.danishDamage);
  if (!reason && (readPictures || isScarce(text))) reason = inkProblem(text, (pictures = await pictureStats(page)));
  if (!reason) {
    const candidates = readPictures ? pictures!.pictures.filter(isLargeEnough) : [];
    const born = isBornDigital(pictures) ? { bornDigital: true } : {};
    return { page: { ...base, lines, method: "text", ...born }, ...(candidates.length ? { pictures: candidates, pdfPage: page } : {}) };
  }
  pictures ??= await pictureStats(page);
  if (pictures.blank) return { page: { ...base, lines, method: "text", reason: "blank page" } };
  const dpi = options.ocrDpi ?? ocrDpiFor(pictures, base, smallestTextSize(lines));
  return { dpi, base, reason, textLayer: lines, ...(isBornDigital(pictures) ? { bornDigital: true } : {}) };
}

/**
 * The resolution of the page's main picture (drawing a picture above its own pixels only costs OCR time), at
 * least enough for 1600 pixels on the page's long side (or 150 dpi) so small pictures are enlarged. A page without
 * such a picture: enough for its smallest text (`smallestText`, in points, from its text layer) to be TEXT_EM_PX
 * pixels high, within the same bounds; the most when its text size is not known. The most is counted in pixels
 * on the long side, not in inches, as the text is sized with the page: SLIDE_LONG_PX for a landscape page (a
 * slide), DOCUMENT_LONG_PX for a portrait one (a document's smaller text), whatever the page's size in inches.
 */
export function ocrDpiFor(
  pictures: Pick<PictureStats, "pictureArea" | "pictureDpi">,
  page: { width: number; height: number },
  smallestText?: number,
): number {
  const long = Math.max(page.width, page.height, 1);
  const ceiling = ((page.width > page.height ? SLIDE_LONG_PX : DOCUMENT_LONG_PX) * 72) / long;
  const floor = Math.min(150, (1600 * 72) / long);
  if (pictures.pictureArea >= 0.3 && pictures.pictureDpi) return Math.round(Math.min(ceiling, Math.max(floor, pictures.pictureDpi)));
  if (!smallestText || !(smallestText > 0)) return Math.round(ceiling);
  return Math.round(Math.min(ceiling, Math.max(floor, (72 * TEXT_EM_PX) / smallestText)));
}

/**
 * Pixels on the long side a slide is read at, at most: 240 dpi on a 10-inch slide, where its 8-point text is 27
 * pixels per em (tesseract reads 15). On real decks, pages drawn at 300 dpi (3000 pixels) read the same words at
 * this size for 15-40% less OCR time and memory; at 2000 pixels a slide's small file names began to go wrong.
 */
const SLIDE_LONG_PX = 2400;
/** … and a portrait page (a document, a scan of one): 256 dpi on A4, 8-point text 28 pixels per em. */
const DOCUMENT_LONG_PX = 3000;

/**
 * Pixels per em the smallest text of a page is rendered at for OCR: about 14 pixels of x-height, where tesseract
 * reads rendered text as well as at 300 dpi (bench/ocr-resolution.bench.js: every word of generated slides' 10 pt
 * footers read at 15 pixels per em, 110 dpi), at about two thirds of the CPU time.
 */
const TEXT_EM_PX = 28;

/** The size in points of the smallest text of a page's text layer (lines with two letters or more), if any. */
export function smallestTextSize(lines: Line[]): number | undefined {
  let smallest: number | undefined;
  for (const line of lines) {
    const size = line.fontSize;
    if (size && size > 0 && /\p{L}.*\p{L}/su.test(line.text) && !(size >= (smallest ?? Infinity))) smallest = size;
  }
  return smallest;
}

/** A line read in a picture (placed in the box of the picture first read with those pixels) moved to `picture`. */
function moveTo(line: Line, picture: Picture): Line {
  const from = line.box!;
  const sx = picture.width / (from.width || 1), sy = picture.height / (from.height || 1);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    ...line,
    x: r(picture.x + (line.x! - from.x) * sx),
    y: r(picture.y + (line.y! - from.y) * sy),
    width: r(line.width! * sx),
    fontSize: r(line.fontSize! * sy),
    box: { x: r(picture.x), y: r(picture.y), width: r(picture.width), height: r(picture.height) },
  };
}

async function readInfo(doc: PDFDocumentProxy): Promise<ExtractedDocument["info"]> {
  try {
    const { info } = (await doc.getMetadata()) as unknown as { info?: Record<string, unknown> };
    const field = (k: string) => (typeof info?.[k] === "string" && (info[k] as string).trim() ? (info[k] as string).trim() : undefined);
    const title = field("Title"), author = field("Author");
    // `D:YYYYMMDDHHmmSS…`: the date is enough
    const m = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(field("CreationDate") ?? "");
    const created = m && Number(m[1]) > 1990 && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
    return title || author || created ? { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(created ? { created } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DocumentError("timeout", `${label}: took longer than ${ms / 1000} s and was abandoned`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
