// Quotes: a quoted passage over one or many lines, with any of “ ” " „ « » and an opening or a closing
// mark possibly missing; or a testimonial without marks that an attribution line follows.
// A quote is one record with its attribution, never one record per line.
import { joinLines } from "../../language/join-lines.ts";
import type { Attribution } from "../../model/schema.ts";
import { bylineEnd, bylineText, looksLikeAttribution } from "./attribution.ts";
import { bulletMarker } from "./bullets.ts";
import { codeScore } from "./code.ts";
import type { SlideLine } from "./layout.ts";
import { CLOSING_QUOTES, OPENING_QUOTES, tokens } from "./words.ts";

/** A quotation without an attribution is a quote only from this many words (shorter: a quoted phrase). */
const MIN_QUOTE_WORDS = 6;
/**
 * A testimonial without quotation marks needs this many words above its attribution, or a sentence end
 * and `MIN_QUOTE_WORDS`: a title and subtitle over a byline are not a testimonial.
 */
const MIN_TESTIMONIAL_WORDS = 12;
/** No quote on a slide runs longer; also bounds the work per line on slides without blank lines. */
const MAX_QUOTE_LINES = 40;

const OPENS = new RegExp(`^[${OPENING_QUOTES}](?=\\S)`, "u");
const CLOSES_AT_END = new RegExp(`(?<=\\S)[${CLOSING_QUOTES}][.…,!?]*$`, "u");
/** A closing mark with more words after it on the line: `"DJØFisering” lagt for had` is not a quote. */
const CLOSES_INSIDE = new RegExp(`(?<=\\p{L}[.!?…]*)[${CLOSING_QUOTES}](?=[\\s,.;:!?]*\\p{L})`, "u");
const ANY_OPENING = new RegExp(`(?:^|\\s)[${OPENING_QUOTES}]\\S`, "u");

export interface FoundQuote {
  /** Indexes into the lines given. */
  from: number;
  to: number;
  text: string;
  attribution?: Attribution;
}

/** The text of a quote without its outer quotation marks. */
export function unquote(text: string): string {
  return text
    .trim()
    .replace(new RegExp(`^[${OPENING_QUOTES}]+\\s*`, "u"), "")
    .replace(new RegExp(`\\s*[${CLOSING_QUOTES}]+([.…!?]*)$`, "u"), "$1")
    .trim();
}

/**
 * A quote starting at `lines[start]`, within the block that line belongs to (up to the next gap), with the
 * attribution line that follows it. Undefined when the lines there are not a quote.
 */
export function findQuote(lines: SlideLine[], start: number): FoundQuote | undefined {
  const head = lines[start]!;
  if (bulletMarker(head.text)) return undefined;
  let end = start;
  while (end + 1 < lines.length && !lines[end + 1]!.gapBefore && end - start < MAX_QUOTE_LINES) end++;
  if (OPENS.test(head.text)) return markedQuote(lines, start, end, true);
  // a closing mark without an opening one: OCR lost the opening mark
  for (let j = start; j <= end; j++) {
    if (j > start && OPENS.test(lines[j]!.text)) break;
    if (ANY_OPENING.test(lines[j]!.text) || CLOSES_INSIDE.test(lines[j]!.text)) break;
    if (CLOSES_AT_END.test(lines[j]!.text)) return markedQuote(lines, start, j, false);
  }
  return testimonial(lines, start, end);
}

