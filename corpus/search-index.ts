// The embedded search index: an SQLite FTS5 database derived from the corpus (records.jsonl and decks.jsonl
// stay the source of truth). Each record is indexed three ways, so a query meets the text across the damage
// we repair and across inflection: `folded` (æ → ae, ø → o, å → a, …: `faelles` meets `fælles`), `stems`
// (Snowball stems of the folded words, and of the parts of Danish compounds: `styringen` meets `styring`,
// `relation` meets `tillidsrelationer`), and `concepts` (the keys of the concepts
// the record was tagged with: `tillid` finds `Tillidsrelationer`).
//
// Decks are keyed by source path (two copies of one file share a deck id but not a source), and one deck's
// rows can be replaced or removed inside a transaction, so an incremental ingest can update the index in place.
import type { DatabaseSync } from "node:sqlite";
import { open, rename, rm } from "node:fs/promises";
import type { CorpusRecord, Deck } from "./schema.ts";
import type { Taxonomy } from "./taxonomy.ts";
import { compoundParts } from "./lexicon.ts";
import { hasFts5, loadSqlite, NO_FTS5 } from "./sqlite.ts";
import { fold, stemFolded, stemLanguageOf, tokenize } from "./text-match.ts";

/** Bumped when the layout or the folding/stemming changes; an index of another version is rebuilt, not read. */
export const INDEX_VERSION = "1";

