// Word-level matching shared by the tagger and the search index: tokenizing, folding the spellings that
// damaged and transliterated Danish text uses onto one form, and Snowball stemming.
//
// Everything here is applied identically to the text and to the query (or concept label), so two spellings
// meet when their keys are equal; no rule has to be right about which spelling is "correct".
import snowball from "snowball-stemmers";

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

/**
 * Folds a word to the form both its spellings share: lower case, æ → ae, ø → o, å → a, other accents dropped,
 * and then the transliterations aa → a and oe → o. So `fælles`/`faelles` → `faelles`, `forsøg`/`forsoeg`/`forsog`
 * → `forsog`, `Århus`/`Aarhus` → `arhus`, `VIVÉ` → `vive`.
 */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/aa/g, "a")
    .replace(/oe/g, "o");
}

export type StemLanguage = "da" | "en";

const stemmers = { da: snowball.newStemmer("danish"), en: snowball.newStemmer("english") };

const stemCache = { da: new Map<string, string>(), en: new Map<string, string>() };
const STEM_CACHE_SIZE = 100_000;

/** The Snowball stem of an already folded word (memoized: a corpus repeats its words). */
export function stemFolded(folded: string, language: StemLanguage): string {
  const cache = stemCache[language];
  let stem = cache.get(folded);
  if (stem === undefined) {
    if (cache.size >= STEM_CACHE_SIZE) cache.clear();
    stem = stemmers[language].stem(folded);
    cache.set(folded, stem);
  }
  return stem;
}

/** The matching key of a word: its folded form, stemmed. `styringen` and `styring` share `styring`. */
export function keyOf(word: string, language: StemLanguage): string {
  return stemFolded(fold(word), language);
}

/** Which stemmer a record's language calls for: English for `en`, Danish for everything else (da, no, sv, und). */
export function stemLanguageOf(lang: string): StemLanguage {
  return lang === "en" ? "en" : "da";
}
