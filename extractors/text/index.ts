// Plain-text decks: decode, then split into slides.
import type { Extractor } from "../types.ts";
import { DocumentError } from "../types.ts";
import { decodeText } from "./decode.ts";
import { splitSlides } from "./split-slides.ts";

export const textExtractor: Extractor = {
  format: "text",
  extensions: [".txt", ".text"],
  async extract(bytes) {
    const { text, encoding } = decodeText(bytes);
    const slides = splitSlides(text);
    if (slides.length === 0) throw new DocumentError("empty", "the file has no text");
    return {
      format: "text",
      encoding,
      pages: slides.map((s, i) => ({ page: i + 1, method: "text", lines: s.split("\n").map((text) => ({ text })) })),
    };
  },
};
