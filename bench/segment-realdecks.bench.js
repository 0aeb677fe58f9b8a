// Segmentation quality on real decks (a folder of real decks named by $REALDECKS, laid out as pdf/, pptx/ with
// REFERENCE.jsonl, pptx-pdf/; skipped without it): not a
// speed benchmark but a scorer, so each change to the segmentation rules is measured the same way.
//   - slide titles vs the title placeholders python-pptx reads from the PPTX/ODP (pptx/REFERENCE.jsonl), on the
//     PDFs LibreOffice rendered from them (pptx-pdf/);
//   - deck title, author and date vs what the decks state (bench/realdecks-truth.json, read by hand);
//   - table and quote records per deck (pptx decks: vs the tables the PPTX has), and vs the dev set's true tables
//     and quotes (bench/realdecks-truth.json, read by hand): found, whole, missed and false;
//   - repairs (normalizer changes) in Norwegian decks and in code records: the target is zero;
//   - the deck's language vs SOURCES.tsv.
// Text layers only (`--ocr never`): image-only decks are left out. Targets (issue 14): titles ≥ 95%, deck
// metadata ≥ 90%, no repairs in Norwegian decks or code. `SEG_DUMP=dir` writes each deck's records there.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const base = process.env.REALDECKS;
if (!base || !existsSync(base)) {
  console.log(`skipped: no development set of real decks (set REALDECKS to a folder with pdf/, pptx/ and pptx-pdf/)`);
  process.exit(0);
}
const { processDocument } = await import("../dist/pipeline/process.js");
const { shutdownExtractors } = await import("../dist/extractors/registry.js");
const truth = JSON.parse(readFileSync(join(root, "bench/realdecks-truth.json"), "utf8"));
const reference = new Map(
  readFileSync(join(base, "pptx/REFERENCE.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => {
    const r = JSON.parse(l);
    return [r.file.replace(/\.(pptx|odp)$/, ".pdf"), r];
  }),
);
const sources = new Map(
  readFileSync(join(base, "pdf/SOURCES.tsv"), "utf8").split("\n").slice(1).filter(Boolean).map((l) => {
    const c = l.split("\t");
    return [c[0], { lang: c[4], origin: c[8] }];
  }),
);
const dump = process.env.SEG_DUMP;
if (dump) mkdirSync(dump, { recursive: true });
const only = process.argv[2] ?? "";

