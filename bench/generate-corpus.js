// Generates a folder of small text decks for the batch tests and the incremental benchmark: deterministic
// (the same seed gives the same bytes), Danish-looking, slides separated by form feeds, in a few subfolders.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const words = (
  "kommune borger ledelse styring velfærd økonomi budget udvikling plan strategi samarbejde digitalisering " +
  "sundhed ældre skole dagtilbud beskæftigelse klima miljø borgerservice forvaltning politik mål resultat " +
  "indsats evaluering data kvalitet effekt tillid frihed ansvar medarbejder kompetence innovation"
).split(" ");

/** A small seeded PRNG (mulberry32), so decks are the same on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of deck number `i`. */
export function deckText(i, seed = 1) {
  const rand = prng(seed * 100_003 + i);
  const pick = () => words[Math.floor(rand() * words.length)];
  const sentence = (n) => Array.from({ length: n }, pick).join(" ");
  const title = `Deck ${i}: ${sentence(4)}`;
  const slides = [`${title}\nOplæg ved ${sentence(2)}\n${2010 + (i % 15)}`];
  const count = 3 + Math.floor(rand() * 6);
  for (let s = 2; s <= count; s++) {
    const lines = [`${sentence(3)}`];
    for (let b = 0; b < 2 + Math.floor(rand() * 4); b++) lines.push(`• ${sentence(5 + Math.floor(rand() * 6))}`);
    slides.push(lines.join("\n"));
  }
  return slides.join("\n\f") + "\n";
}

/** Writes `count` decks under `dir` (in subfolders of 50), returns their relative paths. */
export function generateDecks(dir, count, { seed = 1 } = {}) {
  const paths = [];
  for (let i = 0; i < count; i++) {
    const rel = `batch-${String(Math.floor(i / 50)).padStart(3, "0")}/deck-${String(i).padStart(5, "0")}.txt`;
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), deckText(i, seed));
    paths.push(rel);
  }
  return paths;
}
