// What a search index file holds, read cheaply: its version, the taxonomy it was tagged with, and each deck's
// identity (content hash and pipeline version). Kept apart from search-index.ts so that the check an ingest
// makes at the end of every run loads only SQLite, not the stemmers and the compound lexicon that writing needs.
import { existsSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { sha256 } from "../../model/ids.ts";
import type { DeckIdentity } from "../../model/store.ts";
import { loadSqlite } from "./sqlite.ts";
import type { Taxonomy } from "../enrich/taxonomy.ts";

/** Bumped when the layout or the folding/stemming changes; an index of another version is rebuilt, not read. */
export const INDEX_VERSION = "5";

/** What a deck was indexed from: equal identities mean equal rows, so a sync leaves the deck alone. */
export type { DeckIdentity };

/** What identifies a taxonomy in the index's meta table: an index tagged with another one is rebuilt. */
export function taxonomyKey(taxonomy: Taxonomy | undefined): string {
  return taxonomy ? sha256(JSON.stringify(taxonomy)) : "none";
}

export function identityKey(identity: Omit<DeckIdentity, "source">): string {
  return `${identity.sha256}\u0000${identity.pipelineVersion}`;
}

/** The open index (read-write) and each indexed deck's identity by source, or why the file must be rebuilt. */
function readIndexState(path: string, taxonomy: Taxonomy | undefined): { db: DatabaseSync; indexed: Map<string, string> } | string {
  if (!existsSync(path)) return "missing";
  let db: DatabaseSync | undefined;
  try {
    // Opened without creating anything: a file that is not (or no longer) an index is rebuilt, never patched.
    db = new (loadSqlite().DatabaseSync)(path, { timeout: 5000 });
    const meta = new Map((db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (meta.get("version") !== INDEX_VERSION) throw new Error(`version ${meta.get("version") ?? "(none)"}, not ${INDEX_VERSION}`);
    if ((meta.get("taxonomy") ?? "none") !== taxonomyKey(taxonomy)) throw new Error("tagged with another taxonomy");
    // Damage past the header (a page overwritten, rows lost) is found only by looking at every page.
    const check = db.prepare("PRAGMA quick_check").all() as { quick_check: string }[];
    if (check.length !== 1 || check[0]!.quick_check !== "ok") throw new Error(`damaged: ${check.map((c) => c.quick_check).slice(0, 3).join("; ")}`);
    const rows = db.prepare("SELECT source, sha256, pipeline_version AS pipelineVersion FROM decks").all() as unknown as DeckIdentity[];
    return { db, indexed: new Map(rows.map((r) => [r.source, identityKey(r)])) };
  } catch (err) {
    if (db?.isOpen) db.close();
    return `unreadable: ${(err as Error).message}`;
  }
}

/** How many records the index holds, or -1 when its tables disagree (rows lost from one of them). */
function indexedRecords(db: DatabaseSync): number {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const records = count("SELECT count(*) AS n FROM records");
  return records === count("SELECT count(*) AS n FROM records_fts") ? records : -1;
}

/** The wanted decks whose indexed identity differs (or which are not indexed), and the indexed sources not wanted. */
function indexChanges(indexed: Map<string, string>, wanted: DeckIdentity[]): { changed: DeckIdentity[]; removed: string[] } {
  const changed = wanted.filter((w) => indexed.get(w.source) !== identityKey(w));
  const wantedSources = new Set(wanted.map((w) => w.source));
  return { changed, removed: [...indexed.keys()].filter((source) => !wantedSources.has(source)) };
}

/** What one look at an index file found: why it must be rebuilt, or the open index and how it differs from the corpus. */
export type IndexState = string | { db: DatabaseSync; indexed: Map<string, string>; changed: DeckIdentity[]; removed: string[] };

/**
 * Reads the index at `path` once (its meta, a `quick_check` of every page, its decks) against the wanted decks
 * and, when given, the corpus's record count (`records`, from the manifest; rows deleted from the index are
 * noticed): "current" when nothing must be written (the file is then closed), else why it must be rebuilt, or
 * the open index with the decks to replace and remove (the caller closes it).
 */
export function indexState(path: string, wanted: DeckIdentity[], taxonomy: Taxonomy | undefined, records?: number): IndexState | "current" {
  const state = readIndexState(path, taxonomy);
  if (typeof state === "string") return state;
  try {
    const { changed, removed } = indexChanges(state.indexed, wanted);
    if (changed.length !== 0 || removed.length !== 0) return { ...state, changed, removed };
    const indexed = records === undefined ? records : indexedRecords(state.db);
    if (indexed === records) {
      state.db.close();
      return "current";
    }
    // every deck indexed and current, yet the record count differs: the rows cannot be trusted
    state.db.close();
    return indexed === -1 ? "its tables disagree" : `${indexed} records indexed, ${records} in the corpus`;
  } catch (err) {
    state.db.close();
    throw err;
  }
}
