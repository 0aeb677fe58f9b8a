// A user's program, compiled by test/types.test.ts against the published declaration files (dist/*.d.ts,
// resolved through package.json "exports" like any installed package). Each `@ts-expect-error` is a use the
// types must refuse: the compile fails if one is accepted.
import {
  CorpusRecord, Deck, DeckMeta, DroppedLine, ExtractedDocument, Line, LockOwner, ManifestEntry, Part, Segment, SegmentedDeck,
  ingest, segmentDeck,
} from "slidecorpus";

// Each model shape is a schema (a value) and, under the same name, its type.
const dropped: DroppedLine = DroppedLine.parse({ slide: 1, text: "Side 1", reason: "slide number" });
const slide: number = dropped.slide;
const record: CorpusRecord | undefined = CorpusRecord.safeParse({}).data;
const line: Line = Line.parse({ text: "Agenda", role: "title", level: 0 });
const owner: LockOwner = LockOwner.parse({ pid: 1, hostname: "h", startedAt: "2026-01-01T00:00:00.000Z" });
const entry: ManifestEntry["part"] = ManifestEntry.shape.part.parse("x.jsonl");
const meta: DeckMeta = DeckMeta.parse({ title: "T" });
const title: string | undefined = meta.title;
const deckTitle: Deck["title"] = title;

// What the library functions take and give is the model's shape.
const segmented: SegmentedDeck = segmentDeck([{ page: 1, lines: [line] }]);
const first: Segment | undefined = segmented.segments[0];
const span: [number, number] | undefined = first?.lines;
const documentFormat: ExtractedDocument["format"] = "pdf";
const part = Part.parse({});
if (part.ok) {
  const records: CorpusRecord[] = part.records;
  void records;
}
void ingest;

// @ts-expect-error a dropped line has no kind
void dropped.kind;
// @ts-expect-error a slide number is a number
const wrong: DroppedLine = { slide: "1", text: "x", reason: "r" };
// @ts-expect-error `role` is one of the roles the model knows
const badLine: Line = { text: "x", role: "speaker" };
// @ts-expect-error a segment's lines are always known
const noLines: Segment = { slide: 1, kind: "title", text: "T" };
// @ts-expect-error a failed part has no records
void (part.ok === false && part.records);
// @ts-expect-error not a format
const badFormat: ExtractedDocument["format"] = "docx";

export { slide, record, owner, entry, deckTitle, span, documentFormat, wrong, badLine, noLines, badFormat };
