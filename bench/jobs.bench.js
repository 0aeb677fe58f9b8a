// `ingest --jobs 1` against `--jobs 2` on a folder of 50 mixed decks, in the same run, interleaved: wall time,
// CPU seconds (all threads: document threads and OCR workers are threads of the one process) and peak RSS.
// Then peak RSS of `ingest --jobs 2` on that folder at 1x against the same folder copied JOBS_SCALE times
// (default 16) under other names, each copy's bytes altered so it is a deck of its own (memory flat in corpus
// size). Issue 20's targets: --jobs 2 >= 1.6x --jobs 1; peak RSS under 600 MB, and within 1.2x from 1x to 16x.
// The folder: the PDFs of $REALDECKS/pdf and $REALDECKS/pptx-pdf and the decks of $REALDECKS/pptx when
// REALDECKS is set; picture-only decks made from bench/danish-slides.js (every page OCR'd); the fixtures' text,
// Markdown, PPTX, ODP and PDF decks; then born-digital decks made from the same slides up to 50.
// The JSON log's per-document `ms` (the deck's own time) and `waitMs` (its wait for a worker) are summed: the
// decks' own times cannot add up to more than the threads' wall time.
// JOBS_DECKS (50), JOBS_OCR_DECKS (6), JOBS_ROUNDS (2) and JOBS_SCALE (16; 0 skips the scaling run) set the sizes;
// JOBS_ARGS adds ingest arguments to every run. The 16x run takes about 16 times a 1x run (the 1x run of the 50
// decks with the real ones: 4-10 min at a load of 11-13 on 2 cores, mostly OCR and thumbnails).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { slide } from "./danish-slides.js";
import { pictureOnlyDecks } from "./picture-pages.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const DECKS = Number(process.env.JOBS_DECKS ?? 50);
const OCR_DECKS = Number(process.env.JOBS_OCR_DECKS ?? 6);
const ROUNDS = Number(process.env.JOBS_ROUNDS ?? 2);
const SCALE = Number(process.env.JOBS_SCALE ?? 16);
const OCR_PAGES = 3;
// more `ingest` arguments for every run (e.g. JOBS_ARGS="--ocr-workers 2" to try another sizing)
const ARGS = (process.env.JOBS_ARGS ?? "").split(/\s+/).filter(Boolean);
const dir = mkdtempSync(join(tmpdir(), "jobs-bench-"));
const inputs = join(dir, "in");
mkdirSync(inputs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(1)).join(" ");

// ---- the folder: the kinds taken in turn, so that a smaller JOBS_DECKS is mixed too
const candidates = { real: [], ocr: [], fixture: [] };
const real = process.env.REALDECKS;
if (real) {
  for (const sub of ["pdf", "pptx-pdf", "pptx"]) {
    const folder = join(real, sub);
    if (!existsSync(folder)) continue;
    for (const f of readdirSync(folder).sort()) if ([".pdf", ".pptx", ".odp"].includes(extname(f).toLowerCase())) candidates.real.push({ from: join(folder, f), name: `real-${sub}-${f}` });
  }
} else console.log("real decks: skipped (set REALDECKS); fixtures and generated decks only");
// picture-only decks: the generated slides drawn at 150 dpi, as a scanner or a "print to image" makes them
for (const [d, bytes] of (await pictureOnlyDecks(OCR_DECKS, OCR_PAGES)).entries()) candidates.ocr.push({ bytes, name: `ocr-deck-${d}.pdf` });
for (const sub of ["text", "markdown", "pptx", "odp", "pdf"]) {
  const folder = join(root, "fixtures", sub);
  for (const f of readdirSync(folder).sort()) {
    if ([".txt", ".md", ".pptx", ".odp", ".pdf"].includes(extname(f).toLowerCase()) && f !== "README.md") candidates.fixture.push({ from: join(folder, f), name: `fixture-${f}` });
  }
}
const kinds = { real: 0, ocr: 0, fixture: 0, generated: 0 };
for (let taken = 0; taken < DECKS; ) {
  const before = taken;
  // two real decks for each of the others: the real decks are most of a user's folder
  for (const kind of ["real", "real", "ocr", "fixture"]) {
    const next = taken < DECKS && candidates[kind].shift();
    if (!next) continue;
    if (next.from) copyFileSync(next.from, join(inputs, next.name));
    else writeFileSync(join(inputs, next.name), next.bytes);
    kinds[kind]++;
    taken++;
  }
  if (taken === before) {
    // born-digital decks made from the same slides, up to DECKS
    const d = kinds.generated++;
    writeFileSync(join(inputs, `generated-deck-${d}.pdf`), pdfBytes(Array.from({ length: 4 + (d % 9) }, (_, i) => slide(d * 3 + i)), { title: `Generated deck ${d}` }));
    taken++;
  }
}
const files = readdirSync(inputs);
console.log(`${files.length} decks: ${kinds.real} real, ${kinds.ocr} picture-only (${OCR_PAGES} pages each, OCR), ${kinds.fixture} fixtures, ${kinds.generated} generated born-digital`);

