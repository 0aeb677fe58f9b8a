// `slidecorpus serve` response time: the search page (hits and every facet's counts) and the JSON API on a
// synthetic corpus of 10,000 decks (SERVE_DECKS=n for another size), made from the two seed decks: each copy
// with its own source, ids, author and date, so the deck, speaker and year facets have many values.
// Prints p50/p95 per request kind and overall; the target is p95 < 100 ms on the project's 2-core machine.
import { readFileSync } from "node:fs";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { processDocument } from "../dist/pipeline/process.js";
import { createTagger } from "../dist/corpus/enrich/tag.js";
import { defaultTaxonomy } from "../dist/corpus/enrich/taxonomy.js";
import { writeIndex } from "../dist/corpus/search/fts-index.js";
import { serve } from "../dist/web/server.js";

const DECKS = Number(process.env.SERVE_DECKS ?? 10_000);
const root = fileURLToPath(new URL("..", import.meta.url));
const tag = createTagger();
const base = [];
for (const seed of ["000_9b0b97a4996a1ab6.txt", "003_8ed779def9d74a82.txt"]) {
  const r = await processDocument(readFileSync(join(root, "fixtures", "text", seed)), seed);
  if (!r.ok) throw new Error(r.error.message);
  base.push({ deck: r.deck, records: r.records.map((rec) => ({ ...rec, concepts: tag(rec.text, rec.lang) })) });
}
const names = ["Niels Højberg", "Ulf Hjelm", "Karen Holm", "Mette Sørensen", "Jens Ærø", "Anne Østergaard", "Lars Åberg", "Sofie Dahl"];
const authors = Array.from({ length: 200 }, (_, i) => `${names[i % names.length]} ${Math.floor(i / names.length) || ""}`.trim());

function* decks() {
  for (let i = 0; i < DECKS; i++) {
    const { deck } = base[i % base.length];
    const id = i.toString(16).padStart(16, "0");
    yield { ...deck, id, source: `folder${Math.floor(i / 100)}/deck${i}.txt`, title: `${deck.title} (${i})`, author: authors[i % authors.length], date: `${2010 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}` };
  }
}
function* records() {
  let i = 0;
  for (const deck of decks()) {
    for (const r of base[i % base.length].records) yield { ...r, id: `${deck.id}-${r.id}`, deckId: deck.id, source: deck.source };
    i++;
  }
}

// SERVE_CORPUS=dir keeps the synthetic corpus there and reuses it on the next run (it takes minutes to index).
const kept = process.env.SERVE_CORPUS;
const dir = kept ?? mkdtempSync(join(tmpdir(), "slidecorpus-serve-bench-"));
if (kept) mkdirSync(kept, { recursive: true });
if (kept && existsSync(join(dir, "index.sqlite"))) {
  console.log(`corpus: reusing ${dir} (made by an earlier run with SERVE_DECKS=${DECKS}?)`);
} else {
  const t0 = performance.now();
  await writeIndex(join(dir, "index.sqlite"), decks(), records(), defaultTaxonomy());
  let recordCount = 0;
  for (const _ of records()) recordCount++;
  console.log(`corpus: ${DECKS} decks, ${recordCount} records, indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const t1 = performance.now();
// answers are measured uncached (cache: 0): each request searches; the cached line below measures repeats
const server = await serve({ corpus: dir, port: 0, cache: 0 });
console.log(`start-up (opens the index, reads what the facets count): ${((performance.now() - t1) / 1000).toFixed(1)} s`);
const requests = {
  "word": ["/?q=tillid", "/?q=styring", "/?q=faelles", "/?q=ledelse", "/?q=kompetencer"],
  "word + facets": ["/?q=ledelse&kind=bullet", "/?q=tillid&year=2017", "/?q=styring&concept=styring&lang=da", "/?q=medarbejdere&speaker=Ulf+Hjelm"],
  "facets only": ["/?kind=quote", "/?concept=tillid", "/?year=2020&kind=title"],
  "everything (no query)": ["/"],
  "page 5": ["/?q=ledelse&page=5"],
  "api": ["/api/search?q=tillid&kind=quote", "/api/search?q=ledelse&limit=50"],
};
const ROUNDS = Number(process.env.SERVE_ROUNDS ?? 10);
const all = [];
// CPU time of each request (this process: the server's work and the client's fetch): what a request costs, less
// moved than wall time by other work on a shared machine
const cpuTimes = [];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
for (const url of Object.values(requests).flat()) await (await fetch(new URL(url, server.url))).text(); // warm SQLite's page cache
for (const [name, urls] of Object.entries(requests)) {
  const times = [];
  for (let k = 0; k < ROUNDS; k++) {
    for (const url of urls) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const res = await fetch(new URL(url, server.url));
      await res.text();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  all.push(...times);
  console.log(`${name.padEnd(22)} p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms (${times.length} requests)`);
}
console.log(`all requests           p50 ${pct(all, 0.5).toFixed(1)} ms, p95 ${pct(all, 0.95).toFixed(1)} ms (target p95 < 100 ms), load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log(`all requests, CPU time p50 ${pct(cpuTimes, 0.5).toFixed(1)} ms, p95 ${pct(cpuTimes, 0.95).toFixed(1)} ms`);
await server.close();

// the default server: each URL's first request (a query's matches are reused by its other URLs), then repeats
const cachedServer = await serve({ corpus: dir, port: 0 });
const urls = Object.values(requests).flat();
const firsts = [];
for (const url of urls) {
  const t = performance.now();
  await (await fetch(new URL(url, cachedServer.url))).text();
  firsts.push(performance.now() - t);
}
console.log(`first (matches reused) p50 ${pct(firsts, 0.5).toFixed(1)} ms, p95 ${pct(firsts, 0.95).toFixed(1)} ms (${firsts.length} requests)`);
const repeats = [];
for (let k = 0; k < ROUNDS; k++) {
  for (const url of urls) {
    const t = performance.now();
    await (await fetch(new URL(url, cachedServer.url))).text();
    repeats.push(performance.now() - t);
  }
}
console.log(`repeated (cached)      p50 ${pct(repeats, 0.5).toFixed(1)} ms, p95 ${pct(repeats, 0.95).toFixed(1)} ms (${repeats.length} requests)`);
await cachedServer.close();
