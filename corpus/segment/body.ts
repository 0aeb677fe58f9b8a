// The body of a slide (what is left after its title, agenda and tables): quotes with their attribution,
// bullets with the lines that wrap them, headings, and paragraphs of wrapped lines.
import { joinLines } from "../../language/join-lines.ts";
import type { Attribution, RecordKind } from "../../model/schema.ts";
import { bulletMarker, continues } from "./bullets.ts";
import { bodyFontSize, type SlideLine } from "./layout.ts";
import { findQuote } from "./quotes.ts";
import { titleLike } from "./title.ts";
import { startsLowercase, tokens } from "./words.ts";

/** A heading is a short line over a list or a paragraph. */
const MAX_HEADING_WORDS = 8;
/** PDF text this much bigger than the body text is a heading. */
const HEADING_SIZE_RATIO = 1.1;
/** PDF indents closer than this (points) are the same level; in text every space counts. */
const LEVEL_TOLERANCE_PT = 2;

export interface BodySegment {
  kind: RecordKind;
  text: string;
  /** Indexes into the lines given. */
  from: number;
  to: number;
  attribution?: Attribution;
  level?: number;
  /** For numbered bullets: the item's number, taken off the text with its marker. */
  ordinal?: number;
  /** For bullets: the indent the level is computed from. */
  indent?: number;
}

export function segmentBody(lines: SlideLine[]): BodySegment[] {
  const out: BodySegment[] = [];
  const body = bodyFontSize(lines);
  let k = 0;
  while (k < lines.length) {
    const quote = findQuote(lines, k);
    if (quote) {
      out.push({ kind: "quote", text: quote.text, from: quote.from, to: quote.to, ...(quote.attribution ? { attribution: quote.attribution } : {}) });
      k = quote.to + 1;
      continue;
    }
    const marker = bulletMarker(lines[k]!.text);
    const to = unitEnd(lines, k, !!marker);
    const parts = lines.slice(k, to + 1).map((l) => l.text);
    if (marker) {
      parts[0] = marker.text;
      out.push({ kind: "bullet", text: joinLines(parts), from: k, to, indent: lines[k]!.indent, ...(marker.number ? { ordinal: marker.number } : {}) });
    } else {
      const text = joinLines(parts);
      out.push({ kind: isHeading(lines, k, to, body) ? "heading" : "paragraph", text, from: k, to });
    }
    k = to + 1;
  }
  assignLevels(out, lines.some((l) => l.line.x !== undefined) ? LEVEL_TOLERANCE_PT : 0);
  return out;
}

/** The last line of the unit (bullet or paragraph) starting at `start`: the lines that wrap it. */
function unitEnd(lines: SlideLine[], start: number, bullet: boolean): number {
  let j = start;
  while (j + 1 < lines.length) {
    const prev = lines[j]!;
    const next = lines[j + 1]!;
    if (bulletMarker(next.text)) break;
    if (next.line.fontSize !== undefined && prev.line.fontSize !== undefined && Math.abs(next.line.fontSize - prev.line.fontSize) > 0.5) break;
    // in a PDF a bullet's wrapped lines hang under its text, right of the marker
    if (bullet && next.line.x !== undefined && next.indent <= lines[start]!.indent + 0.5) break;
    const wraps = continues(prev.text, next.text);
    if (next.gapBefore ? !(wraps && strayAfterGap(lines, j + 1)) : !wraps) break;
    j++;
  }
  return j;
}

/**
 * A line after a gap still carries on the sentence above it only when it is a few lower-case words alone
 * in their block (OCR put a gap inside a sentence), not the start of a new paragraph.
 */
function strayAfterGap(lines: SlideLine[], k: number): boolean {
  const l = lines[k]!;
  const alone = k + 1 >= lines.length || lines[k + 1]!.gapBefore || !continues(l.text, lines[k + 1]!.text);
  return startsLowercase(l.text) && alone && tokens(l.text).length <= 3 && !/[.!?]["”»]?$/u.test(lines[k - 1]!.text);
}

function isHeading(lines: SlideLine[], from: number, to: number, body: number | undefined): boolean {
  const l = lines[from]!;
  if (from !== to) return false;
  const size = l.line.fontSize;
  // with font sizes, size decides
  if (size !== undefined && body !== undefined) return size >= body * HEADING_SIZE_RATIO && titleLike(l.text);
  if (tokens(l.text).length > MAX_HEADING_WORDS || /[.!?:;,]$/u.test(l.text) || !titleLike(l.text)) return false;
  const next = lines[to + 1];
  if (!next || !next.gapBefore || (from > 0 && !l.gapBefore)) return false;
  // over a list, or over a paragraph that wraps
  return !!bulletMarker(next.text) || (to + 2 < lines.length && !lines[to + 2]!.gapBefore && continues(next.text, lines[to + 2]!.text));
}

/** Bullet levels from indents: the smallest indent on the slide is level 0. */
function assignLevels(segments: BodySegment[], tolerance: number): void {
  const indents = [...new Set(segments.filter((s) => s.kind === "bullet").map((s) => s.indent!))].sort((a, b) => a - b);
  const levels: number[] = [];
  for (const x of indents) levels.push(levels.length && x - indents[levels.length - 1]! <= tolerance ? levels[levels.length - 1]! : (levels.at(-1) ?? -1) + 1);
  for (const s of segments) {
    if (s.kind === "bullet") s.level = levels[indents.indexOf(s.indent!)]!;
    delete s.indent;
  }
}
