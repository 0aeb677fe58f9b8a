// The incremental manifest: which source was processed from which content, by which pipeline version, with
// what outcome. Kept as a journal (`manifest.jsonl`, written by journal.ts): one JSON line per change, appended
// and flushed as each deck is committed (decks committed at once share a flush), so the cost per deck stays
// constant however large the corpus grows. A crash can leave a torn last write, whose lines loading ignores;
// loading then rewrites the journal compacted (atomically), and appends start on a clean file.
import { JournalWriter } from "./journal.ts";
import { readJournal } from "./jsonl.ts";
import type { JournalLine, ManifestEntry } from "../../model/store.ts";

export type { ManifestEntry };

/** The journal's first line (its type, from the model, checks it). */
const HEADER: JournalLine = { op: "header", format: "slidecorpus-manifest", version: 1 };

export class Manifest {
  readonly path: string;
  private readonly entries: Map<string, ManifestEntry>;
  private journal!: JournalWriter;

  private constructor(path: string, entries: Map<string, ManifestEntry>) {
    this.path = path;
    this.entries = entries;
  }

  /** Loads the journal (tolerating a torn last line), writes it back compacted, and opens it for appending. */
  static async open(path: string): Promise<Manifest> {
    const entries = new Map<string, ManifestEntry>();
    // a line torn by a crash is left out: that deck was not committed and will be processed again
    for (const row of await readJournal<JournalLine>(path)) {
      if (row.op === "put") {
        const { op: _op, ...entry } = row;
        entries.set(entry.source, entry);
      } else if (row.op === "del") {
        entries.delete(row.source);
      }
    }
    const manifest = new Manifest(path, entries);
    manifest.journal = await JournalWriter.create(path, manifest.rows());
    return manifest;
  }

  get(source: string): ManifestEntry | undefined {
    return this.entries.get(source);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries sorted by source: the corpus order. */
  sorted(): ManifestEntry[] {
    return [...this.entries.values()].sort((a, b) => compareSource(a.source, b.source));
  }

  sources(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Records an entry; resolves once the line is on disk. */
  put(entry: ManifestEntry): Promise<void> {
    this.entries.set(entry.source, entry);
    return this.journal.append({ op: "put", ...entry } satisfies JournalLine);
  }

  delete(source: string): Promise<void> {
    if (!this.entries.delete(source)) return Promise.resolve();
    return this.journal.append({ op: "del", source } satisfies JournalLine);
  }

  /** Rewrites the journal as one line per entry, atomically; later appends go to the new file. */
  compact(): Promise<void> {
    return this.journal.rewrite(() => this.rows());
  }

  /** A digest of the entries: equal digests mean equal corpus content. */
  contentKey(): string {
    return this.sorted().map((e) => `${e.source}\u0000${e.sha256}\u0000${e.pipelineVersion}\u0000${e.ok}\u0000${e.part}`).join("\n");
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  /** The journal compacted: its header, then one `put` per entry. */
  private rows(): JournalLine[] {
    return [HEADER, ...this.sorted().map((e): JournalLine => ({ op: "put", ...e }))];
  }
}

/** The corpus order: by source path, code-unit order (the same on every machine, unlike localeCompare). */
export function compareSource(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
