// Word shapes and fuzzy comparison shared by the segmentation stages. Measurable features only:
// letter counts, token shapes, edit distance; no list of any deck's strings.

/** Quote marks that can open a quotation (by position: at the start of a token). */
export const OPENING_QUOTES = "\"“„«»‘'";
/** Quote marks that can close a quotation (by position: at the end of a token). */
export const CLOSING_QUOTES = "\"”“»«’'™";

const NOT_LETTER = /[^\p{L}]+/gu;

export function countLetters(text: string): number {
  return text.replace(NOT_LETTER, "").length;
}

export function tokens(text: string): string[] {
  return text.trim().split(/\s+/u).filter(Boolean);
}

/**
 * A token that reads as a word: letters (with inner hyphens or apostrophes), wrapped in at most ordinary
 * punctuation and quote marks, in a case shape words have: lower, Capitalized, ALL CAPS, or an acronym with
 * a suffix (`DJØFisering`). `minLetters` excludes the one-letter debris OCR leaves.
 */
export function isWordShape(token: string, minLetters = 2): boolean {
  const core = wordCore(token);
  if (core === undefined || countLetters(core) < minLetters) return false;
  return core.split("-").filter(Boolean).every((part) => /^(?:\p{Lu}?[\p{Ll}'’]*|[\p{Lu}'’]+|\p{Lu}{2,}[\p{Ll}'’]+)$/u.test(part));
}

/**
 * A word OCR damaged but did not destroy (`fnQdsactningsfyldt`, `l@asning`): mostly letters, long enough
 * that it is not debris.
 */
export function isDamagedWord(token: string): boolean {
  const core = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  const letters = countLetters(core);
  return letters >= 5 && letters / core.length >= 0.8;
}

/** The letters of a token without its surrounding punctuation, or undefined when it is not letters. */
export function wordCore(token: string): string | undefined {
  const m = /^[(\[{"“„«»‘'’/—–-]*(\p{L}[\p{L}'’-]*\p{L}|\p{L})[)\]}"”“»«’'.,:;!?…/™-]*$/u.exec(token);
  return m?.[1];
}

/** A web address or an e-mail address: text, though mostly not letters of words. */
export function isLinkShape(token: string): boolean {
  return /^(?:https?:\/\/|www\.)\S+\.\S+$|^[\w.+-]+@[\w-]+\.[\w.-]+$/u.test(token.replace(/[.,;:)]+$/u, ""));
}

/** Numbers, years, ranges, percentages, amounts: tokens with digits that are not OCR debris. */
export function isNumberShape(token: string): boolean {
  // a sign may be the minus sign (U+2212) typeset mathematics draws (`−1` on a plot's axis)
  return /^[(\[]?[-+–−±]?[$€£]?\d[\d.,:]*(?:[-–/]\d[\d.,:]*)?(?:%|‰|\p{L}{1,3}\.?)?[)\],.;:]?$/u.test(token);
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** At most one insertion, deletion or substitution apart; linear and allocation-free. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  if (s.length === l.length) return s.slice(i + 1) === l.slice(i + 1);
  return s.slice(i) === l.slice(i + 1);
}

/** Two words are the same word, allowing OCR damage in proportion to their length. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const len = Math.min(a.length, b.length);
  if (len < 4) return false;
  const max = Math.floor(len / 5);
  if (max <= 1) return withinOneEdit(a, b);
  return editDistance(a, b, max) <= max;
}

export function startsLowercase(text: string): boolean {
  const m = /^[\s"“„«»‘'’(\[]*(\p{L})/u.exec(text);
  return !!m && m[1] !== m[1]!.toUpperCase();
}

export function startsUppercase(text: string): boolean {
  const m = /^[\s"“„«»‘'’(\[]*(\p{L})/u.exec(text);
  return !!m && m[1] !== m[1]!.toLowerCase();
}

/** A product or version name of a capital and digits (`R3`, `M365`, `Windows10`): a word, not OCR debris. */
export function isModelName(token: string): boolean {
  return /^\p{Lu}\p{L}{0,9}\d{1,4}$/u.test(token);
}

/**
 * A name and its arguments in brackets, as slides about code write an operation (`remove(index)`, `get(0)`,
 * `list.add(x)`), possibly itself in brackets (`(add(element))`): a name of two letters or more, and arguments
 * that are names or numbers.
 */
export function isCallShape(token: string): boolean {
  return /^\(?[\p{L}_][\p{L}\p{N}_.]+\((?:[\p{L}\p{N}_., -]*)\)\)?[,.:;]?$/u.test(token) && (token.startsWith("(") === /\)\)[,.:;]?$/u.test(token));
}
