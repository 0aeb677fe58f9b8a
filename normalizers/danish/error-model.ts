// The error model: how æ/ø/å come out of an English OCR or an ASCII transliteration, each with a cost
// (about -ln of how often the substitution explains a damaged letter). Counted on the training half of
// fixtures/danish-ocr (tesseract -l eng on rendered Danish slides: å→a 68, æ→ee 31, ø→g 22, ø→o 19,
// æ→e 11, æ→ze 8, æ→ae 3, ø→e 3, …) and on the seed deck 000 (ø→a `Starre`, ø→ag `Forsagg`, ø→@ `l@asning`).

export interface Substitution {
  /** What the damaged text shows. */
  seen: string;
  /** The Danish letter it stands for. */
  letter: string;
  cost: number;
}

const lower: Substitution[] = [
  { seen: "a", letter: "å", cost: 0.6 },
  { seen: "aa", letter: "å", cost: 3.5 },
  { seen: "ee", letter: "æ", cost: 1.0 },
  { seen: "ae", letter: "æ", cost: 1.5 },
  { seen: "ze", letter: "æ", cost: 1.6 },
  { seen: "ea", letter: "æ", cost: 2.5 },
  { seen: "e", letter: "æ", cost: 1.6 },
  { seen: "a", letter: "æ", cost: 2.6 },
  { seen: "g", letter: "ø", cost: 1.1 },
  { seen: "o", letter: "ø", cost: 1.2 },
  { seen: "@", letter: "ø", cost: 1.2 },
  { seen: "e", letter: "ø", cost: 2.2 },
  { seen: "a", letter: "ø", cost: 2.4 },
  { seen: "ag", letter: "ø", cost: 2.8 },
  { seen: "oe", letter: "ø", cost: 2.2 },
  { seen: "0", letter: "ø", cost: 2.8 },
  { seen: "@", letter: "æ", cost: 2.0 },
  { seen: "z", letter: "æ", cost: 3.0 },
  { seen: "@a", letter: "æ", cost: 2.0 },
  { seen: "é", letter: "ø", cost: 2.0 },
  { seen: "eg", letter: "ø", cost: 2.6 },
  { seen: "d", letter: "å", cost: 3.2 },
];

const upper: Substitution[] = [
  // not æ/ø/å, but the OCR's other habit on the same words: l read as I at the start (`Igsningerne`)
  { seen: "I", letter: "l", cost: 2.0 },
  { seen: "A", letter: "Å", cost: 0.8 },
  { seen: "Aa", letter: "Å", cost: 3.5 },
  { seen: "AA", letter: "Å", cost: 3.5 },
  { seen: "AE", letter: "Æ", cost: 1.2 },
  { seen: "Ae", letter: "Æ", cost: 1.5 },
  { seen: "Ze", letter: "Æ", cost: 2.0 },
  { seen: "E", letter: "Æ", cost: 2.0 },
  { seen: "O", letter: "Ø", cost: 1.0 },
  { seen: "@", letter: "Ø", cost: 1.5 },
  { seen: "0", letter: "Ø", cost: 2.8 },
  { seen: "G", letter: "Ø", cost: 2.5 },
];

export const SUBSTITUTIONS: readonly Substitution[] = [...lower, ...upper];

export interface Candidate {
  text: string;
  cost: number;
  /** The substitutions made, e.g. `ee→æ`. */
  edits: string[];
}

const bySeenStart = new Map<string, Substitution[]>();
for (const s of SUBSTITUTIONS) {
  const list = bySeenStart.get(s.seen[0]!) ?? [];
  list.push(s);
  bySeenStart.set(s.seen[0]!, list);
}

/**
 * Every way to read æ/ø/å back into `word` with at most `maxEdits` substitutions costing at most `maxCost`
 * together, cheapest first.
 * Upper-case substitutions apply only to the first letter or to all-caps words. A candidate restores at least
 * one æ/ø/å (`I→l` alone is not this model's business).
 */
export function candidates(word: string, maxEdits = 3, maxCost = 5, limit = 1000): Candidate[] {
  const caps = word.length > 1 && word === word.toUpperCase();
  const sites: Array<{ at: number; s: Substitution; restores: boolean }> = [];
  for (let i = 0; i < word.length; i++) {
    for (const s of bySeenStart.get(word[i]!) ?? []) {
      if (!word.startsWith(s.seen, i)) continue;
      const isUpper = s.letter !== s.letter.toLowerCase() || s.seen === "I";
      if (isUpper && i > 0 && !caps) continue;
      if (!isUpper && caps) continue;
      sites.push({ at: i, s, restores: /[æøåÆØÅ]/.test(s.letter) });
    }
  }
  // Depth-first over sets of non-overlapping sites; the chosen sites sit on a shared stack and are
  // copied out only for a candidate that is kept (this runs for every new word: garbage matters).
  const out: Array<{ text: string; cost: number; picks: number[] }> = [];
  const stack: number[] = [];
  const walk = (from: number, pos: number, text: string, cost: number, restored: boolean): void => {
    if (out.length >= limit) return;
    if (restored) out.push({ text: text + word.slice(pos), cost, picks: stack.slice() });
    if (stack.length >= maxEdits) return;
    for (let k = from; k < sites.length; k++) {
      const { at, s, restores } = sites[k]!;
      if (at < pos || cost + s.cost > maxCost) continue;
      stack.push(k);
      walk(k + 1, at + s.seen.length, text + word.slice(pos, at) + s.letter, cost + s.cost, restored || restores);
      stack.pop();
    }
  };
  walk(0, 0, "", 0, false);
  out.sort((a, b) => a.cost - b.cost || (a.text < b.text ? -1 : 1));
  const names = sites.map(({ s }) => `${s.seen}→${s.letter}`);
  return out.map(({ text, cost, picks }) => new Reading(text, cost, picks, names));
}

/** A candidate whose edit names are spelled out only when asked for (most candidates are never kept). */
class Reading implements Candidate {
  readonly text: string;
  readonly cost: number;
  readonly #picks: number[];
  readonly #names: string[];

  constructor(text: string, cost: number, picks: number[], names: string[]) {
    this.text = text;
    this.cost = cost;
    this.#picks = picks;
    this.#names = names;
  }

  get edits(): string[] {
    return this.#picks.map((k) => this.#names[k]!);
  }
}
