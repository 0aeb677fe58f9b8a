// OCR of pages drawn with text (a broken or wrong text layer, or --ocr always): the resolution chosen from the
// page's smallest text against a fixed 300 dpi, in CPU seconds per page and word accuracy, and against the
// `tesseract` CLI (-l dan, one process a page, OMP_THREAD_LIMIT=1) on the same pixels, in the same run.
// CPU time, not wall time: the machine may be shared. OCR_RES_PAGES sets the number of slides (default 6).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractPdf, shutdownOcr } from "../dist/extractors/pdf/index.js";
import { openPdf } from "../dist/extractors/pdf/open.js";
import { renderPage } from "../dist/extractors/pdf/render.js";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { slide } from "./danish-slides.js";
import { bagAgreement } from "./words.js";

const PAGES = Number(process.env.OCR_RES_PAGES ?? 6);
const bytes = new Uint8Array(pdfBytes(Array.from({ length: PAGES }, (_, i) => slide(i))));
const truth = Array.from({ length: PAGES }, (_, i) => slide(i).text.map((t) => t.text).join("\n"));
const dir = mkdtempSync(join(tmpdir(), "ocr-res-bench-"));


/** CPU seconds of this process (all its threads: the OCR workers are threads) spent in `fn`. */
async function cpu(fn) {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  return [(used.user + used.system) / 1e6, result];
}

/** Ours: one OCR worker, every page forced to OCR; the workers are started (and warmed) before measuring. */
async function ours(ocrDpi) {
  const options = { ocr: "always", ocrWorkers: 1, lang: "dan", ...(ocrDpi ? { ocrDpi } : {}) };
  await extractPdf(bytes, options);
  let best;
  for (let i = 0; i < 2; i++) {
    const r = await cpu(() => extractPdf(bytes, options));
    if (!best || r[0] < best[0]) best = r;
  }
  const [seconds, doc] = best;
  return { perPage: seconds / PAGES, words: bagAgreement(truth, doc.pages.map((p) => p.lines.map((l) => l.text).join("\n"))) };
}

/** The tesseract CLI on our renders at `dpiOf(page)`: CPU seconds per page (user + system, from time(1)). */
async function cli(dpiOf) {
  const doc = await openPdf(bytes);
  let seconds = 0;
  const outs = [];
  for (let n = 1; n <= PAGES; n++) {
    const dpi = dpiOf(n);
    const r = await renderPage(doc, await doc.getPage(n), dpi);
    const file = join(dir, `p${n}.pgm`);
    writeFileSync(file, r.image);
    const run = spawnSync("/usr/bin/time", ["-f", "%U %S", "tesseract", file, "-", "-l", "dan", "--dpi", String(Math.round(r.dpi))], { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, encoding: "utf8" });
    const [user, system] = run.stderr.trim().split("\n").at(-1).split(" ").map(Number);
    seconds += user + system;
    outs.push(run.stdout);
  }
  await doc.destroy();
  return { perPage: seconds / PAGES, words: bagAgreement(truth, outs) };
}

const chosen = await ours(undefined);
const fixed = await ours(300);
await shutdownOcr();
const line = (label, r) => `${label}: ${r.perPage.toFixed(2)} CPU-s/page, ${(100 * r.words).toFixed(2)}% of the words`;
console.log(`OCR of ${PAGES} text-drawn slides (10-26 pt), one worker, -l dan:`);
console.log(`  ${line("resolution from the text size", chosen)}`);
console.log(`  ${line("fixed 300 dpi (before)", fixed)}; ratio chosen / 300 dpi ${(chosen.perPage / fixed.perPage).toFixed(2)}`);
const hasCli = !spawnSync("tesseract", ["--version"], { stdio: "ignore" }).error && !spawnSync("/usr/bin/time", ["true"], { stdio: "ignore" }).error;
if (hasCli) {
  // the same pixels: the resolution ours chose for each page, from its text layer
  const { ocrDpiFor, smallestTextSize } = await import("../dist/extractors/pdf/extract.js");
  const layer = await extractPdf(bytes, { ocr: "never" });
  const dpis = layer.pages.map((p) => ocrDpiFor({ pictureArea: 0 }, { width: p.width ?? 0, height: p.height ?? 0 }, smallestTextSize(p.lines)));
  const dpi = `${Math.min(...dpis)}-${Math.max(...dpis)}`;
  const same = await cli((n) => dpis[n - 1]);
  const at300 = await cli(() => 300);
  console.log(`  ${line(`tesseract CLI at ${dpi} dpi`, same)}; ratio ours / CLI ${(chosen.perPage / same.perPage).toFixed(2)} (target <= 1.2)`);
  console.log(`  ${line("tesseract CLI at 300 dpi", at300)}; ratio ours at 300 dpi / CLI ${(fixed.perPage / at300.perPage).toFixed(2)}`);
} else {
  console.log("  tesseract or time(1) is not installed: skipping the comparison (apt-get install tesseract-ocr tesseract-ocr-dan time)");
}
rmSync(dir, { recursive: true, force: true });
