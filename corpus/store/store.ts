// The corpus store: the only code that touches the output folder.
//
// Layout of <out>/:
//   records.jsonl, decks.jsonl, errors.jsonl, run.json, schema/*.json   the corpus, for readers
//   .slidecorpus/lock                                                   the running ingest (corpus/lock.ts)
//   .slidecorpus/manifest.jsonl                                         what each source was processed from
//   .slidecorpus/parts/<hash of source, content, version>.jsonl         one deck's results: header, deck or error, records
//   .slidecorpus/parts/<same hash>.thumbs                               its page thumbnails, when made (thumbnails.ts)
//   .slidecorpus/assembled                                              which manifest state the corpus files show
//
// Crash safety: a deck is committed by writing its part file atomically (temp, fsync, rename, fsync folder) and
// then appending its manifest line (fsync). Kill the process anywhere and, on the next run, the deck either is in
// the manifest with its part on disk, or is processed again. The corpus files are assembled at the end of a run by
// streaming the parts in source order into temporary files that are renamed into place, so a reader always sees a
// complete file, and an interrupted run followed by a completing run gives the same bytes as one uninterrupted run.
//
// Derived stores (the search index, corpus/search/sync.ts) are brought up to date by the `derive` callback that
// `assemble` runs after the corpus files and before the `assembled` stamp, so a run killed in between is completed
// by the next one. The store itself knows nothing of them.
import type { CorpusTotals } from "../../model/run.ts";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { sha256 } from "../../model/ids.ts";
import { Manifest, compareSource, type ManifestEntry } from "./manifest.ts";
import type { CorpusRecord, Deck, ErrorRecord } from "../../model/schema.ts";
import type { DeckIdentity, Part, PartHeader } from "../../model/store.ts";
import { jsonLine } from "./jsonl.ts";
import { AtomicFileWriter, FileReader, fsyncDir, hashFile, removeTemps, writeAtomic, type FileDigest } from "./atomic.ts";
import { encodeThumbnails, thumbnailsNameOf } from "./thumbnails.ts";

export const STATE_DIR = ".slidecorpus";

export type { Part, PartHeader };

/** A part file found damaged when read, and why. */
export interface DamagedPart {
  source: string;
  reason: string;
}

/**
 * Part files whose bytes are not what was committed (damaged on disk, edited): they have been discarded (their
 * manifest entries and files removed), so their decks are processed again by the next attempt.
 */
export class DamagedPartError extends Error {
  readonly damaged: DamagedPart[];
  constructor(damaged: DamagedPart[]) {
    super(`damaged part files discarded: ${damaged.map((d) => `${d.source} (${d.reason})`).join(", ")}`);
    this.name = "DamagedPartError";
    this.damaged = damaged;
  }
}

export interface AssembleOptions {
  /** Write the corpus files even when the stamp says they are current. */
  force?: boolean;
  /** Stops the assembly before the corpus files are replaced (they stay as they were); rejects with an AbortError. */
  signal?: AbortSignal;
}

/** What a commit records besides the results: the file's identity, for the incremental check. */
export type FileStat = Pick<ManifestEntry, "size" | "mtimeMs">;

/**
 * Extension points for derived stores (the search index). Each runs after the change is durable in this store;
 * if it fails or the process dies before it runs, the manifest still holds the truth to rebuild from.
 */
export interface StoreHooks {
  /** A deck's results were committed (new or replaced): replace its rows, in one transaction. */
  deckCommitted?(part: Part): Promise<void> | void;
  /** A deck was removed from the corpus (its source was deleted): remove its rows. */
  deckRemoved?(source: string): Promise<void> | void;
  /** The corpus files were assembled (or were already up to date): the run's writes are complete. */
  assembled?(store: CorpusStore): Promise<void> | void;
}

