// Titles: one per slide where there is one. In PDFs the biggest text near the top; in plain text the
// first line (with the lines that wrap it), when it reads as a title. Decorations OCR makes of rules,
// logos and bullets around a title (`S ——effektperspektiv`, `— fagprofessionelle =`) are stripped.
import { bulletMarker, continues } from "./bullets.ts";
import { bodyFontSize, type SlideLine } from "./layout.ts";
import { findQuote } from "./quotes.ts";
import { isCallShape, isDamagedWord, isModelName, isNumberShape, isWordShape, OPENING_QUOTES, tokens } from "./words.ts";
import { joinLines } from "../../language/join-lines.ts";
import { isEnglish } from "../../language/danish/lexicon.ts";

/** Most words a title has. */
const MAX_TITLE_WORDS = 16;
/** Most lines a plain-text title wraps over (the deck's first slide may have one more). */
const MAX_TITLE_LINES = 3;
/** A title line ending in a colon goes on in the line this many font sizes or less below it, across a gap. */
const COLON_GAP = 3;
/** A PDF line is title-sized when it is this much bigger than the body text. */
const TITLE_SIZE_RATIO = 1.15;

export interface FoundTitle {
  /** Indexes into the slide's lines (SlideLine[]) of the title's lines. */
  from: number;
  to: number;
  text: string;
}

