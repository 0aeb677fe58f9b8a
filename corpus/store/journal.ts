// The writing side of an append-only JSON Lines journal (the manifest, the in-flight journal): the file is
// rewritten whole, atomically, when it is opened or compacted, and then appended to, one line per change.
//
// Appends are written in the order they are made; a durable one resolves once its line is on disk (datasync).
// Group commit: the lines appended while a write is under way wait for it and then go out together, in one write
// and one flush. Each line is as durable as when flushed alone, but N documents finishing at once cost one flush,
// not N flushes in a row: with one flush at a time, an ingest commits no more decks per second than the disk
// flushes, and its finished decks wait in memory for their turn. A crash can tear only the lines of the last
// write, whose appends had not resolved; reading skips a torn line (readJournal, jsonl.ts).
import { appendFileSync, closeSync, fsyncSync, openSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { writeAtomic } from "./atomic.ts";

interface Queued {
  text: string;
  durable: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class JournalWriter {
  readonly path: string;
  private fh: FileHandle | undefined;
  /** The lines of the next write: it is in the chain and has not started yet. Appends join it. */
  private open: Queued[] | undefined;
  /** Every write, rewrite and close, one after the other. */
  private chain: Promise<void> = Promise.resolve();

  private constructor(path: string) {
    this.path = path;
  }

  /** Writes the journal at `path` as `rows` (atomically, replacing it) and opens it for appending. */
  static async create(path: string, rows: readonly unknown[]): Promise<JournalWriter> {
    const writer = new JournalWriter(path);
    await writer.rewrite(() => rows);
    return writer;
  }

  /**
   * Appends `row` as one line. `durable` (default): resolves once the line is on disk; otherwise once it is
   * written (a line whose loss in a crash is harmless). Rejects when the write fails or the journal is closed.
   */
  append(row: unknown, durable = true): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.open) {
        const batch: Queued[] = [];
        this.open = batch;
        this.chain = this.chain.then(() => this.write(batch));
      }
      this.open.push({ text: JSON.stringify(row) + "\n", durable, resolve, reject });
    });
  }

  /**
   * Replaces the journal, atomically, with `rows()`: called once the appends made before are written, so the rows
   * can be the state they lead to; appends made after go to the new file.
   */
  rewrite(rows: () => readonly unknown[]): Promise<void> {
    this.open = undefined; // the lines appended from now on are written after it
    const done = this.chain.then(async () => {
      await this.fh?.close();
      this.fh = undefined;
      await writeAtomic(this.path, rows().map((row) => JSON.stringify(row) + "\n").join(""));
      this.fh = await open(this.path, "a");
    });
    this.chain = done.catch(() => {});
    return done;
  }

  /** Writes what is queued, then closes the file: later appends reject. */
  close(): Promise<void> {
    this.open = undefined;
    const done = this.chain.then(async () => {
      await this.fh?.close();
      this.fh = undefined;
    });
    this.chain = done.catch(() => {});
    return done;
  }

  /**
   * Appends `row` and flushes it synchronously, through a file descriptor of its own: for a process `exit` handler,
   * where nothing asynchronous runs any more. Lines queued and not written by then are lost, as in a crash.
   * Throws when the file cannot be written.
   */
  appendSync(row: unknown): void {
    const fd = openSync(this.path, "a");
    try {
      appendFileSync(fd, JSON.stringify(row) + "\n");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The lines of one batch in one write, flushed when any of them must be durable. Never rejects (the appends do). */
  private async write(batch: Queued[]): Promise<void> {
    if (this.open === batch) this.open = undefined; // under way: later appends make the next batch
    try {
      if (!this.fh) throw new Error(`the journal ${this.path} is closed`);
      await this.fh.write(batch.length === 1 ? batch[0]!.text : batch.map((q) => q.text).join(""));
      if (batch.some((q) => q.durable)) await this.fh.datasync();
      for (const q of batch) q.resolve();
    } catch (err) {
      for (const q of batch) q.reject(err);
    }
  }
}
