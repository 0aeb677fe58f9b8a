// Nightly-run costs of `slidecorpus ingest` on a generated corpus of small text decks:
//   - first run vs unchanged re-run (target: re-run under 5% of the first run's time), with and without --checksum,
//     and a re-run after one deck changed;
//   - peak memory (max RSS of the whole process, worker threads included) of a first run as the corpus grows
//     1x, 4x, 16x (target: flat).
// BENCH_DECKS sets the 1x size (default 300); BENCH_JOBS the threads (default 2).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deckText, generateDecks } from "./generate-corpus.js";

const cli = fileURLToPath(new URL("../bin/slidecorpus.js", import.meta.url));
const base = Number(process.env.BENCH_DECKS ?? 300);
const jobs = process.env.BENCH_JOBS ?? "2";
const work = mkdtempSync(join(tmpdir(), "slidecorpus-bench-"));

/**
 * Runs one ingest in a child process; returns wall time, its max RSS in MB (worker threads included), run.json,
 * and with `sampleHeap` the main thread's peak live heap (sampled after a forced GC every 250 ms).
 */
function ingest(inputs, out, args = [], { sampleHeap = false } = {}) {
  const argv = ["ingest", inputs, "--out", out, "--jobs", jobs, "--quiet", ...args];
  const script =
    `process.argv = [process.argv[0], "slidecorpus", ...${JSON.stringify(argv)}];` +
    `let live = 0;` +
    (sampleHeap ? `setInterval(() => { gc(); live = Math.max(live, process.memoryUsage().heapUsed); }, 250).unref();` : "") +
    `process.on("exit", () => process.stderr.write("\\nmaxRSS " + process.resourceUsage().maxRSS + " live " + live + "\\n"));` +
    `await import(${JSON.stringify(cli)});`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { encoding: "utf8" });
  const ms = performance.now() - t0;
  const m = /maxRSS (\d+) live (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`ingest failed (${r.status}): ${r.stderr}`);
  return { ms, rss: Number(m[1]) / 1024, live: Number(m[2]) / 1048576, run: JSON.parse(readFileSync(join(out, "run.json"), "utf8")) };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const pct = (a, b) => `${((a / b) * 100).toFixed(1)}%`;

try {
  console.log(`corpus: ${base} generated text decks (1x), ${jobs} worker threads`);
  const inputs = join(work, "in-1x");
  const paths = generateDecks(inputs, base);
  const out = join(work, "out-1x");
  const first = ingest(inputs, out);
  // Short runs are the fastest of three: the machine's other load only ever adds time.
  const best = (f) => [f(), f(), f()].sort((a, b) => a.ms - b.ms)[0];
  const unchanged = best(() => ingest(inputs, out));
  const checksum = best(() => ingest(inputs, out, ["--checksum"]));
  writeFileSync(join(inputs, paths[Math.floor(base / 2)]), deckText(999_999));
  const oneChanged = ingest(inputs, out);
  console.log(`first run                      ${fmt(first.ms)}  (${first.run.processed} decks, ${first.run.corpus.records} records)`);
  console.log(`unchanged re-run               ${fmt(unchanged.ms)}  = ${pct(unchanged.ms, first.ms)} of the first run (target < 5%), ${unchanged.run.skipped} skipped`);
  console.log(`unchanged re-run, --checksum   ${fmt(checksum.ms)}  = ${pct(checksum.ms, first.ms)} of the first run`);
  console.log(`re-run after 1 deck changed    ${fmt(oneChanged.ms)}  = ${pct(oneChanged.ms, first.ms)} of the first run, ${oneChanged.run.processed} processed`);
  // Process start-up (Node, modules, one worker thread) is a fixed cost in every run; the rest is what grows.
  generateDecks(join(work, "in-one"), 1);
  ingest(join(work, "in-one"), join(work, "out-one"));
  const fixed = best(() => ingest(join(work, "in-one"), join(work, "out-one")));
  console.log(`fixed start-up cost (an unchanged re-run of a 1-deck corpus): ${fmt(fixed.ms)}`);
  const marginal = (r) => Math.max(0, r.ms - fixed.ms);
  console.log(
    `beyond the start-up cost, the unchanged re-run costs ${pct(marginal(unchanged), marginal(first))} of the first run ` +
      `(${(marginal(unchanged) / base).toFixed(2)} ms per unchanged deck vs ${(marginal(first) / base).toFixed(1)} ms per deck processed)`,
  );

  const rows = [];
  for (const scale of [1, 4, 16]) {
    const dir = join(work, `in-${scale}x`);
    if (scale > 1) generateDecks(dir, base * scale);
    const r = ingest(dir, join(work, `mem-${scale}x`), [], { sampleHeap: true });
    rows.push({ scale, decks: base * scale, ...r });
    if (scale > 1) rmSync(dir, { recursive: true, force: true });
  }
  console.log("\nmemory of a first run as the corpus grows (target: flat)");
  for (const r of rows) {
    console.log(
      `${String(r.scale).padStart(2)}x  ${String(r.decks).padStart(5)} decks  ${String(r.run.corpus.records).padStart(7)} records` +
        `  ${fmt(r.ms).padStart(8)}  max RSS ${r.rss.toFixed(0).padStart(4)} MB (${(r.rss / rows[0].rss).toFixed(2)}x of 1x)` +
        `  main-thread live heap ${r.live.toFixed(1).padStart(5)} MB (${(r.live / rows[0].live).toFixed(2)}x)`,
    );
  }
  console.log("max RSS includes garbage V8 has not collected yet; the live heap is what the run holds on to.");
} finally {
  rmSync(work, { recursive: true, force: true });
}
