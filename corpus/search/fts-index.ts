// The embedded search index: an SQLite FTS5 database derived from the corpus (records.jsonl and decks.jsonl
// stay the source of truth). Each record is indexed three ways, so a query meets the text across the damage
// we repair and across inflection: `folded` (æ → ae, ø → o, å → a, …: `faelles` meets `fælles`), `stems`
// (Snowball stems of the folded words, and of the parts of Danish compounds: `styringen` meets `styring`,
// `relation` meets `tillidsrelationer`), and `concepts` (the keys of the concepts
// the record was tagged with: `tillid` finds `Tillidsrelationer`).
//
// Decks are keyed by source path (two copies of one file share a deck id but not a source), and one deck's
// rows can be replaced or removed inside a transaction, so an incremental ingest can update the index in place:
// each deck row keeps the content hash and pipeline version it was indexed from, and `syncIndex` compares them
// with what the corpus holds and replaces or removes only the decks that differ, all in one transaction.
import type { DatabaseSync } from "node:sqlite";
import { rm } from "node:fs/promises";
import { replaceFile } from "../store/atomic.ts";
import { INDEX_VERSION, indexState, taxonomyKey, type DeckIdentity, type IndexState } from "./index-state.ts";
import type { CorpusRecord, Deck } from "../../model/schema.ts";
import type { Taxonomy } from "../enrich/taxonomy.ts";
import { foldedCompoundParts } from "../../language/danish/base-words.ts";
import { hasFts5, loadSqlite, NO_FTS5 } from "./sqlite.ts";
import { foldSpellings } from "../../language/fold.ts";
import { stemFolded, stemLanguageOf } from "../../language/match.ts";
import { tokenize } from "../../language/tokenize.ts";
import { bestOf, matchRows, parseQuery } from "./query.ts";

export { INDEX_VERSION, taxonomyKey, type DeckIdentity } from "./index-state.ts";

