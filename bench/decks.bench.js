// Native presentation formats: reading speed (slides per second, one core) on the committed fixtures, and,
// when REALDECKS names a folder laid out like a reference set (`pptx/REFERENCE.jsonl` + the decks, as
// python-pptx reads them), the scores the issue sets targets for: slide count, titles equal to the title
// placeholder, the reference's words per slide in that slide's records, the notes' words in `note` records,
// and deck title/author/date where the file states them. Without REFERENCE it says so and scores nothing.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractorFor } from "../dist/extractors/registry.js";
import { processDocument } from "../dist/pipeline/process.js";
import { time } from "./timing.js";

const root = fileURLToPath(new URL("..", import.meta.url));


async function speed(name, bytes) {
  const extractor = extractorFor(name);
  const doc = await extractor.extract(bytes, name, {});
  const slides = doc.pages.length;
  // reading speed, OCR aside (slides of pictures only are read by OCR unless --ocr never)
  const readMs = await time(() => extractor.extract(bytes, name, { ocr: "never" }));
  const allMs = await time(() => processDocument(bytes, name, { extract: { ocr: "never" } }));
  console.log(
    `${name.padEnd(34)} ${String(slides).padStart(3)} slides  read ${readMs.toFixed(1).padStart(6)} ms (${Math.round((slides / readMs) * 1000)} slides/s)  ` +
      `read+normalize+segment ${allMs.toFixed(1).padStart(6)} ms (${Math.round((slides / allMs) * 1000)} slides/s)`,
  );
  return { slides, readMs, allMs };
}

console.log("speed on fixtures/pptx (target: 200 slides/s per core, reading):");
for (const f of ["municipal.pptx"]) await speed(f, readFileSync(join(root, "fixtures", "pptx", f)));

const dir = process.env.REALDECKS;
const refPath = dir && join(dir, "pptx", "REFERENCE.jsonl");
if (!refPath || !existsSync(refPath)) {
  console.log("\nno reference set: set REALDECKS to a folder with pptx/REFERENCE.jsonl to score titles, words, notes and metadata");
  process.exit(0);
}

// the comparison forgives what normalization does on purpose: typographic quotes, dashes, spacing, case
const fold = (s) => s.normalize("NFKC").replace(/[’‘‚‛`´]/g, "'").replace(/[“”„]/g, '"').replace(/[\v\s]+/g, " ").trim().toLowerCase();
const words = (s) => fold(s ?? "").match(/[\p{L}\p{N}]+/gu) ?? [];
const share = (want, have) => {
  const bag = new Map();
  for (const w of have) bag.set(w, (bag.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = bag.get(w) ?? 0;
    if (n > 0) found++, bag.set(w, n - 1);
  }
  return [found, want.length];
};
// a property a template or program filled in says nothing about the deck; the reference keeps it verbatim
const templateTitle = (t) => !t || /^(powerpoint[- ]\S+|presentation\d*|(event |presentation )?title)$/i.test(t.trim());

const refs = readFileSync(refPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const totals = { decks: 0, countOk: 0, titles: [0, 0], words: [0, 0], notes: [0, 0], meta: [0, 0], slides: 0, readMs: 0 };
console.log("\nscores against", refPath);
for (const ref of refs) {
  const file = join(dir, "pptx", ref.file);
  if (!extractorFor(file)) {
    console.log(`${ref.file}: no extractor for this format yet, not scored`);
    continue;
  }
  const bytes = readFileSync(file);
  const r = await processDocument(bytes, ref.file);
  if (!r.ok) {
    console.log(`${ref.file}: error ${r.error.code}: ${r.error.message}`);
    totals.decks++;
    continue;
  }
  totals.decks++;
  const countOk = r.deck.slideCount === ref.slides;
  if (countOk) totals.countOk++;
  const t = [0, 0], w = [0, 0], n = [0, 0], misses = [];
  for (const s of ref.per_slide) {
    const recs = r.records.filter((x) => x.slide === s.n);
    if (s.title) {
      t[1]++;
      const got = recs.find((x) => x.kind === "title")?.text;
      if (got !== undefined && fold(got) === fold(s.title)) t[0]++;
      else misses.push(`  slide ${s.n} title: want "${s.title}", got "${got}"`);
    }
    const [f, all] = share(words(s.text.join("\n")), words(recs.filter((x) => x.kind !== "note").map((x) => x.text).join("\n")));
    w[0] += f, w[1] += all;
    if (f < all) misses.push(`  slide ${s.n} words: ${f}/${all}`);
    const [nf, nall] = share(words(s.notes), words(recs.filter((x) => x.kind === "note").map((x) => x.text).join("\n")));
    n[0] += nf, n[1] += nall;
  }
  // deck metadata, where the file states it
  const m = [0, 0];
  const check = (label, want, got) => {
    m[1]++;
    if (want === got) m[0]++;
    else misses.push(`  deck ${label}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  if (!templateTitle(ref.core.title)) check("title", ref.core.title, r.deck.title);
  else if (ref.core.title) check("title (not the template's)", true, r.deck.title !== ref.core.title);
  if (ref.core.author) check("author", ref.core.author, r.deck.author);
  if (ref.core.created) check("date", ref.core.created.slice(0, 10), r.deck.date);
  for (const [k, v] of [["titles", t], ["words", w], ["notes", n], ["meta", m]]) (totals[k][0] += v[0]), (totals[k][1] += v[1]);
  const pct = ([a, b]) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");
  console.log(`${ref.file}: slides ${r.deck.slideCount}/${ref.slides}${countOk ? "" : " WRONG"}  titles ${pct(t)}  words ${pct(w)}  notes ${pct(n)}  metadata ${m[0]}/${m[1]}`);
  for (const line of misses.slice(0, 8)) console.log(line);
  const extractor = extractorFor(file);
  const readMs = await time(() => extractor.extract(bytes, file, { ocr: "never" }), 800);
  totals.slides += ref.slides;
  totals.readMs += readMs;
}
const pct = ([a, b]) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");
console.log(
  `\nall: slide count right on ${totals.countOk}/${totals.decks} decks (target: all)  titles ${pct(totals.titles)} (target 98%)  ` +
    `words ${pct(totals.words)} (target 99%)  notes ${pct(totals.notes)} (target 99%)  metadata ${pct(totals.meta)} (target 95%)  ` +
    `reading ${Math.round((totals.slides / totals.readMs) * 1000)} slides/s (target 200)`,
);
