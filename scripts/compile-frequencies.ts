// Build step (`npm run lexicon`): compiles data/danish/frequencies.txt.gz, how often each of the 50,000 most
// frequent Danish words is seen in film and TV subtitles (OpenSubtitles 2018), from Hermit Dave's FrequencyWords
// (github.com/hermitdave/FrequencyWords, content/2018/da/da_50k.txt; content CC BY-SA 4.0, see data/danish/SOURCES.md).
// The repair uses it as a word-frequency prior where two readings are both Danish words (`bor`/`bør`).
// Output: "word count" lines (lower case, letters only, counts of forms that fold together summed), sorted by
// UTF-16 code units; the output is committed and stays under CC BY-SA 4.0.
// usage: node scripts/compile-frequencies.ts [da_50k.txt]   (without a file: downloads the pinned commit's file)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { dataPath } from "../language/paths.ts";

/** The FrequencyWords commit the committed output was compiled from. */
export const FREQUENCY_WORDS_COMMIT = "525f9b560de45753a5ea01069454e72e9aa541c6";
const SOURCE_PATH = "content/2018/da/da_50k.txt";

/** A word of letters (a hyphen or apostrophe inside): the subtitle list also has numbers and stray marks. */
const WORD = /^\p{L}+(?:['-]\p{L}+)*$/u;

/** "word count" lines of the source → the compiled lines: lower case, words only, counts summed, sorted. */
export function compileFrequencies(source: string): string {
  const counts = new Map<string, number>();
  for (const line of source.split("\n")) {
    const [form, n] = line.trim().split(" ");
    if (!form || !n || !/^\d+$/.test(n)) continue;
    const word = form.normalize("NFC").toLowerCase();
    if (!WORD.test(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + Number(n));
  }
  const words = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return words.map((w) => `${w} ${counts.get(w)}`).join("\n") + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  const source = file
    ? readFileSync(file, "utf8")
    : await (await fetch(`https://raw.githubusercontent.com/hermitdave/FrequencyWords/${FREQUENCY_WORDS_COMMIT}/${SOURCE_PATH}`)).text();
  const text = compileFrequencies(source);
  const out = dataPath("danish", "frequencies.txt.gz");
  writeFileSync(out, gzipSync(text, { level: 9 }));
  console.log(`wrote ${out} (${text.split("\n").length - 1} words)`);
}
