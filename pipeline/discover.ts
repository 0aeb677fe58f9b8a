// Finds the input files of an ingest: files named on the command line, and supported files under directories.
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import type { ErrorRecord } from "../corpus/schema.ts";
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
}

export async function discoverInputs(inputs: string[], extensions = supportedExtensions()): Promise<Discovered> {
  const files: InputFile[] = [];
  const errors: ErrorRecord[] = [];
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
      }
      if (files.length === before) {
        errors.push({ source: input, stage: "discover", code: "empty", message: `no supported input files (${extensions.join(", ")}) in ${input}` });
      }
    } else {
      files.push({ path: abs, source: basename(abs) });
    }
  }
  const seen = new Set<string>();
  const unique = files.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
  unique.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { files: unique, errors };
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