export type SearchIndex = DatabaseSync;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decks (
  source TEXT PRIMARY KEY, id TEXT NOT NULL, title TEXT, date TEXT, lang TEXT, json TEXT NOT NULL,
  sha256 TEXT NOT NULL, pipeline_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decks_id ON decks (id);
CREATE TABLE IF NOT EXISTS records (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, deck_id TEXT NOT NULL,
  slide INTEGER NOT NULL, kind TEXT NOT NULL, lang TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_source ON records (source, slide, kind);
CREATE TABLE IF NOT EXISTS record_concepts (
  record INTEGER NOT NULL, concept TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (record, concept)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_concepts_concept ON record_concepts (concept);
CREATE TABLE IF NOT EXISTS concepts (id TEXT PRIMARY KEY, labels TEXT NOT NULL, broader TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5 (folded, stems, concepts, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS top_ranked (match TEXT NOT NULL, kind TEXT NOT NULL, ranked TEXT NOT NULL, PRIMARY KEY (match, kind));
`;

/** Opens (creating if needed, unless read-only) an index. `:memory:` gives an in-memory one. */
export function openIndex(path: string, options: { readOnly?: boolean } = {}): SearchIndex {
  if (!hasFts5()) throw new Error(NO_FTS5);
  const { DatabaseSync } = loadSqlite();
  // A reader waits (up to 5 s) for an ingest that is committing its changes, rather than failing at once.
  const db = new DatabaseSync(path, { readOnly: options.readOnly === true, timeout: 5000 });
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
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('taxonomy', ?)").run(taxonomyKey(taxonomy));
  });
}


/** Labels of the stored taxonomy's concepts, by id: read once per run of writes (setTaxonomy changes them). */
function conceptLabels(db: SearchIndex): Map<string, string[]> {
  const rows = db.prepare("SELECT id, labels FROM concepts").all() as { id: string; labels: string }[];
  return new Map(rows.map((r) => [r.id, JSON.parse(r.labels) as string[]]));
}

/** The three indexed forms of a record's text, with a quote's attribution (space-separated tokens). */
export function indexedForms(record: Pick<CorpusRecord, "text" | "lang" | "concepts" | "attribution">, labels: Map<string, string[]> = new Map()): { folded: string; stems: string; concepts: string } {
  // a quote is found by who said it too (`Højberg` finds the quote attributed to `Stadsdirektør Niels Højberg`)
  const text = record.attribution ? `${record.text}\n${record.attribution.text}` : record.text;
  const folded = tokenize(text).map((t) => foldSpellings(t.text));
  const language = stemLanguageOf(record.lang);
  const conceptWords = record.concepts.flatMap((c) => [c.label, c.id, ...(labels.get(c.id) ?? [])].flatMap((l) => tokenize(l)).map((t) => foldSpellings(t.text)));
  // Danish compounds also index their parts' stems, so `relation` finds `tillidsrelationer`.
  const parts = language === "da" ? folded.flatMap((f) => foldedCompoundParts(f)) : [];
  return {
    folded: folded.join(" "),
    stems: [...folded, ...parts].map((f) => stemFolded(f, language)).join(" "),
    concepts: [...new Set([...conceptWords, ...conceptWords.map((w) => stemFolded(w, "da")), ...conceptWords.map((w) => stemFolded(w, "en"))])].join(" "),
  };
}

/**
 * Replaces one deck (matched by source) and its records, in one transaction. `identity` is what the deck's
 * results were made from (default: the deck's own sha256 and pipelineVersion).
 */
export function replaceDeck(db: SearchIndex, deck: Deck, records: Iterable<CorpusRecord>, identity?: DeckIdentity): void {
  transaction(db, () => {
    writeDeck(db, conceptLabels(db), deck, records, identity);
    rankFrequentTerms(db);
  });
}

/** Writes one deck's rows; `labels` are the stored taxonomy's (conceptLabels), read once by the caller for all its decks. */
function writeDeck(db: SearchIndex, labels: Map<string, string[]>, deck: Deck, records: Iterable<CorpusRecord>, identity?: DeckIdentity): void {
  deleteDeck(db, deck.source);
  db.prepare("INSERT INTO decks (source, id, title, date, lang, json, sha256, pipeline_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .run(deck.source, deck.id, deck.title ?? null, deck.date ?? null, deck.lang ?? null, JSON.stringify(deck),
      identity?.sha256 ?? deck.sha256, identity?.pipelineVersion ?? deck.pipelineVersion);
  const insertRecord = db.prepare("INSERT INTO records (id, source, deck_id, slide, kind, lang, json) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertText = db.prepare("INSERT INTO records_fts (rowid, folded, stems, concepts) VALUES (?, ?, ?, ?)");
  const insertConcept = db.prepare("INSERT OR IGNORE INTO record_concepts (record, concept, label) VALUES (?, ?, ?)");
  for (const record of records) {
    const { lastInsertRowid: rowid } = insertRecord.run(record.id, record.source, record.deckId, record.slide, record.kind, record.lang, JSON.stringify(record));
    const forms = record.kind === "footer" ? { folded: "", stems: "", concepts: "" } : indexedForms(record, labels); // page furniture: stored, never matched
    insertText.run(rowid, forms.folded, forms.stems, forms.concepts);
    for (const c of record.concepts) insertConcept.run(rowid, c.id, c.label);
  }
}

/**
 * Records a term must be in (in any of the three columns) for its query's best hits to be ranked at write time
 * (`top_ranked`): ranking a frequent word's 100,000 matches with bm25 takes a search 0.1-0.4 s, most of it scoring.
 * An index may set its own (meta `top_ranked_min`).
 */
export const TOP_RANKED_MIN = 10_000;
/** How many of a frequent word's best hits are stored: the first 10 pages of 20 (the API's 2 pages of 100). */
export const TOP_RANKED = 200;

/**
 * Stores, for each single-word query whose word is a word or concept label of more than `top_ranked_min` records, its best
 * `TOP_RANKED` hits with their bm25 scores in rank order (score, then source, slide, rowid: as `searchIndex` ranks),
 * of every kind (kind '') and of each kind it matches (a kind filter narrows a frequent word to a few thousand
 * records, too many to rank per search), replacing all stored ones. bm25 depends on the whole corpus (record count,
 * mean length, each term's record count), so every write of records must call this in the same transaction: the
 * stored rankings are then always the ones a full ranking gives on the index as it is (facets.ts takes a frequent
 * word's first pages from them). Each word's matches are scored once (most of the cost) and ranked here, against
 * the records' places read once from the (source, slide, kind) index.
 */
export function rankFrequentTerms(db: SearchIndex): void {
  const setting = db.prepare("SELECT value FROM meta WHERE key = 'top_ranked_min'").get() as { value: string } | undefined;
  const min = setting ? Number(setting.value) : TOP_RANKED_MIN;
  db.exec("DELETE FROM top_ranked");
  // the words a query may give: the records' folded words and concept labels (a stem alone is no word, `styr`)
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.records_fts_words USING fts5vocab(main, records_fts, col)");
  const terms = db.prepare("SELECT DISTINCT term FROM temp.records_fts_words WHERE col IN ('folded', 'concepts') AND doc > ?").all(min) as { term: string }[];
  if (!terms.length) return;
  const places = recordPlaces(db);
  const score = new Float64Array(places.kind.length);
  // rank order: lower score first, then place (source, slide, rowid)
  const worse = (a: number, b: number) => score[a]! - score[b]! || a - b;
  const store = db.prepare("INSERT OR IGNORE INTO top_ranked (match, kind, ranked) VALUES (?, ?, ?)");
  const done = new Set<string>();
  for (const { term } of terms) {
    let match: string | undefined;
    try {
      match = parseQuery(term).match;
    } catch {
      continue; // a term that is no query word (only punctuation once tokenized)
    }
    if (match === undefined || done.has(match)) continue;
    done.add(match);
    // the matches by place, and by kind
    const { ids, scores } = matchRows(db, match, true);
    const hits = new Int32Array(ids.length);
    const perKind = new Int32Array(places.kinds.length);
    let n = 0;
    for (let k = 0; k < ids.length; k++) {
      const i = places.byRowid[ids[k]!] ?? -1;
      if (i < 0) continue; // a record without its deck: no search finds it
      hits[n++] = i;
      score[i] = scores![k]!;
      perKind[places.kind[i]!]!++;
    }
    const ofKind = Array.from(perKind, (count) => ({ hits: new Int32Array(count), n: 0 }));
    for (const i of hits.subarray(0, n)) {
      const k = ofKind[places.kind[i]!]!;
      k.hits[k.n++] = i;
    }
    const ranked = (list: Int32Array) => JSON.stringify(bestOf(list, worse, TOP_RANKED).map((i) => [places.rowid[i], score[i]]));
    store.run(match, "", ranked(hits.subarray(0, n)));
    ofKind.forEach((k, code) => k.n && store.run(match, places.kinds[code]!, ranked(k.hits)));
  }
}

/**
 * Every searchable record (one whose deck is indexed) in rank order without words (source, slide, rowid): its
 * rowid and kind by place, and its place by rowid (-1: none). Read from the (source, slide, kind) index alone.
 */
function recordPlaces(db: SearchIndex): { rowid: Int32Array; kind: Uint8Array; kinds: string[]; byRowid: Int32Array } {
  const statement = db.prepare(`SELECT rowid, kind FROM records INDEXED BY records_source
    WHERE source IN (SELECT source FROM decks) ORDER BY source, slide, rowid`);
  statement.setReturnArrays?.(true);
  const rows = statement.all() as unknown[];
  const rowid = new Int32Array(rows.length);
  const kind = new Uint8Array(rows.length);
  const kinds: string[] = [];
  let max = 0;
  rows.forEach((row, i) => {
    const [id, k] = Array.isArray(row) ? (row as [number, string]) : [(row as { rowid: number }).rowid, (row as { kind: string }).kind];
    let code = kinds.indexOf(k);
    if (code < 0) code = kinds.push(k) - 1;
    rowid[i] = id;
    kind[i] = code;
    max = Math.max(max, id);
  });
  const byRowid = new Int32Array(max + 1).fill(-1);
  rowid.forEach((id, i) => (byRowid[id] = i));
  return { rowid, kind, kinds, byRowid };
}

/** Sets the `top_ranked_min` of an index (see rankFrequentTerms) and ranks its frequent terms again. */
export function setTopRankedMin(db: SearchIndex, min: number): void {
  transaction(db, () => {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('top_ranked_min', ?)").run(String(min));
    rankFrequentTerms(db);
  });
}

/** Removes one deck (by source) and its records, in one transaction. */
export function removeDeck(db: SearchIndex, source: string): void {
  transaction(db, () => {
    deleteDeck(db, source);
    rankFrequentTerms(db);
  });
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
  const labels = conceptLabels(db);
  const flush = () => {
    if (current === undefined) return;
    const deck = bySource.get(current);
    if (deck) {
      if (seen.has(current)) appendRecords(db, labels, batch);
      else transaction(db, () => writeDeck(db, labels, deck, batch));
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
  for (const [source, deck] of bySource) if (!seen.has(source)) transaction(db, () => writeDeck(db, labels, deck, []));
  finishIndex(db);
}

/** The last step of writing a whole index: the full-text index merged into one segment, then the frequent words ranked. */
function finishIndex(db: SearchIndex): void {
  db.exec("INSERT INTO records_fts (records_fts) VALUES ('optimize')");
  transaction(db, () => rankFrequentTerms(db));
}

/** Records of a deck that is already in the index (an ungrouped stream). */
function appendRecords(db: SearchIndex, labels: Map<string, string[]>, records: CorpusRecord[]): void {
  const source = records[0]?.source;
  if (source === undefined) return;
  const deck = db.prepare("SELECT json FROM decks WHERE source = ?").get(source) as { json: string };
  const existing = (db.prepare("SELECT json FROM records WHERE source = ?").all(source) as { json: string }[]).map((r) => JSON.parse(r.json) as CorpusRecord);
  transaction(db, () => writeDeck(db, labels, JSON.parse(deck.json) as Deck, [...existing, ...records]));
}

/**
 * Builds the index file from scratch under a temporary name (corpus/store/atomic.ts) and renames it over
 * `path`, so a reader sees either the old index or the complete new one. Returns false, writing nothing, when this Node's SQLite lacks FTS5
 * (the corpus is complete without its index; search then says what to do).
 */
export async function writeIndex(
  path: string, decks: Iterable<Deck>, records: Iterable<CorpusRecord> | AsyncIterable<CorpusRecord>, taxonomy?: Taxonomy,
): Promise<boolean> {
  if (!hasFts5()) {
    await rm(path, { force: true }); // an index from an earlier run would no longer match the records
    return false;
  }
  await buildIndexFile(path, taxonomy, (db) => fillIndex(db, decks, records));
  return true;
}

/** What `syncIndex` did. */
export interface IndexSync {
  /** Why the index was rebuilt from scratch (missing, unreadable, another version or taxonomy, most decks changed), if it was. */
  rebuilt?: string;
  /** Decks whose rows were (re)written, and decks whose rows were removed. */
  replaced: number;
  removed: number;
}

/** One deck's results, loaded when its rows must be (re)written; undefined when it has none (a failed document). */
export type DeckLoader = (source: string) => Promise<{ deck: Deck; records: CorpusRecord[] } | undefined>;

/**
 * Brings the index file at `path` up to date with the corpus: `wanted` are the decks it must hold (in corpus
 * order) and what each was made from. Decks whose identity differs from the indexed one are loaded and replaced,
 * decks no longer wanted are removed, all in one SQLite transaction (atomic and durable: a crash leaves the
 * index as it was, and the next sync finishes the job); nothing is written when nothing differs. The index is
 * rebuilt from scratch (streaming one deck at a time into a new file renamed over the old) when it is missing,
 * unreadable, of another INDEX_VERSION or taxonomy, or when most decks changed (a rebuild is then faster).
 * Returns undefined, removing any index, when this Node's SQLite lacks FTS5.
 */
export async function syncIndex(
  path: string, wanted: DeckIdentity[], load: DeckLoader, taxonomy?: Taxonomy, known?: IndexState,
): Promise<IndexSync | undefined> {
  if (!hasFts5()) {
    await rm(path, { force: true }); // an index from an earlier run would no longer match the records
    return undefined;
  }
  // `known`: what the caller found looking at this index for these decks (indexState), not looked at again
  const state = known ?? indexState(path, wanted, taxonomy);
  if (state === "current") return { replaced: 0, removed: 0 };
  if (typeof state === "string") return rebuildIndex(path, wanted, load, taxonomy, state);
  const { db, indexed, changed, removed } = state;
  try {
    const changes = changed.length + removed.length;
    if (changes * 2 > Math.max(wanted.length, indexed.size) && changes > 1) {
      db.close();
      return await rebuildIndex(path, wanted, load, taxonomy, `${changes} of ${wanted.length} decks changed`);
    }
    db.exec("BEGIN IMMEDIATE");
    try {
      const labels = conceptLabels(db);
      for (const source of removed) deleteDeck(db, source);
      for (const identity of changed) {
        const loaded = await load(identity.source);
        if (loaded) writeDeck(db, labels, loaded.deck, loaded.records, identity);
        else deleteDeck(db, identity.source);
      }
      rankFrequentTerms(db); // every score moves with the corpus's statistics: all stored rankings are made again
      db.exec("COMMIT");
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
    return { replaced: changed.length, removed: removed.length };
  } finally {
    if (db.isOpen) db.close();
  }
}

/**
 * Writes a new index file under a temporary name (corpus/store/atomic.ts) with `fill`, which must end with
 * `finishIndex`, and renames it over `path` (writeIndex, and a sync's rebuild). The taxonomy is stored first: records are indexed with its labels,
 * and it marks what the index is tagged with.
 */
async function buildIndexFile<T>(path: string, taxonomy: Taxonomy | undefined, fill: (db: SearchIndex) => Promise<T>): Promise<T> {
  return replaceFile(path, async (tmp) => {
    const db = openIndex(tmp);
    // A temporary file, synced once at the end: no journal, no sync per deck (10x faster on 17k records).
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    let result: T;
    try {
      if (taxonomy) setTaxonomy(db, taxonomy);
      result = await fill(db);
    } finally {
      db.close();
    }
    await rm(`${path}-journal`, { force: true }); // a journal left by a killed update belongs to the old file
    return result;
  });
}

/** Builds the index from scratch next to `path`, one deck at a time, and renames it over `path`. */
async function rebuildIndex(path: string, wanted: DeckIdentity[], load: DeckLoader, taxonomy: Taxonomy | undefined, reason: string): Promise<IndexSync> {
  const replaced = await buildIndexFile(path, taxonomy, async (db) => {
    let written = 0;
    const labels = conceptLabels(db);
    for (const identity of wanted) {
      const loaded = await load(identity.source);
      if (!loaded) continue;
      transaction(db, () => writeDeck(db, labels, loaded.deck, loaded.records, identity));
      written++;
    }
    finishIndex(db);
    return written;
  });
  return { rebuilt: reason, replaced, removed: 0 };
}
