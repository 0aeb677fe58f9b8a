// The model is the contract: the shapes passed between rooms and written by the store are zod schemas, and what
// the stages really produce on the fixtures parses with them, unchanged.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { segmentDeck } from "../corpus/segment/index.ts";
import { textExtractor } from "../extractors/text/index.ts";
import { ExtractedDocument, Line } from "../model/document.ts";
import { CorpusRecord, Deck, DroppedLine } from "../model/schema.ts";
import { DeckMeta, Segment, SegmentedDeck } from "../model/segment.ts";
import { JournalLine, LockOwner, ManifestEntry, Part, PartHeader } from "../model/store.ts";
import { processDocument } from "../pipeline/process.ts";
import { seed000, seed003 } from "./helpers.ts";

describe("the document and segmentation shapes", () => {
  it("the text extractor's output and the segmentation of both seeds parse, unchanged, with the model", async () => {
    for (const seed of [seed000, seed003]) {
      const doc = await textExtractor.extract(readFileSync(seed), seed, {});
      expect(ExtractedDocument.parse(doc)).toEqual(doc);
      const segmented = segmentDeck(doc.pages.map((p) => ({ page: p.page, lines: p.lines })));
      expect(segmented.segments.length).toBeGreaterThan(20);
      expect(SegmentedDeck.parse(segmented)).toEqual(segmented);
      expect(segmented.meta.title).toBeTruthy();
    }
  });

  it("a Line keeps the role and level a format gives, and rejects a role it does not know", () => {
    expect(Line.parse({ text: "Agenda", role: "title" })).toEqual({ text: "Agenda", role: "title" });
    expect(Line.safeParse({ text: "x", role: "speaker" }).success).toBe(false);
    expect(Line.safeParse({ text: "x", level: -1 }).success).toBe(false);
  });

  it("derives from the record and deck contract rather than restating it", () => {
    // a segment is a record's slide, kind, text and kind fields, with `lines` required
    expect(Object.keys(Segment.shape).sort()).toEqual(["agendaIndex", "attribution", "box", "kind", "level", "lines", "ordinal", "section", "slide", "table", "text"]);
    expect(Segment.shape.kind).toBe(CorpusRecord.shape.kind);
    expect(Segment.safeParse({ slide: 1, kind: "title", text: "T" }).success).toBe(false);
    expect(Segment.safeParse({ slide: 1, kind: "title", text: "T", lines: [0, 0] }).success).toBe(true);
    expect(Object.keys(DeckMeta.shape).sort()).toEqual(["author", "date", "event", "organisation", "role", "subtitle", "title"]);
    expect(DeckMeta.shape.title).toBe(Deck.shape.title);
    expect(Deck.shape.dropped.unwrap().element).toBe(DroppedLine);
  });
});

describe("the store's shapes", () => {
  it("a committed part of a real deck parses as a Part, and its manifest entry as a ManifestEntry", async () => {
    const result = await processDocument(readFileSync(seed000), "seed.txt");
    if (!result.ok) throw new Error(result.error.message);
    const header = { source: "seed.txt", sha256: result.deck.sha256, pipelineVersion: result.deck.pipelineVersion };
    const part = { ...header, ok: true, deck: result.deck, records: result.records };
    expect(Part.parse(part)).toEqual(part);
    expect(Part.safeParse({ ...part, ok: false }).success).toBe(false);
    expect(PartHeader.safeParse({ ...header, sha256: "not a hash", ok: true }).success).toBe(false);
    const entry = { ...header, ok: true, part: "p.jsonl", records: result.records.length, slides: result.deck.slideCount, ocrPages: 0, size: 10, mtimeMs: 1.5 };
    expect(ManifestEntry.parse(entry)).toEqual(entry);
    expect(JournalLine.parse({ op: "put", ...entry })).toEqual({ op: "put", ...entry });
    expect(JournalLine.safeParse({ op: "del" }).success).toBe(false);
    expect(JournalLine.safeParse({ op: "header", format: "slidecorpus-manifest", version: 2 }).success).toBe(false);
  });

  it("a lock owner needs a positive pid, a host and a start time", () => {
    expect(LockOwner.safeParse({ pid: 12, hostname: "h", startedAt: "2026-01-01T00:00:00.000Z" }).success).toBe(true);
    expect(LockOwner.safeParse({ pid: "12", hostname: "h", startedAt: "x" }).success).toBe(false);
    expect(LockOwner.safeParse({ pid: 12 }).success).toBe(false);
  });
});
