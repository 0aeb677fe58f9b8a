// The batch: discover inputs, skip what the corpus already holds, run the rest through the worker pool, commit
// each deck to the corpus store as it finishes, remove deleted decks, and assemble the corpus files.
// Safe to kill at any moment and to run nightly: see corpus/store.ts.
import type { Stats } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import PQueue from "p-queue";
import { sha256 } from "../model/ids.ts";
import { acquireLock, type LockOwner } from "../corpus/store/lock.ts";
import type { ErrorRecord } from "../model/schema.ts";
import { CorpusStore, stateDirOf, type CorpusTotals, type Part, type StoreHooks } from "../corpus/store/store.ts";
import type { Tagger } from "../corpus/enrich/tag.ts";
import { syncSearchIndex } from "../corpus/search/sync.ts";
import { defaultTaxonomy } from "../corpus/enrich/default-taxonomy.ts";
import type { Taxonomy } from "../corpus/enrich/taxonomy.ts";
import type { ExtractOptions } from "../extractors/types.ts";
import type { NormalizeOptions } from "../normalizers/index.ts";
import { discoverInputs, type InputFile } from "./discover.ts";
import { WorkerPool } from "./pool.ts";
import type { DocumentFailure, DocumentResult } from "./process.ts";
import { PIPELINE_VERSION } from "./version.ts";

export interface IngestOptions {
  /** Output folder. */
  out: string;
  /** Documents processed at once (worker threads). Default: the number of cores. */
  jobs?: number;
  /** Reprocess every document, even unchanged ones. */
  force?: boolean;
  /** Keep the records of decks whose source file is gone. */
  keepDeleted?: boolean;
  /** Hash every file to detect changes, instead of trusting an unchanged size and modification time. */
  checksum?: boolean;
  /** Per-document time limit in ms; 0 for none. Default 300 000 (5 minutes). */
  docTimeoutMs?: number;
  /** Heap limit per worker thread in MB. Default 2048. */
  workerMemoryMb?: number;
  /**
   * Run documents in worker threads (default). `false` runs them on the main thread, without time or memory
   * limits; implied by a custom `tagger`, which cannot be sent to a thread.
   */
  isolate?: boolean;
  extract?: Omit<ExtractOptions, "signal" | "onPage">;
  normalize?: NormalizeOptions;
  tagger?: Tagger;
  /** Tag with this taxonomy instead of the default one (sent to the worker threads, unlike a `tagger`). */
  taxonomy?: Taxonomy;
  /** Hooks of derived stores (the search index), see corpus/store.ts. */
  storeHooks?: StoreHooks;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Stops the run: no new documents start, running ones are stopped and not recorded, the lock is released, and
   * `ingest` rejects with an `AbortError`. Everything committed so far stays; the next run goes on from there.
   */
  signal?: AbortSignal;
}

export type DocumentStatus = "processed" | "skipped" | "failed";

export type ProgressEvent =
  | { type: "start"; total: number; known: number; lockTakenOver?: LockOwner }
  /** An input named on the command line that cannot be read, or a file whose source another input already is. */
  | { type: "input_error"; error: ErrorRecord }
  | { type: "page"; source: string; page: number; method: "text" | "ocr" }
  | {
      type: "document"; source: string; status: DocumentStatus; ok: boolean; done: number; total: number;
      slides: number; ocrPages: number; ms: number; error?: ErrorRecord;
    }
  | { type: "removed"; source: string }
  | { type: "assemble" };

export interface IngestSummary {
  /** Input files found. */
  inputs: number;
  /** Documents run through the pipeline this run, successfully. */
  processed: number;
  /** Unchanged documents not run again (their records, or error, stay). */
  skipped: number;
  /** Failures this run: documents that failed, unreadable files, discovery errors. */
  failed: number;
  /** Decks removed because their source file is gone. */
  removed: number;
  /** Records produced this run. */
  records: number;
  /** Slides (pages) processed this run. */
  slides: number;
  ocrPages: number;
  repairs: number;
  /** Worker threads replaced after a timeout or crash. */
  workersReplaced: number;
  ms: number;
  pipelineVersion: string;
  /** What the corpus holds after the run. */
  corpus: CorpusTotals;
  startedAt: string;
  finishedAt: string;
}

