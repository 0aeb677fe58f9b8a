// The normalize stage: text in, text out, with every change recorded.
//
// Contract: normalization changes words, never line structure. The output has exactly the same number of
// lines as the input ("\n"-separated), so a line of a normalized page is the same line of the extracted page
// and layout (font size, position) still applies. Joining wrapped lines and de-hyphenation happen at
// segmentation time, through `joinLines`.
import type { Change } from "../corpus/schema.ts";

export interface NormalizeOptions {
  /** Turn off the Danish æ/ø/å repair, keeping Unicode clean-up. */
  repair?: boolean;
}

export interface NormalizedText {
  text: string;
  /** Offsets are into the input text. */
  changes: Change[];
}

/**
 * Normalizes the pages of one document together, so evidence from the whole document
 * (is æ/ø/å missing everywhere? which words does it use intact?) informs each page.
 */
export function normalizePages(pages: string[], _options: NormalizeOptions = {}): NormalizedText[] {
  return pages.map((text) => ({ text, changes: [] }));
}

/** Normalizes one text (the `repair` command). Line breaks and form feeds are kept. */
export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizedText {
  const pages = text.split("\f");
  const normalized = normalizePages(pages, options);
  let base = 0;
  const changes: Change[] = [];
  normalized.forEach((page, i) => {
    for (const c of page.changes) changes.push({ ...c, offset: c.offset + base });
    base += pages[i]!.length + 1;
  });
  return { text: normalized.map((p) => p.text).join("\f"), changes };
}

/** Joins lines that wrap one sentence into one string. */
export function joinLines(lines: string[]): string {
  return lines.map((l) => l.trim()).filter(Boolean).join(" ");
}
