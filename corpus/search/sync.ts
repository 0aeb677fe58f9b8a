// Keeps index.sqlite, a store derived from the corpus parts, up to date with the store's manifest.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CorpusStore } from "../store/store.ts";
import type { Taxonomy } from "../enrich/taxonomy.ts";
import type { IndexSync } from "./fts-index.ts";
import { indexIsCurrent } from "./index-state.ts";
import { hasFts5 } from "./sqlite.ts";

/**
 * Brings `<out>/index.sqlite` up to date with the store: only decks whose content or pipeline version differs
 * from the indexed ones are read (one at a time) and replaced; rebuilt when missing, damaged, or of another version.
 */
export async function syncSearchIndex(store: CorpusStore, taxonomy?: Taxonomy): Promise<IndexSync | undefined> {
  const path = join(store.out, "index.sqlite");
  const wanted = store.committedDecks();
  // The common nightly case, nothing changed, is answered by reading the index's deck table alone; the code
  // that writes the index (stemmers, compound lexicon) is loaded only when something must be written.
  // The record count from the manifest catches rows lost from the index; a count that disagrees means a rebuild.
  const records = store.totals().records;
  if (hasFts5() && indexIsCurrent(path, wanted, taxonomy, records)) return { replaced: 0, removed: 0 };
  const { syncIndex } = await import("./fts-index.ts");
  if (hasFts5() && existsSync(path) && indexIsCurrent(path, wanted, taxonomy)) {
    // every deck indexed and current, yet the record count differs: the rows cannot be trusted
    const { rm } = await import("node:fs/promises");
    await rm(path, { force: true });
  }
  return syncIndex(path, wanted, async (source) => {
    const part = await store.readPart(source);
    return part?.ok ? { deck: part.deck, records: part.records } : undefined;
  }, taxonomy);
}
