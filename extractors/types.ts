// The extractor seam: what an extractor is, the options it takes, and how a document fails. What it returns
// (pages of lines, with layout where the format has it) is the model's (model/document.ts).
import type { ErrorCode } from "../model/schema.ts";
import type { ExtractedDocument, Page } from "../model/document.ts";

export type { Line, LineRole, Page, ExtractedDocument } from "../model/document.ts";

export interface ExtractOptions {
  ocr?: "auto" | "always" | "never";
  /** Pictures on pages that keep their text layer: OCR'd on their own when they may hold text (default auto). */
  pictureOcr?: "auto" | "never";
  /** Tesseract languages, e.g. "dan+eng". */
  lang?: string;
  password?: string;
  /** Per-page time limit in ms. */
  pageTimeoutMs?: number;
  /** OCR workers in this thread's pool (default: the number of cores); fixed when the pool is first created. */
  ocrWorkers?: number;
  /** Render resolution for OCR (default: the resolution of the page's picture or its smallest text, from 150 dpi to 2400 pixels on a slide's long side). */
  ocrDpi?: number;
  /**
   * Make a thumbnail of each page (about 320 px wide) where the format can (`Extractor.thumbnails`). They change
   * no record, so they are in no settings stamp.
   */
  thumbnails?: boolean;
  signal?: AbortSignal;
  /**
   * The language check for a text layer that may be Danish read by an OCR without Danish (words that are Danish
   * only with æ/ø/å read back in). The pipeline passes the normalizers' `detectDanishDamage`; without it, only
   * the extractor's own word lists judge such a layer.
   */
  danishDamage?: (text: string) => { damaged: boolean; broken: number };
  /** Called after each page, for progress reporting. */
  onPage?: (page: Page) => void;
}

/** The extract options that are plain data (no signal, no callbacks): what a run's settings can hold. */
export type ExtractSettings = Omit<ExtractOptions, "signal" | "onPage" | "danishDamage">;

export interface Extractor {
  format: ExtractedDocument["format"];
  /** Lower-case file extensions with the dot. */
  extensions: string[];
  extract(bytes: Uint8Array, path: string, options: ExtractOptions): Promise<ExtractedDocument>;
  /**
   * The settings that change this format's output when they are not the defaults (for PDF: the OCR mode,
   * languages and resolution), as a small object. They go into the version a deck is stamped with, so a run
   * with other settings reprocesses the decks of this format, and only those. Absent: no such settings.
   */
  settingsStamp?(settings: ExtractSettings): Record<string, unknown>;
  /**
   * Whether a document of this format that failed is worth another try although unchanged, under these
   * settings (a PDF, once a password is given: it may have failed for want of one).
   */
  retryFailed?(settings: ExtractSettings): boolean;
  /**
   * Whether it makes thumbnails when the options ask for them (PDF: every page; PPTX and ODP: the slides that are
   * pictures, an empty list for a deck without one, so that the deck counts as having its thumbnails).
   */
  thumbnails?: boolean;
  /** Releases what the extractor keeps between documents (the PDF extractor's OCR workers). */
  shutdown?(): Promise<void>;
}

/** A failure of one document: a code for programs, a message for people. Never crashes the batch. */
export class DocumentError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DocumentError";
    this.code = code;
  }
}
