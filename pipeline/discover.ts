// Finds the input files of an ingest: files named on the command line, and supported files under directories.
// The other files under directories are named as unsupported (counted and logged, not errors), except the
// ones file managers leave (Thumbs.db, desktop.ini; hidden files are skipped altogether).
// Only regular files are inputs: a FIFO, a socket or a device named on the command line is an error record
// (reading `/dev/zero` never ends, a FIFO blocks); inside a folder, symbolic links, FIFOs, sockets and devices
// are skipped and reported once each. Folders are walked with an explicit stack, entries streamed from the
// directory handle, so neither a deep tree nor a folder of 100,000s of files can overflow the call stack.
// File names are read as bytes: a name that is not valid UTF-8 is still opened by its bytes (`ioPath`).
import { lstat, opendir, stat } from "node:fs/promises";
import type { Dirent, Stats } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import type { ErrorRecord } from "../model/schema.ts";
import { supportedExtensions } from "../extractors/registry.ts";

export interface InputFile {
  /** Absolute path (a name that is not valid UTF-8 shows U+FFFD here; `ioPath` has its bytes). */
  path: string;
  /** Path relative to the ingest root (the directory argument, or a file argument's directory), with "/". */
  source: string;
  /** The path's bytes, when a name in it is not valid UTF-8: what the file system is asked for. */
  rawPath?: Buffer;
}

/** What to open for a file: its path, or its bytes when a name in it is not valid UTF-8. */
export function ioPath(file: InputFile): string | Buffer {
  return file.rawPath ?? file.path;
}

/** An entry of an input folder that is not a regular file or a folder, skipped. */
export interface SkippedEntry {
  path: string;
  kind: "symbolic link" | "FIFO" | "socket" | "character device" | "block device" | "unknown";
}

export interface Discovered {
  files: InputFile[];
  errors: ErrorRecord[];
  /** Files under the directories of a type slidecorpus does not read, as the input path joined with their path under it. */
  unsupported: string[];
  /** Entries of input folders that are not regular files or folders (not read; each reported once). */
  skipped: SkippedEntry[];
}

/** What a file-system entry is, as a phrase for messages; undefined for a regular file or a folder. */
export function entryKind(info: Pick<Stats, "isFile" | "isDirectory" | "isSymbolicLink" | "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice">): SkippedEntry["kind"] | undefined {
  if (info.isFile() || info.isDirectory()) return undefined;
  if (info.isSymbolicLink()) return "symbolic link";
  if (info.isFIFO()) return "FIFO";
  if (info.isSocket()) return "socket";
  if (info.isCharacterDevice()) return "character device";
  if (info.isBlockDevice()) return "block device";
  return "unknown";
}

const FILE_MANAGER_LITTER = /^(thumbs\.db|desktop\.ini|ehthumbs\.db)$/i;

export async function discoverInputs(inputs: string[], extensions = supportedExtensions()): Promise<Discovered> {
  const files: InputFile[] = [];
  const errors: ErrorRecord[] = [];
  const unsupported = new Set<string>();
  const skipped: SkippedEntry[] = [];
  const wanted = (name: string) => extensions.some((e) => name.toLowerCase().endsWith(e));
  for (const input of inputs) {
    const abs = resolve(input);
    let info;
    try {
      info = await stat(abs);
    } catch (err) {
      errors.push({ source: input, stage: "discover", code: "unreadable", message: `cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? err}` });
      continue;
    }
    if (info.isDirectory()) {
      let found = 0;
      for await (const entry of walk(abs, errors, skipped)) {
        if (!wanted(entry.path)) {
          if (!FILE_MANAGER_LITTER.test(basename(entry.path))) unsupported.add(join(input, relative(abs, entry.path)));
          continue;
        }
        found++;
        files.push({ path: entry.path, source: relative(abs, entry.path).split(sep).join("/"), ...(entry.raw ? { rawPath: entry.raw } : {}) });
      }
      if (found === 0) {
        errors.push({ source: input, stage: "discover", code: "empty", message: `no supported input files (${extensions.join(", ")}) in ${input}` });
      }
    } else if (info.isFile()) {
      files.push({ path: abs, source: basename(abs) });
    } else {
      // a FIFO blocks a reader forever, a device like /dev/zero never ends: named by a shell glob, not read
      errors.push({ source: input, stage: "discover", code: "unreadable", message: `cannot read ${input}: not a regular file (a ${entryKind(info)})` });
    }
  }
  // The same file named twice is read once. Two files that would be the same source (`a/x.pdf` and `b/x.pdf`
  // given as roots `a` and `b`) cannot both be in the corpus, keyed by source: the first given is read, and the
  // other gets an error record that names both, rather than one silently replacing the other.
  const seen = new Set<string>();
  const bySource = new Map<string, string>();
  const unique = files.filter((f) => {
    const key = f.rawPath ? f.rawPath.toString("latin1") : f.path;
    if (seen.has(key)) return false;
    seen.add(key);
    const first = bySource.get(f.source);
    if (first === undefined) return bySource.set(f.source, f.path), true;
    errors.push({ source: f.path, stage: "discover", code: "duplicate_source", message: `${f.path} would be source "${f.source}", which is already ${first}; give the folders so that their files' relative paths differ (e.g. their parent folder)` });
    return false;
  });
  unique.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { files: unique, errors, unsupported: [...unsupported].sort(), skipped };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A name's text, or undefined when its bytes are not valid UTF-8. */
function nameOf(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The regular files under `root`, depth first, as they are listed: an explicit stack of folders, each read
 * entry by entry. Paths are kept as bytes below a name that is not valid UTF-8.
 */
async function* walk(root: string, errors: ErrorRecord[], skipped: SkippedEntry[]): AsyncGenerator<{ path: string; raw?: Buffer }> {
  const stack: { path: string; raw?: Buffer }[] = [{ path: root }];
  while (stack.length) {
    const dir = stack.pop()!;
    let handle;
    try {
      handle = await opendir(dir.raw ?? dir.path, { encoding: "buffer", bufferSize: 256 } as unknown as Parameters<typeof opendir>[1]);
    } catch (err) {
      errors.push({ source: dir.path, stage: "discover", code: "unreadable", message: `cannot list ${dir.path}: ${(err as NodeJS.ErrnoException).code ?? err}` });
      continue;
    }
    const subfolders: { path: string; raw?: Buffer }[] = [];
    for await (const e of handle as AsyncIterable<Dirent<Buffer>>) {
      const bytes = e.name;
      if (bytes[0] === 0x2e) continue; // a hidden entry (".name")
      const name = nameOf(bytes);
      const path = join(dir.path, name ?? bytes.toString("utf8"));
      const raw = name === undefined || dir.raw ? Buffer.concat([dir.raw ?? Buffer.from(dir.path), Buffer.from(sep), bytes]) : undefined;
      let kind: SkippedEntry["kind"] | undefined;
      let isDir = e.isDirectory();
      if (e.isFile()) kind = undefined;
      else if (isDir) kind = undefined;
      else {
        kind = entryKind(e);
        if (kind === "unknown") {
          // a file system that does not give entry types: ask for this one
          const info = await lstat(raw ?? path).catch(() => undefined);
          kind = info ? entryKind(info) : "unknown";
          isDir = info?.isDirectory() ?? false;
        }
      }
      if (isDir) subfolders.push({ path, ...(raw ? { raw } : {}) });
      else if (kind) skipped.push({ path, kind });
      else yield { path, ...(raw ? { raw } : {}) };
    }
    // the first subfolder is walked next, the others after it
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]!);
  }
}
