// How often a Danish word is seen in real text: counts from film and TV subtitles (OpenSubtitles 2018, via
// FrequencyWords; CC BY-SA 4.0, see data/danish/SOURCES.md), compiled into data/danish/frequencies.txt.gz by
// scripts/compile-frequencies.ts. Loaded once per process, on first use.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dataPath } from "../paths.ts";

let counts: Map<string, number> | undefined;

function load(): Map<string, number> {
  const map = new Map<string, number>();
  const text = gunzipSync(readFileSync(dataPath("danish", "frequencies.txt.gz"))).toString("utf8");
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const space = text.lastIndexOf(" ", end);
    if (space > at) map.set(text.slice(at, space), Number(text.slice(space + 1, end)));
    at = end + 1;
  }
  return map;
}

/** How many times `word` (any case) is seen in the subtitle corpus; 0 beyond its 50,000 most frequent words. */
export function subtitleCount(word: string): number {
  counts ??= load();
  return counts.get(word.toLowerCase()) ?? 0;
}
