// Folding words onto one form so that spellings of the same word meet. Two foldings, for two jobs:
// foldSpellings makes every spelling of a Danish word equal (the tagger's and the search index's keys);
// foldLetters folds letter by letter and keeps digraphs apart (segmentation's fuzzy line and title comparison).

/** A Danish letter, either case. */
export const DANISH_LETTER = /[æøåÆØÅ]/;

/**
 * Folds a word to the form all its spellings share: lower case, æ → ae, ø → o, å → a, other accents dropped,
 * and then the transliterations aa → a and oe → o. So `fælles`/`faelles` → `faelles`, `forsøg`/`forsoeg`/`forsog`
 * → `forsog`, `Århus`/`Aarhus` → `arhus`, `VIVÉ` → `vive`.
 */
export function foldSpellings(word: string): string {
  return word
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/aa/g, "a")
    .replace(/oe/g, "o");
}

/**
 * Folds each letter on its own: lower case, æ → ae, ø → o, å → aa, other accents dropped; digraphs already in
 * the text stay (`forsoeg` stays `forsoeg`, `Århus` → `aarhus`). OCR-damaged and repaired spellings meet.
 */
export function foldLetters(text: string): string {
  const lower = text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "aa");
  // only text with letters outside ASCII needs decomposing
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize("NFD").replace(/\p{M}/gu, "") : lower;
}