export class CorpusStore {
  readonly out: string;
  readonly stateDir: string;
  readonly partsDir: string;
  private readonly manifest: Manifest;
  private readonly hooks: StoreHooks;
  /** Reads the part files (assembly, the search index), reusing its buffers. */
  private readonly reader = new FileReader();
  /** Sources whose manifest entry was dropped at open because their part file is missing. */
  readonly recovered: string[];
  /** Sources whose committed part has a thumbnails file beside it. */
  private readonly thumbnailed: Set<string>;

  private constructor(out: string, manifest: Manifest, hooks: StoreHooks, recovered: string[], thumbnailed: Set<string>) {
    this.out = out;
    this.stateDir = join(out, STATE_DIR);
    this.partsDir = join(this.stateDir, "parts");
    this.manifest = manifest;
    this.hooks = hooks;
    this.recovered = recovered;
    this.thumbnailed = thumbnailed;
  }

  /**
   * Opens (creating) the store and recovers from any crash: loads the manifest, drops entries whose part is
   * missing, deletes part files no entry refers to and the temporary files (corpus/store/atomic.ts) left behind
   * in the output folder, its schema/ and the state folder, whoever wrote them (the corpus files, the search
   * index, the manifest, the lock).
   * The caller holds the lock (corpus/lock.ts) on `stateDirOf(out)`.
   */
  static async open(out: string, hooks: StoreHooks = {}): Promise<CorpusStore> {
    const stateDir = stateDirOf(out);
    const partsDir = join(stateDir, "parts");
    await mkdir(partsDir, { recursive: true });
    const manifest = await Manifest.open(join(stateDir, "manifest.jsonl"));
    const onDisk = new Set(await readdir(partsDir));
    const recovered: string[] = [];
    const referenced = new Set<string>();
    const thumbnailed = new Set<string>();
    for (const entry of manifest.sorted()) {
      if (onDisk.has(entry.part)) {
        referenced.add(entry.part);
        const thumbs = thumbnailsNameOf(entry.part);
        if (onDisk.has(thumbs)) {
          referenced.add(thumbs);
          thumbnailed.add(entry.source);
        }
      } else {
        recovered.push(entry.source);
        await manifest.delete(entry.source);
      }
    }
    for (const name of onDisk) if (!referenced.has(name)) await rm(join(partsDir, name), { force: true });
    for (const dir of [out, join(out, "schema"), stateDir]) await removeTemps(dir);
    return new CorpusStore(out, manifest, hooks, recovered, thumbnailed);
  }

  entry(source: string): ManifestEntry | undefined {
    return this.manifest.get(source);
  }

  sources(): IterableIterator<string> {
    return this.manifest.sources();
  }

  /** Whether the source's committed deck has its thumbnails file (made by a run that asked for thumbnails). */
  hasThumbnails(source: string): boolean {
    return this.thumbnailed.has(source);
  }

  /** Sources in the manifest (decks and failed documents). */
  get size(): number {
    return this.manifest.size;
  }

