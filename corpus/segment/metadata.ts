// Deck metadata from the title slide: title (joined over its lines), subtitle, author with role and
// organisation, organisation, event and date (ISO 8601).
import type { DeckMeta } from "../../model/segment.ts";
import type { DocumentProperties } from "../../model/document.ts";
import type { MetaSource } from "../../model/schema.ts";
import type { SlideLine } from "./layout.ts";
import { bylineEnd, bylineText, isOrganisation, isPersonName, parseAttribution } from "./attribution.ts";
import { bulletMarker, continues } from "./bullets.ts";
import { findDate } from "./dates.ts";
import { foldLetters } from "../../language/fold.ts";
import { tokens } from "./words.ts";

const EVENT_WORDS = /\b(konference|conference|seminar|workshop|årsmøde|temadag|webinar|summit|symposium|forum|festival|netværksmøde|meeting|kursus|course|topmøde)\b/iu;
const ENDS = /^[\s"“”„«»‘’'(),.;:–—-]+|[\s"“”„«»‘’'(,.;:–—-]+$/gu;

export interface TitleSlideLines {
  meta: DeckMeta;
  /** Per line (index into the lines given): `subtitle`, or `line` for a byline, date, event or logo. */
  kinds: Map<number, "subtitle" | "line">;
  /** A byline over several lines: its first line → its last (the lines after the first are in `kinds` too). */
  spans: Map<number, number>;
}

/**
 * Reads the lines of the title slide besides its title (`titleEnd`: the slide line index of the title's last line). `deckText` (all the deck's text) settles the spelling
 * of an organisation's short name that OCR or a logo font varies (`VIVÉ` on the cover, `VIVE` on later slides).
 */
export function readTitleSlide(lines: SlideLine[], deckText: string, options: { titleEnd?: number } = {}): TitleSlideLines {
  // the subtitle is the line right under the title (lines above it are headers or logos)
  const under = lines.findIndex((l) => l.i > (options.titleEnd ?? -1));
  const meta: DeckMeta = {};
  const kinds = new Map<number, "subtitle" | "line">();
  const spans = new Map<number, number>();
  let joinedTo = -1;
  lines.forEach((l, k) => {
    // a line a byline above took in
    if (k <= joinedTo) {
      kinds.set(k, "line");
      return;
    }
    const text = l.text;
    const date = findDate(text);
    if (date) {
      meta.date ??= date.iso;
      const rest = (text.slice(0, date.index) + " " + text.slice(date.index + date.length)).replace(ENDS, "").trim();
      if (rest && /\p{L}{2}/u.test(rest) && !meta.event) meta.event = rest.replace(/\s*[,;]\s*$/u, "");
      kinds.set(k, "line");
      return;
    }
    let person = tokens(text).length <= 12 ? parseAttribution(text) : undefined;
    if (person?.speaker && !meta.author) {
      // a byline that wraps (`…, University` / `of Leeds`) is read whole
      const end = bylineEnd(lines, k);
      const whole = end > k ? parseAttribution(bylineText(lines, k, end)) : undefined;
      if (whole?.speaker === person.speaker) {
        person = whole;
        joinedTo = end;
        spans.set(k, end);
      }
      meta.author = person.speaker;
      if (person.role) meta.role = person.role;
      if (person.organisation) meta.organisation ??= person.organisation;
      kinds.set(k, "line");
      return;
    }
    if (tokens(text).length <= 6 && isOrganisation(text.replace(ENDS, ""))) {
      meta.organisation ??= usualSpelling(text.replace(ENDS, ""), deckText);
      kinds.set(k, "line");
      return;
    }
    if (EVENT_WORDS.test(text) || /^["“„«»].+["”“»]$/u.test(text)) {
      meta.event ??= text.replace(ENDS, "");
      kinds.set(k, "line");
      return;
    }
    // a line the next one goes on from (`Borgerne møder én indgang` / `til kommunen, …`) starts a paragraph
    const next = lines[k + 1];
    const wraps = next !== undefined && !next.gapBefore && continues(text, next.text);
    if (meta.subtitle === undefined && k === under && !bulletMarker(text) && !wraps) {
      meta.subtitle = text;
      kinds.set(k, "subtitle");
    }
  });
  return { meta, kinds, spans };
}

/** The spelling of a one-word name that the deck uses most, among spellings equal up to accents and case. */
function usualSpelling(name: string, deckText: string): string {
  if (tokens(name).length !== 1) return name;
  const key = foldLetters(name);
  const counts = new Map<string, number>();
  for (const t of deckText.split(/[^\p{L}\p{N}]+/u)) if (t && foldLetters(t) === key) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = name;
  for (const [t, n] of counts) if (n > (counts.get(best) ?? 0)) best = t;
  return best;
}

export interface CombinedMeta {
  meta: DeckMeta;
  /** Where the title, author and date came from. */
  sources: { title?: MetaSource; author?: MetaSource; date?: MetaSource };
}

/** Titles applications and templates fill in, and file names: not a deck's title. */
const DEFAULT_TITLE = /^(?:(?:microsoft\s+)?powerpoint[- ]?(?:pr[æe]sentation|presentation)|pr[æe]sentation|presentation|presentasjon|presentationen|slide\s*\d*|dias\s*\d*|lysbilde\s*\d*|event\s+title|title|titel|tittel|untitled|unavngivet|uden\s+titel|click\s+to\s+.*|klik\s+for\s+.*)$/iu;
const FILE_NAME = /\.(?:pptx?|potx|key|odp|pdf|docx?|md|txt)$|^[^\s]+_[^\s]+$/iu;
const APP_PREFIX = /^microsoft\s+(?:powerpoint|word)\s+-\s+/iu;

/** A document property title that can stand as the deck's title (not a default, not a file name). */
export function usableTitle(title: string | undefined, fileStem?: string): string | undefined {
  const t = title?.replace(/\s+/gu, " ").trim();
  if (!t || !/\p{L}{2}/u.test(t) || DEFAULT_TITLE.test(t) || APP_PREFIX.test(t) || FILE_NAME.test(t)) return undefined;
  if (fileStem && foldLetters(t) === foldLetters(fileStem)) return undefined;
  return t;
}

/** A document property author as a person's name: `Foss, Aslaug Hurlen` → `Aslaug Hurlen Foss`, `(KONG - …)` left off. */
export function usableAuthor(author: string | undefined): string | undefined {
  let a = author?.replace(/\s*\([^()]*\)\s*/gu, " ").replace(/\s+/gu, " ").trim();
  if (!a) return undefined;
  const inverted = /^([^,]+),\s*([^,]+)$/u.exec(a);
  if (inverted && isPersonName(`${inverted[2]} ${inverted[1]}`)) a = `${inverted[2]} ${inverted[1]}`;
  return isPersonName(a) ? a : undefined;
}

/**
 * The deck's title, author and date from its title slide and its document properties together, each value
 * checked. Title: the slide's, unless the properties' title says the same in more words (the slide's may be cut
 * or set in a logo font); the properties' when the slide has none. Author: the properties' when it is a
 * person's name (a title slide's capitalised line is not always one), else the slide's. Date: the slide's, else
 * the creation date.
 */
export function combineDeckMeta(slide: DeckMeta, properties: DocumentProperties | undefined, options: { fileStem?: string } = {}): CombinedMeta {
  const meta: DeckMeta = { ...slide };
  const sources: CombinedMeta["sources"] = {};
  const title = usableTitle(properties?.title, options.fileStem);
  if (slide.title && /\p{L}{2}/u.test(slide.title)) {
    meta.title = title && sharesWords(slide.title, title) ? title : slide.title;
    sources.title = meta.title === slide.title ? "slide" : "properties";
  } else if (title) {
    meta.title = title;
    sources.title = "properties";
  } else delete meta.title;
  const author = usableAuthor(properties?.author);
  if (author) {
    if (!slide.author || foldLetters(slide.author) !== foldLetters(author)) delete meta.role;
    meta.author = author;
    sources.author = "properties";
  } else if (slide.author) sources.author = "slide";
  if (slide.date) sources.date = "slide";
  else if (properties?.created) {
    meta.date = properties.created;
    sources.date = "properties";
  }
  return { meta, sources };
}

/** Most of the words of `short` (two or more letters, up to accents and case) are in `long`. */
function sharesWords(short: string, long: string): boolean {
  const words = (s: string) => tokens(s).map((t) => foldLetters(t.replace(/[^\p{L}\p{N}]/gu, ""))).filter((t) => t.length >= 2);
  const a = words(short), b = new Set(words(long));
  return a.length > 0 && a.filter((w) => b.has(w)).length >= Math.ceil(a.length / 2) && b.size >= a.length;
}
