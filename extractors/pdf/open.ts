// Opening a PDF with pdf.js: the bytes in, a document out, or a DocumentError saying why not.
// pdf.js runs with no network and no font loading (pdf.js 5 has no eval path left: its `isEvalSupported`
// option is gone); its font, CMap and image-decoder data come from the pdfjs-dist package on disk.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";
import { DocumentError } from "../types.ts";
import { deferCanvas } from "./lazy-canvas.ts";

export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type { PDFDocumentProxy };

let pdfjsModule: Promise<PdfJs> | undefined;

/** pdf.js, loaded on first use (the text-only CLI never pays for it). */
export function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjsModule) {
    ignoreStrayPdfJsRejections();
    deferCanvas();
    pdfjsModule = import("pdfjs-dist/legacy/build/pdf.mjs");
  }
  return pdfjsModule;
}

/** The exceptions pdf.js's parser throws (its `BaseException` subclasses, told apart by name). */
const PDFJS_EXCEPTIONS = new Set([
  "XRefEntryException", "XRefParseException", "FormatError", "MissingDataException", "ParserEOFException",
  "InvalidPDFException", "PasswordException", "UnknownErrorException", "ResponseException", "AbortException",
]);

/**
 * On some damaged files (page objects lost behind broken streams) pdf.js fetches page objects ahead, caches the
 * promises, then drops the cache while it rebuilds the cross-reference table: their rejections are never
 * handled, and Node ends the process on an unhandled rejection, killing the batch for a file whose failure
 * was already handled. Those rejections are ignored. Any other gets what Node would do with no listener (its
 * `--unhandled-rejections` mode: throw by default, warn, or nothing), unless the application listens for them
 * itself. Installed once per thread (globalThis), however many copies of this module are loaded.
 */