/** Compared up to case, spacing, dashes and end punctuation. */
const same = (a, b) => {
  const k = (s) => String(s ?? "").normalize("NFC").toLowerCase().replace(/[–—]/g, "-").replace(/[’‘]/g, "'").replace(/\s+/g, " ").replace(/^[\s"“”'.:;,!?-]+|[\s"“”'.:;,!?-]+$/g, "");
  return k(a) === k(b);
};

const files = [
  ...readdirSync(join(base, "pptx-pdf")).filter((f) => f.endsWith(".pdf")).map((f) => `pptx-pdf/${f}`),
  ...readdirSync(join(base, "pdf")).filter((f) => f.endsWith(".pdf")).map((f) => `pdf/${f}`),
].filter((f) => f.includes(only)).sort();

const titles = { right: 0, total: 0, wrong: [] };
const meta = { right: 0, total: 0, wrong: [] };
const langs = { right: 0, total: 0, wrong: [] };
// tables and quotes vs bench/realdecks-truth.json: found (whole: as many columns and rows), missed, false
const tablesScore = { found: 0, whole: 0, total: 0, missed: [], notWhole: [], false: [] };
const quotesScore = { found: 0, attributed: 0, total: 0, missed: [], false: [] };
let norwegianRepairs = 0;
let codeRepairs = 0;
const kinds = [];
const started = performance.now();
for (const file of files) {
  const name = file.split("/")[1];
  const src = sources.get(name);
  if (src && /no text layer/.test(src.origin)) continue;
  const result = await processDocument(readFileSync(join(base, file)), file, { extract: { ocr: "never" } });
  if (!result.ok) {
    console.log(`${file}: failed ${result.error.code} ${result.error.message}`);
    continue;
  }
  const { deck, records } = result;
  if (dump) writeFileSync(join(dump, name.replace(/\.pdf$/, "") + (file.startsWith("pptx-pdf") ? ".render" : "") + ".json"), JSON.stringify({ deck: { ...deck, dropped: undefined }, records: records.map(({ id, deckId, source, concepts, ...r }) => r) }, null, 1));

  // slide titles
  const ref = file.startsWith("pptx-pdf/") ? reference.get(name) : undefined;
  if (ref) {
    for (const s of ref.per_slide) {
      if (!s.title || !s.title.trim()) continue;
      const got = records.filter((r) => r.slide === s.n && r.kind === "title").map((r) => r.text);
      titles.total++;
      if (got.length === 1 && same(got[0], s.title)) titles.right++;
      else titles.wrong.push(`${name}#${s.n}: ${JSON.stringify(got)} for ${JSON.stringify(s.title.replace(/\s+/g, " "))}`);
    }
  }
  // deck metadata
  const t = truth[file] ?? {};
  for (const field of ["title", "author", "date"]) {
    if (!t[field]) continue;
    meta.total++;
    const got = deck[field];
    const ok = field === "date" ? t.date.some((d) => got && got.startsWith(d)) : t[field].some((v) => same(v, got));
    if (ok) meta.right++;
    else meta.wrong.push(`${name} ${field}: ${JSON.stringify(got)} for ${JSON.stringify(t[field][0])}`);
  }
  // tables and quotes
  for (const want of t.tables ?? []) {
    tablesScore.total++;
    const got = records.filter((r) => r.kind === "table" && r.slide === want.slide);
    if (!got.length) { tablesScore.missed.push(`${name}#${want.slide}`); continue; }
    tablesScore.found++;
    const shapes = got.map((r) => `${r.table.header.length}×${r.table.rows.length + 1}`);
    if (shapes.includes(`${want.columns}×${want.rows}`)) tablesScore.whole++;
    else tablesScore.notWhole.push(`${name}#${want.slide}: ${shapes.join(", ")} for ${want.columns}×${want.rows}`);
  }
  for (const r of records.filter((r) => r.kind === "table" && !(t.tables ?? []).some((w) => w.slide === r.slide))) {
    tablesScore.false.push(`${name}#${r.slide}: ${JSON.stringify(r.text.slice(0, 70))}`);
  }
  for (const want of t.quotes ?? []) {
    quotesScore.total++;
    const got = records.find((r) => r.kind === "quote" && r.slide === want.slide);
    if (!got) { quotesScore.missed.push(`${name}#${want.slide}`); continue; }
    quotesScore.found++;
    if (got.attribution && same(got.attribution.speaker ?? got.attribution.organisation ?? got.attribution.role, want.by)) quotesScore.attributed++;
    else quotesScore.missed.push(`${name}#${want.slide}: attribution ${JSON.stringify(got.attribution ?? null)} for ${JSON.stringify(want.by)}`);
  }
  for (const r of records.filter((r) => r.kind === "quote" && !(t.quotes ?? []).some((w) => w.slide === r.slide))) {
    quotesScore.false.push(`${name}#${r.slide}: ${JSON.stringify(r.text.slice(0, 70))}`);
  }
  // language and repairs
  const lang = src?.lang ?? (/^(da|en|no)-/.exec(name)?.[1]);
  if (lang && lang.length === 2) {
    langs.total++;
    if (deck.lang === lang) langs.right++;
    else langs.wrong.push(`${name}: ${deck.lang} for ${lang}`);
  }
  const changes = records.reduce((n, r) => n + r.changes.length, 0);
  // the æ/ø/å repair's changes (Unicode clean-up of quotation marks is not a repair of words)
  const danishRepairs = (rs) => rs.reduce((n, r) => n + r.changes.filter((c) => c.rule.startsWith("danish")).length, 0);
  if (lang === "no") norwegianRepairs += danishRepairs(records);
  codeRepairs += danishRepairs(records.filter((r) => r.kind === "code"));
  const count = (k) => records.filter((r) => r.kind === k).length;
  kinds.push({
    name: name.replace(/\.pdf$/, "") + (ref ? " (render)" : ""),
    slides: deck.slideCount,
    table: count("table"),
    tablesInSource: ref ? ref.per_slide.reduce((n, s) => n + s.tables, 0) : "",
    quote: count("quote"),
    code: count("code"),
    repairs: deck.repairs,
    recordChanges: changes,
    lang: deck.lang,
  });
}
await shutdownExtractors?.();

const pct = (m) => (m.total ? `${((100 * m.right) / m.total).toFixed(1)}% (${m.right}/${m.total})` : "n/a");
console.log(`\nreal decks from ${base}, ${files.length} files, ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`\n${"deck".padEnd(46)} slides tables(src) quotes code repairs lang`);
for (const k of kinds) {
  console.log(`${k.name.padEnd(46)} ${String(k.slides).padStart(6)} ${String(k.table).padStart(6)}${k.tablesInSource === "" ? "     " : `(${k.tablesInSource})`.padEnd(5)} ${String(k.quote).padStart(6)} ${String(k.code).padStart(4)} ${String(k.repairs).padStart(7)} ${k.lang}`);
}
const list = (m) => m.wrong.map((w) => `    ${w}`).join("\n");
console.log(`\nslide titles right (target ≥ 95%): ${pct(titles)}\n${list(titles)}`);
console.log(`deck title/author/date right (target ≥ 90%): ${pct(meta)}\n${list(meta)}`);
console.log(`deck language right: ${pct(langs)}\n${list(langs)}`);
const each = (xs) => xs.map((w) => `    ${w}`).join("\n");
console.log(`tables found (target: all): ${tablesScore.found}/${tablesScore.total}, whole ${tablesScore.whole}/${tablesScore.total}; false tables (target 0): ${tablesScore.false.length}`);
console.log(`  missed:\n${each(tablesScore.missed)}\n  not whole:\n${each(tablesScore.notWhole)}\n  false:\n${each(tablesScore.false)}`);
console.log(`quotes found (target: all): ${quotesScore.found}/${quotesScore.total}, attributed ${quotesScore.attributed}/${quotesScore.total}; false quotes (target 0): ${quotesScore.false.length}`);
console.log(`  missed:\n${each(quotesScore.missed)}\n  false:\n${each(quotesScore.false)}`);
console.log(`æ/ø/å repairs in Norwegian decks (target 0): ${norwegianRepairs}`);
console.log(`æ/ø/å repairs in code records (target 0): ${codeRepairs}`);
console.log(`table records: ${kinds.reduce((n, k) => n + k.table, 0)}, quote records: ${kinds.reduce((n, k) => n + k.quote, 0)}, code records: ${kinds.reduce((n, k) => n + k.code, 0)}`);
