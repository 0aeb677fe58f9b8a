// The segment stage: a slide's normalized lines in, typed segments out.
// First, simple version: the first line of a slide is its title, every other non-empty line a `line` record.
import type { Line } from "../extractors/types.ts";
import type { Attribution, RecordKind, Table } from "./schema.ts";

export interface SegmentPage {
  page: number;
  /** Normalized lines, with the extractor's layout. */
  lines: Line[];
}

export interface Segment {
  slide: number;
  kind: RecordKind;
  text: string;
  /** First and last line (0-based, inclusive) of the slide the segment was built from. */
  lines: [number, number];
  agendaIndex?: number;
  section?: { index?: number; title: string };
  attribution?: Attribution;
  table?: Table;
  level?: number;
}

export interface DeckMeta {
  title?: string;
  subtitle?: string;
  author?: string;
  role?: string;
  organisation?: string;
  event?: string;
  date?: string;
}

export interface SegmentedDeck {
  segments: Segment[];
  meta: DeckMeta;
  dropped: { slide: number; text: string; reason: string }[];
}

export function segmentDeck(pages: SegmentPage[]): SegmentedDeck {
  const segments: Segment[] = [];
  for (const page of pages) {
    let titled = false;
    page.lines.forEach((line, i) => {
      const text = line.text.trim();
      if (!text) return;
      segments.push({ slide: page.page, kind: titled ? "line" : "title", text, lines: [i, i] });
      titled = true;
    });
  }
  const first = segments.find((s) => s.kind === "title");
  return { segments, meta: first ? { title: first.text } : {}, dropped: [] };
}
