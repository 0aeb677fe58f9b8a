// Durable file writes: the primitives the corpus store is built on.
// A file is written to a temporary name, flushed to disk, and renamed over the old one, and the folder is
// flushed so the rename survives a power loss: a reader sees the old file or the new one, never half of one.
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";

let tmpCounter = 0;

/** A temporary name beside `path`, unique within this process and across processes. */
export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${++tmpCounter}`;
}

export function isTempPath(name: string): boolean {
  return /\.tmp-\d+-\d+$/.test(name);
}

export async function writeAtomic(path: string, content: string, options: { syncDir?: boolean } = {}): Promise<void> {
  const tmp = tempPathFor(path);
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
  if (options.syncDir !== false) await fsyncDir(dirname(path));
}

/** Flushes a folder's entries (new names, renames, removals) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } catch (err) {
    // Some file systems cannot fsync a directory; the rename is then as durable as they make it.
    if (!["EINVAL", "ENOTSUP", "EISDIR", "EPERM"].includes((err as NodeJS.ErrnoException).code ?? "")) throw err;
  } finally {
    await fh.close();
  }
}

export function toJsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r) + "\n").join("");
}

/** A file written in order through a buffer, renamed into place by `commit` only when complete. */
export class AtomicFileWriter {
  readonly path: string;
  private readonly tmp: string;
  private fh: FileHandle | undefined;
  private buffer: Buffer[] = [];
  private buffered = 0;

  private constructor(path: string) {
    this.path = path;
    this.tmp = tempPathFor(path);
  }

  static async open(path: string): Promise<AtomicFileWriter> {
    const w = new AtomicFileWriter(path);
    w.fh = await open(w.tmp, "w");
    return w;
  }

  async write(text: string): Promise<void> {
    // Encoded at once: a string kept in the buffer may be a slice holding on to a much larger string.
    const bytes = Buffer.from(text, "utf8");
    this.buffer.push(bytes);
    this.buffered += bytes.length;
    if (this.buffered >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffered) return;
    const chunks = this.buffer;
    this.buffer = [];
    this.buffered = 0;
    await this.fh!.write(Buffer.concat(chunks));
  }

  /** Flushes, syncs and closes the temporary file; `rename` then puts it in place. */
  async finish(): Promise<void> {
    await this.flush();
    await this.fh!.sync();
    await this.fh!.close();
    this.fh = undefined;
  }

  async rename(): Promise<void> {
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    await this.fh?.close().catch(() => {});
    await rm(this.tmp, { force: true });
  }
}