export async function ingest(inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const emit = options.onProgress ?? (() => {});
  await mkdir(stateDirOf(options.out), { recursive: true });
  const lock = await acquireLock(stateDirOf(options.out));
  const releaseOnExit = () => lock.releaseSync();
  process.once("exit", releaseOnExit);
  let store: CorpusStore | undefined;
  let pool: WorkerPool | undefined;
  try {
    store = await CorpusStore.open(options.out, options.storeHooks);
    const { files, errors: runErrors } = await discoverInputs(inputs);
    emit({ type: "start", total: files.length, known: store.size, ...(lock.tookOver ? { lockTakenOver: lock.tookOver } : {}) });
    for (const error of runErrors) emit({ type: "input_error", error });
    const jobs = Math.max(1, options.jobs ?? availableParallelism());
    const isolate = options.isolate !== false && !options.tagger;
    const versionOf = outputVersions(options);
    if (isolate) {
      pool = new WorkerPool({
        size: jobs,
        timeoutMs: options.docTimeoutMs ?? 300_000,
        memoryMb: options.workerMemoryMb ?? 2048,
        onPage: (source, page, method) => emit({ type: "page", source, page, method }),
      });
    }
    const run = isolate ? poolRunner(pool!, options, jobs) : inProcessRunner(options);
    const counts = { processed: 0, skipped: 0, failed: 0, records: 0, slides: 0, ocrPages: 0, repairs: 0, done: 0 };
    // discovery gives each source once (a second file with the same source is a `duplicate_source` error)
    const seen = new Set(files.map((f) => f.source));

    const stop = () => void pool?.close(0);
    options.signal?.addEventListener("abort", stop, { once: true });
    const work = new PQueue({ concurrency: jobs * 2 });
    const handle = async (file: InputFile) => {
      const t0 = performance.now();
      const report: Report = (status, extra = {}) =>
        emit({
          type: "document", source: file.source, status, ok: status !== "failed", done: ++counts.done, total: files.length,
          slides: extra.slides ?? 0, ocrPages: extra.ocrPages ?? 0, ms: Math.round(performance.now() - t0),
          ...(extra.error ? { error: extra.error } : {}),
        });
      const unreadable = (err: unknown) => {
        const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        const error: ErrorRecord = { source: file.source, stage: "read", code: "unreadable", message: `cannot read ${file.source}: ${reason}` };
        runErrors.push(error);
        counts.failed++;
        report("failed", { error });
      };
      const known = store!.entry(file.source);
      const version = versionOf(file.source);
      // A failed PDF is retried when a password is given: it may have failed for want of one.
      const retry = known && !known.ok && options.extract?.password !== undefined && file.source.toLowerCase().endsWith(".pdf");
      const current = known && known.pipelineVersion === version && !options.force && !retry;
      let info: Stats;
      try {
        info = await stat(file.path);
      } catch (err) {
        return unreadable(err);
      }
      if (current && !options.checksum && known.size === info.size && known.mtimeMs === info.mtimeMs) {
        counts.skipped++;
        return report("skipped");
      }
      // Reading and processing hold a file's bytes: at most `work`'s concurrency of them at once.
      await work.add(async () => {
        if (options.signal?.aborted) return;
        let bytes: Uint8Array;
        try {
          bytes = await readFile(file.path);
        } catch (err) {
          return unreadable(err);
        }
        const sha = sha256(bytes);
        if (current && known.sha256 === sha) {
          counts.skipped++;
          return report("skipped");
        }
        await processFile(file, version, info, bytes, sha, report);
      });
    };
    const processFile = async (file: InputFile, version: string, info: Stats, bytes: Uint8Array, sha: string, report: Report) => {
      const result = await run(file.source, bytes, sha);
      if (options.signal?.aborted) return; // stopped by the abort, not failed: it will be processed next time
      const part: Part = result.ok
        ? { source: file.source, sha256: sha, pipelineVersion: version, ok: true, deck: { ...result.deck, pipelineVersion: version }, records: result.records }
        : { source: file.source, sha256: sha, pipelineVersion: version, ok: false, error: result.error };
      await store!.commit(part, { size: info.size, mtimeMs: info.mtimeMs });
      if (result.ok) {
        const ocrPages = result.deck.slides.filter((s) => s.method === "ocr").length;
        counts.processed++;
        counts.records += result.records.length;
        counts.slides += result.deck.slideCount;
        counts.ocrPages += ocrPages;
        counts.repairs += result.deck.repairs;
        report("processed", { slides: result.deck.slideCount, ocrPages });
      } else {
        counts.failed++;
        report("failed", { error: result.error });
      }
    };
    // A fixed number of loops pull files from one iterator: pending work never grows with the corpus (a queue
    // holding a task per file would). Checking a file for changes is cheap and runs wide; reading and
    // processing go through `work`, a little ahead of the threads.
    const next = files.values();
    await Promise.all(Array.from({ length: Math.max(16, jobs * 2) }, async () => {
      for (const file of next) {
        if (options.signal?.aborted) break;
        await handle(file);
      }
    }));
    options.signal?.removeEventListener("abort", stop);
    options.signal?.throwIfAborted();

    let removed = 0;
    // A folder that could not be read is not a folder whose decks were deleted: remove nothing then.
    const unreadableRoot = runErrors.some((e) => e.stage === "discover" && e.code === "unreadable");
    if (!options.keepDeleted && !unreadableRoot) {
      for (const source of [...store.sources()].filter((s) => !seen.has(s))) {
        await store.remove(source);
        removed++;
        emit({ type: "removed", source });
      }
    }
    emit({ type: "assemble" });
    const taxonomy = options.taxonomy ?? options.tagger?.taxonomy ?? defaultTaxonomy();
    const { totals } = await store.assemble(runErrors, (s) => syncSearchIndex(s, taxonomy));
    const summary: IngestSummary = {
      inputs: files.length,
      processed: counts.processed,
      skipped: counts.skipped,
      failed: counts.failed + runErrors.filter((e) => e.stage === "discover").length,
      removed,
      records: counts.records,
      slides: counts.slides,
      ocrPages: counts.ocrPages,
      repairs: counts.repairs,
      workersReplaced: pool?.replaced ?? 0,
      ms: Math.round(performance.now() - started),
      pipelineVersion: PIPELINE_VERSION,
      corpus: totals,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    await store.writeRun(summary);
    return summary;
  } finally {
    await pool?.close();
    // Documents run on this thread (isolate: false) may have started OCR workers.
    if (!pool) await (await import("../extractors/registry.ts")).shutdownExtractors();
    await store?.close();
    await lock.release();
    process.off("exit", releaseOnExit);
  }
}

type Report = (status: DocumentStatus, extra?: { slides?: number; ocrPages?: number; error?: ErrorRecord }) => void;

type Runner = (source: string, bytes: Uint8Array, sha: string) => Promise<DocumentResult | DocumentFailure>;

/**
 * The version a deck's results are stamped with, which decides on later runs whether they are current: the
 * pipeline's version, plus a digest of the settings that change a deck's records when they are not the defaults
 * (a user taxonomy; the repair turned off or forced; for PDFs, the OCR mode, languages and resolution). Running
 * again with other settings then reprocesses the decks they concern, and only those.
 */
export function outputVersions(options: Pick<IngestOptions, "taxonomy" | "normalize" | "extract">): (source: string) => string {
  const { repair, mode } = options.normalize ?? {};
  const { ocr, lang, ocrDpi } = options.extract ?? {};
  const common = {
    ...(repair === false ? { repair } : {}),
    ...(mode && mode !== "auto" ? { mode } : {}),
  };
  const pdf = {
    ...common,
    ...(ocr && ocr !== "auto" ? { ocr } : {}),
    ...(lang && lang !== "dan+eng" ? { lang } : {}),
    ...(ocrDpi ? { ocrDpi } : {}),
  };
  const stamp = (settings: object) => {
    let version = PIPELINE_VERSION;
    if (options.taxonomy) version += `+concepts.${sha256(JSON.stringify(options.taxonomy)).slice(0, 12)}`;
    if (Object.keys(settings).length) version += `+settings.${sha256(JSON.stringify(settings)).slice(0, 12)}`;
    return version;
  };
  const forPdf = stamp(pdf), forOther = stamp(common);
  return (source) => (source.toLowerCase().endsWith(".pdf") ? forPdf : forOther);
}

function poolRunner(pool: WorkerPool, options: IngestOptions, jobs: number): Runner {
  // Each thread has its own OCR pool: share the cores between them rather than start cores × threads OCR workers.
  const extract = { ocrWorkers: Math.max(1, Math.floor(availableParallelism() / jobs)), ...options.extract };
  delete (extract as ExtractOptions).signal;
  delete (extract as ExtractOptions).onPage;
  return (source, bytes, sha) => pool.run({ bytes, source, extract, normalize: options.normalize, taxonomy: options.taxonomy }, sha);
}

function inProcessRunner(options: IngestOptions): Runner {
  // Loaded on first use: with worker threads the main thread never needs the stages (or their start-up cost).
  return async (source, bytes) => {
    const [{ processDocument }, { createTagger }] = await Promise.all([import("./process.ts"), import("../corpus/enrich/tag.ts")]);
    const tagger = options.tagger ?? createTagger(options.taxonomy);
    return processDocument(bytes, source, { extract: options.extract, normalize: options.normalize, tagger });
  };
}
