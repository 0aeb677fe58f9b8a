// Exports of a corpus for other tools, streamed from records.jsonl (one record in memory at a time):
// OpenSearch/Elasticsearch bulk NDJSON with an index mapping that uses their built-in `danish` analyzer,
// and CSV for spreadsheets.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CorpusRecord, Deck } from "../../model/schema.ts";
import { jsonLine, readJsonl } from "../store/jsonl.ts";

export type ExportFormat = "opensearch" | "csv";

export interface ExportOptions {
  /** opensearch: the index the bulk actions target (default `slidecorpus`). */
  index?: string;
  /** csv: start with a UTF-8 byte order mark so Excel reads æ/ø/å right (default true). */
  bom?: boolean;
  /**
   * csv: prefix cells that start with `=`, `+`, `-`, `@`, tab or CR with `'`, so a spreadsheet shows them as text
   * instead of running them as formulas (slide bullets often start with `-`; untrusted decks could carry `=HYPERLINK(…)`).
   * Default true.
   */
  formulaGuard?: boolean;
}

/** A corpus folder that cannot be exported. */
export class ExportError extends Error {
  readonly code = "no_corpus";
}

/** The export as chunks of text (one per record), in records.jsonl order. */
export async function* exportCorpus(corpus: string, format: ExportFormat, options: ExportOptions = {}): AsyncGenerator<string> {
  const decks = await readDecks(corpus);
  const records = readJsonl<CorpusRecord>(join(corpus, "records.jsonl"));
  if (format === "opensearch") {
    const index = options.index ?? "slidecorpus";
    for await (const record of records) yield openSearchAction(record, decks.get(record.source), index);
    return;
  }
  const guard = options.formulaGuard !== false;
  yield (options.bom === false ? "" : "\uFEFF") + csvRow(CSV_COLUMNS, false);
  for await (const record of records) yield csvRow(csvFields(record, decks.get(record.source)), guard);
}

/** The document indexed for one record: the record's fields flattened, with its deck's title and date. */
export function openSearchDocument(record: CorpusRecord, deck: Deck | undefined): Record<string, unknown> {
  return {
    id: record.id,
    deckId: record.deckId,
    source: record.source,
    deckTitle: deck?.title,
    deckDate: deck?.date,
    slide: record.slide,
    kind: record.kind,
    lang: record.lang,
    text: record.text,
    concepts: record.concepts.map((c) => c.id),
    conceptLabels: record.concepts.map((c) => c.label),
    section: record.section?.title,
    agendaIndex: record.agendaIndex,
    level: record.level,
    speaker: record.attribution?.speaker,
    method: record.method,
    repaired: record.changes.length > 0,
  };
}

/** A bulk API action line and document line (each ends with a newline, as the bulk API requires). */
export function openSearchAction(record: CorpusRecord, deck: Deck | undefined, index: string): string {
  return jsonLine({ index: { _index: index, _id: record.id } }) + "\n" + jsonLine(openSearchDocument(record, deck)) + "\n";
}

/**
 * Index settings and mappings for the documents above (`PUT /slidecorpus` with this body): `text` is analysed
 * with the built-in `danish` analyzer (stop words, Snowball stemming), `text.english` with `english`, and
 * `text.folded` folds æ/ø/å spellings as our own index does, so `faelles` finds `fælles` there too.
 */
export function openSearchMapping(): Record<string, unknown> {
  return {
    settings: {
      analysis: {
        char_filter: {
          danish_spellings: { type: "mapping", mappings: ["æ => ae", "Æ => ae", "ø => o", "Ø => o", "å => a", "Å => a", "aa => a", "Aa => a", "oe => o", "Oe => o"] },
        },
        analyzer: {
          danish_folded: { type: "custom", tokenizer: "standard", char_filter: ["danish_spellings"], filter: ["lowercase", "asciifolding"] },
        },
      },
    },
    mappings: {
      properties: {
        id: { type: "keyword" },
        deckId: { type: "keyword" },
        source: { type: "keyword" },
        deckTitle: { type: "text", analyzer: "danish", fields: { keyword: { type: "keyword", ignore_above: 512 } } },
        deckDate: { type: "date", format: "strict_date_optional_time||yyyy-MM||yyyy" },
        slide: { type: "integer" },
        kind: { type: "keyword" },
        lang: { type: "keyword" },
        text: {
          type: "text",
          analyzer: "danish",
          fields: { english: { type: "text", analyzer: "english" }, folded: { type: "text", analyzer: "danish_folded" } },
        },
        concepts: { type: "keyword" },
        conceptLabels: { type: "keyword" },
        section: { type: "text", analyzer: "danish" },
        agendaIndex: { type: "integer" },
        level: { type: "integer" },
        speaker: { type: "keyword" },
        method: { type: "keyword" },
        repaired: { type: "boolean" },
      },
    },
  };
}

/** New columns go at the end, so that spreadsheets and scripts reading columns by position keep working. */
export const CSV_COLUMNS = [
  "id", "deck_id", "source", "deck_title", "deck_date", "slide", "kind", "lang", "text", "concepts", "concept_labels", "section", "level",
  "speaker", "attribution", "deck_author", "method",
];

function csvFields(record: CorpusRecord, deck: Deck | undefined): string[] {
  return [
    record.id, record.deckId, record.source, deck?.title ?? "", deck?.date ?? "", String(record.slide), record.kind, record.lang, record.text,
    record.concepts.map((c) => c.id).join("; "), record.concepts.map((c) => c.label).join("; "), record.section?.title ?? "", record.level?.toString() ?? "",
    record.attribution?.speaker ?? "", record.attribution?.text ?? "", deck?.author ?? "", record.method ?? "",
  ];
}

/** One RFC 4180 row: fields with a comma, quote, CR or LF are quoted, quotes doubled, CRLF at the end. */
export function csvRow(fields: string[], formulaGuard = true): string {
  return fields.map((f) => csvField(formulaGuard && /^[=+\-@\t\r]/.test(f) ? `'${f}` : f)).join(",") + "\r\n";
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function readDecks(corpus: string): Promise<Map<string, Deck>> {
  for (const f of ["records.jsonl", "decks.jsonl"]) {
    if (!existsSync(join(corpus, f))) throw new ExportError(`${corpus} holds no corpus (no ${f}); run slidecorpus ingest first`);
  }
  const decks = new Map<string, Deck>();
  for await (const deck of readJsonl<Deck>(join(corpus, "decks.jsonl"))) decks.set(deck.source, deck);
  return decks;
}

