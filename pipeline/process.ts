// One document through the stages: extract → normalize → segment → tag, as data in, data out.
// Reading the file and writing the corpus are the caller's (the edges).
import type { DocumentFailure, DocumentResult } from "../model/store.ts";
import type { Change, CorpusRecord, Deck, ErrorRecord } from "../model/schema.ts";
import { deckIdOf, recordIdOf, sha256 } from "../model/ids.ts";
import { keytermsOf } from "../corpus/enrich/keyterms.ts";
import { segmentDeck, type Segment, type SegmentOptions } from "../corpus/segment/index.ts";
import { combineDeckMeta } from "../corpus/segment/metadata.ts";
import { verbatimCode } from "../corpus/segment/code.ts";
import type { DeckMeta } from "../model/segment.ts";
import type { DocumentProperties, StatedProperties } from "../model/document.ts";
import type { Tagger } from "../corpus/enrich/tag.ts";
import { extractorFor } from "../extractors/registry.ts";
import { DocumentError, type ExtractOptions } from "../extractors/types.ts";
import type { ExtractedDocument, Page } from "../model/document.ts";
import { detectDanishDamage, joinLines, normalizeExtractedDeck, type NormalizedText, type NormalizeOptions } from "../normalizers/index.ts";
import { detectRecordLanguage } from "../language/detect.ts";

import { PIPELINE_VERSION } from "./version.ts";

export interface ProcessOptions {
  extract?: ExtractOptions;
  normalize?: NormalizeOptions;
  segment?: SegmentOptions;
  tagger?: Tagger;
}

type Stage = ErrorRecord["stage"];

export async function processDocument(bytes: Uint8Array, source: string, options: ProcessOptions = {}): Promise<DocumentResult | DocumentFailure> {
  const sha = sha256(bytes);
  let stage: Stage = "extract";
  try {
    const extractor = extractorFor(source);
    if (!extractor) throw new DocumentError("unsupported", `no extractor for this file type`);
    const extracted = boundLines(await extractor.extract(bytes, source, { danishDamage: detectDanishDamage, ...options.extract }));
    const chars = extracted.pages.reduce((n, p) => p.lines.reduce((m, l) => m + l.text.length + 1, n), 0);
    if (chars > MAX_DOCUMENT_TEXT) {
      throw new DocumentError("limit_exceeded", `the document holds ${(chars / 1024 ** 2).toFixed(0)} MB of text, over the limit of ${MAX_DOCUMENT_TEXT / 1024 ** 2} MB (no slide deck holds that much)`);
    }
    if (extracted.pages.every((p) => p.lines.every((l) => !l.text.trim()))) {
      throw new DocumentError("empty", "no text was found in the document");
    }
    stage = "normalize";
    const { normalized, lang: deckLang } = normalizeExtractedDeck(extracted.pages, options.normalize);
    stage = "segment";
    const segmented = segmentDeck(
      extracted.pages.map((p, i) => ({
        page: p.page,
        ...(p.bornDigital ? { bornDigital: true } : {}),
        lines: normalized[i]!.text.split("\n").map((text, j) => ({ ...p.lines[j], text })),
      })),
      options.segment,
    );
    stage = "tag";
    const deckId = deckIdOf(sha);
    const tagger = options.tagger ?? (() => []);
    const occurrences = new Map<string, number>();
    // the normalizers' changes that fall in code records, which keep their text as extracted
    let codeChanges = 0;
    const pageIndex = new Map<number, number>();
    extracted.pages.forEach((p, i) => pageIndex.set(p.page, pageIndex.get(p.page) ?? i));
    const records = segmented.segments.map((seg): CorpusRecord => {
      const i = pageIndex.get(seg.slide)!;
      const page = extracted.pages[i]!;
      const same = `${seg.kind}\u0000${seg.text}`;
      const occurrence = occurrences.get(same) ?? 0;
      occurrences.set(same, occurrence + 1);
      // code is kept as extracted (never repaired) and is in no natural language, so never tagged
      if (seg.kind === "code") {
        // code the source format marks (a Markdown fence) went through normalization untouched, blank lines and
        // all; code found by its look on a PDF slide is rebuilt from the extracted lines and their positions
        const text = page.lines[seg.lines[0]]?.role === "code" ? seg.text : verbatimCode(page.lines, seg.lines);
        const original = page.lines.slice(seg.lines[0], seg.lines[1] + 1).map((l) => l.text).join("\n");
        codeChanges += provenanceChanges(page, normalized[i]!, seg.lines).length;
        return {
          id: recordIdOf(source, seg.kind, text, occurrence),
          deckId,
          source,
          slide: seg.slide,
          kind: seg.kind,
          text,
          ...(text !== original ? { original } : {}),
          changes: [],
          lang: "und",
          concepts: [],
          lines: seg.lines,
          method: page.method,
        };
      }
      // franc tells the Scandinavian languages apart poorly on a sentence or two: in a Danish deck, a record it
      // reads as Norwegian or Swedish is Danish (`Faglige kompetencer skal respekteres og bruges` read as `no`)
      const recordLang = detectRecordLanguage(seg.text, deckLang);
      return {
        id: recordIdOf(source, seg.kind, seg.text, occurrence),
        deckId,
        source,
        slide: seg.slide,
        kind: seg.kind,
        text: seg.text,
        ...provenance(page, normalized[i]!, seg),
        lang: recordLang,
        // page furniture (a running footer, a logo line) would tag every slide with its words: it says nothing of the slide
        concepts: seg.kind === "footer" ? [] : tagger(seg.text, recordLang),
        lines: seg.lines,
        method: page.method,
        ...kindFields(seg),
      };
    });
    const deck: Deck = {
      id: deckId,
      source,
      sha256: sha,
      bytes: bytes.length,
      format: extracted.format,
      ...(extracted.encoding ? { encoding: extracted.encoding } : {}),
      slideCount: extracted.pages.length,
      ...deckMeta(segmented.meta, extracted.info, extracted.stated, source),
      lang: deckLang,
      slides: extracted.pages.map((p) => ({
        slide: p.page,
        method: p.method,
        ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.hidden ? { hidden: true } : {}),
      })),
      ...(segmented.dropped.length ? { dropped: segmented.dropped } : {}),
      ...keytermsField(records.filter((r) => r.kind !== "footer")),
      // the normalizers' changes, less those in code (kept as extracted)
      repairs: normalized.reduce((n, p) => n + p.changes.length, 0) - codeChanges,
      pipelineVersion: PIPELINE_VERSION,
    };
    return { ok: true, deck, records, ...(extracted.thumbnails ? { thumbnails: extracted.thumbnails } : {}) };
  } catch (err) {
    return { ok: false, error: toErrorRecord(err, source, stage, sha) };
  }
}