function markedQuote(lines: SlideLine[], start: number, blockEnd: number, opened: boolean): FoundQuote | undefined {
  let close = -1;
  for (let j = start; j <= blockEnd; j++) {
    const t = j === start && opened ? lines[j]!.text.slice(1) : lines[j]!.text;
    if (CLOSES_AT_END.test(t)) {
      close = j;
      break;
    }
    if (CLOSES_INSIDE.test(t)) return undefined;
  }
  let to = close;
  let attribution: Attribution | undefined;
  if (close < 0) {
    if (!opened) return undefined;
    // unbalanced opening: the quote runs to its attribution (on its last line or two) or the end of its block
    to = blockEnd;
    for (const from of [blockEnd - 1, blockEnd]) {
      const last = from > start ? attributionAt(lines, from) : undefined;
      if (last && last.to === blockEnd) {
        attribution = last.attribution;
        to = from - 1;
        break;
      }
    }
  }
  const text = unquote(joinLines(lines.slice(start, to + 1).map((l) => l.text)));
  let through = to;
  if (!attribution && to + 1 < lines.length) {
    const a = !OPENS.test(lines[to + 1]!.text) ? attributionAt(lines, to + 1) : undefined;
    if (a) {
      attribution = a.attribution;
      through = a.to;
    }
  } else if (attribution) through = blockEnd;
  if (!attribution && tokens(text).length < MIN_QUOTE_WORDS) return undefined;
  if (!saysSomething(text)) return undefined;
  if (!opened && !attribution && to === start) return undefined;
  return { from: start, to: through, text, ...(attribution ? { attribution } : {}) };
}

/**
 * Quoted text that is said, not data: no cells (a row of quoted literals), no code, not a list of values
 * (`13, brewery, Coca Cola, 3000, 500, 7`).
 */
function saysSomething(text: string): boolean {
  if (text.includes("\t") || codeScore(text) >= 2) return false;
  const parts = text.split(/\s*,\s*/u);
  return !(parts.length >= 4 && parts.filter((p) => tokens(p).length <= 2).length >= 0.75 * parts.length);
}

/** Paragraph lines with an attribution line under them (in the same block, or alone in the next). */
function testimonial(lines: SlideLine[], start: number, blockEnd: number): FoundQuote | undefined {
  // the attribution: the block's last line or two (a wrapped one), or a block of its own right after
  const candidates: { textTo: number; attr: number; last: number }[] = [];
  for (const from of [blockEnd - 1, blockEnd]) if (from > start) candidates.push({ textTo: from - 1, attr: from, last: blockEnd });
  const next = blockEnd + 1;
  if (next < lines.length) candidates.push({ textTo: blockEnd, attr: next, last: -1 });
  for (const { textTo, attr, last } of candidates) {
    const found = attributionAt(lines, attr, { strict: true });
    // it ends its block (the next block's: alone there)
    if (!found || (last >= 0 ? found.to !== last : found.to + 1 < lines.length && !lines[found.to + 1]!.gapBefore)) continue;
    const { attribution, to: attrTo } = found;
    const body = lines.slice(start, textTo + 1);
    // a list, or lines above a quotation that opens further down, are no testimonial
    if (body.some((l, k) => bulletMarker(l.text) || (k > 0 && OPENS.test(l.text)))) continue;
    const text = joinLines(body.map((l) => l.text));
    const words = tokens(text).length;
    if (words < MIN_TESTIMONIAL_WORDS && !(words >= MIN_QUOTE_WORDS && /[.!?…]["”»“]?$/u.test(text))) continue;
    // it ends in words: a link's page title (`… sites | Microsoft Learn`) is no testimonial
    if (!/[\p{L}\p{N}.!?…"”»“)]$/u.test(text)) continue;
    if (!saysSomething(text)) continue;
    return { from: start, to: attrTo, text: unquote(text), attribution };
  }
  return undefined;
}

/**
 * The attribution starting at `lines[k]`, read over the lines it wraps onto (`— Sarah Johnson, Professor,
 * University` / `of Leeds`) when they read as one, else over its own line; with the index of its last line.
 */
function attributionAt(lines: SlideLine[], k: number, options: { strict?: boolean } = {}): { attribution: Attribution; to: number } | undefined {
  // its first line must read as an attribution by itself: a sentence ending in a comma above a name is none
  const one = looksLikeAttribution(lines[k]!.text, options);
  if (!one) return undefined;
  const end = bylineEnd(lines, k);
  if (end > k) {
    const whole = looksLikeAttribution(bylineText(lines, k, end), options);
    if (whole && whole.speaker === one.speaker) return { attribution: whole, to: end };
  }
  return { attribution: one, to: k };
}