/** A copy of a deck whose bytes differ (a PDF comment after %%EOF, a ZIP comment, a last line of text). */
function altered(bytes, name, n) {
  const ext = extname(name).toLowerCase();
  if (ext === ".pdf") return Buffer.concat([bytes, Buffer.from(`\n%copy ${n}\n`, "latin1")]);
  if (ext === ".pptx" || ext === ".odp") {
    // the end-of-central-directory record ends the file when it has no comment: give it one
    const eocd = bytes.length - 22;
    if (bytes.readUInt32LE(eocd) !== 0x06054b50 || bytes.readUInt16LE(eocd + 20) !== 0) return undefined;
    const comment = Buffer.from(`copy ${n}`, "latin1");
    const head = Buffer.from(bytes.subarray(0, bytes.length));
    head.writeUInt16LE(comment.length, eocd + 20);
    return Buffer.concat([head, comment]);
  }
  return Buffer.concat([bytes, Buffer.from(`\n\nKopi ${n}\n`, "utf8")]);
}

function scaled(times) {
  const folder = join(dir, `in-${times}x`);
  mkdirSync(folder);
  let decks = 0;
  for (const f of files) {
    const bytes = readFileSync(join(inputs, f));
    for (let n = 0; n < times; n++) {
      const copy = n === 0 ? bytes : altered(bytes, f, n);
      if (!copy) continue;
      writeFileSync(join(folder, n === 0 ? f : `copy${n}-${f}`), copy);
      decks++;
    }
  }
  return { folder, decks };
}

function ingest(folder, jobs, label) {
  const out = join(dir, `out-${label}`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--import", join(root, "bench", "rss-probe.js"), join(root, "bin", "slidecorpus.js"), "ingest", folder, "--out", out, "--jobs", String(jobs), "--log", "json", ...ARGS], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  // exit 1: some decks failed (the fixtures' damaged decks are not in the folder, but a real deck may be)
  if (r.status !== 0 && r.status !== 1) throw new Error(`ingest --jobs ${jobs} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  let ms = 0, waitMs = 0, docs = 0, failed = 0, ocrPages = 0;
  for (const line of r.stderr.split("\n")) {
    if (!line.startsWith("{")) continue;
    const e = JSON.parse(line);
    if (e.event !== "document") continue;
    docs++;
    ms += e.ms;
    waitMs += e.waitMs;
    ocrPages += e.ocrPages ?? 0;
    if (e.status === "failed") failed++;
  }
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpu: Number(/cpu-s=([\d.]+)/.exec(r.stderr)?.[1]), rss: Number(/peak-rss-mb=(\d+)/.exec(r.stderr)?.[1]), ms, waitMs, docs, failed, ocrPages };
}

// ---- --jobs 1 against --jobs 2, interleaved, the order turned each round
const results = { 1: [], 2: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const jobs of round % 2 ? [2, 1] : [1, 2]) results[jobs].push(ingest(inputs, jobs, `${jobs}-${round}`));
}
const summary = (rs) => ({ seconds: median(rs.map((r) => r.seconds)), cpu: median(rs.map((r) => r.cpu)), rss: Math.max(...rs.map((r) => r.rss)), ms: median(rs.map((r) => r.ms)), waitMs: median(rs.map((r) => r.waitMs)), docs: rs[0].docs, failed: rs[0].failed, ocrPages: rs[0].ocrPages });
const one = summary(results[1]), two = summary(results[2]);
console.log(`\ningest of ${one.docs} decks (${one.ocrPages} OCR pages, ${one.failed} failed) on ${availableParallelism()} cores, ${ROUNDS} rounds interleaved (load average ${load()}):`);
for (const [jobs, s] of [[1, one], [2, two]]) {
  console.log(`  --jobs ${jobs}: ${s.seconds.toFixed(1)} s wall, ${s.cpu.toFixed(1)} CPU-s, peak RSS ${s.rss} MB; decks' own time summed ${(s.ms / 1000).toFixed(1)} s (${(s.ms / 1000 / s.seconds).toFixed(2)}x wall, at most ${jobs}x), waits ${(s.waitMs / 1000).toFixed(1)} s`);
}
console.log(`  --jobs 2 / --jobs 1: speed ${(one.seconds / two.seconds).toFixed(2)}x (target >= 1.6), CPU ${(two.cpu / one.cpu).toFixed(2)}x, peak RSS ${(two.rss / one.rss).toFixed(2)}x (target: under 600 MB)`);

// ---- memory against corpus size
if (SCALE > 1) {
  const big = scaled(SCALE);
  const r = ingest(big.folder, 2, `${SCALE}x`);
  rmSync(big.folder, { recursive: true, force: true });
  console.log(`\ningest --jobs 2 of the folder copied ${SCALE}x (${big.decks} decks; load average ${load()}): ${r.seconds.toFixed(1)} s wall (${(r.seconds / two.seconds).toFixed(1)}x the 1x run), ${r.cpu.toFixed(1)} CPU-s, peak RSS ${r.rss} MB`);
  console.log(`  peak RSS ${SCALE}x / 1x: ${(r.rss / two.rss).toFixed(2)}x (target <= 1.2)`);
}
rmSync(dir, { recursive: true, force: true });
