// Thumbnails' cost on real born-digital decks (target: they add under 15% to an ingest's time, under 20 kB a
// slide). The decks are $REALDECKS/pdf and $REALDECKS/pptx-pdf, less those a first run reads any page of by OCR
// (not born-digital); without REALDECKS the bench says so and skips. Two measures, each with and without
// thumbnails alternated (so load on a shared machine hits both alike), medians over rounds:
//  - per deck, in this process: the PDF extractor's CPU time (all threads, OCR workers included) on the deck
//    with and without thumbnails, the runs of a deck back to back, the order swapped each round; each deck's
//    share, and the share over all decks (sums of the per-deck medians). A deck costs under a second, so a
//    deck's share is noisy on a loaded machine even so: the sum is the figure to go by.
//  - the whole ingest: `slidecorpus ingest --jobs 1` over the folder with and without `--no-thumbnails`, fresh
//    output folders: wall time and CPU time (startup, segmenting and the store included), and the bytes of
//    thumbnails a slide.
// THUMBNAILS_ROUNDS sets the rounds of the ingest (default 3), THUMBNAILS_DECK_ROUNDS those of each deck
// (default 5); THUMBNAILS_DECKS names a folder of PDF decks known to be born-digital to take as they are (no
// first run). Needs `npm run build`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const base = process.env.REALDECKS;
const folders = base ? ["pdf", "pptx-pdf"].map((f) => join(base, f)).filter((f) => existsSync(f)) : [];
if (!folders.length) {
  console.log(`thumbnails: skipped (set REALDECKS to a folder whose pdf/ or pptx-pdf/ holds real PDF decks)`);
  process.exit(0);
}
const cli = join(root, "bin", "slidecorpus.js");
const probe = join(root, "bench", "rss-probe.js");
const rounds = Number(process.env.THUMBNAILS_ROUNDS ?? 3);
const deckRounds = Number(process.env.THUMBNAILS_DECK_ROUNDS ?? 5);
const work = mkdtempSync(join(tmpdir(), "slidecorpus-thumbs-bench-"));
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const share = (withThumbs, without) => `${withThumbs >= without ? "+" : ""}${((withThumbs / without - 1) * 100).toFixed(0)}%`;

