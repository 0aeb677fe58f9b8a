// The segment stage: a deck's slides of normalized lines in, typed segments, deck metadata and the lines
// kept out (noise) out. Each concern is a stage in `segment/`: noise, tables, title, agenda and sections,
// body (bullets, quotes with attribution, headings, paragraphs), title-slide metadata.
// Pure and deterministic: no I/O, no state between calls.
import type { DroppedLine, Table } from "../../model/schema.ts";
import type { DeckMeta, Segment, SegmentedDeck, SegmentPage } from "../../model/segment.ts";
import { agendaAside, agendaHeading, findAgendaItems, isEarlySlide, sectionMatcher, type AgendaItem } from "./agenda.ts";
import { segmentBody } from "./body.ts";
import { bodyFontSize, slideLines, type SlideLine } from "./layout.ts";
import { readTitleSlide } from "./metadata.ts";
import { bylineText } from "./attribution.ts";
import { noiseReason, pageNumberReason, type NoiseOptions } from "./noise.ts";
import { findTables } from "./tables.ts";
import { codeText, findCode } from "./code.ts";
import { furnitureText, takeRoles, tableText } from "./roles.ts";
import { slideNumberOffset, withoutSlideNumber } from "./frames.ts";
import { findTitle, type FoundTitle } from "./title.ts";
import { foldLetters } from "../../language/fold.ts";

export type { DeckMeta, DroppedLine, Segment, SegmentedDeck, SegmentPage };

export interface SegmentOptions {
  noise?: NoiseOptions;
  /** A line on at least this share of the slides (and on three or more) is a running header, footer or logo. Default 0.3. */
  repeatedShare?: number;
}

