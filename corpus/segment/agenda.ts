// Agenda: an agenda or contents slide (by its heading, or a numbered list early in the deck) gives
// agenda items with their number and full text; later slides are put in the section whose item their
// title matches, allowing for OCR damage.
import { joinLines } from "../../language/join-lines.ts";
import { bulletMarker, continues, numberedItem } from "./bullets.ts";
import { medianFontSize, type SlideLine } from "./layout.ts";
import { foldLetters } from "../../language/fold.ts";
import { AGENDA_STOPWORDS } from "../../language/stopwords.ts";
import { countLetters, sameWord, tokens } from "./words.ts";

const HEADING = /^(agenda|dagsorden|program(?:me)?|indhold(?:sfortegnelse)?|oversigt|overblik|contents|table of contents|overview|outline)\b/iu;
/** Headings that name an agenda only alone: with more words they introduce a topic. */
const WEAK_HEADING = /^(?:oversigt|overview|overblik)$/iu;
/** Words after an agenda heading that belong to it (`Program for dagen`, `Agenda: today`). */
const HEADING_TAIL = /^(?:[:–—-]|for\b|til\b|i\b|på\b|of\b|today\b)/iu;
/** An agenda item is short. */
const MAX_ITEM_WORDS = 20;
/** A numbered list counts as an agenda without a heading only on the deck's first slides. */
const EARLY_SLIDES = 3;
/** Share of a title's (or item's) letters that must match for a section. */
const SECTION_MIN_SCORE = 0.6;
const SECTION_MIN_LETTERS = 8;

export interface AgendaItem {
  index: number;
  text: string;
  /** Indexes into the slide's lines. */
  from: number;
  to: number;
}

/** The agenda heading a title starts with, cleaned of what follows it unless that reads as part of it. */
export function agendaHeading(title: string): string | undefined {
  const m = HEADING.exec(title.trim());
  if (!m) return undefined;
  const rest = title.trim().slice(m[0].length).trim();
  const partOf = rest && (HEADING_TAIL.test(rest) || tokens(rest).length >= 3);
  // `Overview – Prestaged Media` is a topic's overview, not the deck's agenda
  if (partOf && WEAK_HEADING.test(m[0])) return undefined;
  return partOf ? title.trim() : m[0];
}

/**
 * The agenda items among a slide's body lines (after its title). With `requireNumbers`, only a numbered
 * list starting at 1 in order counts (for slides without an agenda heading).
 */
export function findAgendaItems(lines: SlideLine[], options: { requireNumbers?: boolean } = {}): AgendaItem[] {
  const items: { index?: number; parts: string[]; from: number; to: number }[] = [];
  // items set apart by gaps, each a block of a line or a few (wrapped, often centred): a block is an item
  const blocks = lines.filter((l, k) => k === 0 || l.gapBefore).length;
  const byBlock = blocks >= 3 && lines.every((l) => !bulletMarker(l.text)) && blockSizes(lines).every((n) => n <= MAX_BLOCK_LINES);
  lines.forEach((l, k) => {
    const numbered = numberedItem(l.text);
    const bullet = numbered ?? bulletMarker(l.text);
    const current = items[items.length - 1];
    // a line indented past where its item's marked first line starts wraps that item
    const hanging = current !== undefined && !l.gapBefore && bulletMarker(lines[current.from]!.text) !== undefined && l.indent > lines[current.from]!.indent + INDENT_TOLERANCE;
    if (!bullet && current && (continues(current.parts[current.parts.length - 1]!, l.text) || hanging || (byBlock && !l.gapBefore) || (!l.gapBefore && current.index !== undefined))) {
      current.parts.push(l.text);
      current.to = k;
      return;
    }
    items.push({ ...(numbered?.number !== undefined ? { index: numbered.number } : {}), parts: [bullet ? bullet.text : l.text], from: k, to: k });
  });
  // in a numbered agenda, unnumbered points under an item are part of it (`1. Intro` / `- velkomst`)
  if (items.some((it) => it.index !== undefined)) {
    for (let k = items.length - 1; k > 0; k--) {
      const it = items[k]!;
      const owner = items[k - 1]!;
      if (it.index === undefined && bulletMarker(lines[it.from]!.text)) {
        owner.parts.push(`– ${joinLines(it.parts)}`);
        owner.to = it.to;
        items.splice(k, 1);
      }
    }
  }
  const numbers = items.map((it) => it.index);
  if (options.requireNumbers) {
    if (items.length < 3 || numbers.some((n, k) => n !== k + 1)) return [];
  }
  const result = items.map((it, k) => ({ index: it.index ?? k + 1, text: joinLines(it.parts), from: it.from, to: it.to }));
  if (result.some((it) => tokens(it.text).length > MAX_ITEM_WORDS)) return [];
  return result;
}