  /** Writes one deck's results durably and records them in the manifest. Replaces earlier results of the source. */
  async commit(part: Part, stat: FileStat): Promise<void> {
    // A new name for new content: until the manifest line is written, the entry still points at the old part,
    // which is untouched, so a crash in between leaves the old results (and an orphan that open() deletes).
    const name = partNameOf(part.source, part.sha256, part.pipelineVersion);
    const previous = this.manifest.get(part.source)?.part;
    const header: PartHeader = { source: part.source, sha256: part.sha256, pipelineVersion: part.pipelineVersion, ok: part.ok };
    const lines = [jsonLine(header)];
    if (part.ok) {
      lines.push(jsonLine(part.deck));
      for (const r of part.records) lines.push(jsonLine(r));
    } else {
      lines.push(jsonLine(part.error));
    }
    const text = lines.join("\n") + "\n";
    const entry: ManifestEntry = {
      ...header,
      part: name,
      records: part.ok ? part.records.length : 0,
      slides: part.ok ? part.deck.slideCount : 0,
      ocrPages: part.ok ? part.deck.slides.filter((s) => s.method === "ocr").length : 0,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      checksum: sha256(text),
    };
    // Checked against the model before anything is written (zod is loaded on the write path only).
    (await import("../../model/store.ts")).ManifestEntry.parse(entry);
    // The thumbnails first: a deck committed with thumbnails asked for has them (a crash before the manifest line
    // leaves an orphan that open() deletes). A deck committed without (--no-thumbnails) keeps those of the same
    // part name: the same content and version.
    const thumbs = part.ok && part.thumbnails ? encodeThumbnails(part.thumbnails) : undefined;
    if (thumbs) await writeAtomic(join(this.partsDir, thumbnailsNameOf(name)), thumbs);
    await writeAtomic(join(this.partsDir, name), text);
    await this.manifest.put(entry);
    if (thumbs) this.thumbnailed.add(part.source);
    if (previous && previous !== name) {
      await rm(join(this.partsDir, previous), { force: true });
      await rm(join(this.partsDir, thumbnailsNameOf(previous)), { force: true });
      if (!thumbs) this.thumbnailed.delete(part.source);
    }
    await this.hooks.deckCommitted?.(part);
  }

  /** Removes a source's results (its file was deleted). */
  async remove(source: string): Promise<void> {
    const entry = this.manifest.get(source);
    if (!entry) return;
    await this.manifest.delete(source);
    await rm(join(this.partsDir, entry.part), { force: true });
    await rm(join(this.partsDir, thumbnailsNameOf(entry.part)), { force: true });
    this.thumbnailed.delete(source);
    await this.hooks.deckRemoved?.(source);
  }

  /** Reads one committed part back, checked: a damaged one is discarded (DamagedPartError). */
  async readPart(source: string): Promise<Part | undefined> {
    const entry = this.manifest.get(source);
    if (!entry) return undefined;
    const text = await this.reader.text(join(this.partsDir, entry.part));
    const reason = damageOf(entry, text);
    if (reason) {
      await this.discard([{ source, reason }]);
      throw new DamagedPartError([{ source, reason }]);
    }
    const [head, second, ...rest] = text!.split("\n").filter(Boolean);
    const header = JSON.parse(head!) as PartHeader;
    return header.ok
      ? { ...header, ok: true, deck: JSON.parse(second!) as Deck, records: rest.map((l) => JSON.parse(l) as CorpusRecord) }
      : { ...header, ok: false, error: JSON.parse(second!) as ErrorRecord };
  }

  /** Corpus totals, from the manifest (no file is read). */
  totals(extraErrors: ErrorRecord[] = []): CorpusTotals {
    const t = { decks: 0, records: 0, errors: extraErrors.length };
    for (const e of this.manifest.sorted()) {
      if (e.ok) {
        t.decks++;
        t.records += e.records;
      } else t.errors++;
    }
    return t;
  }

  /** Drops damaged parts: their entries, their files, and their rows in derived stores. */
  private async discard(damaged: DamagedPart[]): Promise<void> {
    for (const { source } of damaged) await this.remove(source);
  }

