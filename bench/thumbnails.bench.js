// Thumbnails' cost on real born-digital decks: `slidecorpus ingest --jobs 1` over the same folder with and without
// `--no-thumbnails`, runs alternated (so load on a shared machine hits both alike), fresh output folders. Prints
// the median wall time and CPU time of each and their ratio (target: thumbnails add under 15%), and the bytes of
// thumbnails per slide (target: under 20 kB). The decks are $REALDECKS/pdf and $REALDECKS/pptx-pdf, less those a
// first run reads any page of by OCR (not born-digital); without REALDECKS the bench says so and skips.
// THUMBNAILS_ROUNDS sets the rounds (default 3).
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
const work = mkdtempSync(join(tmpdir(), "slidecorpus-thumbs-bench-"));

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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// every PDF, once without thumbnails: which decks have no page read by OCR
const all = join(work, "all");
mkdirSync(all);
for (const folder of folders) for (const f of readdirSync(folder).filter((f) => f.toLowerCase().endsWith(".pdf"))) copyFileSync(join(folder, f), join(all, `${folder.split("/").pop()}-${f}`));
const first = ingest(all, "probe", ["--no-thumbnails"]);
const born = manifest(first.out).filter((e) => e.ok && e.ocrPages === 0);
const input = join(work, "born-digital");
mkdirSync(input);
for (const e of born) copyFileSync(join(all, e.source), join(input, e.source));
const slides = born.reduce((n, e) => n + e.slides, 0);
console.log(`thumbnails: ${born.length} born-digital decks of ${readdirSync(all).length} (${slides} slides), ${rounds} rounds, load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);

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
console.log(`  wall  without ${w0.toFixed(1)} s, with ${w1.toFixed(1)} s: +${((w1 / w0 - 1) * 100).toFixed(0)}% (target < 15%)`);
console.log(`  cpu   without ${c0.toFixed(1)} s, with ${c1.toFixed(1)} s: +${((c1 / c0 - 1) * 100).toFixed(0)}%`);
console.log(`  size  ${sizes.files} thumbnail files, ${(sizes.bytes / 1024).toFixed(0)} kB: ${(sizes.perSlide / 1024).toFixed(1)} kB a slide (target < 20 kB); largest ${(sizes.worst.perSlide / 1024).toFixed(1)} kB a slide (${sizes.worst.source})`);
console.log(`  load after: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
rmSync(work, { recursive: true, force: true });
