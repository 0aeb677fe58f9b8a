// How often a Danish word is seen in real text: counts from film and TV subtitles (OpenSubtitles 2018, via
// FrequencyWords; CC BY-SA 4.0, see data/danish/SOURCES.md), compiled into data/danish/frequencies.txt.gz by
// scripts/compile-frequencies.ts. Loaded once per process, on first use.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildStringTable, tableIndex, type StringTable } from "../membership.ts";
import { dataPath } from "../paths.ts";
import { sharedOr } from "../shared-data.ts";

let counts: StringTable | undefined;

/** The counts as a table of words with a number each, in shared memory when `shared` (language/shared-data.ts). */
export function buildFrequencies(shared: boolean): StringTable {
  const words: string[] = [];
  const values: number[] = [];
  const text = gunzipSync(readFileSync(dataPath("danish", "frequencies.txt.gz"))).toString("utf8");
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const space = text.lastIndexOf(" ", end);
    if (space > at) {
      words.push(text.slice(at, space));
      values.push(Number(text.slice(space + 1, end)));
    }
    at = end + 1;
  }
  return buildStringTable(words, values, shared);
}

/** How many times `word` (any case) is seen in the subtitle corpus; 0 beyond its 50,000 most frequent words. */
export function subtitleCount(word: string): number {
  const table = subtitleTable();
  const i = tableIndex(table, word.toLowerCase());
  return i < 0 ? 0 : table.values![i]!;
}

/** The subtitle counts, loaded (or read from the run's shared memory) on first use. */
const subtitleTable = () => (counts ??= sharedOr("frequencies", () => buildFrequencies(false)));

let floor: number | undefined;

/** The fewest times a word of the list is seen (30): a word the list lacks is seen fewer times than this, not never. */
export function subtitleFloor(): number {
  if (floor === undefined) {
    let least = Infinity;
    for (const v of subtitleTable().values!) if (v > 0 && v < least) least = v;
    floor = Number.isFinite(least) ? least : 0;
  }
  return floor;
}
