// Keeps index.sqlite, a store derived from the corpus parts, up to date with the store's manifest.
import { join } from "node:path";
import type { CorpusStore } from "../store/store.ts";
import type { Taxonomy } from "../enrich/taxonomy.ts";
import type { IndexSync } from "./fts-index.ts";
import { indexState } from "./index-state.ts";
import { hasFts5 } from "./sqlite.ts";

/**
 * Brings `<out>/index.sqlite` up to date with the store: only decks whose content or pipeline version differs
 * from the indexed ones are read (one at a time) and replaced; rebuilt when missing, damaged, or of another version.
 * The index is looked at once per run (its pages checked, its decks read), and that look decides what to write.
 */
export async function syncSearchIndex(store: CorpusStore, taxonomy?: Taxonomy): Promise<IndexSync | undefined> {
  const path = join(store.out, "index.sqlite");
  const wanted = store.committedDecks();
  // The common nightly case, nothing changed, is answered by reading the index alone; the code that writes the
  // index (stemmers, compound lexicon) is loaded only when something must be written.
  // The record count from the manifest catches rows lost from the index; a count that disagrees means a rebuild.
  const state = hasFts5() ? indexState(path, wanted, taxonomy, store.totals().records) : undefined;
  if (state === "current") return { replaced: 0, removed: 0 };
  try {
    const { syncIndex } = await import("./fts-index.ts");
    return await syncIndex(path, wanted, async (source) => {
      const part = await store.readPart(source);
      return part?.ok ? { deck: part.deck, records: part.records } : undefined;
    }, taxonomy, state);
  } finally {
    if (state && typeof state !== "string" && state.db.isOpen) state.db.close();
  }
}
