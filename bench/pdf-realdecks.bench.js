// Real decks, as a user runs slidecorpus on them: `slidecorpus extract` deck by deck and `slidecorpus ingest
// --jobs 2` over the folder, against `pdftotext` on the same files in the same run. Prints pages/s and the
// ratio to pdftotext, peak RSS, the pages OCR'd whole and why, the pictures read, and per born-digital deck
// the bag-of-words recall of pdftotext's words in the records and the precision of the records' words (those
// of `picture_text` records apart). The folder is $REALDECKS/pdf (a folder of real decks laid out as pdf/, pptx/, pptx-pdf/);
// without it the bench says so and skips. REALDECKS_MATCH keeps the files whose name contains it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = process.env.REALDECKS && join(process.env.REALDECKS, "pdf");
if (!folder || !existsSync(folder)) {
  console.log(`real decks: skipped (set REALDECKS to a folder whose pdf/ holds real PDF decks${folder ? `; ${folder} does not exist` : ""})`);
  process.exit(0);
}
const match = process.env.REALDECKS_MATCH ?? "";
const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith(".pdf") && f.includes(match)).sort();
if (!files.length) {
  console.log(`real decks: skipped (no PDFs in ${folder}${match ? ` matching "${match}"` : ""})`);
  process.exit(0);
}
const hasPdftotext = !spawnSync("pdftotext", ["-v"], { stdio: "ignore" }).error;
const probe = join(root, "bench", "rss-probe.js");
const cli = join(root, "bin", "slidecorpus.js");
const tokens = (s) => s.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const bag = (words) => words.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map());
/** Words of `a` (a multiset) also in `b`. */
const shared = (a, b) => [...a].reduce((n, [w, k]) => n + Math.min(k, b.get(w) ?? 0), 0);
const size = (m) => [...m.values()].reduce((n, k) => n + k, 0);
const LIGATURES = ["fi", "fl", "ff", "ffi", "ffl"];
/**
 * pdftotext's words with the ligatures it lost put back: where a font maps its fi/fl/ff glyphs to nothing, it
 * writes `identi ceres` or `fi nder` for identificeres and finder. A word missing from `ours` (or one `ours` has,
 * `a`, before one it has not, `æse`) is joined to the next with a ligature between (or a lone ligature to the next
 * word) when `ours` has the joined word. A ligature left standing alone (Keynote's, which pdftotext writes apart
 * from its word, at the end of the page) is no word of the page when `ours` has none such.
 */
function withLigatures(ref, ours) {
  const out = [];
  for (let i = 0; i < ref.length; i++) {
    const [a, b] = [ref[i], ref[i + 1]];
    if (LIGATURES.includes(a) && !ours.has(a) && !(b !== undefined && ours.has(a + b))) continue;
    if ((ours.has(a) && (b === undefined || ours.has(b))) || b === undefined) { out.push(a); continue; }
    const joined = [...LIGATURES.map((l) => a + l + b), a + b].find((w) => ours.has(w));
    if (joined) { out.push(joined); i++; continue; }
    out.push(ours.has(a) ? a : (LIGATURES.map((l) => l + a).find((w) => ours.has(w)) ?? a));
  }
  return out;
}