/** Lines in one gap-separated block of an agenda whose blocks are its items, at most. */
const MAX_BLOCK_LINES = 3;
/** How far past its item's first line a wrapped line starts (points in a PDF, spaces in text). */
const INDENT_TOLERANCE = 1;

function blockSizes(lines: SlideLine[]): number[] {
  const sizes: number[] = [];
  lines.forEach((l, k) => (k === 0 || l.gapBefore ? sizes.push(1) : sizes[sizes.length - 1]!++));
  return sizes;
}

/** An agenda item's font size is at least this share of the items' usual size; a footer or logo line is smaller. */
const MIN_ITEM_SIZE = 0.75;

/**
 * The lines of an agenda slide's body that are not items (indexes into `lines`): a footer or logo line set much
 * smaller than the rest, a web or mail address, and a lead-in above the items
 * (`usability features:`, `Customers requirements:`).
 */
export function agendaAside(lines: SlideLine[]): Set<number> {
  const out = new Set<number>();
  const usual = medianFontSize(lines);
  lines.forEach((l, k) => {
    const size = l.line.fontSize;
    const small = usual !== undefined && size !== undefined && size < usual * MIN_ITEM_SIZE;
    const address = tokens(l.text).length === 1 && /^(?:https?:\/\/|www\.)\S+$|^[\w.+-]+@[\w-]+\.[\w.-]+$/iu.test(l.text);
    const leadIn = /:$/u.test(l.text) && !bulletMarker(l.text) && lines.slice(k + 1).some((m) => bulletMarker(m.text));
    if (small || address || leadIn) out.add(k);
  });
  // never all of them
  return out.size < lines.length ? out : new Set();
}

export function isEarlySlide(position: number): boolean {
  return position < EARLY_SLIDES;
}

function topicWords(text: string): string[] {
  return tokens(foldLetters(text))
    .map((t) => t.replace(/[^\p{L}\p{N}]+/gu, ""))
    .filter((t) => t && !AGENDA_STOPWORDS.has(t));
}

/**
 * How well a slide title matches an agenda item, 0..1: the larger of the shares of the title's and of the
 * item's letters that are in words the other has (words compared with OCR-tolerant edit distance).
 */
export function sectionScore(title: string, item: string): number {
  return scoreWords(topicWords(title), topicWords(item));
}

function scoreWords(a: string[], b: string[]): number {
  const matched = (xs: string[], ys: string[]) => xs.filter((x) => ys.some((y) => sameWord(x, y) || prefixWord(x, y)));
  const letters = (xs: string[]) => xs.reduce((n, x) => n + countLetters(x), 0);
  const ma = letters(matched(a, b));
  const mb = letters(matched(b, a));
  // the same words both ways is a match however short (`Hvad gør vi nu`); otherwise a few letters are too weak
  if (ma > 0 && ma === letters(a) && mb === letters(b)) return 1;
  if (Math.max(ma, mb) < SECTION_MIN_LETTERS) return 0;
  return Math.max(ma / Math.max(1, letters(a)), mb / Math.max(1, letters(b)));
}

/** One word starts the other, as Danish compounds and inflections do (`ny`/`nye` are too short to tell). */
function prefixWord(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 5 && l.startsWith(s);
}

/** The agenda item a slide title belongs to, or undefined when none matches well enough. */
export function matchSection<T extends { text: string }>(title: string, items: T[]): T | undefined {
  return sectionMatcher(items)(title);
}

/** `matchSection` for many titles against one agenda: the items' words are read once. */
export function sectionMatcher<T extends { text: string }>(items: T[]): (title: string) => T | undefined {
  const prepared = items.map((item) => ({ item, words: topicWords(item.text) }));
  return (title) => {
    const words = topicWords(title);
    let best: T | undefined;
    let bestScore = 0;
    for (const { item, words: itemWords } of prepared) {
      const score = scoreWords(words, itemWords);
      if (score >= SECTION_MIN_SCORE && score > bestScore) {
        best = item;
        bestScore = score;
      }
    }
    return best;
  };
}