export function segmentDeck(pages: SegmentPage[], options: SegmentOptions = {}): SegmentedDeck {
  const dropped: DroppedLine[] = [];
  // text read from a picture is a record of its own kind, one a picture, never a title, table or quote
  const pictures = new Map<number, Segment[]>();
  const parsed = pages.map((p) => {
    const all = slideLines(p.lines);
    pictures.set(p.page, pictureSegments(p.page, all.filter((l) => l.line.role === "picture_text"), dropped, options.noise));
    // what the source format says a line is (title placeholder, notes, table) is settled before the layout rules
    const roles = takeRoles(all.filter((l) => l.line.role !== "picture_text"));
    return { page: p.page, bornDigital: p.bornDigital === true, roles, lines: roles.rest };
  });
  // the slides' own numbers (a frame number after a Beamer title, `7|22` in a footer) are page furniture: taken
  // off their lines into `footer` records (`numbers`: line index → the number taken), with the uncut lines kept
  const offset = slideNumberOffset(parsed);
  const slides = parsed.map((s) => {
    const numbers = new Map<number, string>();
    return { ...s, numbers, uncut: s.lines, lines: withoutSlideNumber(s.lines, s.page, numbers, offset) };
  });
  const keys = slides.map((s) => s.lines.map((l) => foldLetters(l.text)));
  const repeated = repeatedLines(keys, slides.map((s) => {
    const size = bodyFontSize(s.lines);
    return s.lines.map((_, k) => topAndLarge(s.lines, k, size));
  }));
  const share = options.repeatedShare ?? 0.3;
  const deckText = slides.map((s) => s.lines.map((l) => l.text).join("\n")).join("\n");
  const segments: Segment[] = [];
  let meta: DeckMeta = {};
  let agenda: ((title: string) => AgendaItem | undefined) | undefined;
  let section: Segment["section"];

  slides.forEach((slide, position) => {
    const out: Segment[] = slide.roles.segments.map((s) => ({ slide: slide.page, ...s }));
    const given = slide.roles.title;
    const span = (ls: SlideLine[], from: number, to: number): [number, number] => [ls[from]!.i, ls[to]!.i];

    // code first (never a table, a quote or bullets), then tables: a row of numbers is not noise
    const inTable = new Set<number>();
    for (const c of findCode(slide.lines)) {
      for (let k = c.from; k <= c.to; k++) inTable.add(k);
      out.push({ slide: slide.page, kind: "code", text: codeText(slide.lines.slice(c.from, c.to + 1)), lines: span(slide.lines, c.from, c.to) });
    }
    const tables = findTables(slide.lines, inTable, { ocr: !slide.bornDigital });
    for (const t of tables) {
      for (let k = t.from; k <= t.to; k++) inTable.add(k);
      out.push({ slide: slide.page, kind: "table", text: tableText(t.table), lines: span(slide.lines, t.from, t.to), table: t.table });
    }

    // noise is dropped; running headers, footers, logo lines and slide numbers are page furniture, kept as
    // `footer` records (one a line, by its index: the whole line when it is furniture, else the slide number taken
    // off it); what is left of a removed line is a gap. On the first slide a running line is read with the title
    // slide first (its organisation, its speaker), and is furniture only when that leaves it to the body.
    const footers = new Map<number, string>();
    const runningOnFirst = new Map<number, string>();
    const kept: SlideLine[] = [];
    let gap = false;
    slide.lines.forEach((l, k) => {
      const pageNumber = inTable.has(k) ? undefined : pageNumberReason(l.text, slide.page - (offset ?? 0));
      // OCR debris cannot be in text the source format gives with a role, nor in a born-digital page's text
      const noise = inTable.has(k) || pageNumber || l.line.role ? undefined : noiseReason(l.text, options.noise, { ocr: !slide.bornDigital });
      const running = inTable.has(k) || noise ? undefined : repeatedReason(repeated.get(keys[position]![k]!), slides.length, share);
      const furniture = pageNumber ?? (position > 0 ? running : undefined);
      const number = slide.numbers.get(l.i);
      if (furniture || number !== undefined) footers.set(l.i, furniture ? slide.uncut[k]!.text : number!);
      if (running && !furniture) runningOnFirst.set(l.i, slide.uncut[k]!.text);
      if (inTable.has(k) || furniture || noise) {
        if (noise) dropped.push({ slide: slide.page, text: l.text, reason: noise });
        gap = true;
        return;
      }
      kept.push(gap && kept.length ? { ...l, gapBefore: true } : l);
      gap = false;
    });

    // title (a lone acronym above the title is a logo)
    let title = given ? undefined : findTitle(kept, { first: position === 0 });
    const aside = new Set<number>();
    if (title && /^\p{Lu}{2,6}$/u.test(title.text.normalize("NFD").replace(/\p{M}/gu, "")) && kept.length > title.to + 1) {
      const after = findTitle(kept.slice(title.to + 1));
      if (after) {
        out.push({ slide: slide.page, kind: "line", text: title.text, lines: span(kept, title.from, title.to) });
        for (let k = title.from; k <= title.to; k++) aside.add(k);
        title = shift(after, title.to + 1);
      }
    }
    let titleText = given?.text ?? title?.text;
    if (title) for (let k = title.from; k <= title.to; k++) aside.add(k);
    // the body: the lines around the title, a gap where the title was
    const body = kept.flatMap((l, k) => (aside.has(k) ? [] : [aside.has(k - 1) && k > 0 ? { ...l, gapBefore: true } : l]));

    // agenda
    const heading = titleText !== undefined ? agendaHeading(titleText) : undefined;
    let items: AgendaItem[] = [];
    // footers, logos, addresses and a lead-in on an agenda slide are lines of their own, not items
    const asideAgenda = heading || (isEarlySlide(position) && !agenda) ? agendaAside(body) : new Set<number>();
    const listed = body.filter((_, k) => !asideAgenda.has(k));
    if (heading) items = findAgendaItems(listed);
    else if (isEarlySlide(position) && !agenda) items = findAgendaItems(listed, { requireNumbers: true });
    if (heading && items.length) titleText = heading;
    if (titleText && (title || given)) out.push({ slide: slide.page, kind: "title", text: titleText, lines: title ? span(kept, title.from, title.to) : given!.lines });

    if (items.length >= 2) {
      agenda ??= sectionMatcher(items);
      for (const it of items) {
        out.push({ slide: slide.page, kind: "agenda_item", text: it.text, lines: span(listed, it.from, it.to), agendaIndex: it.index });
      }
      for (const k of asideAgenda) out.push({ slide: slide.page, kind: "line", text: body[k]!.text, lines: span(body, k, k) });
    } else {
      // section: the agenda item this slide's title (or first line) matches; later slides stay in it
      if (agenda) {
        const key = titleText ?? body[0]?.text;
        const item = key ? agenda(key) : undefined;
        if (item) section = { index: item.index, title: item.text };
      }
      let rest = body;
      if (position === 0) {
        const read = readTitleSlide(body, deckText, title ? { titleEnd: kept[title.to]!.i } : given ? { titleEnd: given.lines[1] } : {});
        meta = { ...read.meta, ...(titleText ? { title: titleText } : {}) };
        const inside = new Set([...read.spans].flatMap(([from, to]) => Array.from({ length: to - from }, (_, j) => from + 1 + j)));
        for (const [k, kind] of read.kinds) {
          if (inside.has(k)) continue;
          const to = read.spans.get(k) ?? k;
          out.push({ slide: slide.page, kind, text: bylineText(body, k, to), lines: span(body, k, to) });
        }
        rest = body.map((l, k) => (read.kinds.has(k) ? undefined : l)).filter((l): l is SlideLine => !!l);
        for (const l of rest) if (runningOnFirst.has(l.i)) footers.set(l.i, runningOnFirst.get(l.i)!);
        rest = rest.filter((l) => !runningOnFirst.has(l.i));
      }
      for (const s of segmentBody(rest)) {
        out.push({
          slide: slide.page,
          kind: s.kind,
          text: s.text,
          lines: span(rest, s.from, s.to),
          ...(s.attribution ? { attribution: s.attribution } : {}),
          ...(s.kind === "bullet" && rest[s.from]!.line.level !== undefined ? { level: rest[s.from]!.line.level } : s.level !== undefined ? { level: s.level } : {}),
          ...(s.ordinal !== undefined ? { ordinal: s.ordinal } : {}),
        });
      }
    }
    for (const [i, text] of footers) out.push({ slide: slide.page, kind: "footer", text: furnitureText(text), lines: [i, i] });
    out.sort((a, b) => a.lines[0] - b.lines[0]);
    out.push(...pictures.get(slide.page)!);
    for (const s of out) segments.push(section && !agendaSlide(out) ? { ...s, section } : s);
  });
  return { segments, meta, dropped };
}

