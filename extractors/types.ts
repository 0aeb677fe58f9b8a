// What every extractor returns: pages (slides) of lines, with layout where the format has it.
import type { ErrorCode, ExtractionMethod } from "../model/schema.ts";

export interface Line {
  text: string;
  /** Font size in points (PDF), when known. */
  fontSize?: number;
  /** Left edge and baseline, in points from the page's top-left corner (PDF), when known. */
  x?: number;
  y?: number;
  width?: number;
  /** Text items on the line with their x positions, so tables can be rebuilt from columns (PDF). */
  cells?: { text: string; x: number; width: number }[];
  /**
   * What the source format says the line is, when it knows (a PPTX/ODP title placeholder, speaker notes, a table
   * cell); segmentation trusts it over its layout rules. Absent for PDF and plain text.
   */
  role?: LineRole;
  /** Outline level of a bullet paragraph, 0 = top (PPTX `a:pPr lvl`), when the format says. */
  level?: number;
}

export type LineRole = "title" | "subtitle" | "body" | "notes" | "table" | "footer" | "picture";

export interface Page {
  /** 1-based. */
  page: number;
  lines: Line[];
  method: ExtractionMethod;
  /** OCR mean word confidence, 0..1. */
  confidence?: number;
  /** Why the method was chosen (e.g. "no text layer", "wrong-language OCR layer"). */
  reason?: string;
  /** The slide is hidden in the source (PPTX, ODP). */
  hidden?: boolean;
  width?: number;
  height?: number;
}

export interface ExtractedDocument {
  format: "text" | "pdf" | "pptx" | "odp" | "markdown";
  pages: Page[];
  encoding?: string;
  /** Document metadata the format carries (PDF info dictionary). */
  info?: { title?: string; author?: string };
  /**
   * What the file states in its own property fields (PPTX `docProps`, ODP `meta.xml`, Markdown front matter),
   * template defaults already left out: trusted over what segmentation reads from the first slide.
   */
  stated?: { title?: string; author?: string; date?: string; organisation?: string };
}

export interface ExtractOptions {
  ocr?: "auto" | "always" | "never";
  /** Tesseract languages, e.g. "dan+eng". */
  lang?: string;
  password?: string;
  /** Per-page time limit in ms. */
  pageTimeoutMs?: number;
  /** OCR workers in this thread's pool (default: the number of cores); fixed when the pool is first created. */
  ocrWorkers?: number;
  /** Render resolution for OCR (default: the resolution of the page's picture, 150-300 dpi, else 300). */
  ocrDpi?: number;
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

export interface Extractor {
  format: ExtractedDocument["format"];
  /** Lower-case file extensions with the dot. */
  extensions: string[];
  extract(bytes: Uint8Array, path: string, options: ExtractOptions): Promise<ExtractedDocument>;
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
