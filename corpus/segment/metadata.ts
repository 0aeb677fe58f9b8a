// Deck metadata from the title slide: title (joined over its lines), subtitle, author with role and
// organisation, organisation, event and date (ISO 8601).
import type { DeckMeta } from "../../model/segment.ts";
import type { SlideLine } from "./layout.ts";
import { isOrganisation, parseAttribution } from "./attribution.ts";
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
  lines.forEach((l, k) => {
    const text = l.text;
    const date = findDate(text);
    if (date) {
      meta.date ??= date.iso;
      const rest = (text.slice(0, date.index) + " " + text.slice(date.index + date.length)).replace(ENDS, "").trim();
      if (rest && /\p{L}{2}/u.test(rest) && !meta.event) meta.event = rest.replace(/\s*[,;]\s*$/u, "");
      kinds.set(k, "line");
      return;
    }
    const person = tokens(text).length <= 12 ? parseAttribution(text) : undefined;
    if (person?.speaker && !meta.author) {
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
  return { meta, kinds };
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
