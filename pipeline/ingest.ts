// The batch, in three steps: plan (discover the inputs, compare them with the corpus's manifest: what to
// process, skip, remove), run (the documents through a Runner, each deck committed to the corpus store as it
// finishes), finish (remove deleted decks, assemble the corpus files and the search index, write run.json).
// Safe to kill at any moment and to run nightly: see corpus/store/store.ts.
import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import PQueue from "p-queue";
import { sha256 } from "../model/ids.ts";
import type { RunSummary } from "../model/run.ts";
import { acquireLock, type LockOwner } from "../corpus/store/lock.ts";
import type { ErrorRecord } from "../model/schema.ts";
import { InflightJournal, type Suspect } from "../corpus/store/inflight.ts";
import { CorpusStore, DamagedPartError, stateDirOf, type Part, type StoreHooks } from "../corpus/store/store.ts";
import type { Tagger } from "../corpus/enrich/tag.ts";
import { syncSearchIndex } from "../corpus/search/sync.ts";
import { defaultTaxonomy } from "../corpus/enrich/default-taxonomy.ts";
import type { Taxonomy } from "../corpus/enrich/taxonomy.ts";
import type { ExtractSettings } from "../extractors/types.ts";
import type { NormalizeOptions } from "../normalizers/index.ts";
import { discoverInputs, ioPath, type SkippedEntry } from "./discover.ts";
import { readInput } from "./read-input.ts";
import { extractorFor } from "../extractors/registry.ts";
import { docTimes, type DocMarks } from "./doc-time.ts";
import { inProcessRunner } from "./in-process-runner.ts";
import { MassDeleteError, planRun, statInputs, type Plan, type Step } from "./plan.ts";
import type { DocumentOutcome, DocumentSettings, Runner } from "./runner.ts";
import { clampJobs, machine, threadRunner } from "./thread-runner.ts";
import { PIPELINE_VERSION } from "./version.ts";