/** Runs a command; seconds, stdout, and (for node) the peak RSS in MB reported by rss-probe.js. */
function run(cmd, args) {
  const t = performance.now();
  const node = cmd === process.execPath;
  const r = spawnSync(cmd, node ? ["--import", probe, ...args] : args, { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  const seconds = (performance.now() - t) / 1000;
  const rss = node ? Number(/peak-rss-mb=(\d+)/.exec(r.stderr)?.[1]) : undefined;
  return { seconds, out: r.stdout, status: r.status, rss, stderr: r.stderr };
}

console.log(`${files.length} decks from ${folder} (load average ${loadavg()[0].toFixed(1)})`);
let pages = 0, refSeconds = 0, extractSeconds = 0, extractRss = 0;
const ref = new Map();
const rows = [];
for (const f of files) {
  const path = join(folder, f);
  const r = hasPdftotext ? run("pdftotext", ["-enc", "UTF-8", path, "-"]) : undefined;
  if (r) refSeconds += r.seconds;
  const refPages = r ? r.out.split("\f") : [];
  ref.set(f, refPages);
  const e = run(process.execPath, [cli, "extract", "--json", path]);
  extractSeconds += e.seconds;
  extractRss = Math.max(extractRss, e.rss || 0);
  let doc;
  try { doc = JSON.parse(e.out); } catch { console.log(`  ${f}: extract failed (exit ${e.status}): ${e.stderr.split("\n")[0]}`); continue; }
  pages += doc.pages.length;
  const ocr = doc.pages.filter((p) => p.method === "ocr");
  const pictures = doc.pages.flatMap((p) => p.lines.filter((l) => l.role === "picture_text")).length;
  rows.push({ f, pages: doc.pages.length, seconds: e.seconds, rss: e.rss, ocr, pictures });
}
console.log(`extract: ${pages} pages in ${extractSeconds.toFixed(1)} s, ${(pages / extractSeconds).toFixed(1)} pages/s, ` +
  `median ${median(rows.map((r) => (1000 * r.seconds) / r.pages)).toFixed(0)} ms a page, peak RSS ${extractRss} MB (one deck at a time, with start-up)`);
if (hasPdftotext) console.log(`  pdftotext: ${(pages / refSeconds).toFixed(1)} pages/s; pdftotext is ${(extractSeconds / refSeconds).toFixed(1)}× faster`);
const reasons = new Map();
for (const r of rows) for (const p of r.ocr) {
  const why = (p.reason ?? "").replace(/\s*\(.*$|:.*$/, "");
  reasons.set(why, (reasons.get(why) ?? 0) + 1);
}
console.log(`  pages OCR'd whole: ${rows.reduce((n, r) => n + r.ocr.length, 0)} of ${pages}: ${[...reasons].map(([w, n]) => `${n} ${w}`).join("; ") || "none"}`);
for (const r of rows) {
  console.log(`  ${r.f.padEnd(48)} ${String(r.pages).padStart(4)} p ${((1000 * r.seconds) / r.pages).toFixed(0).padStart(6)} ms/p ` +
    `${String(r.rss).padStart(5)} MB  OCR'd ${r.ocr.length ? r.ocr.map((p) => p.page).join(",") : "-"}${r.pictures ? `  picture lines ${r.pictures}` : ""}`);
}

// --- ingest over the folder, two jobs -----------------------------------------------------------------------
const out = mkdtempSync(join(tmpdir(), "realdecks-ingest-"));
const inputs = files.map((f) => join(folder, f));
const g = run(process.execPath, [cli, "ingest", ...inputs, "--out", out, "--jobs", "2", "--quiet"]);
console.log(`ingest --jobs 2: ${pages} pages in ${g.seconds.toFixed(1)} s, ${(pages / g.seconds).toFixed(1)} pages/s, ` +
  `peak RSS ${g.rss} MB (target < 600)${hasPdftotext ? `; pdftotext is ${(g.seconds / refSeconds).toFixed(1)}× faster` : ""}`);
if (hasPdftotext && existsSync(join(out, "records.jsonl"))) {
  const records = readFileSync(join(out, "records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const decks = readFileSync(join(out, "decks.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const recalls = [], precisions = [], kept = [];
  let controls = 0, doubled = 0;
  const doubledRun = (text) => [...text.matchAll(/(?<![\p{L}\p{N}])([\p{L}\p{N}](?:[^\t\n]*?\S)?)\1(?!\p{Ll})/gu)].some((m) => (m[1].match(/\p{L}/gu) ?? []).length >= 3);
  for (const r of records) {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(r.text)) controls++;
    // text drawn twice reads glued to itself (`CreateCreate`, `await axiosawait axios`): a copy overlaps the first
    // drawing, so no space comes between; the same word twice with a space or a tab between (`next next`, two
    // labels of a diagram) is not one, nor a repeat inside a word (`statistisk`)
    if (doubledRun(r.text)) doubled++;
  }
  console.log(`  records: ${records.length}; with control characters: ${controls}; with a word doubled in place: ${doubled} (target 0)`);
  for (const d of decks) {
    const f = d.source.split("/").pop();
    const mine = records.filter((r) => r.deckId === d.id);
    // a numbered item's number is the record's (`ordinal`), not its text's
    const all = bag(mine.flatMap((r) => [...tokens(r.text), ...(r.ordinal ? [String(r.ordinal)] : [])]));
    const refWords = bag(withLigatures((ref.get(f) ?? []).flatMap(tokens), all));
    if (size(refWords) < 20 * d.slideCount) continue; // image-only or nearly: no born-digital reference
    const layer = bag(mine.filter((r) => r.kind !== "picture_text").flatMap((r) => tokens(r.text)));
    // the lines segmentation keeps out of the records on purpose (running footers, slide numbers, debris), listed on the deck
    const withDropped = bag([...mine.flatMap((r) => [...tokens(r.text), ...(r.ordinal ? [String(r.ordinal)] : [])]), ...(d.dropped ?? []).flatMap((x) => tokens(x.text))]);
    const recall = shared(refWords, all) / size(refWords), precision = shared(layer, refWords) / (size(layer) || 1);
    const read = shared(refWords, withDropped) / size(refWords);
    recalls.push(recall);
    precisions.push(precision);
    kept.push(read);
    console.log(`  ${f.padEnd(48)} recall ${(100 * recall).toFixed(1)}% (${(100 * read).toFixed(1)}% with the deck's dropped lines)  precision ${(100 * precision).toFixed(1)}%  OCR'd ${d.slides.filter((s) => s.method === "ocr").length}`);
  }
  console.log(`  born-digital decks: median recall ${(100 * median(recalls)).toFixed(1)}% (target >= 99%; ${(100 * median(kept)).toFixed(1)}% counting the lines ` +
    `segmentation drops as running headers, footers, slide numbers and debris), median precision ` +
    `${(100 * median(precisions)).toFixed(1)}% (target >= 97%), worst ${(100 * Math.min(...recalls)).toFixed(1)}% / ${(100 * Math.min(...precisions)).toFixed(1)}%`);
}
rmSync(out, { recursive: true, force: true });

// --- ingest of the born-digital decks alone (pdftotext finds 20 words a page or more): the speed target's decks --
if (hasPdftotext) {
  const born = rows.filter((r) => (ref.get(r.f) ?? []).flatMap(tokens).length >= 20 * r.pages);
  const bornPages = born.reduce((n, r) => n + r.pages, 0);
  let bornRef = 0;
  for (const r of born) bornRef += run("pdftotext", ["-enc", "UTF-8", join(folder, r.f), "-"]).seconds;
  const bornOut = mkdtempSync(join(tmpdir(), "realdecks-born-"));
  const b = run(process.execPath, [cli, "ingest", ...born.map((r) => join(folder, r.f)), "--out", bornOut, "--jobs", "2", "--quiet"]);
  const ocrPages = existsSync(join(bornOut, "run.json")) ? JSON.parse(readFileSync(join(bornOut, "run.json"), "utf8")).ocrPages : "?";
  console.log(`ingest --jobs 2 of the ${born.length} born-digital decks: ${bornPages} pages in ${b.seconds.toFixed(1)} s, ${(bornPages / b.seconds).toFixed(1)} pages/s, ` +
    `${((1000 * b.seconds) / bornPages).toFixed(0)} ms a page (target <= 41, 20× faster than 822), peak RSS ${b.rss} MB (target < 600), ${ocrPages} pages OCR'd whole; ` +
    `pdftotext ${(bornPages / bornRef).toFixed(0)} pages/s in the same run, ${(b.seconds / bornRef).toFixed(1)}× faster`);
  rmSync(bornOut, { recursive: true, force: true });
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
}