  /**
   * Writes records.jsonl, decks.jsonl, errors.jsonl and schema/ from the parts, in source order, streaming one deck
   * at a time. `extraErrors` are errors that belong to this run only (discovery, unreadable files). Skipped when
   * the corpus files already show exactly this state (an unchanged re-run): the stamp names the manifest state
   * they were written from and each file's size and SHA-256, and a file that differs is written again.
   * Each part is checked as it is read: damaged ones are discarded and a DamagedPartError names them, with the
   * corpus files left as they were.
   */
  async assemble<D = undefined>(extraErrors: ErrorRecord[], derive?: (store: CorpusStore) => Promise<D>, options: AssembleOptions = {}): Promise<{ assembled: boolean; totals: CorpusTotals; derived: D | undefined }> {
    const errorsSorted = [...extraErrors].sort((a, b) => compareSource(a.source, b.source));
    // The manifest names each deck's pipeline version, so a new version (and schema) changes the key too.
    const key = sha256(`${this.manifest.contentKey()}\n${JSON.stringify(errorsSorted)}`);
    const stampPath = join(this.stateDir, "assembled");
    const totals = this.totals(extraErrors);
    const stamp = parseStamp(await readText(stampPath));
    if (!options.force && stamp?.key === key && (await this.corpusFilesMatch(stamp.files))) {
      // Derived stores are checked even then: a cheap comparison that writes nothing unless a file was lost or damaged.
      const derived = await derive?.(this);
      await this.hooks.assembled?.(this);
      return { assembled: false, totals, derived };
    }
    await mkdir(join(this.out, "schema"), { recursive: true });
    // zod is loaded only when the corpus files are written, not on an unchanged re-run.
    const { jsonSchemas } = await import("../../model/schema.ts");
    const files: Record<string, FileDigest> = {};
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const path = join(this.out, "schema", name);
      const text = JSON.stringify(schema, null, 2) + "\n";
      if ((await readText(path)) !== text) await writeAtomic(path, text);
      files[`schema/${name}`] = { size: Buffer.byteLength(text), sha256: sha256(text) };
    }
    const writers: AtomicFileWriter[] = [];
    try {
      for (const f of CORPUS_FILES) writers.push(await AtomicFileWriter.open(join(this.out, f)));
    } catch (err) {
      for (const w of writers) await w.abort();
      throw err;
    }
    const [records, decks, errors] = writers as [AtomicFileWriter, AtomicFileWriter, AtomicFileWriter];
    const reads: Promise<string | undefined>[] = [];
    try {
      let pending = 0;
      const flushErrorsBefore = async (source: string | undefined) => {
        while (pending < errorsSorted.length && (source === undefined || compareSource(errorsSorted[pending]!.source, source) <= 0)) {
          await errors.write(jsonLine(errorsSorted[pending++]) + "\n");
        }
      };
      const entries = this.manifest.sorted();
      // Parts are read a few ahead of the one being written (small files: latency, not bandwidth, is the cost).
      const ahead = 16;
      const read = (i: number) => {
        if (i < entries.length) reads[i] = this.reader.text(join(this.partsDir, entries[i]!.part));
      };
      for (let i = 0; i < ahead; i++) read(i);
      const damaged: DamagedPart[] = [];
      for (const [i, entry] of entries.entries()) {
        options.signal?.throwIfAborted();
        read(i + ahead);
        const text = await reads[i]!;
        delete reads[i];
        const reason = damageOf(entry, text);
        if (reason || text === undefined) {
          damaged.push({ source: entry.source, reason: reason ?? "it is missing" });
          continue;
        }
        const firstBreak = text.indexOf("\n");
        const secondBreak = text.indexOf("\n", firstBreak + 1);
        await flushErrorsBefore(entry.source);
        if (entry.ok) {
          await decks.write(text.slice(firstBreak + 1, secondBreak + 1));
          await records.write(text.slice(secondBreak + 1));
        } else {
          await errors.write(text.slice(firstBreak + 1, secondBreak + 1));
        }
      }
      if (damaged.length) {
        await this.discard(damaged);
        throw new DamagedPartError(damaged);
      }
      await flushErrorsBefore(undefined);
      for (const w of writers) await w.finish();
      options.signal?.throwIfAborted();
    } catch (err) {
      for (const w of writers) await w.abort();
      // parts read ahead and not awaited: settled quietly
      for (const pending of reads) void pending?.catch(() => {});
      throw err;
    }
    for (const w of writers) await w.rename();
    for (const w of writers) files[basename(w.path)] = w.digest();
    await fsyncDir(this.out);
    // Derived stores follow, before the stamp: a crash in between makes the next run finish them.
    const derived = await derive?.(this);
    await writeAtomic(stampPath, JSON.stringify({ key, files } satisfies Stamp) + "\n");
    await this.hooks.assembled?.(this);
    return { assembled: true, totals, derived };
  }

  /** The decks that succeeded, in source order, with the identity a derived store compares against. */
  committedDecks(): DeckIdentity[] {
    return this.manifest.sorted().filter((e) => e.ok).map((e) => ({ source: e.source, sha256: e.sha256, pipelineVersion: e.pipelineVersion }));
  }

  async writeRun(run: unknown): Promise<void> {
    await writeAtomic(join(this.out, "run.json"), JSON.stringify(run, null, 2) + "\n");
  }

  async close(): Promise<void> {
    await this.manifest.close();
  }

  /** Whether the corpus files are the ones the stamp describes: each file's size, then its SHA-256. */
  private async corpusFilesMatch(files: Record<string, FileDigest>): Promise<boolean> {
    if (!CORPUS_FILES.every((name) => name in files)) return false;
    for (const [name, digest] of Object.entries(files)) {
      const path = join(this.out, name);
      const size = (await stat(path).catch(() => undefined))?.size;
      if (size !== digest.size || (await hashFile(path)) !== digest.sha256) return false;
    }
    return true;
  }
}

