// The corpus contract. Every field of every file the pipeline writes is defined here once;
// TypeScript types come from these schemas (z.infer) and the JSON Schema on disk is generated from them.
import { z } from "zod";

export const SCHEMA_VERSION = "1.6.0";

/** One edit made by a normalizer: what was there, what replaced it, where, why, and how sure we are. */
export const Change = z.object({
  from: z.string().describe("Text before the change"),
  to: z.string().describe("Text after the change"),
  offset: z
    .number()
    .int()
    .nonnegative()
    .describe("Offset (UTF-16 code units) of `from` in the text before any change: the record's `original`, or the input of `repair`"),
  rule: z.string().min(1).describe("Machine-readable name of the rule that made the change, e.g. `danish.ae-digraph`"),
  confidence: z.number().min(0).max(1).describe("0..1: how sure the rule is"),
  reason: z.string().optional().describe("Human-readable why, e.g. the lexicon evidence"),
});
export type Change = z.infer<typeof Change>;

export const RecordKind = z.enum(["title", "subtitle", "agenda_item", "heading", "bullet", "paragraph", "quote", "table", "line", "picture_text", "note", "code", "footer"]);
export type RecordKind = z.infer<typeof RecordKind>;

export const ConceptTag = z.object({
  id: z.string().describe("Concept id in the taxonomy"),
  label: z.string().describe("The concept's preferred label"),
  matched: z.array(z.string()).describe("The words in the record's text that matched the concept"),
});
export type ConceptTag = z.infer<typeof ConceptTag>;

export const Attribution = z.object({
  text: z.string().describe("The attribution line as it appears"),
  speaker: z.string().optional().describe("The person's name, when the attribution gives one"),
  role: z.string().optional().describe("Their role or title (`Stadsdirektør`, `Afdelingsleder for 30 medarbejdere`)"),
  organisation: z.string().optional().describe("Their organisation, when given"),
});
export type Attribution = z.infer<typeof Attribution>;

export const Table = z.object({
  header: z.array(z.string()).describe("The header row's cells (the first row), as many as each row has"),
  rows: z.array(z.array(z.string())).describe("Rows of cells; empty cells are kept as empty strings"),
});
export type Table = z.infer<typeof Table>;

export const Section = z.object({
  index: z.number().int().positive().optional().describe("Number of the agenda item this slide belongs to"),
  title: z.string().describe("The agenda item's text"),
});
export type Section = z.infer<typeof Section>;

export const ExtractionMethod = z.enum(["text", "ocr"]);
export type ExtractionMethod = z.infer<typeof ExtractionMethod>;

/** One searchable segment of one slide. */
export const CorpusRecord = z.object({
  id: z.string().describe(
    "Stable id: a hash of the source path, the record's kind and text, and how many records of the deck before it have the same kind and text. " +
      "The same on every run and machine, and unchanged when other slides of the deck are edited, added or removed",
  ),
  deckId: z.string().describe("The deck's id: content hash of the source file (first 16 hex digits of its SHA-256)"),
  source: z.string().describe("Path of the source file relative to the ingest root, with forward slashes"),
  slide: z.number().int().positive().describe("1-based slide (page) number"),
  kind: RecordKind.describe("What the segment is on its slide: title, subtitle, agenda_item, heading, bullet, paragraph, quote, table, line (a line that is none of these), picture_text (read by OCR from a picture on a slide whose own text was kept: take it or leave it), note (the speaker's notes of the slide, PPTX, ODP, Markdown, kept apart from its own text), code (source code or a command, e.g. a Markdown fenced block or monospace lines on a PDF slide: its text verbatim, line breaks and indentation kept, never repaired), or footer (page furniture: a running header or footer, a logo line or a slide number repeated across the slides, or a PPTX/ODP date, footer or slide-number placeholder; one record a line on each slide it is on, never a title, agenda item, quote or table, and kept out of the search index)"),
  text: z.string().describe("Normalized text"),
  original: z.string().optional()
    .describe("The extracted lines the record was built from, joined by newlines; present only when the record's text differs from them other than by joining lines (a normalizer changed a word, or segmentation took off a list marker, quotation marks or decorations)"),
  changes: z.array(Change).describe("The normalizers' changes to `original` (offsets are into `original`); empty when nothing changed"),
  lang: z.string().describe("ISO 639-1 code of the record's language, or `und`"),
  concepts: z.array(ConceptTag).describe("Concepts of the taxonomy the text mentions; empty when none"),
  lines: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional()
    .describe("First and last line (0-based, inclusive, counted on the slide: the page's text as `slidecorpus extract` prints it) the record comes from"),
  method: ExtractionMethod.optional().describe("How the slide's text was obtained"),
  // kind-specific
  agendaIndex: z.number().int().positive().optional().describe("agenda_item: the item's number"),
  section: Section.optional().describe("The agenda item the slide belongs to"),
  attribution: Attribution.optional().describe("quote: who said it"),
  table: Table.optional().describe("table: the cells"),
  level: z.number().int().nonnegative().optional().describe("bullet: nesting level"),
  ordinal: z.number().int().positive().optional()
    .describe("bullet: the item's number in a numbered list (`3.` → 3, `b)` → 2), which its `text` leaves out with the marker (`original` keeps it)"),
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional()
    .describe("picture_text: the picture's box on the slide, in points from its top-left corner"),
});
export type CorpusRecord = z.infer<typeof CorpusRecord>;

