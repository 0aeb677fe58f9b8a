// Opening a PDF with pdf.js: the bytes in, a document out, or a DocumentError saying why not.
// pdf.js runs with no network and no font loading (pdf.js 5 has no eval path left: its `isEvalSupported`
// option is gone); its font, CMap and image-decoder data come from the pdfjs-dist package on disk.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";
import { DocumentError } from "../types.ts";

export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type { PDFDocumentProxy };

let pdfjsModule: Promise<PdfJs> | undefined;

/** pdf.js, loaded on first use (the text-only CLI never pays for it). */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsModule;
}

const packageDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const dataDir = (name: string) => join(packageDir, name) + "/";

/** The bytes must start like a PDF (pdf.js itself accepts the header anywhere in the first 1 KiB). */
export function checkPdfBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new DocumentError("empty", "the file is empty (0 bytes)");
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) throw new DocumentError("not_pdf", "the file is not a PDF (no %PDF- header)");
}

export interface OpenOptions {
  password?: string;
  /**
   * Load the standard fonts' programs (default true): needed to draw text in the 14 standard fonts, not to read
   * it (their widths are built into pdf.js). Without them opening a small deck costs a third (5-page deck:
   * 4-5 ms instead of 12-15), so the text layer is read without and pages are rendered from a second copy.
   */
  standardFonts?: boolean;
}

export async function openPdf(bytes: Uint8Array, options: OpenOptions = {}): Promise<PDFDocumentProxy> {
  checkPdfBytes(bytes);
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js may detach the buffer it is given
    ...(options.password !== undefined ? { password: options.password } : {}),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
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
    throw toDocumentError(err, options.password !== undefined);
  }
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