/** Most text (characters) one document may hold: the stages after extraction need about 80 bytes a character. */
export const MAX_DOCUMENT_TEXT = 16 * 1024 ** 2;

/** Longest line the stages after extraction are given (a line of text on a slide is far shorter). */
export const MAX_LINE_LENGTH = 10_000;

/**
 * The document with every line longer than `MAX_LINE_LENGTH` cut into lines of at most that length, at a space
 * where there is one: a line of megabytes (a file without line breaks, a PDF page of one text run) costs the
 * stages after it time and stack out of proportion to its text. A cut line keeps its layout but not its cells.
 */
export function boundLines(doc: ExtractedDocument, max = MAX_LINE_LENGTH): ExtractedDocument {
  if (doc.pages.every((p) => p.lines.every((l) => l.text.length <= max))) return doc;
  return {
    ...doc,
    pages: doc.pages.map((p) => {
      if (p.lines.every((l) => l.text.length <= max)) return p;
      const lines = p.lines.flatMap((line) => {
        if (line.text.length <= max) return [line];
        const { cells: _cells, ...layout } = line;
        return cutLine(line.text, max).map((text) => ({ ...layout, text }));
      });
      return { ...p, lines };
    }),
  };
}

/** `text` in pieces of at most `max` characters, each ending at the last space within it if there is one. */
function cutLine(text: string, max: number): string[] {
  const pieces: string[] = [];
  let at = 0;
  while (text.length - at > max) {
    let end = text.lastIndexOf(" ", at + max);
    if (end <= at + max / 2) end = at + max;
    // never between the halves of a surrogate pair
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
    pieces.push(text.slice(at, end));
    at = text[end] === " " ? end + 1 : end;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** The record's `original` and `changes`: the extracted lines it came from, and the changes made to them. */
function provenance(page: Page, normalized: NormalizedText, seg: Segment): { original?: string; changes: Change[] } {
  const [first, last] = seg.lines;
  const original = page.lines.slice(first, last + 1).map((l) => l.text).join("\n");
  const changes = provenanceChanges(page, normalized, seg.lines);
  // also when segmentation changed more than the line breaks (a marker, quotation marks or decorations taken off)
  const rewritten = seg.text !== (seg.kind === "code" ? original : joinLines(original.split("\n")));
  return changes.length || rewritten ? { original, changes } : { changes };
}

/** The normalizers' changes to the page's lines `first..last`, offsets into those lines joined by newlines. */
function provenanceChanges(page: Page, normalized: NormalizedText, [first, last]: readonly [number, number]): Change[] {
  let start = 0;
  for (let k = 0; k < first; k++) start += page.lines[k]!.text.length + 1;
  const end = start + page.lines.slice(first, last + 1).map((l) => l.text).join("\n").length;
  return normalized.changes.filter((c) => c.offset >= start && c.offset < end).map((c) => ({ ...c, offset: c.offset - start }));
}

function kindFields(seg: Segment): Partial<CorpusRecord> {
  return definedOnly({
    agendaIndex: seg.agendaIndex,
    section: seg.section,
    attribution: seg.attribution,
    table: seg.table,
    level: seg.level,
    ordinal: seg.ordinal,
    box: seg.box,
  });
}

/** The deck's TF-IDF key terms, when it has any. */
function keytermsField(records: CorpusRecord[]): { keyterms?: string[] } {
  const keyterms = keytermsOf(records);
  return keyterms.length ? { keyterms } : {};
}

/** The deck's metadata from its title slide and its document properties, with where each value came from. */
function deckMeta(slide: DeckMeta, properties: DocumentProperties | undefined, stated: StatedProperties | undefined, source: string): Partial<Deck> {
  const fileStem = source.split("/").pop()!.replace(/\.[^.]+$/u, "");
  const { meta, sources } = combineDeckMeta(slide, properties, { fileStem });
  // what a presentation file states in its property fields, its extractor already checked: trusted over the slide
  for (const field of ["title", "author", "date"] as const) if (stated?.[field]) sources[field] = "properties";
  return { ...definedOnly({ ...meta, ...stated }), ...(Object.keys(sources).length ? { metadataSource: sources } : {}) };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

export function toErrorRecord(err: unknown, source: string, stage: Stage, sha?: string): ErrorRecord {
  const code = err instanceof DocumentError ? err.code : "internal";
  const message = err instanceof Error ? err.message : String(err);
  return { source, stage, code, message, ...(sha ? { sha256: sha } : {}) };
}

export type { ExtractedDocument };
