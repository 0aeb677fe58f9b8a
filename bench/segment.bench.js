// Segmentation speed on the bundled seeds and on a long synthetic deck, as slides and lines per second, and
// as a ratio to the text extractor (decode + split into slides) on the same input in the same run.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { segmentDeck } from "../dist/corpus/segment/index.js";
import { textExtractor } from "../dist/extractors/text/index.js";
import { time } from "./timing.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const seeds = ["000_9b0b97a4996a1ab6.txt", "003_8ed779def9d74a82.txt"].map((f) => readFileSync(`${root}fixtures/text/${f}`));
// a long deck: the seeds' slides over and over, form-feed separated, 640 slides
const seedSlides = [];
for (const b of seeds) for (const p of (await textExtractor.extract(b, "seed.txt", {})).pages) seedSlides.push(p.lines.map((l) => l.text).join("\n"));
const long = Buffer.from(Array.from({ length: 20 }, () => seedSlides.join("\f")).join("\f"));


for (const [name, bytes] of [["seed 000", seeds[0]], ["seed 003", seeds[1]], ["640-slide deck", long]]) {
  const doc = await textExtractor.extract(bytes, name, {});
  const pages = doc.pages.map((p) => ({ page: p.page, lines: p.lines }));
  const lines = pages.reduce((n, p) => n + p.lines.length, 0);
  const extractMs = await time(() => textExtractor.extract(bytes, name, {}));
  const segmentMs = await time(() => segmentDeck(pages));
  console.log(
    `${name.padEnd(15)} ${String(pages.length).padStart(4)} slides ${String(lines).padStart(6)} lines  ` +
      `segment ${segmentMs.toFixed(2)} ms (${Math.round((pages.length / segmentMs) * 1000)} slides/s, ${Math.round((lines / segmentMs) * 1000)} lines/s)  ` +
      `extract ${extractMs.toFixed(2)} ms  segment/extract ${(segmentMs / extractMs).toFixed(1)}x`,
  );
}
