// The normalize stage: text in, text out, with every change recorded.
//
// Contract: normalization changes words, never line structure. The output has exactly the same number of
// lines as the input ("\n"-separated), so a line of a normalized page is the same line of the extracted page
// and layout (font size, position) still applies. Joining wrapped lines and de-hyphenation happen at
// segmentation time, through `joinLines`.
//
// Stages, in order, each proposing edits to the text the previous one left: mojibake (UTF-8 read as
// Windows-1252), Unicode clean-up, the Danish æ/ø/å repair. Change offsets always point into the input.
// Lines given as verbatim (source code: a `code` line of the extractor) are neither read nor edited by any
// stage: each stage sees them blanked, so they are no evidence either, and they come out as they went in.
import type { Change } from "../model/schema.ts";
import type { Page } from "../model/document.ts";
import { applyEdits, unedited, type Edit, type Edited } from "./edits.ts";
import { fixMojibake } from "./mojibake.ts";
import { cleanUnicode } from "./unicode.ts";
import { readDocument, repairDanishPage, type RepairDanishOptions } from "./danish/repair.ts";
import { lowerWords, readsOtherScandinavian, scandinavianEvidence, sumEvidence } from "../language/scandinavian.ts";
import { detectDeckLanguage } from "../language/detect.ts";

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

/** Proposes edits from the text with its verbatim lines blanked, and applies those that stay off them. */
const stage = (state: Edited, propose: (text: string) => Edit[], verbatim?: ReadonlySet<number>): Edited => {
  const seen = masked(state.text, verbatim);
  const off = offVerbatim(state.text, verbatim);
  return applyEdits(state, propose(seen).filter((e) => keepsLines(state.text)(e) && off(e)));
};

/** The text with the given lines (0-based) blanked by as many spaces, so offsets and line count stay. */
function masked(text: string, verbatim: ReadonlySet<number> | undefined): string {
  if (!verbatim?.size) return text;
  return text.split("\n").map((l, i) => (verbatim.has(i) ? " ".repeat(l.length) : l)).join("\n");
}

/** Whether an edit stays off the verbatim lines. */
function offVerbatim(text: string, verbatim: ReadonlySet<number> | undefined): (e: Edit) => boolean {
  if (!verbatim?.size) return () => true;
  const ranges: [number, number][] = [];
  let start = 0;
  text.split("\n").forEach((l, i) => {
    if (verbatim.has(i)) ranges.push([start, start + l.length]);
    start += l.length + 1;
  });
  return (e) => !ranges.some(([a, b]) => e.start <= b && e.end >= a);
}

/** The pages of an extracted document normalized, its `code` lines kept verbatim. */
export function normalizeExtracted(pages: Page[], options: NormalizeOptions = {}): NormalizedText[] {
  return normalizePages(
    pages.map((p) => p.lines.map((l) => l.text).join("\n")),
    options,
    pages.map((p) => new Set(p.lines.flatMap((l, i) => (l.role === "code" ? [i] : [])))),
  );
}

/**
 * The pages of an extracted deck normalized, and the deck's language read from them. A short Norwegian or Swedish
 * deck may have too few of its function words for the repair to leave it alone (`Neste fase`, `Felles pålogging`);
 * a deck that still reads as Norwegian or Swedish once repaired was never Danish that lost its letters (that reads
 * as Danish once they are back), so it is normalized again without the repair.
 */
export function normalizeExtractedDeck(pages: Page[], options: NormalizeOptions = {}): { normalized: NormalizedText[]; lang: string } {
  const normalized = normalizeExtracted(pages, options);
  const lang = detectDeckLanguage(normalized.map((n) => n.text).join("\n"));
  const repaired = normalized.some((n) => n.changes.some((c) => c.rule.startsWith("danish.")));
  if (!repaired || (lang !== "no" && lang !== "sv")) return { normalized, lang };
  const plain = normalizeExtracted(pages, { ...options, repair: false });
  return { normalized: plain, lang: detectDeckLanguage(plain.map((n) => n.text).join("\n")) };
}

/**
 * Normalizes the pages of one document together, so evidence from the whole document
 * (is æ/ø/å missing everywhere? which words does it use intact?) informs each page.
 */
export function normalizePages(pages: string[], options: NormalizeOptions = {}, verbatim: ReadonlyArray<ReadonlySet<number> | undefined> = []): NormalizedText[] {
  const cleaned = pages.map((page, i) => {
    const s = stage(unedited(page), fixMojibake, verbatim[i]);
    return stage(s, cleanUnicode, verbatim[i]);
  });
  const seen = cleaned.map((c, i) => masked(c.text, verbatim[i]));
  // the repair is for Danish: never on a Norwegian or Swedish document or page (the words counted once, by page)
  const evidence = seen.map((p) => scandinavianEvidence(lowerWords(p)));
  if (options.repair === false || readsOtherScandinavian(sumEvidence(evidence))) return cleaned.map(({ text, changes }) => ({ text, changes }));
  const doc = readDocument(seen);
  return cleaned.map((c, i) => {
    if (readsOtherScandinavian(evidence[i]!)) return { text: c.text, changes: c.changes };
    const { text, changes } = stage(c, (t) => repairDanishPage(t, doc, i, { mode: options.mode ?? "auto" }), verbatim[i]);
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
