// Splitting text into words with their offsets. Two readings of what a word is: `tokenize` takes runs of
// letters and digits (clean text: the tagger, the search index, key terms); `tokenizeOcr` reads text an
// English OCR made of Danish, where `@` and `¢` stand for ø and a `0` inside a word for o or ø (the Danish repair).

/** A word of a text and where it stands. */
export interface Token {
  /** The word as it appears in the text. */
  text: string;
  /** UTF-16 offset of the word in the text. */
  start: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words (runs of letters and digits) with their offsets; punctuation and hyphens separate words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ text: m[0], start: m.index });
  return tokens;
}

/** A word of OCR'd text: where it starts and ends. */
export interface OcrToken extends Token {
  /** UTF-16 offset just past the word. */
  end: number;
}

const OCR_WORD = /(?:[\p{L}@]|¢(?=\p{L}))(?:[\p{L}\p{M}@¢]|0(?=\p{L}))*/gu;

/** The words of OCR'd text (letters, `@` and `¢` for ø, `0` inside a word), with their offsets. */
export function tokenizeOcr(text: string): OcrToken[] {
  const tokens: OcrToken[] = [];
  for (const m of text.matchAll(OCR_WORD)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}
