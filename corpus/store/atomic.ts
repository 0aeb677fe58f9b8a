// Durable file writes: the primitives the corpus store (and every other file the project replaces) is built on.
// A file is built under a temporary name beside it, flushed to disk, and renamed over the old one, and the folder
// is flushed so the rename survives a power loss: a reader sees the old file or the new one, never half of one.
// There is one temporary-name scheme, `<name>.tmp-<pid>-<n>`, so a start-up clean-up (`removeTemps`) can find
// every temporary a killed process left behind, whoever wrote it.
import { createHash } from "node:crypto";
import { open, readdir, rename, rm, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";

let tmpCounter = 0;

/** A temporary name beside `path`, unique within this process and across processes. */
export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${++tmpCounter}`;
}

/**
 * Whether a file name is a temporary of the scheme: also SQLite's companions of one (`-journal`, `-wal`, `-shm`),
 * and `<name>.tmp-<pid>`, the search index's temporary before there was one scheme.
 */
export function isTempPath(name: string): boolean {
  return /\.tmp-\d+(-\d+)?(-journal|-wal|-shm)?$/.test(name);
}

/**
 * Removes the temporaries of the scheme in `dir` (not below it) that a process left behind: its pid is not running,
 * or is ours (a pid reused after a restart, as in a container); another live process's are its own business.
 * Returns the names removed. A missing folder has none.
 */
export async function removeTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const left = names.filter((name) => isTempPath(name) && !writerIsAlive(name));
  for (const name of left) await rm(join(dir, name), { force: true });
  return left;
}

function writerIsAlive(name: string): boolean {
  const pid = Number(/\.tmp-(\d+)/.exec(name)![1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface ReplaceOptions {
  /** Flush the folder after the rename (default true); false when the caller flushes it once for several files. */
  syncDir?: boolean;
}

/**
 * The one writer: `build` makes the new file at the temporary path it is given (by any means: a file handle, a
 * stream, SQLite); it is then synced and renamed over `path`. On failure the temporary is removed and `path` is
 * left as it was.
 */
export async function replaceFile<T>(path: string, build: (tmp: string) => Promise<T>, options: ReplaceOptions = {}): Promise<T> {
  return replaceVia(path, async (tmp) => {
    const result = await build(tmp);
    const fh = await open(tmp, "r+");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    return result;
  }, options);
}

export async function writeAtomic(path: string, content: string | Uint8Array, options: ReplaceOptions = {}): Promise<void> {
  await replaceVia(path, async (tmp) => {
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(content, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
  }, options);
}

/** Builds and syncs the temporary (`build`), renames it over `path`, flushes the folder; removes it on failure. */
async function replaceVia<T>(path: string, build: (tmp: string) => Promise<T>, options: ReplaceOptions): Promise<T> {
  const tmp = tempPathFor(path);
  let result: T;
  try {
    result = await build(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (options.syncDir !== false) await fsyncDir(dirname(path));
  return result;
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

/** A file's size in bytes and the SHA-256 of its bytes. */
export interface FileDigest {
  size: number;
  sha256: string;
}

/** Size of the buffers the writer and the reader below reuse. */
const CHUNK = 1 << 20;

/**
 * A file written in order through a buffer, for files too large to hold as one string: `finish` syncs it under its
 * temporary name and `rename` puts it in place, so several files can be finished first and renamed together
 * (`commit` does both for one file). `abort` removes the temporary.
 */
export class AtomicFileWriter {
  readonly path: string;
  private readonly tmp: string;
  private fh: FileHandle | undefined;
  // One buffer, filled and flushed again and again: a Buffer per write would be freed only when V8 collects its
  // object, and until then tens of MB of them pile up outside the heap as the files grow.
  private readonly buffer = Buffer.allocUnsafeSlow(CHUNK);
  private buffered = 0;
  private readonly hash = createHash("sha256");
  private written = 0;

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
    // At most 3 bytes of UTF-8 per UTF-16 code unit: a text that may not fit is flushed before, or written alone.
    if (this.buffered + text.length * 3 > CHUNK) await this.flush();
    if (text.length * 3 > CHUNK) {
      const bytes = Buffer.from(text, "utf8");
      this.hash.update(bytes);
      this.written += bytes.length;
      await this.fh!.write(bytes);
      return;
    }
    // Encoded at once: the text is not kept (a string may be a slice holding on to a much larger one).
    const n = this.buffer.write(text, this.buffered, "utf8");
    this.hash.update(this.buffer.subarray(this.buffered, this.buffered + n));
    this.buffered += n;
    this.written += n;
  }

  private async flush(): Promise<void> {
    if (!this.buffered) return;
    const n = this.buffered;
    this.buffered = 0;
    for (let at = 0; at < n; ) at += (await this.fh!.write(this.buffer, at, n - at)).bytesWritten;
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

  /** The size and SHA-256 of what was written (call once, after the last write). */
  digest(): FileDigest {
    return { size: this.written, sha256: this.hash.digest("hex") };
  }

  /** `finish`, `rename` and a flush of the folder; on failure the temporary is removed. */
  async commit(): Promise<void> {
    try {
      await this.finish();
      await this.rename();
    } catch (err) {
      await this.abort();
      throw err;
    }
    await fsyncDir(dirname(this.path));
  }

  async abort(): Promise<void> {
    await this.fh?.close().catch(() => {});
    this.fh = undefined;
    await rm(this.tmp, { force: true });
  }
}

/**
 * Reads whole files, small ones into buffers it reuses (a few at once): reading thousands of files with
 * `readFile` leaves a Buffer per file for V8 to collect, and until it does they pile up outside the heap.
 */
export class FileReader {
  private readonly free: Buffer[] = [];

  /** The file's text (UTF-8), or undefined when it does not exist. */
  async text(path: string): Promise<string | undefined> {
    let fh: FileHandle;
    try {
      fh = await open(path, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(64 * 1024);
    try {
      let n = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buffer, n, buffer.length - n, null);
        if (bytesRead === 0) return buffer.toString("utf8", 0, n);
        n += bytesRead;
        // larger than the buffer: the rest as usual
        if (n === buffer.length) return Buffer.concat([buffer, await fh.readFile()]).toString("utf8");
      }
    } finally {
      await fh.close();
      if (this.free.length < 32) this.free.push(buffer);
    }
  }
}

/** The SHA-256 of a file's bytes (hex), read through one buffer; undefined when it cannot be read. */
export async function hashFile(path: string): Promise<string | undefined> {
  const hash = createHash("sha256");
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, "r");
    const buffer = Buffer.allocUnsafeSlow(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
  return hash.digest("hex");
}
