// Writing the corpus: the only code that touches the output folder.
// Each file is written to a temporary name, flushed to disk, and renamed over the old one,
// so a reader never sees a half-written file.
import { mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { jsonSchemas, type CorpusRecord, type Deck, type ErrorRecord } from "./schema.ts";
import { writeIndex } from "./search-index.ts";
import type { Taxonomy } from "./taxonomy.ts";

export interface CorpusFiles {
  records: CorpusRecord[];
  decks: Deck[];
  errors: ErrorRecord[];
  run?: unknown;
  /** The taxonomy the records were tagged with, kept in the search index. */
  taxonomy?: Taxonomy;
}

export async function writeCorpus(out: string, files: CorpusFiles): Promise<void> {
  await mkdir(join(out, "schema"), { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    await writeAtomic(join(out, "schema", name), JSON.stringify(schema, null, 2) + "\n");
  }
  await writeAtomic(join(out, "records.jsonl"), toJsonl(files.records));
  await writeAtomic(join(out, "decks.jsonl"), toJsonl(files.decks));
  await writeAtomic(join(out, "errors.jsonl"), toJsonl(files.errors));
  // The search index is derived from the records; a full rebuild, renamed into place like the other files.
  await writeIndex(join(out, "index.sqlite"), files.decks, files.records, files.taxonomy);
  if (files.run !== undefined) await writeAtomic(join(out, "run.json"), JSON.stringify(files.run, null, 2) + "\n");
}

export function toJsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r) + "\n").join("");
}

export async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(content, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
