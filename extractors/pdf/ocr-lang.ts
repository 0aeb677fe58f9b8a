// Which tesseract model reads a deck's pictures and pages, from the deck's own text: one model where the text
// says which (two cost ~1.6× the CPU of one, and read Danish no better), both where it does not.
import { detectLanguage } from "../../language/detect.ts";
import { DANISH_LETTER } from "../../language/fold.ts";

/** Both models: for text whose language is unclear, or that shows both. */
export const DEFAULT_LANG = "dan+eng";

/** Characters of a deck's text that say its language well enough. */
export const PICTURE_LANG_TEXT = 4000;

/**
 * Letters of a deck's text that settle the one model its whole pages are read with: about a slide's worth, which
 * franc tells Danish from English by reliably (a title alone is not enough: `Introduction` heads Danish decks).
 */
const PAGE_LANG_LETTERS = 200;

/**
 * The OCR model for a deck's pictures, from its text layer: English text reads with `eng`, Danish, Norwegian
 * and other languages written in Latin letters with `dan` (which knows æ/ø/å); both when it is unclear.
 */
export function pictureLang(text: string): string {
  const lang = detectLanguage(text.slice(0, PICTURE_LANG_TEXT));
  return lang === "en" ? "eng" : lang === "und" ? DEFAULT_LANG : "dan";
}

/**
 * The one OCR model for a deck's whole pages (or slides that are pictures), once its text has enough letters to
 * say (else undefined): `dan` for Danish, Norwegian and other languages written in Latin letters (it reads
 * English letters too), `eng` for English, both only where both are seen (English with æ/ø/å: `eng` alone would
 * lose them) or the language is unclear.
 */
export function settledLang(text: string): string | undefined {
  if ((text.match(/\p{L}/gu) ?? []).length < PAGE_LANG_LETTERS) return undefined;
  const lang = pictureLang(text);
  return lang === "eng" && DANISH_LETTER.test(text) ? DEFAULT_LANG : lang;
}
