// Noise: OCR debris from logos, photos and decorations, told apart from text by measurable features:
// how much of the line is letters inside word-shaped tokens, and how many tokens are garbled
// (letters mixed with symbols or digits in no shape words or numbers have).
import { countLetters, isCallShape, isDamagedWord, isLinkShape, isModelName, isNumberShape, isWordShape, tokens, wordCore } from "./words.ts";

export interface NoiseOptions {
  /** Minimum share of the line's non-space characters that must be in words or numbers. Default 0.5. */
  minWordShare?: number;
  /** A lexicon check; when given, a line of only short words none of which is known counts as noise. */
  isWord?: (word: string) => boolean;
}

export interface LineFeatures {
  nonSpace: number;
  letters: number;
  /** Word-shaped tokens (including words OCR damaged but kept readable). */
  words: string[];
  wordLetters: number;
  /** Tokens with letters that are neither words nor numbers. */
  garbled: string[];
  numbers: number;
  /** Characters of number-shaped tokens (`3,`, `2021`). */
  numberChars: number;
}

export function lineFeatures(text: string): LineFeatures {
  const toks = tokens(text);
  const words: string[] = [];
  const garbled: string[] = [];
  let wordLetters = 0;
  let numbers = 0;
  let numberChars = 0;
  for (const t of toks) {
    if (isWordShape(t) || isDamagedWord(t) || isLinkShape(t) || isModelName(t) || isCallShape(t)) {
      words.push(t);
      wordLetters += countLetters(t);
    } else if (isNumberShape(t)) {
      numbers++;
      numberChars += t.length;
    }
    else if (countLetters(t) > 0 && !isWordShape(t, 1)) garbled.push(t);
  }
  return { nonSpace: text.replace(/\s+/gu, "").length, letters: countLetters(text), words, wordLetters, garbled, numbers, numberChars };
}

/**
 * Why a line is noise, or undefined when it is text. With `ocr: false` (a born-digital page: a PDF's own text
 * layer, a PPTX slide) only decorations are noise (`no letters`): the rules for OCR debris (garbled tokens, few
 * characters in words) would drop code, URLs and file names a born-digital page really has.
 */
export function noiseReason(text: string, options: NoiseOptions = {}, source: { ocr?: boolean } = {}): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const f = lineFeatures(t);
  if (f.letters === 0) {
    const digits = t.replace(/\D/g, "").length;
    const numeric = tokens(t).every((tok) => isNumberShape(tok) || /^[%‰$€£+–−±-]$/u.test(tok));
    // a lone digit is kept only with a sign or a percent (`−1` on an axis, `+3`): alone it may be a stray mark,
    // and between dashes (`- 5 -`) it is a page number's decoration, not a sign
    const signed = /(?:^|\s)[-+–−±]\s?\d/u.test(t) && !/\d\s*[-–—]$/u.test(t);
    return f.numbers > 0 && numeric && (digits >= 2 || signed || t.includes("%")) ? undefined : "no letters";
  }
  // OCR debris can only come from OCR (or from text OCR'd elsewhere: a plain-text file)
  if (source.ocr === false) return undefined;
  if (f.words.length === 0) return f.garbled.length ? "garbled tokens, no words" : "no words";
  const share = (f.wordLetters + f.numberChars) / f.nonSpace;
  if (share < (options.minWordShare ?? 0.5)) return `few characters in words or numbers (${Math.round(share * 100)}%)`;
  if (f.garbled.length >= f.words.length) return `garbled tokens (${f.garbled.join(" ")})`;
  if (options.isWord && f.words.every((w) => countLetters(w) <= 4) && !f.words.some((w) => options.isWord!(wordCore(w) ?? w))) {
    return "no known words";
  }
  return undefined;
}

/** The count after a slide's number: `/ 20`, `|20`, `af 20`, `of 20`. The one pattern for a page count. */
const COUNT = String.raw`\s*(?:[/|]|af|of)\s*\d{1,3}`;
const PAGE_NUMBER = new RegExp(String.raw`^(?:side|slide|page|s\.)?\s*(\d{1,3})(?:${COUNT})?$`, "iu");
const ENDS_IN_COUNT = new RegExp(String.raw`(?:^|\s)(\d{1,3})${COUNT}$`, "iu");
const ENDS_IN_NUMBER = new RegExp(String.raw`(?:^|\s)(\d{1,3})(?:${COUNT})?$`, "iu");

/** A slide number standing alone (`7`, `Side 7`, `7 / 20`, `7|20`, `Slide 7 of 20`): page furniture, not content. */
export function pageNumberReason(text: string, slide: number): string | undefined {
  const m = PAGE_NUMBER.exec(text.trim());
  return m && Number(m[1]) === slide ? "slide number" : undefined;
}

/** A number at the end of a line: where it starts (its space included) and its value. */
export interface TrailingNumber {
  index: number;
  number: number;
}

/**
 * The slide number a line ends in with its count (`… Aarhus University 7|22`, `Side 3 af 12`, `3 / 12`), or, with
 * `count: false`, any number it ends in (`Introduktion 2`).
 */
export function trailingPageNumber(text: string, options: { count?: boolean } = {}): TrailingNumber | undefined {
  const m = (options.count === false ? ENDS_IN_NUMBER : ENDS_IN_COUNT).exec(text);
  return m ? { index: m.index, number: Number(m[1]) } : undefined;
}
