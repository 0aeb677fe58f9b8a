// Build step: compiles data/danish/pair-counts.txt.gz, how often word pairs are seen in running Danish text, from
// the Danish side of Europarl v7 (the proceedings of the European Parliament 1996–2011: 1.97 million sentences,
// 45 million words; see data/danish/SOURCES.md). The repair weighs two readings that are both Danish words
// (`for`/`før`, `bor`/`bør`, `vare`/`være`) by how often each is seen beside the words around it
// (language/danish/pair-counts.ts's contextEvidence).
// Only what the repair can ask about is kept: the pairs, seen MIN_PAIR times or more, of which one word has
// æ/ø/å, or reads as such a word by one of the error model's substitutions (`dag` as `dø`) or with its æ/ø/å as
// plain letters (`for` of `før`); and the counts of the words of those pairs. A pair is two words with only white
// space between them (no hyphen, no mark), as the repair reads its neighbours.
// Output: "N total" on the first line; "word count all" lines sorted by UTF-16 code units (a word's place among
// them is its number; all: 1 if every pair of the word seen MIN_PAIR times is kept, 0 for a word kept only as a
// neighbour); an empty line; one "step count" line a pair (see compilePairCounts). The output is committed.
// usage: node --max-old-space-size=4000 scripts/compile-pair-counts.ts [DIR]   (DIR: the source's CSV files, one
// quoted sentence a line; without it, the pinned commit's files are downloaded)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { dataPath } from "../language/paths.ts";
import { singleSubstitutions } from "../normalizers/danish/error-model.ts";

/** A pair seen fewer times is not kept (the file stays small; a pair seen once or twice is no evidence). */
export const MIN_PAIR = 3;
const DANISH = /[æøå]/;
/** The plain letters an æ/ø/å is read as, alone (the error model's single-letter substitutions). */
const PLAIN: Record<string, string[]> = { "å": ["a"], "æ": ["e", "a"], "ø": ["o", "e", "a"] };
const WORD = /\p{L}+/gu;

/** The sentences of one CSV file of the source: one quoted sentence a line, `""` for a quote inside. */
export function sentencesOf(csv: string): string[] {
  const out: string[] = [];
  for (const line of csv.split("\n")) {
    const m = /^"(.*)"\s*$/s.exec(line);
    if (m) out.push(m[1]!.replaceAll('""', '"'));
  }
  return out;
}

/** The runs of words of a sentence with only white space between them, lower case. */
export function runsOf(sentence: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let last = -1;
  for (const m of sentence.toLowerCase().matchAll(WORD)) {
    if (last >= 0 && !/^\s+$/.test(sentence.slice(last, m.index))) {
      if (run.length) runs.push(run);
      run = [];
    }
    run.push(m[0]);
    last = m.index + m[0].length;
  }
  if (run.length) runs.push(run);
  return runs;
}

/** `for` of `før`, `vare` of `være`: the word with some of its æ/ø/å read as plain letters. */
export function plainVariants(word: string): string[] {
  let forms = [""];
  for (const ch of word) {
    const plain = PLAIN[ch];
    forms = forms.flatMap((f) => (plain ? [f + ch, ...plain.map((p) => f + p)] : [f + ch]));
    if (forms.length > 256) return [];
  }
  return forms.filter((f) => f !== word);
}

