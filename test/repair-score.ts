// Word-level scoring of repaired OCR text against gold text, as in the project's evaluation: the share of
// gold words with æ/ø/å that come out exact, and how many words the raw OCR had right the repair broke.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const tokens = (s: string) => s.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
const DANISH = /[æøåÆØÅ]/;

/** For each gold token, the hypothesis token aligned to it by a word-level Levenshtein alignment. */
function align(g: string[], h: string[]): Array<string | null> {
  const d = Array.from({ length: g.length + 1 }, () => new Uint32Array(h.length + 1));
  for (let i = 0; i <= g.length; i++) d[i]![0] = i;
  for (let j = 0; j <= h.length; j++) d[0]![j] = j;
  for (let i = 1; i <= g.length; i++)
    for (let j = 1; j <= h.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (g[i - 1] === h[j - 1] ? 0 : 1));
  const out: Array<string | null> = new Array(g.length).fill(null);
  let i = g.length, j = h.length;
  while (i > 0 && j > 0) {
    if (d[i]![j] === d[i - 1]![j - 1]! + (g[i - 1] === h[j - 1] ? 0 : 1)) out[--i] = h[--j]!;
    else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  return out;
}

export interface Score {
  danishWords: number;
  danishExact: number;
  rightInRaw: number;
  broken: number;
  misses: string[];
  breaks: string[];
}

export function score(pairs: Array<{ gold: string; raw: string; hyp: string }>): Score {
  const s: Score = { danishWords: 0, danishExact: 0, rightInRaw: 0, broken: 0, misses: [], breaks: [] };
  for (const { gold, raw, hyp } of pairs) {
    const g = tokens(gold);
    const h = align(g, tokens(hyp));
    const r = align(g, tokens(raw));
    g.forEach((w, k) => {
      if (DANISH.test(w)) {
        s.danishWords++;
        if (h[k] === w) s.danishExact++;
        else s.misses.push(`${r[k]}→${h[k]} (${w})`);
      }
      if (r[k] === w) {
        s.rightInRaw++;
        if (h[k] !== w) {
          s.broken++;
          s.breaks.push(`${w}→${h[k]}`);
        }
      }
    });
  }
  return s;
}

/** The slides of one split of fixtures/danish-ocr: gold text and English-OCR text, by name. */
export function loadSplit(dir: string): Array<{ name: string; gold: string; raw: string }> {
  return readdirSync(join(dir, "gold")).filter((f) => f.endsWith(".txt")).sort().map((name) => ({
    name,
    gold: readFileSync(join(dir, "gold", name), "utf8"),
    raw: readFileSync(join(dir, "eng", name), "utf8"),
  }));
}