/** `slidecorpus ingest` of `input` into a fresh folder: wall and CPU seconds, and the output folder. */
function ingest(input, name, args = []) {
  const out = join(work, name);
  rmSync(out, { recursive: true, force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--import", probe, cli, "ingest", input, "--out", out, "--jobs", "1", "--quiet", ...args], { encoding: "utf8" });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`ingest failed (${r.status}): ${r.stderr}`);
  return { seconds, cpu: Number(/cpu-s=([\d.]+)/.exec(r.stderr)?.[1]), out };
}
const manifest = (out) => readFileSync(join(out, ".slidecorpus", "manifest.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.op === "put");

// every PDF, once without thumbnails: which decks have no page read by OCR
const all = join(work, "all");
mkdirSync(all);
const given = process.env.THUMBNAILS_DECKS;
for (const folder of given ? [given] : folders) {
  for (const f of readdirSync(folder).filter((f) => f.toLowerCase().endsWith(".pdf"))) copyFileSync(join(folder, f), join(all, given ? f : `${folder.split("/").pop()}-${f}`));
}
const first = given ? undefined : ingest(all, "probe", ["--no-thumbnails"]);
const input = join(work, "born-digital");
mkdirSync(input);
if (first) for (const e of manifest(first.out).filter((e) => e.ok && e.ocrPages === 0)) copyFileSync(join(all, e.source), join(input, e.source));
else for (const f of readdirSync(all)) copyFileSync(join(all, f), join(input, f));
// the decks and their slides, from a run without thumbnails
const born = manifest(ingest(input, "without", ["--no-thumbnails"]).out).filter((e) => e.ok).sort((a, b) => a.source.localeCompare(b.source));
const slides = born.reduce((n, e) => n + e.slides, 0);
console.log(`thumbnails: ${born.length} born-digital decks of ${readdirSync(all).length}${given ? ` (given)` : ""}, ${slides} slides`);

// per deck, in this process
const { extractPdf, shutdownOcr } = await import(join(root, "dist", "extractors", "pdf", "index.js"));
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** The extractor's CPU seconds on `bytes`, with or without thumbnails (a collection first, when exposed). */
async function extractCpu(bytes, thumbnails) {
  globalThis.gc?.();
  const start = cpu();
  await extractPdf(new Uint8Array(bytes), { thumbnails });
  return cpu() - start;
}
const decks = born.map((e) => ({ source: e.source, slides: e.slides, bytes: readFileSync(join(input, e.source)), without: [], with: [] }));
await extractCpu(decks[0].bytes, true); // warm: pdf.js, the canvas, the OCR workers loaded
console.log(`per deck (extractor CPU, ${deckRounds} rounds, load ${load()}):`);
for (let i = 0; i < deckRounds; i++) {
  for (const deck of decks) {
    for (const thumbnails of i % 2 ? [true, false] : [false, true]) deck[thumbnails ? "with" : "without"].push(await extractCpu(deck.bytes, thumbnails));
  }
}
await shutdownOcr();
let sumWithout = 0, sumWith = 0;
const ratios = [];
for (const deck of decks) {
  const [a, b] = [median(deck.without), median(deck.with)];
  sumWithout += a;
  sumWith += b;
  ratios.push(b / a);
  console.log(`  ${deck.source.padEnd(52)} ${String(deck.slides).padStart(3)} slides  without ${a.toFixed(2)} s  with ${b.toFixed(2)} s  ${share(b, a)}`);
}
console.log(`  all decks: without ${sumWithout.toFixed(1)} s, with ${sumWith.toFixed(1)} s: ${share(sumWith, sumWithout)}; median deck ${share(median(ratios), 1)} (load after ${load()})`);

// the whole ingest
console.log(`ingest --jobs 1 (${rounds} rounds, load ${load()}):`);
const without = [];
const withThumbs = [];
let sizes = [];
for (let i = 0; i < rounds; i++) {
  without.push(ingest(input, "without", ["--no-thumbnails"]));
  const made = ingest(input, "with");
  withThumbs.push(made);
  if (i === 0) {
    const parts = join(made.out, ".slidecorpus", "parts");
    const files = readdirSync(parts).filter((f) => f.endsWith(".thumbs"));
    const bytes = files.reduce((n, f) => n + statSync(join(parts, f)).size, 0);
    // per deck: its file's bytes over its slides
    const bySlides = manifest(made.out).filter((e) => e.ok).map((e) => {
      const f = e.part.replace(/\.jsonl$/, ".thumbs");
      return { source: e.source, perSlide: existsSync(join(parts, f)) ? statSync(join(parts, f)).size / e.slides : 0 };
    });
    sizes = { files: files.length, bytes, perSlide: bytes / slides, worst: bySlides.sort((a, b) => b.perSlide - a.perSlide)[0] };
  }
}
const [w0, w1] = [median(without.map((r) => r.seconds)), median(withThumbs.map((r) => r.seconds))];
const [c0, c1] = [median(without.map((r) => r.cpu)), median(withThumbs.map((r) => r.cpu))];
console.log(`  wall  without ${w0.toFixed(1)} s, with ${w1.toFixed(1)} s: ${share(w1, w0)} (target < 15%)`);
console.log(`  cpu   without ${c0.toFixed(1)} s, with ${c1.toFixed(1)} s: ${share(c1, c0)} (rounds: ${without.map((r, i) => share(withThumbs[i].cpu, r.cpu)).join(" ")})`);
console.log(`  size  ${sizes.files} thumbnail files, ${(sizes.bytes / 1024).toFixed(0)} kB: ${(sizes.perSlide / 1024).toFixed(1)} kB a slide (target < 20 kB); largest ${(sizes.worst.perSlide / 1024).toFixed(1)} kB a slide (${sizes.worst.source})`);
console.log(`  load after: ${load()}`);
rmSync(work, { recursive: true, force: true });