/** Counts words and the pairs the repair can ask about in `sentences()` (read twice); returns the compiled text. */
export function compilePairCounts(sentences: () => Iterable<string>, minPair = MIN_PAIR): string {
  // Two passes over the text (it is too large to keep): the words, then the pairs.
  const counts = new Map<string, number>();
  let total = 0;
  for (const s of sentences()) {
    for (const run of runsOf(s)) {
      for (const w of run) counts.set(w, (counts.get(w) ?? 0) + 1);
      total += run.length;
    }
  }
  // The words a decision can be about: with æ/ø/å, or one that reads as one by the error model's substitutions
  // (`dag` as `dø`) or with its æ/ø/å as plain letters (`for` of `før`).
  const asked = new Set<string>();
  const danish = (w: string) => DANISH.test(w) && (counts.get(w) ?? 0) >= 2;
  for (const [w, n] of counts) {
    if (n < 2) continue;
    if (DANISH.test(w)) {
      asked.add(w);
      for (const v of plainVariants(w)) if ((counts.get(v) ?? 0) >= 2) asked.add(v);
    } else if (singleSubstitutions(w).some((s) => danish(w.slice(0, s.at) + s.letter + w.slice(s.end)))) asked.add(w);
  }
  const ids = new Map<string, number>();
  const words: string[] = [];
  for (const w of counts.keys()) {
    ids.set(w, words.length);
    words.push(w);
  }
  const n = words.length;
  const pairs = new Map<number, number>();
  for (const s of sentences()) for (const run of runsOf(s)) {
    for (let i = 1; i < run.length; i++) {
      const a = run[i - 1]!, b = run[i]!;
      if (!asked.has(a) && !asked.has(b)) continue;
      const key = ids.get(a)! * n + ids.get(b)!;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const kept = new Set<string>(asked);
  const found: Array<[string, string, number]> = [];
  for (const [key, c] of pairs) {
    if (c < minPair) continue;
    const a = words[Math.floor(key / n)]!, b = words[key % n]!;
    found.push([a, b, c]);
    kept.add(a);
    kept.add(b);
  }
  const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = [...kept].sort(byCode);
  const id = new Map(sorted.map((w, i) => [w, i]));
  // Each pair as its number (first word's place × the number of words + second's), ascending, written as the
  // step from the one before: the loader reads them into typed arrays without a lookup or a sort.
  const keyed = found.map(([a, b, c]) => [id.get(a)! * sorted.length + id.get(b)!, c] as const).sort((x, y) => x[0] - y[0]);
  let last = 0;
  const lines = keyed.map(([k, c]) => {
    const line = `${k - last} ${c}`;
    last = k;
    return line;
  });
  // A word whose pairs are all kept ends its line with 1; a word kept only as the neighbour of one with 0.
  return `${total} total\n${sorted.map((w) => `${w} ${counts.get(w)} ${asked.has(w) ? 1 : 0}`).join("\n")}\n\n${lines.join("\n")}\n`;
}

/** The repository and commit the committed output was compiled from (the Danish side of Europarl v7, as CSV). */
export const EUROPARL_SOURCE = { repo: "nhu-bich-huynh/LLM-Evaluation", commit: "5f9331b9d17faeafbb5199a50ba1087e79fa257b", files: 199 };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  // Without a folder: the pinned commit's files, downloaded one at a time (dataframes/da/Danish1.csv … Danish199.csv).
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith(".csv")).sort().map((f) => join(dir, f)) : [];
  const downloaded: string[] = [];
  if (!dir) {
    for (let i = 1; i <= EUROPARL_SOURCE.files; i++) {
      const url = `https://raw.githubusercontent.com/${EUROPARL_SOURCE.repo}/${EUROPARL_SOURCE.commit}/dataframes/da/Danish${i}.csv`;
      downloaded.push(await (await fetch(url)).text());
    }
  }
  // Read twice (see compilePairCounts): files from the folder one at a time, as the whole does not fit twice.
  const sentences = function* () {
    if (dir) for (const f of files) yield* sentencesOf(readFileSync(f, "utf8"));
    else for (const t of downloaded) yield* sentencesOf(t);
  };
  const text = compilePairCounts(sentences);
  const out = dataPath("danish", "pair-counts.txt.gz");
  const gz = gzipSync(text, { level: 9 });
  writeFileSync(out, gz);
  const [head, pairs] = text.split("\n\n");
  console.log(`wrote ${out}: ${head!.split("\n").length - 1} words, ${pairs!.split("\n").length - 1} pairs, ${gz.length} bytes`);
}
