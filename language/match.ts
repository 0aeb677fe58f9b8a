// Word-level matching shared by the tagger and the search index: a word's key is its folded spelling
// (fold.ts: foldSpellings), Snowball-stemmed.
//
// Everything here is applied identically to the text and to the query (or concept label), so two spellings
// meet when their keys are equal; no rule has to be right about which spelling is "correct".
import snowball from "snowball-stemmers";
import { foldSpellings } from "./fold.ts";

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
  return stemFolded(foldSpellings(word), language);
}

/** Which stemmer a record's language calls for: English for `en`, Danish for everything else (da, no, sv, und). */
export function stemLanguageOf(lang: string): StemLanguage {
  return lang === "en" ? "en" : "da";
}
