// The normalize stage: text in, text out, with every change recorded.
//
// Contract: normalization changes words, never line structure. The output has exactly the same number of
// lines as the input ("\n"-separated), so a line of a normalized page is the same line of the extracted page
// and layout (font size, position) still applies. Joining wrapped lines and de-hyphenation happen at
// segmentation time, through `joinLines`.
//
// Stages, in order, each proposing edits to the text the previous one left: mojibake (UTF-8 read as
// Windows-1252), Unicode clean-up, the Danish æ/ø/å repair. Change offsets always point into the input.
import type { Change } from "../model/schema.ts";
import { applyEdits, unedited, type Edit, type Edited } from "./edits.ts";
import { fixMojibake } from "./mojibake.ts";
import { cleanUnicode } from "./unicode.ts";
import { readDocument, repairDanishPage, type RepairDanishOptions } from "./danish/repair.ts";
import { isOtherScandinavian, lowerWords } from "../language/scandinavian.ts";

export { joinLines } from "../language/join-lines.ts";
export { detectDanishDamage, type DanishDamage } from "./danish/damage.ts";

export interface NormalizeOptions {
  /** Turn off the Danish æ/ø/å repair, keeping Unicode clean-up. */
  repair?: boolean;
  /** How hard to repair: `auto` (default) decides per document and page from the damage it finds. */
  mode?: RepairDanishOptions["mode"];
}

export interface NormalizedText {
  text: string;
  /** Offsets are into the input text. */
  changes: Change[];
}

/** An edit may never add or remove a line break: the line count is the contract. */
const keepsLines = (text: string) => (e: Edit) => !e.to.includes("\n") && !text.slice(e.start, e.end).includes("\n");

const stage = (state: Edited, edits: Edit[]): Edited => applyEdits(state, edits.filter(keepsLines(state.text)));

/**
 * Normalizes the pages of one document together, so evidence from the whole document
 * (is æ/ø/å missing everywhere? which words does it use intact?) informs each page.
 */
export function normalizePages(pages: string[], options: NormalizeOptions = {}): NormalizedText[] {
  const cleaned = pages.map((page) => {
    const s = stage(unedited(page), fixMojibake(page));
    return stage(s, cleanUnicode(s.text));
  });
  // the repair is for Danish: never on a Norwegian or Swedish document or page
  if (options.repair === false || isOtherScandinavian(lowerWords(cleaned.map((c) => c.text).join("\n")))) return cleaned.map(({ text, changes }) => ({ text, changes }));
  const doc = readDocument(cleaned.map((c) => c.text));
  return cleaned.map((c, i) => {
    if (isOtherScandinavian(lowerWords(c.text))) return { text: c.text, changes: c.changes };
    const { text, changes } = stage(c, repairDanishPage(c.text, doc, i, { mode: options.mode ?? "auto" }));
    return { text, changes };
  });
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