export type SearchIndex = DatabaseSync;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decks (
  source TEXT PRIMARY KEY, id TEXT NOT NULL, title TEXT, date TEXT, lang TEXT, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decks_id ON decks (id);
CREATE TABLE IF NOT EXISTS records (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, deck_id TEXT NOT NULL,
  slide INTEGER NOT NULL, kind TEXT NOT NULL, lang TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_source ON records (source, slide);
CREATE TABLE IF NOT EXISTS record_concepts (
  record INTEGER NOT NULL, concept TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (record, concept)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_concepts_concept ON record_concepts (concept);
CREATE TABLE IF NOT EXISTS concepts (id TEXT PRIMARY KEY, labels TEXT NOT NULL, broader TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5 (folded, stems, concepts, tokenize = 'unicode61 remove_diacritics 2');
`;

/** Opens (creating if needed, unless read-only) an index. `:memory:` gives an in-memory one. */
export function openIndex(path: string, options: { readOnly?: boolean } = {}): SearchIndex {
  if (!hasFts5()) throw new Error(NO_FTS5);
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(path, { readOnly: options.readOnly === true });
  if (!options.readOnly) db.exec(SCHEMA);
  const version = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined;
  if (!version && !options.readOnly) db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(INDEX_VERSION);
  else if (version?.value !== INDEX_VERSION) {
    db.close();
    throw new Error(`${path}: search index version ${version?.value ?? "(none)"}, this slidecorpus reads version ${INDEX_VERSION}; run ingest again`);
  }
  return db;
}

/**
 * Stores the taxonomy the records were tagged with: its preferred labels in every language make a record
 * findable by any of them (`trust` finds records tagged tillid), and `broader` lets a concept filter take in
 * the narrower concepts. Records indexed before this call keep the labels they were indexed with.
 */
export function setTaxonomy(db: SearchIndex, taxonomy: Taxonomy): void {
  transaction(db, () => {
    db.exec("DELETE FROM concepts");
    const insert = db.prepare("INSERT INTO concepts (id, labels, broader) VALUES (?, ?, ?)");
    for (const c of taxonomy.concepts) insert.run(c.id, JSON.stringify(Object.values(c.prefLabel)), JSON.stringify(c.broader ?? []));
  });
}

/** Labels of the stored taxonomy's concepts, by id. */
function conceptLabels(db: SearchIndex): Map<string, string[]> {
  const rows = db.prepare("SELECT id, labels FROM concepts").all() as { id: string; labels: string }[];
  return new Map(rows.map((r) => [r.id, JSON.parse(r.labels) as string[]]));
}

/** The three indexed forms of a record's text (space-separated tokens). */
export function indexedForms(record: Pick<CorpusRecord, "text" | "lang" | "concepts">, labels: Map<string, string[]> = new Map()): { folded: string; stems: string; concepts: string } {
  const folded = tokenize(record.text).map((t) => fold(t.text));
  const language = stemLanguageOf(record.lang);
  const conceptWords = record.concepts.flatMap((c) => [c.label, c.id, ...(labels.get(c.id) ?? [])].flatMap((l) => tokenize(l)).map((t) => fold(t.text)));
  // Danish compounds also index their parts' stems, so `relation` finds `tillidsrelationer`.
  const parts = language === "da" ? folded.flatMap((f) => compoundParts(f)) : [];
  return {
    folded: folded.join(" "),
    stems: [...folded, ...parts].map((f) => stemFolded(f, language)).join(" "),
    concepts: [...new Set([...conceptWords, ...conceptWords.map((w) => stemFolded(w, "da")), ...conceptWords.map((w) => stemFolded(w, "en"))])].join(" "),
  };
}

/** Replaces one deck (matched by source) and its records, in one transaction. */
export function replaceDeck(db: SearchIndex, deck: Deck, records: Iterable<CorpusRecord>): void {
  transaction(db, () => {
    deleteDeck(db, deck.source);
    db.prepare("INSERT INTO decks (source, id, title, date, lang, json) VALUES (?, ?, ?, ?, ?, ?)")
      .run(deck.source, deck.id, deck.title ?? null, deck.date ?? null, deck.lang ?? null, JSON.stringify(deck));
    const insertRecord = db.prepare("INSERT INTO records (id, source, deck_id, slide, kind, lang, json) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const insertText = db.prepare("INSERT INTO records_fts (rowid, folded, stems, concepts) VALUES (?, ?, ?, ?)");
    const insertConcept = db.prepare("INSERT OR IGNORE INTO record_concepts (record, concept, label) VALUES (?, ?, ?)");
    const labels = conceptLabels(db);
    for (const record of records) {
      const { lastInsertRowid: rowid } = insertRecord.run(record.id, record.source, record.deckId, record.slide, record.kind, record.lang, JSON.stringify(record));
      const forms = indexedForms(record, labels);
      insertText.run(rowid, forms.folded, forms.stems, forms.concepts);
      for (const c of record.concepts) insertConcept.run(rowid, c.id, c.label);
    }
  });
}

/** Removes one deck (by source) and its records, in one transaction. */
export function removeDeck(db: SearchIndex, source: string): void {
  transaction(db, () => deleteDeck(db, source));
}

function deleteDeck(db: SearchIndex, source: string): void {
  const rows = db.prepare("SELECT rowid FROM records WHERE source = ?").all(source) as { rowid: number }[];
  const deleteText = db.prepare("DELETE FROM records_fts WHERE rowid = ?");
  const deleteConcepts = db.prepare("DELETE FROM record_concepts WHERE record = ?");
  for (const { rowid } of rows) {
    deleteText.run(rowid);
    deleteConcepts.run(rowid);
  }
  db.prepare("DELETE FROM records WHERE source = ?").run(source);
  db.prepare("DELETE FROM decks WHERE source = ?").run(source);
}

function transaction(db: SearchIndex, work: () => void): void {
  db.exec("BEGIN IMMEDIATE");
  try {
    work();
    db.exec("COMMIT");
  } catch (err) {
    db.exec("ROLLBACK");
    throw err;
  }
}

/**
 * Fills an open index with the given decks and their records. Records may come in any order and as a stream;
 * only one deck's records are held at a time when the stream is grouped by deck (as ingest writes them).
 */
export async function fillIndex(db: SearchIndex, decks: Iterable<Deck>, records: Iterable<CorpusRecord> | AsyncIterable<CorpusRecord>): Promise<void> {
  const bySource = new Map<string, Deck>();
  for (const deck of decks) bySource.set(deck.source, deck);
  let current: string | undefined;
  let batch: CorpusRecord[] = [];
  const seen = new Set<string>();
  const flush = () => {
    if (current === undefined) return;
    const deck = bySource.get(current);
    if (deck) {
      if (seen.has(current)) appendRecords(db, batch);
      else replaceDeck(db, deck, batch);
      seen.add(current);
    }
    batch = [];
  };
  for await (const record of records) {
    if (record.source !== current) {
      flush();
      current = record.source;
    }
    batch.push(record);
  }
  flush();
  for (const [source, deck] of bySource) if (!seen.has(source)) replaceDeck(db, deck, []);
  db.exec("INSERT INTO records_fts (records_fts) VALUES ('optimize')");
}

/** Records of a deck that is already in the index (an ungrouped stream). */
function appendRecords(db: SearchIndex, records: CorpusRecord[]): void {
  const source = records[0]?.source;
  if (source === undefined) return;
  const deck = db.prepare("SELECT json FROM decks WHERE source = ?").get(source) as { json: string };
  const existing = (db.prepare("SELECT json FROM records WHERE source = ?").all(source) as { json: string }[]).map((r) => JSON.parse(r.json) as CorpusRecord);
  replaceDeck(db, JSON.parse(deck.json) as Deck, [...existing, ...records]);
}

/**
 * Builds the index file from scratch next to `path` and renames it over `path`, so a reader sees either the
 * old index or the complete new one. Returns false, writing nothing, when this Node's SQLite lacks FTS5
 * (the corpus is complete without its index; search then says what to do).
 */
export async function writeIndex(
  path: string, decks: Iterable<Deck>, records: Iterable<CorpusRecord> | AsyncIterable<CorpusRecord>, taxonomy?: Taxonomy,
): Promise<boolean> {
  if (!hasFts5()) {
    await rm(path, { force: true }); // an index from an earlier run would no longer match the records
    return false;
  }
  const tmp = `${path}.tmp-${process.pid}`;
  await rm(tmp, { force: true });
  try {
    const db = openIndex(tmp);
    // A temporary file, synced once at the end: no journal, no sync per deck (10x faster on 17k records).
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    try {
      if (taxonomy) setTaxonomy(db, taxonomy);
      await fillIndex(db, decks, records);
    } finally {
      db.close();
    }
    const fh = await open(tmp, "r+");
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    return true;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
