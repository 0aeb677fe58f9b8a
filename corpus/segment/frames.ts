// Slide numbers the slides carry as page furniture: a number cell at the end of a header or footer line
// (`Introduktion⇥2`, a Beamer frame title with its frame number), or a footer ending in `7|22`. A deck may count
// from another slide than the first (Beamer does not count the title page): the offset between page and number
// is read from the whole deck, so a trailing number is taken off only where the deck's numbering says it is one.
import type { SlideLine } from "./layout.ts";
import { pageNumberReason, trailingPageNumber } from "./noise.ts";

/** The lines at the top and bottom of a slide that may carry its number. */
const BAND = 3;
/** Page minus number: Beamer and templates count from the first to the third slide. */
const MAX_OFFSET = 3;
/** The numbering is the deck's when it is on this share of the slides (and on three or more). */
const MIN_SHARE = 0.4;

/** A number alone in a line's last cell (`Introduktion⇥2`). */
const NUMBER_CELL = /(?:^|\t)(\d{1,3})$/u;

/** What shows a line's last number is a slide number: a cell of its own (`Introduktion⇥2`) or a count (`7|22`, `7 / 22`). */
function slideNumberIn(text: string): number | undefined {
  const cell = NUMBER_CELL.exec(text);
  return cell ? Number(cell[1]) : trailingPageNumber(text)?.number;
}

function inBand(k: number, n: number): boolean {
  return k < BAND || k >= n - BAND;
}

/**
 * How the slides' own numbers relate to their pages (`number = page - offset`), when most slides end a line
 * in their header or footer band with a number that keeps that relation; undefined when the deck shows none.
 */
export function slideNumberOffset(slides: { page: number; lines: SlideLine[] }[]): number | undefined {
  const counts = new Map<number, number>();
  for (const s of slides) {
    const offsets = new Set<number>();
    s.lines.forEach((l, k) => {
      // `Step 2` on slide 1 says nothing; a number cell or a count does
      const n = inBand(k, s.lines.length) ? slideNumberIn(l.text) : undefined;
      const offset = n !== undefined ? s.page - n : NaN;
      if (Math.abs(offset) <= MAX_OFFSET) offsets.add(offset);
    });
    for (const o of offsets) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [o, n] of counts) if (n >= 3 && n >= MIN_SHARE * slides.length && (best === undefined || n > counts.get(best)!)) best = o;
  return best;
}

/**
 * A line without the slide number it ends in (recorded in `numbers`, by the line's index on the slide, for a
 * `footer` record): a cell of its own (`Aarhus Kommune⇥Side 1`),
 * or, where the deck numbers its slides (`offset` from `slideNumberOffset`), a trailing number on a line in the
 * slide's header or footer band (`Introduktion 2`, `… Aarhus University 7|22`). The rest of the line is read like
 * any other.
 */
export function withoutSlideNumber(lines: SlideLine[], page: number, numbers: Map<number, string>, offset?: number): SlideLine[] {
  const number = page - (offset ?? 0);
  // one number a band: the header's (after a frame title) and the footer's
  const taken = new Set<boolean>();
  return lines.map((line, k) => {
    const top = k < BAND;
    if (line.text.includes("\t")) {
      // the number is the line's first or last cell (`Aarhus Kommune⇥Side 1`), never one among others, and a row
      // of numbers (a table's, an index ruler 0 1 2 3) holds none
      if (tableRow(line.text.split("\t").map((c) => c.trim()).filter(Boolean), number)) return line;
      const kept: string[] = [];
      const cut: string[] = [];
      for (const cell of line.text.split("\t")) (pageNumberReason(cell, number) ? cut : kept).push(cell);
      if (!cut.length || kept.every((c) => !c.trim())) return line;
      numbers.set(line.i, cut.join(" "));
      taken.add(top);
      return { ...line, text: kept.join("\t").trim() };
    }
    if (offset === undefined || taken.has(top) || !inBand(k, lines.length)) return line;
    const m = trailingPageNumber(line.text, { count: false });
    if (!m || m.number !== number || m.index === 0 || !/\p{L}/u.test(line.text.slice(0, m.index))) return line;
    numbers.set(line.i, line.text.slice(m.index).trim());
    taken.add(top);
    return { ...line, text: line.text.slice(0, m.index).trim() };
  });
}

/** Cells that are a table's row, not a header or footer line with its number: the number inside, or two numbers. */
function tableRow(cells: string[], number: number): boolean {
  return cells.slice(1, -1).some((c) => pageNumberReason(c, number)) || (cells.length >= 3 && cells.filter((c) => /^\d+$/u.test(c)).length >= 2);
}
