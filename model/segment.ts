// What segmentation (corpus/segment/) makes of a deck's pages, for the pipeline to turn into records and the
// deck: each shape a part of the record and deck contract (schema.ts), picked rather than restated.
import { z } from "zod";
import { CorpusRecord, Deck, DroppedLine } from "./schema.ts";
import { Page } from "./document.ts";

/** A page as segmentation reads it: its number and its normalized lines, with the extractor's layout, and whether its text is born-digital. */
export const SegmentPage = Page.pick({ page: true, lines: true, bornDigital: true });
export type SegmentPage = z.infer<typeof SegmentPage>;

/** One segment of a slide: the fields of its record that segmentation decides; `lines` is always known. */
export const Segment = CorpusRecord.pick({
  slide: true, kind: true, text: true, lines: true, agendaIndex: true, section: true, attribution: true, table: true, level: true, ordinal: true, box: true,
}).required({ lines: true });
export type Segment = z.infer<typeof Segment>;

/** What the title slide says of the deck. */
export const DeckMeta = Deck.pick({ title: true, subtitle: true, author: true, role: true, organisation: true, event: true, date: true });
export type DeckMeta = z.infer<typeof DeckMeta>;

export const SegmentedDeck = z.object({
  segments: z.array(Segment),
  meta: DeckMeta,
  dropped: z.array(DroppedLine),
});
export type SegmentedDeck = z.infer<typeof SegmentedDeck>;
