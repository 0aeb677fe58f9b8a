// Tagging, index building and search on a synthetic corpus of 200 decks made from the two seeds
// (each copy with its own source and ids). Prints our times and ratios against GNU grep scanning the same
// records.jsonl for the same words (grep knows no folding or stemming: it is the floor for "find a word").
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { processDocument } from "../dist/pipeline/process.js";
import { createTagger } from "../dist/corpus/enrich/tag.js";
import { writeIndex, openIndex } from "../dist/corpus/search/fts-index.js";
import { searchIndex } from "../dist/corpus/search/query.js";
import { toJsonl } from "../dist/corpus/store/atomic.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const seeds = ["000_9b0b97a4996a1ab6.txt", "003_8ed779def9d74a82.txt"].map((f) => join(root, "fixtures", "text", f));
const COPIES = 100;

const base = [];
for (const seed of seeds) {
  const r = await processDocument(readFileSync(seed), seed.split("/").pop());
  if (!r.ok) throw new Error(r.error.message);
  base.push(r);
}
const decks = [];
const records = [];
for (let i = 0; i < COPIES; i++) {
  for (const { deck, records: recs } of base) {
    const source = `copy${i}/${deck.source}`;
    decks.push({ ...deck, source });
    for (const r of recs) records.push({ ...r, id: `${i}-${r.id}`, source });
  }
}

// tagging
const t0 = performance.now();
const tagger = createTagger();
const built = performance.now() - t0;
tagger("Tillidsrelationer", "da"); // loads the compound lexicon once
const loaded = performance.now() - t0 - built;
const t1 = performance.now();
let tags = 0;
for (const r of records) {
  r.concepts = tagger(r.text, r.lang);
  tags += r.concepts.length;
}
const tagMs = performance.now() - t1;
console.log(`tag: ${records.length} records in ${tagMs.toFixed(0)} ms = ${(records.length / tagMs * 1000).toFixed(0)} records/s, ` +
  `${tags} tags (tagger built in ${built.toFixed(0)} ms, compound lexicon loaded in ${loaded.toFixed(0)} ms)`);

// index
const dir = mkdtempSync(join(tmpdir(), "slidecorpus-bench-"));
const file = join(dir, "index.sqlite");
const t2 = performance.now();
await writeIndex(file, decks, records);
const indexMs = performance.now() - t2;
writeFileSync(join(dir, "records.jsonl"), toJsonl(records));
const jsonlBytes = statSync(join(dir, "records.jsonl")).size;
console.log(`index: ${records.length} records in ${indexMs.toFixed(0)} ms = ${(records.length / indexMs * 1000).toFixed(0)} records/s; ` +
  `${(statSync(file).size / 1e6).toFixed(1)} MB (records.jsonl ${(jsonlBytes / 1e6).toFixed(1)} MB)`);

// queries
const queries = ["tillid", "styring", "faelles", "forsog", "ledelse", "samskabelse", "kompetencer", "velfærd", "frikommuner", "innovation"];
const db = openIndex(file, { readOnly: true });
const RUNS = 5;
let ours = 0;
let hits = 0;
for (let k = 0; k < RUNS; k++) {
  for (const q of queries) {
    const t = performance.now();
    hits += searchIndex(db, q, { limit: 20 }).length;
    ours += performance.now() - t;
  }
}
db.close();
let grep = 0;
const hasGrep = spawnSync("grep", ["--version"]).status === 0;
if (hasGrep) {
  for (let k = 0; k < RUNS; k++) {
    for (const q of queries) {
      const t = performance.now();
      spawnSync("grep", ["-ic", q, join(dir, "records.jsonl")]);
      grep += performance.now() - t;
    }
  }
}
const n = RUNS * queries.length;
console.log(`search: ${(ours / n).toFixed(2)} ms per query (top 20, ${hits / RUNS} hits per round of ${queries.length})` +
  (hasGrep ? `; grep -ic on records.jsonl ${(grep / n).toFixed(2)} ms (process start included); ratio ours/grep ${(ours / grep).toFixed(2)}` : "; grep not installed"));