export interface IngestOptions {
  /** Output folder. */
  out: string;
  /**
   * Where documents are processed (see pipeline/runner.ts): the worker-thread runner by default. A runner given
   * here is the caller's to close; `jobs`, `docTimeoutMs`, `workerMemoryMb`, `isolate` and `tagger` then do not
   * apply (give them to the runner).
   */
  runner?: Runner;
  /** Documents processed at once (worker threads). Default: the number of cores. */
  jobs?: number;
  /**
   * Make page thumbnails where the format can (PDF pages; PPTX/ODP slides that are pictures), kept beside each deck's part for `serve` (default true).
   * They change no record. A deck committed without them is processed again by a run that makes them.
   */
  thumbnails?: boolean;
  /** Reprocess every document, even unchanged ones. */
  force?: boolean;
  /** Keep the records of decks whose source file is gone. */
  keepDeleted?: boolean;
  /**
   * Remove the decks whose file is gone even when they are more than half of the corpus, or all of it. Without it
   * such a run is refused before it changes anything (a MassDeleteError): an unmounted archive is an empty folder.
   */
  allowMassDelete?: boolean;
  /** Hash every file to detect changes, instead of trusting an unchanged size and modification time. */
  checksum?: boolean;
  /**
   * Process again the documents that failed in earlier runs, even unchanged (a `process_crashed` or `timeout` after a
   * fix). Without it a failed document is tried again only when its file changes.
   */
  retryFailed?: boolean;
  /** Per-document time limit in ms; 0 for none. Default 300 000 (5 minutes). */
  docTimeoutMs?: number;
  /** Heap limit per worker thread in MB. Default 2048. */
  workerMemoryMb?: number;
  /** Largest input file read, in bytes; a larger one gets an error record (`limit_exceeded`). Default 2 GiB. */
  maxFileBytes?: number;
  /**
   * Run documents in worker threads (default). `false` runs them on the main thread (the in-process runner),
   * without time or memory limits; implied by a custom `tagger`, which cannot be sent to a thread.
   */
  isolate?: boolean;
  extract?: ExtractSettings;
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
  /** A file in an input folder of a type slidecorpus does not read: named once, counted, not an error. */
  | { type: "unsupported"; path: string }
  /** An entry of an input folder that is not a regular file or a folder (a symbolic link, FIFO, socket, device): not read. */
  | { type: "not_regular"; path: string; kind: SkippedEntry["kind"] }
  | { type: "page"; source: string; page: number; method: "text" | "ocr" }
  | {
      type: "document"; source: string; status: DocumentStatus; ok: boolean; done: number; total: number;
      slides: number; ocrPages: number;
      /**
       * The document's own time: from when the runner started it to its outcome (reading and hashing for one
       * that did not reach the runner); not the time it waited for a worker. See doc-time.ts.
       */
      ms: number;
      /** Time it waited for a free worker or a place among the files being read, or for its outcome to be taken in. */
      waitMs: number;
      error?: ErrorRecord;
      /** The worker that processed it, when the runner names one (a queue worker). */
      worker?: string;
    }
  | { type: "removed"; source: string }
  /** A part file was damaged on disk: it was discarded, and the deck is processed again in this run. */
  | { type: "damaged_part"; source: string; reason: string }
  /** Something the run changed from what it was asked (e.g. fewer threads than --jobs). */
  | { type: "warning"; message: string }
  | { type: "assemble" };

/** What a run did and what the corpus holds after it: run.json (schema in model/run.ts). */
export type IngestSummary = RunSummary;

export async function ingest(inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const emit = options.onProgress ?? (() => {});
  await mkdir(stateDirOf(options.out), { recursive: true });
  const lock = await acquireLock(stateDirOf(options.out));
  const releaseOnExit = () => lock.releaseSync();
  process.once("exit", releaseOnExit);
  let store: CorpusStore | undefined;
  let inflight: InflightJournal | undefined;
  const ownRunner = options.runner ? undefined : defaultRunner(options, emit);
  try {
    store = await CorpusStore.open(options.out, options.storeHooks);
    const { files, errors: discoveryErrors, unsupported, skipped: notRegular } = await discoverInputs(inputs);
    emit({ type: "start", total: files.length, known: store.size, ...(lock.tookOver ? { lockTakenOver: lock.tookOver } : {}) });
    for (const error of discoveryErrors) emit({ type: "input_error", error });
    for (const path of unsupported) emit({ type: "unsupported", path });
    for (const entry of notRegular) emit({ type: "not_regular", path: entry.path, kind: entry.kind });
    const settings = settingsOf(options);
    const stored = store;
    const planOptions = {
      settings, force: options.force, checksum: options.checksum, keepDeleted: options.keepDeleted, allowMassDelete: options.allowMassDelete,
      retryFailed: options.retryFailed,
    };
    const plan = planRun(
      { files, states: await statInputs(files), discoveryErrors, known: (source) => stored.entry(source), stored: stored.sources(), hasThumbnails: (source) => stored.hasThumbnails(source) },
      planOptions,
    );
    if (plan.refused) throw new MassDeleteError(plan.refused);
    const runner = options.runner ?? ownRunner!;
    // Documents processed in this process: one that kills it is found in flight by the next run (inflight.ts).
    if (!runner.remote) {
      inflight = await InflightJournal.open(store.stateDir, (source, sha) => stored.entry(source)?.sha256 === sha);
      const suspects = inflight.list().filter((s) => !isGuilty(s));
      if (suspects.length) {
        emit({
          type: "warning",
          message: `${suspects.length} document${suspects.length > 1 ? "s were" : " was"} being processed when an earlier run died ` +
            `(${suspects.map((s) => s.source).slice(0, 5).join(", ")}${suspects.length > 5 ? ", …" : ""}): processed first, one at a time`,
        });
      }
    }
    const context: RunContext = { store, runner, settings, emit, signal: options.signal, maxFileBytes: options.maxFileBytes, inflight };
    const ran = await runPlan(plan, context);
    options.signal?.throwIfAborted();
    // suspects whose file is no longer an input are forgotten
    if (inflight?.list().length) {
      const inputSources = new Set(files.map((f) => f.source));
      inflight.retain((source) => inputSources.has(source));
    }
    // Decks whose part file is found damaged when the corpus is assembled are processed again, once.
    const reprocess = async (sources: string[]): Promise<RunCounts> => {
      const again = new Set(sources);
      const subset = files.filter((f) => again.has(f.source));
      const replan = planRun(
        { files: subset, states: await statInputs(subset), discoveryErrors: [], known: (source) => stored.entry(source), stored: [] },
        planOptions,
      );
      return runPlan(replan, context);
    };
    return await finish(plan, ran, {
      store, emit, startedAt, started,
      discoveryErrors,
      unsupported: unsupported.length,
      notRegular: notRegular.length,
      taxonomy: options.taxonomy ?? options.tagger?.taxonomy ?? defaultTaxonomy(),
      workersReplaced: runner.workersReplaced,
      force: options.force === true,
      signal: options.signal,
      reprocess,
    });
  } finally {
    await ownRunner?.close();
    await inflight?.close();
    await store?.close();
    await lock.release();
    process.off("exit", releaseOnExit);
  }
}

/** The runner `ingest` makes when given none: worker threads, or the main thread for a custom tagger. */
function defaultRunner(options: IngestOptions, emit: (event: ProgressEvent) => void): Runner {
  let jobs = options.jobs;
  if (jobs !== undefined) {
    // each thread holds its own pdf.js and modules (the lexicons are shared): more threads than cores or memory allow only cost memory
    const clamped = clampJobs(jobs, machine(), options.workerMemoryMb ?? 2048);
    if (clamped.reason) emit({ type: "warning", message: clamped.reason });
    jobs = clamped.jobs;
  }
  if (options.isolate === false || options.tagger) {
    return inProcessRunner({ ...(options.tagger ? { tagger: options.tagger } : {}), concurrency: jobs ?? availableParallelism() });
  }
  return threadRunner({
    ...(jobs !== undefined ? { threads: jobs } : {}),
    ...(options.docTimeoutMs !== undefined ? { docTimeoutMs: options.docTimeoutMs } : {}),
    ...(options.workerMemoryMb !== undefined ? { workerMemoryMb: options.workerMemoryMb } : {}),
    ...(options.extract?.ocrWorkers !== undefined ? { ocrWorkers: options.extract.ocrWorkers } : {}),
  });
}

/** The settings every document of the run is processed with, as plain data. */
function settingsOf(options: IngestOptions): DocumentSettings {
  const extract = { ...options.extract, thumbnails: options.thumbnails ?? options.extract?.thumbnails ?? true };
  // only data travels to a runner, whatever a JavaScript caller put in
  delete (extract as { signal?: unknown }).signal;
  delete (extract as { onPage?: unknown }).onPage;
  return { extract, normalize: options.normalize, taxonomy: options.taxonomy };
}

interface RunContext {
  store: CorpusStore;
  runner: Runner;
  settings: DocumentSettings;
  emit: (event: ProgressEvent) => void;
  signal: AbortSignal | undefined;
  maxFileBytes: number | undefined;
  /** The in-flight journal, when the documents run in this process. */
  inflight: InflightJournal | undefined;
}

/**
 * Deaths of the process a document may be in flight for before it is no longer processed: the first makes it a
 * suspect, processed alone at the start of the next run; dying again (alone then) convicts it.
 */
const MAX_PROCESS_CRASHES = 2;

/** A suspect that was alone in flight when the process died, or died with it too often: not processed again. */
function isGuilty(s: Suspect): boolean {
  return s.alone || s.crashes >= MAX_PROCESS_CRASHES;
}

/** What the run step did. */
export interface RunCounts {
  processed: number;
  skipped: number;
  failed: number;
  records: number;
  slides: number;
  ocrPages: number;
  repairs: number;
  /** The documents' own time summed, and their time waiting for a worker summed (see doc-time.ts). */
  documentMs: number;
  waitMs: number;
  /** Files that could not be read: they go to errors.jsonl. */
  errors: ErrorRecord[];
}

type Report = ((status: DocumentStatus, extra?: { slides?: number; ocrPages?: number; error?: ErrorRecord; worker?: string | undefined }) => void) & {
  /** The document's moments so far, set by the run step as it goes (see doc-time.ts). */
  marks: Partial<DocMarks> & { queued: number };
};

/**
 * The documents of the plan through the runner, each committed to the store as it finishes. Stopped by the
 * signal: no new document starts, running ones are stopped and not recorded.
 */
async function runPlan(plan: Plan, { store, runner, settings, emit, signal, maxFileBytes, inflight }: RunContext): Promise<RunCounts> {
  const counts: RunCounts = { processed: 0, skipped: 0, failed: 0, records: 0, slides: 0, ocrPages: 0, repairs: 0, documentMs: 0, waitMs: 0, errors: [] };
  const total = plan.steps.length;
  let done = 0;
  const reporter = (step: Step): Report => {
    const marks: Report["marks"] = { queued: performance.now() };
    const report = (status: DocumentStatus, extra: Parameters<Report>[1] = {}) => {
      const { ms, waitMs } = docTimes({ ...marks, done: marks.done ?? performance.now() });
      counts.documentMs += ms;
      counts.waitMs += waitMs;
      emit({
        type: "document", source: step.file.source, status, ok: status !== "failed", done: ++done, total,
        slides: extra.slides ?? 0, ocrPages: extra.ocrPages ?? 0, ms, waitMs,
        ...(extra.error ? { error: extra.error } : {}),
        ...(extra.worker ? { worker: extra.worker } : {}),
      });
    };
    return Object.assign(report, { marks });
  };
  const unreadable = (error: ErrorRecord, report: Report) => {
    counts.errors.push(error);
    counts.failed++;
    report("failed", { error });
  };
  const processFile = async (step: Extract<Step, { action: "read" }>, report: Report, alone = false) => {
    const { file, version } = step;
    report.marks.taken = performance.now();
    const read = await readInput(ioPath(file), maxFileBytes);
    if (!read.ok) return unreadable({ source: file.source, stage: "read", code: read.error.code, message: `cannot read ${file.source}: ${read.error.message}` }, report);
    const bytes = read.bytes;
    const sha = sha256(bytes);
    const suspect = inflight?.suspect(file.source);
    if (step.unlessSha256 === sha) {
      if (suspect) await inflight!.end(file.source);
      counts.skipped++;
      return report("skipped");
    }
    const onPage = (p: { page: number; method: "text" | "ocr" }) => emit({ type: "page", source: file.source, ...p });
    const onStart = (at?: number) => (report.marks.started = at ?? performance.now());
    const onEnd = (at: number) => (report.marks.ended = at);
    let result: DocumentOutcome;
    if (suspect?.sha256 === sha && isGuilty(suspect)) {
      // it killed the whole process (not a worker thread: that is caught), and would again on every run
      const how = suspect.alone ? `${suspect.crashes > 1 ? `${suspect.crashes} times, the last time` : "once,"} while it was processed alone` : `${suspect.crashes} times`;
      result = {
        ok: false,
        error: {
          source: file.source, stage: "extract", code: "process_crashed", sha256: sha,
          message: `the whole ingest process died while processing it (${how}): an abort in native code, or killed by the system ` +
            "for its memory; not processed again until the file changes or --retry-failed",
        },
      };
      report.marks.done = performance.now();
    } else {
      try {
        // on disk before a worker can take it: if it takes the process down, the next run knows
        await inflight?.start(file.source, sha, alone);
        signal?.throwIfAborted(); // stopped while it was noted: not handed over
        report.marks.handed = performance.now();
        result = await runner.run({ source: file.source, bytes, sha256: sha, settings }, { onPage, onStart, onEnd, ...(signal ? { signal } : {}) });
        report.marks.done = performance.now();
      } catch (err) {
        if (signal?.aborted) return; // stopped, not failed: it will be processed next time
        throw err;
      }
      if (signal?.aborted) return;
    }
    const part: Part = result.ok
      ? { source: file.source, sha256: sha, pipelineVersion: version, ok: true, deck: { ...result.deck, pipelineVersion: version }, records: result.records, ...(result.thumbnails ? { thumbnails: result.thumbnails } : {}) }
      : { source: file.source, sha256: sha, pipelineVersion: version, ok: false, error: result.error };
    await store.commit(part, { size: step.size, mtimeMs: step.mtimeMs });
    await inflight?.end(file.source);
    if (result.ok) {
      const ocrPages = result.deck.slides.filter((s) => s.method === "ocr").length;
      counts.processed++;
      counts.records += result.records.length;
      counts.slides += result.deck.slideCount;
      counts.ocrPages += ocrPages;
      counts.repairs += result.deck.repairs;
      report("processed", { slides: result.deck.slideCount, ocrPages, worker: result.worker });
    } else {
      counts.failed++;
      report("failed", { error: result.error, worker: result.worker });
    }
  };
  // Reading and processing hold a file's bytes: at most `work`'s concurrency of them at once, a little ahead of
  // the runner. A fixed number of loops pull steps from one iterator: pending work never grows with the corpus
  // (a queue holding a task per file would).
  // Documents in flight when an earlier run died go first, one at a time: if one kills the process again, it was
  // alone, and the next run records it instead of dying on it again (isGuilty).
  const suspects = inflight ? plan.steps.filter((s): s is Extract<Step, { action: "read" }> => s.action === "read" && inflight.suspect(s.file.source) !== undefined) : [];
  for (const step of suspects) {
    if (signal?.aborted) break;
    await processFile(step, reporter(step), true);
  }
  const first = new Set<Step>(suspects);
  const work = new PQueue({ concurrency: runner.concurrency * 2 });
  const next = (first.size ? plan.steps.filter((s) => !first.has(s)) : plan.steps).values();
  await Promise.all(Array.from({ length: Math.max(16, runner.concurrency * 2) }, async () => {
    for (const step of next) {
      if (signal?.aborted) break;
      const report = reporter(step);
      if (step.action === "skip") {
        counts.skipped++;
        report("skipped");
      } else if (step.action === "unreadable") {
        unreadable(step.error, report);
      } else {
        await work.add(async () => {
          if (!signal?.aborted) await processFile(step, report);
        });
      }
    }
  }));
  return counts;
}

interface FinishContext {
  store: CorpusStore;
  emit: (event: ProgressEvent) => void;
  discoveryErrors: ErrorRecord[];
  /** Files of types slidecorpus does not read, found in the input folders. */
  unsupported: number;
  /** Entries of input folders skipped as not regular files. */
  notRegular: number;
  /** For the search index. */
  taxonomy: Taxonomy;
  workersReplaced: number;
  startedAt: string;
  /** performance.now() at the start. */
  started: number;
  /** Assemble the corpus files even when they look current. */
  force: boolean;
  signal: AbortSignal | undefined;
  /** Processes these sources again (their damaged parts were discarded). */
  reprocess: (sources: string[]) => Promise<RunCounts>;
}

/** Removes the decks whose file is gone, assembles the corpus files and the search index, writes run.json. */
async function finish(plan: Plan, counts: RunCounts, ctx: FinishContext): Promise<RunSummary> {
  const { store, emit, signal } = ctx;
  for (const source of plan.remove) {
    signal?.throwIfAborted();
    await store.remove(source);
    emit({ type: "removed", source });
  }
  emit({ type: "assemble" });
  let totals;
  for (let attempt = 0; ; attempt++) {
    const errors = [...ctx.discoveryErrors, ...counts.errors];
    try {
      ({ totals } = await store.assemble(errors, (s) => syncSearchIndex(s, ctx.taxonomy), { force: ctx.force, signal }));
      break;
    } catch (err) {
      if (!(err instanceof DamagedPartError) || attempt > 0) throw err;
      for (const { source, reason } of err.damaged) emit({ type: "damaged_part", source, reason });
      const again = await ctx.reprocess(err.damaged.map((d) => d.source));
      signal?.throwIfAborted();
      for (const key of ["processed", "skipped", "failed", "records", "slides", "ocrPages", "repairs", "documentMs", "waitMs"] as const) counts[key] += again[key];
      counts.errors.push(...again.errors);
      emit({ type: "assemble" });
    }
  }
  const summary: RunSummary = {
    inputs: plan.steps.length,
    processed: counts.processed,
    skipped: counts.skipped,
    failed: counts.failed + ctx.discoveryErrors.filter((e) => e.stage === "discover").length,
    removed: plan.remove.length,
    unsupported: ctx.unsupported,
    ...(ctx.notRegular ? { notRegular: ctx.notRegular } : {}),
    records: counts.records,
    slides: counts.slides,
    ocrPages: counts.ocrPages,
    repairs: counts.repairs,
    workersReplaced: ctx.workersReplaced,
    ms: Math.round(performance.now() - ctx.started),
    documentMs: Math.round(counts.documentMs),
    waitMs: Math.round(counts.waitMs),
    pipelineVersion: PIPELINE_VERSION,
    corpus: totals,
    startedAt: ctx.startedAt,
    finishedAt: new Date().toISOString(),
  };
  await store.writeRun(summary);
  return summary;
}
