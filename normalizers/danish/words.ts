// What the repair knows about one word on its own, independent of context: is it Danish, English,
// protected, and which æ/ø/å readings of it are Danish words. Pure, so cached per process.
import { candidates, singleSubstitutions } from "./error-model.ts";
import { bigramId, compoundParts, startsADanishWord, startsADictionaryForm, frequency, frequencyOfId, isDanishWord, isEnglish, prefixReader, roleOf, wordWalk, WORD } from "../../language/danish/lexicon.ts";
import { isAcronym, isProtectedWord } from "./protect.ts";
import { DANISH_LETTER } from "../../language/fold.ts";
import { danishStopwords } from "../../language/stopwords.ts";

export interface Reading {
  text: string;
  cost: number;
  edits: string[];
  /** A Danish stop word (a very frequent word). */
  stop: boolean;
  /** Danish only as a compound of dictionary parts, not a dictionary form itself. */
  compound: boolean;
  /** ln(frequency + 0.5); for a compound, that of its rarest part. */
  logFrequency: number;
  /** Its number among the words of the Danish word pairs (bigramId), -1 if none. */
  pairId: number;
}

export interface WordInfo {
  /** Danish as written (dictionary form or compound). */
  valid: boolean;
  /** Danish only as a compound (see Reading). */
  compound: boolean;
  logFrequency: number;
  /** Not Danish but English (four letters or more). */
  english: boolean;
  /** In the English word list, Danish or not. */
  inEnglish: boolean;
  /** Never changed: protected names, acronyms. */
  fixed: boolean;
  stop: boolean;
  /** Its number among the words of the Danish word pairs (bigramId), -1 if none. */
  pairId: number;
  /** Danish words this could be with æ/ø/å restored, cheapest first (for a valid word: direct forms only). */
  readings: Reading[];
}

/** How much more than the cheapest reading the search looks before it stops. */
const WINDOW = 2.5;
/** How many candidates of one word are looked up at most (cheapest first). */
const MAX_CHECKS = 400;
/** How much the last part of a compound (which ends the word: `…s|mål`, not `…s|mal`) adds to its frequency. */
const LAST_PART = 0.25;
const cache = new Map<string, WordInfo>();

/** Forgets every word read so far (the bench measures words new to the process this way). */
export function forgetWords(): void {
  cache.clear();
}

export function wordInfo(word: string): WordInfo {
  const hit = cache.get(word);
  if (hit) return hit;
  const info = computeInfo(word);
  if (cache.size > 200_000) cache.clear();
  cache.set(word, info);
  return info;
}

/**
 * How often a word is seen, by the bigram proxy. Compounds are rarely in the pairs; they count as unseen,
 * nudged by their rarest part (`tre|eneren` by `eneren`) so that a reading of common parts wins a tie.
 */
function logFrequencyOf(word: string, pairId: number, compound: boolean, parts = compound ? compoundParts(word) : undefined, listed = true): number {
  if (!parts) {
    const seen = frequencyOfId(pairId);
    // A listed compound the pairs do not have (`mødelokaler`) is as likely as its parts make it, as an unlisted one is.
    if (listed && seen === 0 && word.length >= LISTED_COMPOUND) {
      const own = compoundParts(word);
      if (own) return Math.max(Math.log(0.5), partsLogFrequency(own));
    }
    return Math.log(seen + 0.5);
  }
  return partsLogFrequency(parts);
}

/** Words this long that the pairs do not have are looked at as compounds of their parts. */
const LISTED_COMPOUND = 9;
/** Each part past the second makes a compound less likely (`over|port|grens` against `over|portørens`). */
const EXTRA_PART = 2;

function partsLogFrequency(parts: string[]): number {
  const logs = parts.map((p) => Math.log(frequency(p) + 0.5));
  return Math.log(0.5) + 0.25 * Math.min(...logs) + LAST_PART * logs[logs.length - 1]! - EXTRA_PART * Math.max(0, parts.length - 2);
}


/** A dictionary form (hyphenated: every part one). */
function isDirect(word: string): boolean {
  if (roleOf(word) & WORD) return true;
  return word.includes("-") && word.split("-").every((p, i, all) => (p === "" ? i === all.length - 1 : (roleOf(p) & WORD) !== 0));
}

export const isStop = (word: string) => danishStopwords().has(word.toLowerCase());