function ignoreStrayPdfJsRejections(): void {
  const installed = Symbol.for("slidecorpus.ignoreStrayPdfJsRejections");
  const global = globalThis as Record<symbol, unknown>;
  if (global[installed]) return;
  global[installed] = true;
  process.on("unhandledRejection", (reason) => {
    if (reason instanceof Error && PDFJS_EXCEPTIONS.has(reason.name)) return;
    if (process.listenerCount("unhandledRejection") > 1) return;
    const mode = unhandledRejectionsMode();
    if (mode === "none") return;
    if (mode === "warn" || mode === "warn-with-error-code") {
      process.emitWarning(`Unhandled promise rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
      if (mode === "warn-with-error-code") process.exitCode = 1;
      return;
    }
    throw reason;
  });
}

/** Node's `--unhandled-rejections` mode, from the process's flags or NODE_OPTIONS (default `throw`). */
function unhandledRejectionsMode(): string {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  for (const flag of flags) {
    const m = /^--unhandled-rejections=(\S+)$/.exec(flag);
    if (m) return m[1]!;
  }
  return "throw";
}

const packageDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const dataDir = (name: string) => join(packageDir, name) + "/";

/** How far into a file the `%PDF-` header is looked for (mail gateways and web servers prepend headers). */
const HEADER_SEARCH = 64 * 1024;

/**
 * The PDF in the bytes: from its `%PDF-` header on, wherever in the first 64 KiB it is (pdf.js itself looks
 * only in the first 1 KiB; offsets in a PDF count from its header). Not a PDF: what it looks like instead.
 */
export function checkPdfBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) throw new DocumentError("empty", "the file is empty (0 bytes)");
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_SEARCH)).toString("latin1");
  const at = head.indexOf("%PDF-");
  if (at < 0) throw new DocumentError("not_pdf", `the file is not a PDF (no %PDF- header${lookalike(head)})`);
  return at === 0 ? bytes : bytes.subarray(at);
}

/** The common files that end up named .pdf: what a file starting with `head` looks like, if one of them. */
function lookalike(head: string): string {
  const text = head.slice(0, 512).trimStart().toLowerCase();
  const kinds: [boolean, string][] = [
    [head.startsWith("PK\x03\x04"), "a ZIP archive, such as a .pptx or .docx"],
    [head.startsWith("\xd0\xcf\x11\xe0"), "an old Office file, such as a .ppt or .doc"],
    [/^(<!doctype html|<html|<head|<body)/.test(text), "an HTML page, such as a download's error page"],
    [head.startsWith("\xff\xd8\xff"), "a JPEG picture"],
    [head.startsWith("\x89PNG"), "a PNG picture"],
    [text.startsWith("{\\rtf"), "an RTF document"],
    [text.startsWith("%!ps"), "a PostScript file"],
  ];
  const kind = kinds.find(([matches]) => matches)?.[1];
  return kind ? `; it looks like ${kind}` : "";
}

export interface OpenOptions {
  password?: string;
  /**
   * Load the standard fonts' programs (default true): needed to draw text in the 14 standard fonts, not to read
   * it (their widths are built into pdf.js). Without them opening a small deck costs a third (5-page deck:
   * 4-5 ms instead of 12-15): a run that draws no page (no OCR, no thumbnails) opens without them.
   */
  standardFonts?: boolean;
  /**
   * Decode the pages' pictures (default true). Without them (a run that draws no page and reads no picture) a
   * page's operator list, read only for its fonts' names (text-layer.ts), costs no picture decoding: pdf.js
   * leaves every picture out of it, as it does one over MAX_IMAGE_PIXELS. Text is read the same.
   */
  pictures?: boolean;
}

export async function openPdf(bytes: Uint8Array, options: OpenOptions = {}): Promise<PDFDocumentProxy> {
  const pdf = checkPdfBytes(bytes);
  try {
    return await openWithPdfJs(pdf, options);
  } catch (err) {
    const error = toDocumentError(err, options.password !== undefined);
    if (error.code !== "corrupt" || !cutShort(pdf)) throw error;
    // A file cut short lost its cross-reference table and trailer, which pdf.js needs to find the catalog
    // even when rebuilding the table; the pages before the cut are often whole. Given a trailer, it reads them.
    const mended = withTrailer(pdf);
    if (mended) {
      const doc = await openWithPdfJs(mended, options).catch(() => undefined);
      if (doc) return (cutShortDocs.add(doc), doc);
    }
    throw new DocumentError("corrupt", `${error.message}; ${CUT_SHORT}`, { cause: err });
  }
}

export const CUT_SHORT = "the file ends before its %%EOF marker: it was probably cut short (an interrupted download or copy)";
const cutShortDocs = new WeakSet<PDFDocumentProxy>();

/** The document was read from a file cut short: pages past the cut are lost or damaged. */
export function isCutShort(doc: PDFDocumentProxy): boolean {
  return cutShortDocs.has(doc);
}

/** Largest picture decoded, in pixels: 100 megapixels (an A3 scan at 600 dpi is 70). */
export const MAX_IMAGE_PIXELS = 100_000_000;

async function openWithPdfJs(pdf: Uint8Array, options: OpenOptions): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(pdf), // pdf.js may detach the buffer it is given
    ...(options.password !== undefined ? { password: options.password } : {}),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // a picture declaring more pixels is not decoded (a page of text beside a 100000×100000 picture keeps its text)
    maxImageSize: options.pictures === false ? 0 : MAX_IMAGE_PIXELS,
    ...(options.standardFonts !== false ? { standardFontDataUrl: dataDir("standard_fonts") } : {}),
    cMapUrl: dataDir("cmaps"),
    cMapPacked: true,
    wasmUrl: dataDir("wasm"),
    iccUrl: dataDir("iccs"),
  });
  try {
    const doc = await task.promise;
    if (doc.numPages === 0) throw new DocumentError("empty", "the PDF has no pages");
    return doc;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw err;
  }
}

/** The bytes with a trailer naming the last catalog object in them as the root, or undefined if none is. */
export function withTrailer(pdf: Uint8Array): Uint8Array | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).toString("latin1");
  for (let at = text.lastIndexOf("/Catalog"); at >= 0; at = text.lastIndexOf("/Catalog", at - 1)) {
    const before = text.slice(Math.max(0, at - 400), at);
    const obj = [...before.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)].pop();
    if (!obj || !/\/Type\s*$/.test(before)) continue;
    // close whatever object the cut left open, then the trailer
    const trailer = `\nendstream\nendobj\ntrailer\n<< /Root ${obj[1]} ${obj[2]} R >>\n%%EOF\n`;
    return new Uint8Array(Buffer.concat([Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length), Buffer.from(trailer, "latin1")]));
  }
  return undefined;
}

/** No `%%EOF` near the end: a truncated file (a PDF ends with one, give or take trailing bytes). */
function cutShort(pdf: Uint8Array): boolean {
  const tail = Buffer.from(pdf.buffer, pdf.byteOffset + Math.max(0, pdf.length - 2048), Math.min(pdf.length, 2048)).toString("latin1");
  return !tail.includes("%%EOF");
}

export function toDocumentError(err: unknown, passwordGiven = false): DocumentError {
  if (err instanceof DocumentError) return err;
  const e = err as { name?: string; message?: string; code?: number };
  if (e?.name === "PasswordException") {
    return new DocumentError(
      "encrypted",
      passwordGiven ? "the PDF is encrypted and the password is wrong" : "the PDF is encrypted: give its password with --password",
      { cause: err },
    );
  }
  const message = e?.message ?? String(err);
  return new DocumentError("corrupt", `the PDF is damaged and cannot be read (${message})`, { cause: err });
}
