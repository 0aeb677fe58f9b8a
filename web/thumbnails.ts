// Slide thumbnails for the pages: which slides of a deck have one, and one's bytes. They are found from the
// deck's identity in the search index (source → content hash and pipeline version → the store's file name),
// never from a path in the URL.
import { join } from "node:path";
import type { SearchIndex } from "../corpus/search/fts-index.ts";
import { partNameOf, stateDirOf } from "../corpus/store/store.ts";
import { readThumbnail, readThumbnailIndex, thumbnailsNameOf, type ThumbnailEntry } from "../corpus/store/thumbnails.ts";

/** A slide's thumbnail found: its type and bytes. */
export interface ThumbnailImage {
  type: string;
  bytes: Uint8Array;
}

/** The thumbnails of the decks of one opened index, their files' indexes kept (emptied when the index is reopened). */
export class ThumbnailFiles {
  private readonly corpus: string;
  private readonly indexes = new Map<string, Promise<{ path: string; pages: Map<number, ThumbnailEntry> } | undefined>>();
  /** Decks whose index is kept, least recent first. */
  private readonly keep: number;

  constructor(corpus: string, keep = 4096) {
    this.corpus = corpus;
    this.keep = keep;
  }

  clear(): void {
    this.indexes.clear();
  }

  /** The deck's thumbnails file and its images by slide, or undefined when it has none. */
  private lookup(db: SearchIndex, source: string) {
    let found = this.indexes.get(source);
    if (found) {
      this.indexes.delete(source);
      this.indexes.set(source, found);
      return found;
    }
    const row = db.prepare("SELECT sha256, pipeline_version FROM decks WHERE source = ?").get(source) as { sha256: string; pipeline_version: string } | undefined;
    found = row
      ? (async () => {
          const path = join(stateDirOf(this.corpus), "parts", thumbnailsNameOf(partNameOf(source, row.sha256, row.pipeline_version)));
          const pages = await readThumbnailIndex(path);
          return pages && { path, pages };
        })()
      : Promise.resolve(undefined);
    this.indexes.set(source, found);
    if (this.indexes.size > this.keep) this.indexes.delete(this.indexes.keys().next().value!);
    return found;
  }

  /** The slides of the deck that have a thumbnail. */
  async slides(db: SearchIndex, source: string): Promise<Set<number>> {
    return new Set((await this.lookup(db, source))?.pages.keys());
  }

  /** A slide's thumbnail, or undefined when it has none. */
  async image(db: SearchIndex, source: string, slide: number): Promise<ThumbnailImage | undefined> {
    const found = await this.lookup(db, source);
    const entry = found?.pages.get(slide);
    if (!found || !entry) return undefined;
    const bytes = await readThumbnail(found.path, entry);
    return bytes && { type: entry.type, bytes };
  }
}
