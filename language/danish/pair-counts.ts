// How often Danish words and word pairs are seen in running text: counts from the Danish side of Europarl v7
// (see data/danish/SOURCES.md), compiled into data/danish/pair-counts.txt.gz by scripts/compile-pair-counts.ts.
// Only pairs one of whose words has æ/ø/å (or is such a word with æ/ø/å read as a plain letter) are kept, seen
// three times or more. Loaded once per process, on first use.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildStringTable, tableIndex, typedArray, type StringTable } from "../membership.ts";
import { dataPath } from "../paths.ts";
import { sharedOr } from "../shared-data.ts";

interface PairCounts {
  total: number;
  /** The words, numbered in the order of the file (tableIndex gives a word's number). */
  ids: StringTable;
  counts: Uint32Array;
  /** Per word: 1 if every pair of it seen three times or more is kept, 0 if it is kept only as a neighbour. */
  all: Uint8Array;
  /** The pairs as numbers (first word's id × the word count + second's), ascending, and their counts. */
  keys: Float64Array;
  pairCounts: Uint32Array;
  /** Where the pairs of each first word start among the keys (the pairs of word a: from[a] to from[a + 1]). */
  from: Uint32Array;
}

let data: PairCounts | undefined;

/** Parses the compiled file (exported for the build test), into shared memory when `shared` (language/shared-data.ts). */
export function parsePairCounts(text: string, shared = false): PairCounts {
  const blank = text.indexOf("\n\n");
  const head = text.slice(0, blank), body = text.slice(blank + 2);
  const words: string[] = [];
  const wordCounts: number[] = [], all: number[] = [];
  let total = 0;
  for (const line of head.split("\n")) {
    const space = line.indexOf(" ");
    if (space <= 0) continue;
    if (line.endsWith(" total")) {
      total = Number(line.slice(0, space));
      continue;
    }
    words.push(line.slice(0, space));
    wordCounts.push(Number(line.slice(space + 1, line.length - 2)));
    all.push(line.endsWith(" 1") ? 1 : 0);
  }
  // One "step count" line a pair: its number (first word's place × the number of words + second's) is the
  // number before it plus the step, so the pairs come sorted.
  const lines = body.split("\n").filter(Boolean);
  const keys = typedArray(Float64Array, lines.length, shared), pairCounts = typedArray(Uint32Array, lines.length, shared);
  let key = 0;
  lines.forEach((line, i) => {
    const space = line.indexOf(" ");
    key += Number(line.slice(0, space));
    keys[i] = key;
    pairCounts[i] = Number(line.slice(space + 1));
  });
  // The keys are sorted by first word: count each word's pairs, then sum them up into where each word's start.
  const from = typedArray(Uint32Array, wordCounts.length + 1, shared);
  for (const k of keys) from[Math.floor(k / wordCounts.length) + 1]!++;
  for (let a = 0; a < wordCounts.length; a++) from[a + 1]! += from[a]!;
  const counts = typedArray(Uint32Array, wordCounts.length, shared);
  counts.set(wordCounts);
  const allOf = typedArray(Uint8Array, all.length, shared);
  allOf.set(all);
  return { total, ids: buildStringTable(words, undefined, shared), counts, all: allOf, keys, pairCounts, from };
}

/** The compiled file's counts, in shared memory when `shared`. */
export function buildPairCounts(shared: boolean): PairCounts {
  return parsePairCounts(gunzipSync(readFileSync(dataPath("danish", "pair-counts.txt.gz"))).toString("utf8"), shared);
}

function load(): PairCounts {
  data ??= sharedOr("pairCounts", () => buildPairCounts(false));
  return data;
}

/** How many words the counted text has. */
export function corpusSize(): number {
  return load().total;
}

/** How often `word` (lower case) is seen in the counted text; 0 for a word the file does not list. */
export function corpusCount(word: string): number {
  const d = load();
  const id = tableIndex(d.ids, word);
  return id < 0 ? 0 : d.counts[id]!;
}

/** How often `first second` (lower case, only white space between) is seen; 0 below three or not kept. */
export function corpusPairCount(first: string, second: string): number {
  const d = load();
  const a = tableIndex(d.ids, first), b = tableIndex(d.ids, second);
  return a < 0 || b < 0 ? 0 : pairAt(d, a, b);
}