export const SlideInfo = z.object({
  slide: z.number().int().positive().describe("1-based slide (page) number"),
  method: ExtractionMethod.describe("How the slide's text was obtained: its text layer (or the text file) or OCR"),
  confidence: z.number().min(0).max(1).optional().describe("OCR mean word confidence, 0..1"),
  reason: z.string().optional().describe("Why this method was chosen"),
  hidden: z.boolean().optional().describe("The slide is hidden in the source (PPTX `show=\"0\"`, ODP `presentation:visibility=\"hidden\"`); its text is still read"),
});
export type SlideInfo = z.infer<typeof SlideInfo>;

export const DroppedLine = z.object({
  slide: z.number().int().positive().describe("1-based slide number"),
  text: z.string().describe("The line (or the cell of a line) as normalized"),
  reason: z.string().describe("Why it is not text: OCR debris, a decoration without letters, … (running headers, footers and slide numbers are `footer` records)"),
});
export type DroppedLine = z.infer<typeof DroppedLine>;

export const MetaSource = z.enum(["slide", "properties"]);
export type MetaSource = z.infer<typeof MetaSource>;

export const Deck = z.object({
  id: z.string().describe("Content hash of the file (first 16 hex digits of its SHA-256): identical files share it; `source` is the unique key"),
  source: z.string().describe("Path of the source file relative to the ingest root, with forward slashes; unique in a corpus"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("SHA-256 of the file's bytes"),
  bytes: z.number().int().nonnegative().describe("Size of the file"),
  format: z.enum(["text", "pdf", "pptx", "odp", "markdown"]).describe("The extractor that read it (`pptx` also reads .pptm, .ppsx, .potx)"),
  encoding: z.string().optional().describe("Text files: the encoding the file was read with"),
  slideCount: z.number().int().nonnegative().describe("Number of slides (pages)"),
  title: z.string().optional().describe("The deck's title: the first slide's title, or the document's own title when it says the same in more words or the slide has none"),
  subtitle: z.string().optional().describe("The first slide's subtitle"),
  author: z.string().optional().describe("The speaker: the document's own author when it is a person's name, else the name on the first slide"),
  role: z.string().optional().describe("The speaker's role or title, from the first slide"),
  organisation: z.string().optional().describe("The speaker's organisation, from the first slide"),
  event: z.string().optional().describe("The event the deck was given at, when the first slide names one"),
  date: z.string().optional().describe("ISO 8601 date: the first slide's, else the document's creation date"),
  lang: z.string().optional().describe("ISO 639-1 code of the deck's main language"),
  metadataSource: z
    .object({
      title: MetaSource.optional(),
      author: MetaSource.optional(),
      date: MetaSource.optional(),
    })
    .optional()
    .describe("Where the title, author and date came from: `slide` (the title slide) or `properties` (the document's own: PDF Info, PPTX core properties), each checked before use"),
  slides: z.array(SlideInfo).describe("Extraction method per slide"),
  dropped: z.array(DroppedLine).optional().describe("Lines kept out of the records, with the reason"),
  keyterms: z.array(z.string()).optional().describe("The deck's most characteristic words by TF-IDF over its own slides"),
  repairs: z.number().int().nonnegative().describe("Number of changes made by the normalizers"),
  pipelineVersion: z.string().describe("The slidecorpus version that wrote the deck, with a digest of non-default settings (`+concepts.…`, `+settings.…`)"),
});
export type Deck = z.infer<typeof Deck>;

export const ErrorCode = z.enum([
  "empty", "binary", "unreadable", "unsupported", "not_pdf", "encrypted", "corrupt", "timeout", "worker_crashed", "process_crashed", "internal", "duplicate_source", "limit_exceeded",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorRecord = z.object({
  source: z.string().describe("The source path (as in decks), or the path given on the command line for an input that could not be used"),
  stage: z.enum(["discover", "read", "extract", "normalize", "segment", "tag", "write"]).describe("The stage that failed"),
  code: ErrorCode.describe("What went wrong, for programs"),
  message: z.string().describe("What went wrong, for people: one line"),
  sha256: z.string().optional().describe("SHA-256 of the file, when it could be read: the error stands until the file changes"),
});
export type ErrorRecord = z.infer<typeof ErrorRecord>;

/** Writes the JSON Schema of each corpus file, keyed by file name. */
export function jsonSchemas(): Record<string, unknown> {
  const gen = (s: z.ZodType, title: string) => ({
    $id: `https://slidecorpus.dev/schema/${SCHEMA_VERSION}/${title}.schema.json`,
    title,
    ...z.toJSONSchema(s, { target: "draft-2020-12", io: "output" }),
  });
  return {
    "record.schema.json": gen(CorpusRecord, "record"),
    "deck.schema.json": gen(Deck, "deck"),
    "error.schema.json": gen(ErrorRecord, "error"),
  };
}