export function stateDirOf(out: string): string {
  return join(out, STATE_DIR);
}

const CORPUS_FILES = ["records.jsonl", "decks.jsonl", "errors.jsonl"];

/** The `assembled` stamp: the state the corpus files were written from (`key`), and each file's digest by path. */
interface Stamp {
  key: string;
  files: Record<string, FileDigest>;
}

/** The stamp, or undefined when there is none or it cannot be read (then the corpus files are written again). */
function parseStamp(text: string | undefined): Stamp | undefined {
  if (text === undefined) return undefined;
  try {
    const stamp = JSON.parse(text) as Partial<Stamp> | null;
    if (typeof stamp?.key !== "string" || typeof stamp.files !== "object" || stamp.files === null) return undefined;
    const valid = Object.values(stamp.files).every((d) => typeof d?.size === "number" && typeof d.sha256 === "string");
    return valid ? (stamp as Stamp) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a part file's text is not the part its manifest entry names (damaged on disk, cut short, edited), or
 * undefined when it is. Entries from before checksums were kept are checked for shape: a header that matches,
 * whole JSON lines, as many as the entry counts.
 */
function damageOf(entry: ManifestEntry, text: string | undefined): string | undefined {
  if (text === undefined) return "it is missing";
  if (entry.checksum !== undefined && sha256(text) !== entry.checksum) return "its checksum does not match";
  if (!text.endsWith("\n")) return "it is cut short";
  const lines = text.slice(0, -1).split("\n");
  let header: Partial<PartHeader> | null;
  try {
    header = JSON.parse(lines[0]!) as Partial<PartHeader> | null;
  } catch {
    return "its header is not JSON";
  }
  if (header?.source !== entry.source || header.sha256 !== entry.sha256 || header.pipelineVersion !== entry.pipelineVersion || header.ok !== entry.ok) {
    return "its header does not match the manifest";
  }
  if (lines.length !== 2 + (entry.ok ? entry.records : 0)) return `it holds ${lines.length} lines, not ${2 + (entry.ok ? entry.records : 0)}`;
  if (entry.checksum === undefined) {
    for (const line of lines.slice(1)) {
      try {
        JSON.parse(line);
      } catch {
        return "a line is not JSON";
      }
    }
  }
  return undefined;
}

/** The name of a deck's part file in the parts folder. */
export function partNameOf(source: string, contentSha: string, pipelineVersion: string): string {
  return `${sha256(`${source}\u0000${contentSha}\u0000${pipelineVersion}`).slice(0, 32)}.jsonl`;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}
