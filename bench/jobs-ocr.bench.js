// `ingest --jobs 1` against `--jobs 2` on a folder of picture-only decks (every page OCR'd), in the same run,
// interleaved: wall time, CPU seconds (all threads: the OCR workers are threads) and peak RSS of the CLI process.
// Each job thread starts max(1, cores / jobs) OCR workers (pipeline/thread-runner.ts), so more jobs should not
// mean more tesseract workers than cores. JOBS_OCR_DECKS / JOBS_OCR_PAGES / JOBS_OCR_ROUNDS set the sizes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pictureOnlyDecks } from "./picture-pages.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const DECKS = Number(process.env.JOBS_OCR_DECKS ?? 4);
const PAGES = Number(process.env.JOBS_OCR_PAGES ?? 4);
const ROUNDS = Number(process.env.JOBS_OCR_ROUNDS ?? 2);
const dir = mkdtempSync(join(tmpdir(), "jobs-ocr-bench-"));
const inputs = join(dir, "in");
mkdirSync(inputs);

// picture-only decks: the generated slides drawn at 150 dpi, as a scanner or a "print to image" makes them
for (const [d, bytes] of (await pictureOnlyDecks(DECKS, PAGES)).entries()) writeFileSync(join(inputs, `deck-${d}.pdf`), bytes);

function ingest(jobs, round) {
  const out = join(dir, `out-${jobs}-${round}`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--import", join(root, "bench", "rss-probe.js"), join(root, "bin", "slidecorpus.js"), "ingest", inputs, "--out", out, "--jobs", String(jobs), "--quiet"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ingest --jobs ${jobs} failed (${r.status}): ${r.stderr}`);
  const seconds = (performance.now() - t) / 1000;
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpu: Number(/cpu-s=([\d.]+)/.exec(r.stderr)?.[1]), rss: Number(/peak-rss-mb=(\d+)/.exec(r.stderr)?.[1]) };
}

const results = { 1: [], 2: [] };
for (let round = 0; round < ROUNDS; round++) for (const jobs of [1, 2]) results[jobs].push(ingest(jobs, round));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (jobs) => {
  const rs = results[jobs];
  return { seconds: median(rs.map((r) => r.seconds)), cpu: median(rs.map((r) => r.cpu)), rss: Math.max(...rs.map((r) => r.rss)) };
};
const one = summary(1), two = summary(2);
const pages = DECKS * PAGES;
console.log(`ingest of ${DECKS} picture-only decks (${pages} OCR pages) on ${availableParallelism()} cores, ${ROUNDS} rounds interleaved (load average ${loadavg()[0].toFixed(1)}):`);
for (const [jobs, s] of [[1, one], [2, two]]) {
  console.log(`  --jobs ${jobs}: ${s.seconds.toFixed(1)} s (${(pages / s.seconds).toFixed(2)} pages/s), ${s.cpu.toFixed(1)} CPU-s (${(s.cpu / pages).toFixed(2)}/page), peak RSS ${s.rss} MB`);
}
console.log(`  --jobs 2 / --jobs 1: speed ${(one.seconds / two.seconds).toFixed(2)}x (target >= 1.6 on mixed decks), CPU ${(two.cpu / one.cpu).toFixed(2)}x, peak RSS ${(two.rss / one.rss).toFixed(2)}x`);
rmSync(dir, { recursive: true, force: true });
