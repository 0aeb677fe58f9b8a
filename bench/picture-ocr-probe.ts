// Dev probe (not a bench): per picture sent to OCR on real decks, its size, texture, the CPU its OCR cost and
// what it yielded (words kept into picture_text lines, and how many of those are dan/eng dictionary words).
// REALDECKS=… [REALDECKS_LIST=a.pdf,b.pdf] node bench/picture-ocr-probe.ts [out.json]: one row per OCR job (a
// picture: its size, texture, CPU-s, words read, words kept, dictionary words kept; a page: its CPU-s) and per deck.
// The evidence behind the candidate test in extractors/pdf/picture-ocr.ts (mayHoldText).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extractPdf, shutdownOcr } from "../extractors/pdf/index.ts";
import { OcrPool, type OcrJob } from "../extractors/pdf/ocr-pool.ts";
import { pictureLines, isDictionaryWord } from "../extractors/pdf/picture-ocr.ts";
import { pixelTexture } from "../extractors/pdf/pictures.ts";

if (!process.env.REALDECKS) {
  console.log("picture OCR probe: skipped (set REALDECKS to a folder whose pdf/ holds real PDF decks)");
  process.exit(0);
}
const folder = join(process.env.REALDECKS, "pdf");
const only = process.env.REALDECKS_LIST?.split(",");
const files = readdirSync(folder).filter((f) => f.endsWith(".pdf") && f.includes(process.env.REALDECKS_MATCH ?? "") && (!only || only.includes(f))).sort();
const rows: Record<string, unknown>[] = [];
let deck = "";
let chain: Promise<unknown> = Promise.resolve();
const recognize = OcrPool.prototype.recognize;
OcrPool.prototype.recognize = function (this: OcrPool, job: OcrJob) {
  // one job at a time, so the process's CPU around it is the job's
  const run = chain.then(async () => {
    const t = process.cpuUsage();
    const result = await recognize.call(this, job);
    const c = process.cpuUsage(t);
    const cpu = (c.user + c.system) / 1e6;
    if (job.label.endsWith("a picture")) {
      const img = Buffer.from(job.image);
      const [, w, h] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(img.subarray(0, 40).toString("latin1"))!.map(Number) as [number, number, number];
      const grey = new Uint8Array(img.subarray(img.length - w * h));
      const tex = pixelTexture(grey, w, h);
      const lines = pictureLines(result, { id: "", x: 0, y: 0, width: w, height: h, pixelsWide: w, pixelsHigh: h });
      const words = lines.flatMap((l) => l.text.split(/\s+/)).map((x) => x.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter((x) => x.length >= 2);
      const dict = words.filter((x) => /^\p{L}+$/u.test(x) && isDictionaryWord(x)).length;
      const allWords = (result.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words))).length;
      rows.push({ deck, label: job.label, lang: job.lang, dpi: Math.round(job.dpi), w, h, ...tex, cpu, allWords, kept: words.length, dict, text: lines.map((l) => l.text).join(" | ").slice(0, 200) });
    } else rows.push({ deck, label: job.label, lang: job.lang, page: true, cpu });
    return result;
  });
  chain = run.catch(() => {});
  return run;
};
for (const f of files) {
  deck = f;
  const t = process.cpuUsage();
  const doc = await extractPdf(new Uint8Array(readFileSync(join(folder, f))), { ocrWorkers: 1, thumbnails: false });
  const c = process.cpuUsage(t);
  rows.push({ deck, total: true, cpu: (c.user + c.system) / 1e6, pages: doc.pages.length, ocrPages: doc.pages.filter((p) => p.method === "ocr").length });
  console.error(f, ((c.user + c.system) / 1e6).toFixed(1));
}
await shutdownOcr();
writeFileSync(process.argv[2] ?? "/tmp/picture-probe.json", JSON.stringify(rows, null, 1));