/** Added to a pair's count and to its expected count: a pair seen or missed only a few times says little. */
const SMOOTHING = 2;

/** The number and count of a word in the file, or -1 and 0. */
function entry(d: PairCounts, word: string): [id: number, count: number] {
  const id = word === "" ? -1 : tableIndex(d.ids, word);
  return id < 0 ? [-1, 0] : [id, d.counts[id]!];
}

/** The count of the pair of words numbered a and b: a search among a's pairs only (few, and close together). */
function pairAt(d: PairCounts, a: number, b: number): number {
  const key = a * d.counts.length + b;
  let lo = d.from[a]!, hi = d.from[a + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = d.keys[mid]!;
    if (k === key) return d.pairCounts[mid]!;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * What the neighbours `prev` and `next` (lower case, "" for none) say about each word that may stand between
 * them, in nats: for each side with a neighbour, how much more often the pair is seen than if the two words went
 * together by chance, ln((seen + a) / (expected + a)). Positive where the pair is common (`vi bør`), negative
 * only where it was expected often and is seen seldom or never (`en der til`), about 0 where nothing is known (a
 * rare word, a rare neighbour, a word the file keeps only as a neighbour). The neighbours are looked up once.
 */
export function contextScorer(prev: string, next: string): (word: string) => number {
  const d = load();
  const [p, cp] = entry(d, prev), [n, cn] = entry(d, next);
  if (cp === 0 && cn === 0) return () => 0;
  return (word) => {
    const [w, cw] = entry(d, word);
    // A word kept only as a neighbour has lost its other pairs: nothing is known of its own.
    if (cw === 0 || !d.all[w]) return 0;
    let score = 0;
    if (cp > 0) score += Math.log((pairAt(d, p, w) + SMOOTHING) / ((cp * cw) / d.total + SMOOTHING));
    if (cn > 0) score += Math.log((pairAt(d, w, n) + SMOOTHING) / ((cw * cn) / d.total + SMOOTHING));
    return score;
  };
}

/** contextScorer(prev, next)(word). */
export function contextEvidence(prev: string, word: string, next: string): number {
  return contextScorer(prev, next)(word);
}

/**
 * Whether running text has `word` beside each of its neighbours that it knows ("" for none): every such pair is
 * seen. With `someNeighbour`, there must be one such neighbour at least.
 */
export function seenBeside(prev: string, word: string, next: string, someNeighbour = false): boolean {
  const knownPrev = prev !== "" && corpusCount(prev) > 0, knownNext = next !== "" && corpusCount(next) > 0;
  if (someNeighbour && !knownPrev && !knownNext) return false;
  return (!knownPrev || corpusPairCount(prev, word) > 0) && (!knownNext || corpusPairCount(word, next) > 0);
}

/** How often a pair must be seen to be a phrase of its word (pairOnlyOf). */
const PHRASE_PAIRS = 5;
/** How often the other word would be seen in the pair if it went with the neighbour as often as the word does. */
const PHRASE_EXPECTED = 30;

/**
 * Whether running text has `word` beside `neighbour` (`word` first when `wordFirst`, lower case) and never `other`,
 * though `other` is so much more common that it would be seen there PHRASE_EXPECTED times or more if it went with
 * the neighbour as often as `word` does: the pair is a phrase of `word` (`nar af` in `gøre nar af`: 24 of Europarl's
 * 82 `nar`, and not one of its 64,298 `når`). False where the file does not keep every pair of both words.
 */
export function pairOnlyOf(word: string, other: string, neighbour: string, wordFirst: boolean): boolean {
  const d = load();
  const [w, cw] = entry(d, word), [o, co] = entry(d, other), [n, cn] = entry(d, neighbour);
  if (cw === 0 || co === 0 || cn === 0 || !d.all[w] || !d.all[o]) return false;
  const seen = wordFirst ? pairAt(d, w, n) : pairAt(d, n, w);
  if (seen < PHRASE_PAIRS || (wordFirst ? pairAt(d, o, n) : pairAt(d, n, o)) > 0) return false;
  return (seen / cw) * co >= PHRASE_EXPECTED;
}
