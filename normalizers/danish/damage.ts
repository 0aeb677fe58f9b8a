// Damage detection: has this Danish text lost its æ/ø/å? Intact Danish has a word with æ, ø or å in
// roughly every eighth word; text through an English OCR has none, and instead words that are not Danish
// until æ/ø/å are read back into them (`feelles`, `ggre`) and damaged stop words (`pa`, `nar`, `ogsa`).
import { DANISH_LETTER } from "../../language/fold.ts";
import { tokenizeOcr, type OcrToken } from "../../language/tokenize.ts";
import { wordInfo, type WordInfo } from "./words.ts";

export interface DanishDamage {
  /** The text reads as Danish (enough Danish stop words, intact or damaged). */
  danish: boolean;
  /** Danish that has lost æ/ø/å: repair hard. */
  damaged: boolean;
  /** 0..1: the share of the evidence that says damaged (damaged words / (damaged + intact æ/ø/å words)). */
  score: number;
  words: number;
  /** Words with æ/ø/å as written. */
  intact: number;
  /** Words that become Danish (or a Danish stop word) only with æ/ø/å read back in. */
  broken: number;
}

/** A word of OCR'd text (tokenizeOcr) and, once the damage count has read it, what the repair knows of it. */
export interface RepairToken extends OcrToken {
  info?: WordInfo;
}

/** Counts the evidence in one text; `combineDamage` sums texts (the pages of one document). */
export function damageEvidence(text: string): DanishDamage {
  return damageOfTokens(tokenizeOcr(text));
}

/** damageEvidence of a text's tokens; leaves each token it weighs with its word info, for the repair to reuse. */
export function damageOfTokens(tokens: RepairToken[]): DanishDamage {
  let words = 0, intact = 0, broken = 0, danishStops = 0, englishOnly = 0;
  for (const t of tokens) {
    const w = t.text;
    if (w.length < 2 && w !== "i") continue;
    words++;
    const info = (t.info = wordInfo(w));
    if (DANISH_LETTER.test(w)) intact++;
    if (info.stop && !info.inEnglish) danishStops++;
    else if (info.inEnglish && !info.stop) englishOnly++;
    if (DANISH_LETTER.test(w)) continue;
    if (info.fixed || info.english) continue;
    const first = info.readings[0];
    if (!first) continue;
    if (!info.valid || (first.stop && !info.stop)) {
      broken++;
      if (first.stop) danishStops++;
    }
  }
  return summarize({ words, intact, broken, danishStops, englishOnly });
}

interface Counts { words: number; intact: number; broken: number; danishStops: number; englishOnly: number }

function summarize(c: Counts): DanishDamage & { danishStops: number; englishOnly: number } {
  const danish = c.words >= 3 && c.danishStops >= 1 && c.danishStops * 3 >= c.englishOnly && c.danishStops / c.words >= 0.08;
  const score = c.broken + c.intact === 0 ? 0 : c.broken / (c.broken + c.intact);
  const damaged = danish && c.broken >= 2 && score >= 0.6;
  return { ...c, danish, damaged, score: Math.round(score * 1000) / 1000 };
}

/** Sums the evidence of several texts (the pages of one document). */
export function combineDamage(parts: DanishDamage[]): DanishDamage {
  const sum = (k: "words" | "intact" | "broken" | "danishStops" | "englishOnly") =>
    parts.reduce((n, p) => n + ((p as unknown as Record<string, number>)[k] ?? 0), 0);
  return summarize({ words: sum("words"), intact: sum("intact"), broken: sum("broken"), danishStops: sum("danishStops"), englishOnly: sum("englishOnly") });
}

/**
 * Per-page damage detector, for callers deciding whether a page's text layer is worth keeping (the PDF
 * extractor's OCR decision) or whether to repair: `{ danish, damaged, score }` plus the counts behind them.
 */
export function detectDanishDamage(text: string): DanishDamage {
  return damageEvidence(text);
}