/** The lines read from each picture (by its box) as one `picture_text` segment, OCR debris left out. */
function pictureSegments(slide: number, lines: SlideLine[], dropped: DroppedLine[], noise?: NoiseOptions): Segment[] {
  const byBox = new Map<string, SlideLine[]>();
  for (const l of lines) {
    const reason = noiseReason(l.text, noise);
    if (reason) dropped.push({ slide, text: l.text, reason });
    else (byBox.get(JSON.stringify(l.line.box)) ?? byBox.set(JSON.stringify(l.line.box), []).get(JSON.stringify(l.line.box))!).push(l);
  }
  return [...byBox.values()].map((ls) => ({
    slide,
    kind: "picture_text" as const,
    text: ls.map((l) => l.text).join("\n"),
    lines: [ls[0]!.i, ls.at(-1)!.i] as [number, number],
    ...(ls[0]!.line.box ? { box: ls[0]!.line.box } : {}),
  }));
}

function agendaSlide(segments: Segment[]): boolean {
  return segments.some((s) => s.kind === "agenda_item");
}

function shift(t: FoundTitle, by: number): FoundTitle {
  return { ...t, from: t.from + by, to: t.to + by };
}


/**
 * A repeated line that reads as a title carried over (on consecutive slides only, or set larger than the slide's
 * body at its top: a Beamer frame title that is the section's name) is furniture only on this share of the slides.
 */
const TITLE_SHARE = 0.6;

interface Repeated {
  slides: number;
  /** On consecutive slides only, or where a title stands on one of them. */
  titleLike: boolean;
}

/**
 * Lines (folded) that recur on three or more slides: on how many, and whether they read as a title carried over
 * (on consecutive slides only, or at the top of a slide set larger than its body: `titled[slide][line]`).
 */
function repeatedLines(keys: string[][], titled: boolean[][]): Map<string, Repeated> {
  const on = new Map<string, number[]>();
  const asTitle = new Set<string>();
  keys.forEach((slide, k) => {
    for (const key of new Set(slide)) (on.get(key) ?? on.set(key, []).get(key)!).push(k);
    slide.forEach((key, j) => titled[k]![j] && asTitle.add(key));
  });
  const out = new Map<string, Repeated>();
  for (const [key, slides] of on) {
    if (slides.length >= 3) out.set(key, { slides: slides.length, titleLike: asTitle.has(key) || slides.at(-1)! - slides[0]! === slides.length - 1 });
  }
  return out;
}

/** Why a repeated line is dropped as a running header, footer or logo, or undefined when it is kept. */
function repeatedReason(r: Repeated | undefined, slideCount: number, share: number): string | undefined {
  if (!r || r.slides < (r.titleLike ? Math.max(share, TITLE_SHARE) : share) * slideCount) return undefined;
  return `repeated on ${r.slides} slides (header, footer or logo)`;
}

/** One of a slide's first two lines, set larger than its body text: where a title stands. */
function topAndLarge(lines: SlideLine[], k: number, body: number | undefined): boolean {
  const size = lines[k]!.line.fontSize;
  return k < 2 && body !== undefined && size !== undefined && size > body * 1.15;
}
