// Which extractor reads which file, by extension. New formats register here.
import { extname } from "node:path";
import type { Extractor } from "./types.ts";
import { textExtractor } from "./text/index.ts";

const extractors: Extractor[] = [textExtractor];

export function registerExtractor(extractor: Extractor): void {
  extractors.unshift(extractor);
}

export function extractorFor(path: string): Extractor | undefined {
  const ext = extname(path).toLowerCase();
  return extractors.find((e) => e.extensions.includes(ext));
}

export function supportedExtensions(): string[] {
  return [...new Set(extractors.flatMap((e) => e.extensions))];
}