function computeInfo(word: string): WordInfo {
  const stop = isStop(word);
  const fixed = isProtectedWord(word) || isAcronym(word);
  const intact = DANISH_LETTER.test(word);
  const plain = !word.includes("@") && !word.includes("0") && !word.includes("¢");
  // Walks the automaton along the word once for its own role and its one-edit readings' (see wordWalk).
  const walk = fixed || intact || !plain ? undefined : wordWalk(word);
  const direct = fixed || intact || (plain && (walk ? (walk.role() & WORD) !== 0 : isDirect(word)));
  // Not a dictionary form: Danish as hyphen-joined words or as a compound (whose parts serve the frequency too).
  let parts: string[] | undefined;
  let valid = direct;
  if (!direct && plain) {
    if (word.includes("-")) valid = isDanishWord(word);
    else valid = (parts = compoundParts(word)) !== undefined;
  }
  const compound = valid && !direct;
  const inEnglish = isEnglish(word);
  const english = !valid && word.length >= 4 && inEnglish;
  const pairId = bigramId(word);
  // (a listed word's parts are looked up only if it has readings to weigh it against: see withReadings)
  const logFrequency = logFrequencyOf(word, pairId, compound, compound ? (parts ?? compoundParts(word)) : undefined, false);
  // A Danish word written with an accent (`hér`, `dér`, `idé`) was written so: the OCR's é for ø makes no word.
  const accented = valid && ACCENT.test(word);
  if (fixed || intact || accented) return { valid, compound, logFrequency, english, inEnglish, fixed, stop, pairId, readings: [] };
  const readings: Reading[] = [];
  let best = Infinity;
  let checked = 0;
  // A dictionary form's readings must be dictionary forms too: no need to look for compounds.
  const dictionaryOnly = valid && !compound;
  if (dictionaryOnly && walk) {
    // One edit, and every reading a dictionary form: each reading is tested whole, so no prefix test can
    // drop one that passes (a form's prefixes all begin a form); the search would find the same ones.
    const found: Array<{ text: string; cost: number; name: string }> = [];
    for (const s of singleSubstitutions(word)) {
      if (walk.roleWith(s.at, s.end, s.letter) & WORD) found.push({ text: word.slice(0, s.at) + s.letter + word.slice(s.end), cost: s.cost, name: s.name });
    }
    if (found.length > 1) found.sort((a, b) => a.cost - b.cost || (a.text < b.text ? -1 : 1));
    for (const c of found) {
      if (c.cost > best + WINDOW || ++checked > MAX_CHECKS) break;
      best = Math.min(best, c.cost);
      readings.push(readingOf(c.text, c.cost, [c.name], false));
    }
    return withReadings({ valid, compound, logFrequency, english, inEnglish, fixed, stop, pairId, readings }, word, direct);
  }
  const viable = prefixReader(word, !dictionaryOnly) ?? (dictionaryOnly ? startsADictionaryForm : startsADanishWord);
  for (const c of candidates(word, valid ? 1 : word.length > 9 ? 4 : 3, undefined, undefined, viable)) {
    if (c.cost > best + WINDOW || ++checked > MAX_CHECKS) break;
    // A word read whole into one letter (`ez` → `æ`) is noise, not a damaged word: the letter is no evidence.
    if (c.text.length === 1 && word.length > 1) continue;
    const isWord = isDirect(c.text);
    if (!isWord && valid && !compound) continue;
    // Not a dictionary form: Danish only as a compound (the parts found once serve the frequency too).
    const parts = isWord || c.text.includes("-") ? undefined : compoundParts(c.text);
    if (!isWord && !parts && !(c.text.includes("-") && isDanishWord(c.text))) continue;
    best = Math.min(best, c.cost);
    readings.push(readingOf(c.text, c.cost, c.edits, !isWord, parts));
  }
  if (readings.length === 0 && !valid) readings.push(...nameReadings(word));
  return withReadings({ valid, compound, logFrequency, english, inEnglish, fixed, stop, pairId, readings }, word, direct);
}

/**
 * A name the dictionary lacks but tesseract's Danish word pairs have (`Sovndal` → `Søvndal`, `Furese` → `Furesø`,
 * `Kjersgaard` → `Kjærsgaard`): a capitalised word of four letters or more with no other reading, read with one
 * substitution; as likely as the pairs make it.
 */
function nameReadings(word: string): Reading[] {
  if (!NAME.test(word)) return [];
  const found: Reading[] = [];
  for (const s of singleSubstitutions(word)) {
    const text = word.slice(0, s.at) + s.letter + word.slice(s.end);
    const pairId = bigramId(text);
    if (pairId >= 0) found.push({ text, cost: s.cost, edits: [s.name], stop: false, compound: false, logFrequency: Math.log(frequencyOfId(pairId) + 0.5), pairId });
  }
  return found.sort((a, b) => a.cost - b.cost || (a.text < b.text ? -1 : 1));
}
const NAME = /^\p{Lu}[\p{Ll}@¢]{3,}$/u;

const ACCENT = /[éèáàóòúíê]/;

/** A listed word with readings to weigh it against is as likely as its parts make it, where that is more (logFrequencyOf). */
function withReadings(info: WordInfo, word: string, direct: boolean): WordInfo {
  if (info.readings.length > 0 && direct && !info.compound) info.logFrequency = logFrequencyOf(word, info.pairId, false);
  return info;
}

/** A reading found for a word: a dictionary form, or Danish only as a compound (with its `parts` when known). */
function readingOf(text: string, cost: number, edits: string[], compound: boolean, parts?: string[]): Reading {
  const pairId = bigramId(text);
  return { text, cost, edits, stop: isStop(text), compound, logFrequency: logFrequencyOf(text, pairId, compound, parts), pairId };
}
