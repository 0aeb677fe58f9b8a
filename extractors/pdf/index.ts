// The PDF extractor as the registry sees it: its extension, with the extraction itself (pdf.js, the OCR pool,
// the page decisions that load the language tools) imported on first use. Listing the supported extensions,
// as every ingest does to find its inputs, then costs nothing, and a nightly run with nothing new to read
// never loads them.
import type { Extractor, ExtractOptions, ExtractedDocument } from "../types.ts";

let loaded: Promise<typeof import("./extract.ts")> | undefined;
const load = () => (loaded ??= import("./extract.ts"));

/** Reads a PDF's pages: the text layer, or OCR where the layer is missing or bad (see extract.ts). */
export async function extractPdf(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  return (await load()).extractPdf(bytes, options);
}

/** Ends the OCR workers, if any were started. */
export async function shutdownOcr(): Promise<void> {
  if (loaded) await (await loaded).shutdownOcr();
}

export const pdfExtractor: Extractor = {
  format: "pdf",
  extensions: [".pdf"],
  extract: (bytes, _path, options) => extractPdf(bytes, options),
  shutdown: shutdownOcr,
  thumbnails: true,
  settingsStamp: ({ ocr, pictureOcr, lang, ocrDpi }) => ({
    ...(ocr && ocr !== "auto" ? { ocr } : {}),
    ...(pictureOcr && pictureOcr !== "auto" ? { pictureOcr } : {}),
    ...(lang && lang !== "dan+eng" ? { lang } : {}),
    ...(ocrDpi ? { ocrDpi } : {}),
  }),
  retryFailed: ({ password }) => password !== undefined,
};
