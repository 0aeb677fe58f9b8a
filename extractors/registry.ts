// Which extractor reads which file, by extension. New formats register here.
import { extname } from "node:path";
import type { Extractor } from "./types.ts";
import { pdfExtractor } from "./pdf/index.ts";
import { textExtractor } from "./text/index.ts";
import { pptxExtractor } from "./pptx/index.ts";
import { legacyExtractor } from "./legacy.ts";
import { odpExtractor } from "./odp/index.ts";
import { markdownExtractor } from "./markdown/index.ts";

const extractors: Extractor[] = [textExtractor, pdfExtractor, pptxExtractor, odpExtractor, markdownExtractor, legacyExtractor];

export function registerExtractor(extractor: Extractor): void {
  extractors.unshift(extractor);
}

export function extractorFor(path: string): Extractor | undefined {
  const ext = extname(path).toLowerCase();
  return extractors.find((e) => e.extensions.includes(ext));
}

/** Ends every extractor's background resources (OCR workers), so the process can exit. */
export async function shutdownExtractors(): Promise<void> {
  await Promise.all(extractors.map((e) => e.shutdown?.()));
}

export function supportedExtensions(): string[] {
  return [...new Set(extractors.flatMap((e) => e.extensions))];
}