/** Strips what OCR made of rules and logos before and after a title. */
export function stripDecorations(text: string): string {
  let t = text.trim();
  // a stray letter before a rule: `S ——effektperspektiv`
  t = t.replace(/^\p{L}\s*[—–=_~|]{2,}\s*/u, "");
  // leading marks that are neither letters, digits, nor an opening quote or bracket
  t = t.replace(new RegExp(`^[^\\p{L}\\p{N}${OPENING_QUOTES}(\\[]+`, "u"), "");
  const toks = tokens(t);
  while (toks.length > 1) {
    const last = toks[toks.length - 1]!;
    const noLetters = !/[\p{L}\p{N}]/u.test(last) && !/^[?!…"”»“’.]+$/u.test(last);
    const garbled = /\p{L}/u.test(last) && !isWordShape(last, 1) && !isDamagedWord(last) && !isNumberShape(last) && !isModelName(last);
    const unclosed = /^[(\[]/.test(last) && !/[)\]]/.test(last);
    // a call or a name with its argument (`remove(index)`, `fjern(0)`) is no garbled token
    if (!(noLetters || (garbled && !isCallShape(last)) || unclosed)) break;
    toks.pop();
  }
  return toks.join(" ");
}

/** Reads as a title: not a list item, not a sentence that ends in a full stop, not too long. */
export function titleLike(text: string): boolean {
  if (bulletMarker(text)) return false;
  if (/[.;,]["”»«’“]*$/u.test(text) && !/(?:\.\.\.|…)["”»«’“]*$/u.test(text)) return false;
  const words = tokens(text).length;
  return words > 0 && words <= MAX_TITLE_WORDS;
}

/**
 * The title of a slide. `first` marks the deck's first slide, whose title block may wrap over one more line.
 * Lines are the slide's lines without noise.
 */
export function findTitle(lines: SlideLine[], options: { first?: boolean } = {}): FoundTitle | undefined {
  if (!lines.length) return undefined;
  return titleBySize(lines, options.first ?? false) ?? titleByPosition(lines, options.first ?? false);
}

function titleBySize(lines: SlideLine[], first: boolean): FoundTitle | undefined {
  // the first line in the biggest size (sizes a hair apart are one size)
  // a line of cells set apart (`Developer A⇥Developer B`: two columns' headings) is no title
  const sizeOf = (l: SlideLine) => (l.text.includes("\t") ? 0 : (l.line.fontSize ?? 0));
  const max = Math.max(...lines.map(sizeOf));
  if (!max) return undefined;
  const biggest = lines.findIndex((l) => sizeOf(l) > max - 0.5);
  const size = lines[biggest]!.line.fontSize!;
  // the body is what is not set in the biggest size (a title slide's title may outweigh its small print)
  const others = lines.filter((l) => l.line.fontSize !== undefined && Math.abs(l.line.fontSize - size) >= 0.5);
  const body = bodyFontSize(others.length ? others : lines)!;
  const only = !others.length && lines.every((l) => l.line.fontSize !== undefined);
  if (!(size >= body * TITLE_SIZE_RATIO) && !(only && lines.length === 1)) return undefined;
  // near the top: no more than a third of the slide's lines above it, or none in its column (a title set left of
  // a list that starts higher up), none of them title-sized
  if (biggest > Math.max(1, lines.length / 3) && !besideAll(lines, biggest, body)) return undefined;
  let to = biggest;
  while (to + 1 < lines.length && wrapsTitle(lines[to]!, lines[to + 1]!, size)) to++;
  // a block of many big lines is a slide of big text, not a title
  if (to - biggest + 1 > MAX_TITLE_LINES + (first ? 1 : 0)) return undefined;
  const text = stripDecorations(joinTitleLines(lines.slice(biggest, to + 1).map((l) => l.text)));
  return text ? { from: biggest, to, text } : undefined;
}

/**
 * Every line above line `k` stands beside it (a column of its own: no horizontal overlap) in body-sized type: the
 * slide's title set to the left or right of a list that starts above it (PDF positions only).
 */
function besideAll(lines: SlideLine[], k: number, body: number): boolean {
  const { x, width } = lines[k]!.line;
  if (x === undefined || width === undefined) return false;
  return lines.slice(0, k).every(({ line: b }) => {
    if (b.x === undefined || b.width === undefined || b.fontSize === undefined || b.fontSize >= body * TITLE_SIZE_RATIO) return false;
    return b.x >= x + width || b.x + b.width <= x;
  });
}

/** A list marker glyph and its space. */
const LONE_BULLET = /^[▪•◦‣●■▫□➢►▶]\s+/u;
/** A file or identifier name (`pyproject.to`, `sprint_fi`) as a title's whole line: not a word. */
const NAME_PIECE = /^[\p{L}\d]+(?:[._][\p{L}\d]+)+$/u;

/**
 * A title's lines joined. A name too long for the title's box is broken inside it, without a hyphen
 * (`pyproject.to` / `ml`): a line that is one such name, and a next line of one lower-case piece that is no
 * English word, join without a space.
 */
function joinTitleLines(texts: string[]): string {
  const parts: string[] = [];
  for (const line of texts) {
    const last = parts.at(-1);
    // a lone list marker at the start of a title's wrapped line is the body's, drawn at its height
    const t = last === undefined ? line : line.replace(LONE_BULLET, "");
    if (last !== undefined && NAME_PIECE.test(last) && /^\p{Ll}[\p{L}\d]*$/u.test(t) && !isEnglish(t)) parts[parts.length - 1] = last + t;
    else parts.push(t);
  }
  return joinLines(parts);
}

/** The next line goes on with the title: the same font size, no gap, and the same left edge (or centre). */
function wrapsTitle(line: SlideLine, next: SlideLine, size: number): boolean {
  if (Math.abs((next.line.fontSize ?? 0) - size) >= 0.5) return false;
  if (next.gapBefore && !colonGoesOn(line, next)) return false;
  const a = line.line, b = next.line;
  if (a.x === undefined || b.x === undefined) return true;
  const slack = 0.75 * size;
  const centre = (l: typeof a) => l.x! + (l.width ?? 0) / 2;
  const right = (l: typeof a) => l.x! + (l.width ?? 0);
  if (Math.abs(a.x - b.x) <= slack) return true;
  return a.width !== undefined && b.width !== undefined && (Math.abs(centre(a) - centre(b)) <= slack || Math.abs(right(a) - right(b)) <= slack);
}

/**
 * A title that ends in a colon goes on in the next line of its size after a gap (`Containers first, files next:` /
 * `A layered path to …`), when the gap is a few lines at most (PDF positions only).
 */
function colonGoesOn(line: SlideLine, next: SlideLine): boolean {
  const a = line.line, b = next.line;
  if (!/:$/u.test(line.text) || a.y === undefined || b.y === undefined || a.fontSize === undefined || b.fontSize === undefined) return false;
  return Math.abs(a.fontSize - b.fontSize) < 0.5 && b.y > a.y && b.y - a.y <= COLON_GAP * a.fontSize;
}

function titleByPosition(lines: SlideLine[], first: boolean): FoundTitle | undefined {
  const head = lines[0]!;
  if (bulletMarker(head.text) || !titleLike(stripDecorations(head.text)) || startsLongQuote(lines) || findQuote(lines, 0)) return undefined;
  // the first row of a grid of boxes (cells set apart on it and on the line under it) is no title
  if (head.text.includes("\t") && lines[1]?.text.includes("\t")) return undefined;
  let to = 0;
  const max = first ? MAX_TITLE_LINES + 1 : MAX_TITLE_LINES;
  while (to + 1 < lines.length && to + 1 < max && (!lines[to + 1]!.gapBefore || colonGoesOn(lines[to]!, lines[to + 1]!)) && continues(lines[to]!.text, lines[to + 1]!.text)) to++;
  // a wrapped title ends its block; a long first block is text, not a title
  if (to > 0 && to + 1 < lines.length && !lines[to + 1]!.gapBefore) return undefined;
  const text = stripDecorations(joinLines(lines.slice(0, to + 1).map((l) => l.text)));
  if (!text || !titleLike(text)) return undefined;
  return { from: 0, to, text };
}

/** The slide opens with a quotation of more than a few words (a testimonial, not a quoted title). */
function startsLongQuote(lines: SlideLine[]): boolean {
  const head = lines[0]!.text;
  if (!new RegExp(`^[${OPENING_QUOTES}]`, "u").test(head)) return false;
  const closed = /["”»“’]\s*\S/u.test(head.slice(1)) || /["”»“’]$/u.test(head);
  return !closed && lines.length > 1 && !lines[1]!.gapBefore;
}
