// Bullets: list markers (* - – • ▪ ◦ » and the `«` OCR makes of a round bullet), numbered items,
// and the test for a line that wraps the one before it.
import { findDate } from "./dates.ts";
import { CONTINUING_WORDS } from "../../language/stopwords.ts";
import { startsLowercase, tokens } from "./words.ts";

/**
 * A marker followed by a space; `»`/`«` directly followed by text are quote marks, not bullets. `\uF0xx` are
 * the Symbol and Wingdings bullets PDFs made from slides carry; `o` is PowerPoint's second-level bullet.
 */
const MARKER = /^([*\-–−‣⁃•▪◦»«·●○■□▫➢►▶✓✔→\uF000-\uF0FF]|o(?= \p{L}))\s*(?<=\S\s|[\uF000-\uF0FF])(?=\S)/u;
/** `1. `, `2) `, `4.Teknologispring` (OCR ate the space), `a) `. */
const NUMBERED = /^(\d{1,2}|[a-z])[.)]\s*(?=[\p{L}"“„«»(])/u;

export interface Marker {
  marker: string;
  /** The text after the marker. */
  text: string;
  /** The item number for numbered items. */
  number?: number;
}

export function bulletMarker(text: string): Marker | undefined {
  const m = MARKER.exec(text);
  if (m) return { marker: m[1]!, text: text.slice(m[0].length).trim() };
  return numberedItem(text);
}

export function numberedItem(text: string): Marker | undefined {
  const m = NUMBERED.exec(text);
  if (!m) return undefined;
  // `2. marts 2017` is a date, and `a)` needs its space
  if (/^\d/.test(m[1]!) && findDate(text)?.index === 0) return undefined;
  if (/^[a-z]$/.test(m[1]!) && !/\)\s/.test(m[0])) return undefined;
  const number = /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!.charCodeAt(0) - 96;
  return { marker: m[0].trim(), text: text.slice(m[0].length).trim(), number };
}

/** `next` carries on the sentence of `prev`: it starts in lower case, or `prev` stops on a connecting word or mark. */
export function continues(prev: string, next: string): boolean {
  if (MARKER.test(next) || numberedItem(next)) return false;
  if (startsLowercase(next)) return true;
  if (/[,;:–—-]$/u.test(prev)) return true;
  const last = tokens(prev).at(-1)?.toLowerCase();
  return !!last && CONTINUING_WORDS.has(last);
}
