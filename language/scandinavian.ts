// Is a text Norwegian or Swedish rather than Danish? The three share most function words (og, er, det, som, ikke)
// and Norwegian has æ/ø/å too, so a Norwegian or Swedish page without those letters looks like Danish that lost
// them: the PDF extractor would re-OCR it and the æ/ø/å repair would "fix" its words (`verdier` → `værdier`,
// `lage` → `læge`). The evidence is the function words that differ between the languages and that lost letters
// cannot make: Norwegian `av`, `etter`, `mellom`, `meg`; Swedish `och`, `att`, `inte`; Danish `af`, `efter`,
// `mellem`, `mig`. Norwegian and Swedish words come from a short list and from stopwords-iso's Norwegian and
// Swedish lists less every Danish word (the dictionary's, in any spelling), every Danish stop word, and every
// common Danish word as an English OCR writes it.
import { createRequire } from "node:module";
import { isFoldedDanishWord } from "./danish/base-words.ts";
import { foldSpellings } from "./fold.ts";
import { DANISH_NOT_ENGLISH_WORDS, danishStopwords, OCR_DAMAGED_DANISH_WORDS } from "./stopwords.ts";

const require = createRequire(import.meta.url);

const NORWEGIAN = ["av", "etter", "mellom", "meg", "deg", "seg", "ble", "blir", "noe", "mye", "hva", "gjennom", "enn", "kva", "ikkje", "eit", "ein", "dere", "fått", "gjøre", "bruke", "lage"];
const SWEDISH = ["och", "att", "inte", "är", "jag", "hur", "från", "också", "vad", "när", "mycket", "detta", "denna"];
const DANISH_ONLY = ["af", "efter", "mellem", "mig", "dig", "sig", "blev", "bliver", "noget", "meget", "hvad", "gennem", "end", "nu", "mere", "gøre", "bruge", "lave"];

interface Lists {
  norwegian: Set<string>;
  swedish: Set<string>;
  danish: Set<string>;
}
let lists: Lists | undefined;

function load(): Lists {
  const iso = require("stopwords-iso") as Record<string, string[]>;
  const danish = danishStopwords();
  const notDanish = (w: string) =>
    /^\p{L}{3,}$/u.test(w) && !danish.has(w) && !DANISH_NOT_ENGLISH_WORDS.has(w) && !OCR_DAMAGED_DANISH_WORDS.has(w) && !isFoldedDanishWord(foldSpellings(w));
  const norwegian = new Set([...NORWEGIAN, ...[...(iso.no ?? []), ...(iso.nb ?? [])].filter(notDanish)]);
  const swedish = new Set([...SWEDISH, ...(iso.sv ?? []).filter(notDanish)]);
  // Danish words that are function words of neither Norwegian nor Swedish (`og`, `det`, `som` are of both)
  const theirs = new Set([...NORWEGIAN, ...SWEDISH, ...(iso.no ?? []), ...(iso.nb ?? []), ...(iso.sv ?? [])]);
  return { norwegian, swedish, danish: new Set([...DANISH_ONLY, ...DANISH_NOT_ENGLISH_WORDS].filter((w) => !theirs.has(w))) };
}

export interface ScandinavianEvidence {
  /** Function words only Danish uses. */
  danish: number;
  norwegian: number;
  swedish: number;
}

/** Counts of the function words only Danish, only Norwegian and only Swedish use, among lower-case words. */
export function scandinavianEvidence(words: Iterable<string>): ScandinavianEvidence {
  const { norwegian, swedish, danish } = (lists ??= load());
  const e = { danish: 0, norwegian: 0, swedish: 0 };
  for (const w of words) {
    if (danish.has(w)) e.danish++;
    if (norwegian.has(w)) e.norwegian++;
    if (swedish.has(w)) e.swedish++;
  }
  return e;
}

/** The evidence of texts together (a document's pages): the counts add up. */
export function sumEvidence(all: ScandinavianEvidence[]): ScandinavianEvidence {
  return all.reduce((a, e) => ({ danish: a.danish + e.danish, norwegian: a.norwegian + e.norwegian, swedish: a.swedish + e.swedish }), { danish: 0, norwegian: 0, swedish: 0 });
}

/** The lower-case words of a text, for `scandinavianEvidence`. */
export function lowerWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

/**
 * The text reads as Norwegian or Swedish: at least `min` of their function words, and `ratio` times as many as
 * the Danish-only ones (defaults: 3, twice).
 */
export function isOtherScandinavian(words: Iterable<string>, options: { min?: number; ratio?: number } = {}): boolean {
  return readsOtherScandinavian(scandinavianEvidence(words), options);
}

/** `isOtherScandinavian` on evidence already counted (a document's: the sum of its pages'). */
export function readsOtherScandinavian(e: ScandinavianEvidence, options: { min?: number; ratio?: number } = {}): boolean {
  const other = Math.max(e.norwegian, e.swedish);
  return other >= (options.min ?? 3) && other >= (options.ratio ?? 2) * e.danish && other > e.danish;
}
