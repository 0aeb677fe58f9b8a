// Whether two builds of the normalize stage give the same output on the Danish dev text: every split of
// fixtures/danish-ocr (the English OCR and the gold text, in documents of ten slides) and fixtures/text, in
// auto, hard and light mode with the word cache emptied before each document, and once more in auto mode with
// the cache kept across documents. For a change meant to be faster and nothing else (a refactor of the repair).
// usage: npm run build, copy dist/ aside (e.g. to .base-dist/), change, npm run build, then
//        node scripts/compare-repair.mjs .base-dist dist      exit 0 when every output is identical, 1 otherwise
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node scripts/compare-repair.mjs <dist before> <dist after>");
  process.exit(2);
}

const docs = [];
for (const split of readdirSync(join(root, "fixtures/danish-ocr"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  for (const kind of ["eng", "gold"]) {
    const dir = join(root, "fixtures/danish-ocr", split, kind);
    const files = readdirSync(dir).sort();
    for (let i = 0; i < files.length; i += 10) docs.push({ name: `${split}/${kind}/${files[i]}`, pages: files.slice(i, i + 10).map((f) => readFileSync(join(dir, f), "utf8")) });
  }
}
for (const f of readdirSync(join(root, "fixtures/text")).sort()) docs.push({ name: f, pages: readFileSync(join(root, "fixtures/text", f), "utf8").split("\f") });

/** Every output of one build, one string per document and mode. */
async function outputs(dist) {
  const { normalizePages } = await import(join(resolve(dist), "normalizers/index.js"));
  const { forgetWords } = await import(join(resolve(dist), "normalizers/danish/words.js"));
  const out = [];
  for (const mode of ["auto", "hard", "light"]) {
    for (const { name, pages } of docs) {
      forgetWords();
      out.push({ name: `${mode} ${name}`, text: JSON.stringify(normalizePages(pages, { mode })) });
    }
  }
  forgetWords();
  for (const { name, pages } of docs) out.push({ name: `cached ${name}`, text: JSON.stringify(normalizePages(pages)) });
  return out;
}

const before = await outputs(a), after = await outputs(b);
const differ = before.filter((o, i) => o.text !== after[i].text);
for (const o of differ.slice(0, 10)) console.log(`DIFFERENT ${o.name}`);
console.log(`${before.length - differ.length} of ${before.length} outputs identical (${docs.length} documents)`);
process.exit(differ.length ? 1 : 0);
