// Finds the input files of an ingest: files named on the command line, and supported files under directories.
// The other files under directories are named as unsupported (counted and logged, not errors), except the
// ones file managers leave (Thumbs.db, desktop.ini; hidden files are skipped altogether).
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import type { ErrorRecord } from "../model/schema.ts";
import { supportedExtensions } from "../extractors/registry.ts";

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the ingest root (the directory argument, or a file argument's directory), with "/". */
  source: string;
}

export interface Discovered {
  files: InputFile[];
  errors: ErrorRecord[];
  /** Files under the directories of a type slidecorpus does not read, as the input path joined with their path under it. */
  unsupported: string[];
}

const FILE_MANAGER_LITTER = /^(thumbs\.db|desktop\.ini|ehthumbs\.db)$/i;

export async function discoverInputs(inputs: string[], extensions = supportedExtensions()): Promise<Discovered> {
  const files: InputFile[] = [];
  const errors: ErrorRecord[] = [];
  const unsupported = new Set<string>();
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
      const before = files.length;
      for (const path of await walk(abs, errors)) {
        if (wanted(path)) files.push({ path, source: relative(abs, path).split(sep).join("/") });
        else if (!FILE_MANAGER_LITTER.test(basename(path))) unsupported.add(join(input, relative(abs, path)));
      }
      if (files.length === before) {
        errors.push({ source: input, stage: "discover", code: "empty", message: `no supported input files (${extensions.join(", ")}) in ${input}` });
      }
    } else {
      files.push({ path: abs, source: basename(abs) });
    }
  }
  // The same file named twice is read once. Two files that would be the same source (`a/x.pdf` and `b/x.pdf`
  // given as roots `a` and `b`) cannot both be in the corpus, keyed by source: the first given is read, and the
  // other gets an error record that names both, rather than one silently replacing the other.
  const seen = new Set<string>();
  const bySource = new Map<string, string>();
  const unique = files.filter((f) => {
    if (seen.has(f.path)) return false;
    seen.add(f.path);
    const first = bySource.get(f.source);
    if (first === undefined) return bySource.set(f.source, f.path), true;
    errors.push({ source: f.path, stage: "discover", code: "duplicate_source", message: `${f.path} would be source "${f.source}", which is already ${first}; give the folders so that their files' relative paths differ (e.g. their parent folder)` });
    return false;
  });
  unique.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { files: unique, errors, unsupported: [...unsupported].sort() };
}

async function walk(dir: string, errors: ErrorRecord[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ source: dir, stage: "discover", code: "unreadable", message: `cannot list ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}` });
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full, errors)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}
