// What every extractor returns and the stages after it read: a document's pages (slides) of lines, with layout
// where the format has it. Passed from extractors/ to normalizers/ and corpus/segment/, never written as is.
import { z } from "zod";
import { CorpusRecord, Deck, SlideInfo } from "./schema.ts";

/** What the source format says a line is, when it knows. */
export const LineRole = z.enum(["title", "subtitle", "body", "notes", "table", "footer", "picture", "picture_text", "code"])
  .describe("footer: a date, footer or slide-number placeholder (a `footer` record); picture: a picture's alt text; code: a line of source code (Markdown fenced code), kept verbatim: never normalized or repaired; picture_text: read by OCR from a picture on a page that keeps its text layer (PDF), never a title or table");
export type LineRole = z.infer<typeof LineRole>;

/** A text item of a line with its x position, so tables can be rebuilt from columns (PDF). */
export const Cell = z.object({
  text: z.string(),
  x: z.number(),
  width: z.number(),
});
export type Cell = z.infer<typeof Cell>;

export const Line = z.object({
  text: z.string(),
  fontSize: z.number().optional().describe("Font size in points (PDF), when known"),
  x: z.number().optional().describe("Left edge in points from the page's left edge (PDF), when known"),
  y: z.number().optional().describe("Baseline in points from the page's top edge (PDF), when known"),
  width: z.number().optional(),
  cells: z.array(Cell).optional().describe("Text items on the line with their x positions, so tables can be rebuilt from columns (PDF)"),
  role: LineRole.optional().describe(
    "What the source format says the line is, when it knows (a PPTX/ODP title placeholder, speaker notes, a table cell); " +
      "segmentation trusts it over its layout rules. For PDF only where a tagged PDF's structure tree says so (title, table); absent for plain text",
  ),
  monospace: z.boolean().optional().describe("Most of the line is set in a fixed-pitch font (PDF): code, when the format says"),
  level: z.number().int().nonnegative().optional().describe("Outline level of a bullet paragraph, 0 = top (PPTX `a:pPr lvl`), when the format says"),
  box: CorpusRecord.shape.box.describe("picture_text lines: the box of the picture they were read from, in points from the page's top-left corner"),
});
export type Line = z.infer<typeof Line>;

/** One page (slide): how its text was obtained (as the deck's `slides` says), and its lines. */
export const Page = SlideInfo.omit({ slide: true }).extend({
  page: z.number().int().positive().describe("1-based page (slide) number"),
  lines: z.array(Line),
  bornDigital: z.boolean().optional().describe(
    "The page's text is born-digital: a PDF text layer that is not an OCR program's (invisible text over a picture), " +
      "or a PPTX, ODP or Markdown slide. Segmentation drops OCR debris only from pages without it (OCR, plain text, an OCR layer)",
  ),
  width: z.number().optional(),
  height: z.number().optional(),
});
export type Page = z.infer<typeof Page>;

export const DocumentFormat = Deck.shape.format;
export type DocumentFormat = z.infer<typeof DocumentFormat>;

/** What a document's own properties say (PDF Info/XMP, PPTX core properties), unchecked. */
export const DocumentProperties = Deck.pick({ title: true, author: true }).extend({
  created: z.string().optional().describe("The document's creation date, ISO 8601"),
});
export type DocumentProperties = z.infer<typeof DocumentProperties>;

/**
 * What a presentation file states in its own property fields (PPTX `docProps`, ODP `meta.xml`, Markdown front
 * matter), template defaults already left out by its extractor: trusted over what segmentation reads from the
 * first slide.
 */
export const StatedProperties = Deck.pick({ title: true, author: true, date: true, organisation: true });
export type StatedProperties = z.infer<typeof StatedProperties>;

/**
 * A small picture of a page (about 320 px wide), made when the extract options ask for them (PDF). Not a record:
 * the store keeps it beside the deck's part (corpus/store/thumbnails.ts), for `serve`.
 */
export const Thumbnail = z.object({
  page: z.number().int().positive(),
  type: z.enum(["image/webp", "image/png"]),
  data: z.string().describe("The image's bytes, base64 (survives both a thread's structured clone and a queue's JSON)"),
});
export type Thumbnail = z.infer<typeof Thumbnail>;

export const ExtractedDocument = z.object({
  format: DocumentFormat,
  pages: z.array(Page),
  encoding: Deck.shape.encoding,
  stated: StatedProperties.optional().describe("What the file states in its property fields, checked (PPTX, ODP)"),
  info: DocumentProperties.optional().describe("Document metadata the format carries (PDF info dictionary), unchecked"),
  thumbnails: z.array(Thumbnail).optional().describe("Page thumbnails, when asked for and the format makes them (PDF)"),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;
