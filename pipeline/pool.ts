// A pool of worker threads running documents through the pipeline, one document per thread at a time.
// Each document has a time limit (the thread is terminated when it runs over) and each thread a heap limit;
// a thread that dies takes only its document with it (a `worker_crashed` error) and is replaced.
import { Worker } from "node:worker_threads";
import { OcrServer } from "../extractors/pdf/ocr-link.ts";
import { SharedDataServer } from "../language/shared-data.ts";
import type { ErrorRecord } from "../model/schema.ts";
import type { DocumentJob, DocumentOutcome, RunOptions } from "./runner.ts";
import type { WorkerMessage, WorkerTask } from "./worker.ts";

export interface PoolOptions {
  /** Threads. */
  size: number;
  /** Per-document time limit in ms (0: none). */
  timeoutMs: number;
  /** Heap limit per thread in MB (V8 old generation). */
  memoryMb: number;
  /**
   * Buffers one document may hold in MB (inflated streams, decoded pictures: memory outside the heap, which the
   * heap limit does not cover); checked every `watchMs` while it runs, and a document over it is stopped with
   * `limit_exceeded`. Default: a quarter of `memoryMb`, at least 256 MB (a thread's lexicons alone hold tens).
   */
  documentMemoryMb?: number;
  /**
   * The process's resident memory in MB above which the running document using the most memory is stopped
   * (`limit_exceeded`): the backstop for native memory no thread accounts for. Default: none.
   */
  maxRssMb?: number;
  /** How often running documents' memory is checked, in ms. Default 100. */
  watchMs?: number;
  /**
   * Documents a thread processes before it is replaced by a fresh one (default 500), so memory that an
   * extractor keeps (caches, fragmentation, a slow leak) cannot grow with the corpus.
   */
  docsPerWorker?: number;
  /**
   * Whether the threads read the main thread's one copy of the language data (language/shared-data.ts) instead
   * of each loading its own. Default true.
   */
  shareLanguageData?: boolean;
  /**
   * OCR workers of the one pool this thread keeps for all the threads (extractors/pdf/ocr-link.ts), started as
   * pictures arrive. Unset: each thread starts its own OCR workers.
   */
  ocrWorkers?: number;
}

interface Job {
  id: number;
  task: DocumentJob;
  onPage: RunOptions["onPage"];
  onStart: RunOptions["onStart"];
  onEnd: RunOptions["onEnd"];
  resolve: (outcome: DocumentOutcome) => void;
  reject: (reason: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  done: number;
  /** The running document's last measured memory (heap and buffers) in bytes, and whether a measure is under way. */
  memory: number;
  measuring: boolean;
}

/** The young generation of each worker thread, in MB (V8 splits it into its semi-spaces). */
const YOUNG_GENERATION_MB = 8;
const workerUrl = new URL(`./worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);

export class WorkerPool {
  private readonly options: PoolOptions;
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closing = false;
  private closed: Promise<void> | undefined;
  /** Threads finishing their last document's cleanup after being retired (see docsPerWorker). */
  private readonly retiring = new Set<Worker>();
  /** Threads replaced after a crash or a timeout. */
  replaced = 0;
  /** Checks the running documents' memory while any runs. */
  private watch: NodeJS.Timeout | undefined;
  /** Threads started so far, and the most alive at once (never more than `size`). */
  started = 0;
  peakThreads = 0;
  /** The language data the threads share, built in this thread as they ask for it. */
  private languageData: SharedDataServer | undefined;
  /** The OCR pool the threads share, when `ocrWorkers` is set. */
  private ocr: OcrServer | undefined;

  constructor(options: PoolOptions) {
    this.options = { ...options, size: Math.max(1, options.size) };
  }

  /**
   * Processes one document. A timeout or a dead thread is a failure result; rejects only when `signal` stops the
   * document (a running one's thread is terminated).
   */
  run(task: DocumentJob, { onPage, onStart, onEnd, signal }: RunOptions = {}): Promise<DocumentOutcome> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closing) {
      const error: ErrorRecord = { source: task.source, stage: "extract", code: "internal", message: "the worker pool was closed" };
      return Promise.resolve({ ok: false, error });
    }
    return new Promise((resolve, reject) => {
      const abort = () => this.abort(job, signal!.reason);
      const settled = () => signal?.removeEventListener("abort", abort);
      const job: Job = {
        id: ++this.nextId, task, onPage, onStart, onEnd,
        resolve: (outcome) => (settled(), resolve(outcome)),
        reject: (reason) => (settled(), reject(reason)),
      };
      signal?.addEventListener("abort", abort, { once: true });
      this.waiting.push(job);
      this.pump();
    });
  }

  /** Drops a document that is no longer wanted: out of the queue, or its thread terminated (not a replacement). */
  private abort(job: Job, reason: unknown): void {
    const waiting = this.waiting.indexOf(job);
    if (waiting >= 0) this.waiting.splice(waiting, 1);
    const slot = [...this.slots].find((s) => s.job === job);
    if (slot) {
      this.slots.delete(slot);
      clearTimeout(slot.timer);
      slot.job = undefined;
      void slot.worker.terminate();
    }
    job.reject(reason);
    // Later: the other documents of an aborted run are aborted by the same event, and must not start meanwhile.
    if (!this.closing) queueMicrotask(() => this.pump());
  }

  /** Lets the threads release their resources (OCR workers) and exit; terminates the ones that do not. */
  close(graceMs = 5000): Promise<void> {
    this.closed ??= this.shutdown(graceMs);
    return this.closed;
  }

  private async shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    clearInterval(this.watch);
    for (const job of this.waiting.splice(0)) {
      job.resolve({ ok: false, error: { source: job.task.source, stage: "extract", code: "internal", message: "the worker pool was closed" } });
    }
    // retired threads still cleaning up get the same grace as the rest
    const retiring = [...this.retiring].map((worker) => new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().finally(resolve), graceMs);
      worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    }));
    this.retiring.clear();
    await Promise.all(retiring);
    await Promise.all(
      [...this.slots].map(async (slot) => {
        const exited = new Promise<void>((r) => slot.worker.once("exit", () => r()));
        if (slot.job) await slot.worker.terminate();
        else slot.worker.postMessage({ type: "shutdown" });
        const timer = setTimeout(() => void slot.worker.terminate(), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
    this.slots.clear();
    this.languageData?.close();
    this.languageData = undefined;
    await this.ocr?.close();
    this.ocr = undefined;
  }

  /** The language data sets built for the threads so far (none until a thread asks). */
  get sharedData(): string[] {
    return this.languageData?.loaded ?? [];
  }

  private pump(): void {
    while (this.waiting.length) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        // a retired thread's replacement starts once it has exited: never more threads than `size` in memory
        if (this.slots.size + this.retiring.size >= this.options.size) return;
        slot = this.spawn();
      }
      this.dispatch(slot, this.waiting.shift()!);
    }
  }

  private spawn(): Slot {
    const shared = this.options.shareLanguageData === false ? undefined : (this.languageData ??= new SharedDataServer()).link();
    const ocr = this.options.ocrWorkers ? (this.ocr ??= new OcrServer(this.options.ocrWorkers)).link() : undefined;
    const worker = new Worker(workerUrl, {
      workerData: { languageData: shared, ocr },
      transferList: [...(shared ? [shared.port] : []), ...(ocr ? [ocr.port] : [])],
      // a small young generation: V8 sizes it by the machine, and each thread's unused semi-spaces count in the
      // process's memory (ingest --jobs 2 of 19 real decks, no OCR: 780 MB peak with the default, 554 MB with this)
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      execArgv: workerExecArgv(),
    });
    const slot: Slot = { worker, job: undefined, timer: undefined, done: 0, memory: 0, measuring: false };
    this.started++;
    this.peakThreads = Math.max(this.peakThreads, this.slots.size + 1 + this.retiring.size);
    worker.on("message", (msg: WorkerMessage) => {
      const job = slot.job;
      if (!job || msg.id !== job.id) return;
      // the thread's moments on this thread's clock (performance.now())
      const here = (at: number) => Math.min(performance.now(), at - performance.timeOrigin);
      if (msg.type === "started") {
        this.startTimer(slot);
        job.onStart?.(here(msg.at));
      }
      else if (msg.type === "page") job.onPage?.({ page: msg.page, method: msg.method });
      else {
        job.onEnd?.(here(msg.at));
        this.finish(slot, msg.result);
      }
    });
    worker.on("error", (err: Error & { code?: string }) => {
      const message = err.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? `the worker ran out of memory (limit ${this.options.memoryMb} MB)`
        : `the worker crashed: ${err.message}`;
      this.fail(slot, "worker_crashed", message);
    });
    worker.on("exit", (code) => {
      this.fail(slot, "worker_crashed", `the worker exited (code ${code})`);
    });
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.postMessage({ type: "task", id: job.id, job: job.task } satisfies WorkerTask);
  }

  private startTimer(slot: Slot): void {
    slot.memory = 0;
    this.watch ??= setInterval(() => this.checkMemory(), this.options.watchMs ?? 100).unref();
    if (this.options.timeoutMs <= 0) return;
    slot.timer = setTimeout(() => {
      this.fail(slot, "timeout", `processing took longer than ${this.options.timeoutMs / 1000} s; it was stopped`);
    }, this.options.timeoutMs);
  }

  /**
   * Stops a document whose thread's buffers exceed the document limit (an inflated stream or a decoded picture
   * of gigabytes lives outside the heap limit), and, when the process's resident memory exceeds its
   * limit, the running document that uses the most: that document fails, not the batch.
   */
  private checkMemory(): void {
    const busy = [...this.slots].filter((s) => s.job);
    if (busy.length === 0) {
      clearInterval(this.watch);
      this.watch = undefined;
      return;
    }
    const limit = (this.options.documentMemoryMb ?? Math.max(MIN_BUFFERS_MB, this.options.memoryMb / 4)) * 1024 ** 2;
    for (const slot of busy) {
      if (slot.measuring) continue;
      slot.measuring = true;
      const job = slot.job;
      slot.worker.getHeapStatistics().then(
        (stats) => {
          slot.measuring = false;
          if (slot.job !== job) return;
          slot.memory = stats.used_heap_size + stats.external_memory;
          // the heap has its own limit (V8 collects garbage before it gives up): only the buffers are checked here
          if (stats.external_memory > limit) {
            this.fail(slot, "limit_exceeded", `the document needed more than ${mb(limit)} of buffers (inflated streams, pictures: --worker-memory); it was stopped`);
          }
        },
        () => void (slot.measuring = false),
      );
    }
    const maxRss = this.options.maxRssMb;
    if (maxRss && process.memoryUsage.rss() > maxRss * 1024 ** 2) {
      const hungriest = busy.filter((s) => s.job).sort((a, b) => b.memory - a.memory)[0];
      if (hungriest) this.fail(hungriest, "limit_exceeded", `the process used more than ${mb(maxRss * 1024 ** 2)} of memory, this document the most (${mb(hungriest.memory)}); it was stopped`);
    }
  }

  private finish(slot: Slot, outcome: DocumentOutcome): void {
    const job = slot.job!;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    if (++slot.done >= (this.options.docsPerWorker ?? 500)) {
      this.slots.delete(slot);
      const worker = slot.worker;
      this.retiring.add(worker);
      // gone when it exits, or at the latest when it is terminated for taking too long (its exit may never come
      // if it is stuck in native code): the queue never waits on it for more than the grace period
      const gone = () => {
        clearTimeout(timer);
        if (this.retiring.delete(worker) && !this.closing) this.pump();
      };
      const timer = setTimeout(() => {
        void worker.terminate();
        gone();
      }, 5000);
      worker.once("exit", gone);
      worker.postMessage({ type: "shutdown" });
    }
    job.resolve(outcome);
    this.pump();
  }

  /** The slot's thread is dead or must die: fail its document, drop the thread, and let pump start a new one. */
  private fail(slot: Slot, code: "timeout" | "worker_crashed" | "limit_exceeded", message: string): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      this.replaced++;
      const error: ErrorRecord = { source: job.task.source, stage: "extract", code, message, sha256: job.task.sha256 };
      job.resolve({ ok: false, error });
    }
    if (!this.closing) this.pump();
  }
}

/**
 * Threads inherit the process's Node flags, except when it runs code given with `-e`/`-p` (which a thread would
 * run again, starting a second ingest): then none.
 */
function workerExecArgv(): string[] | undefined {
  return process.execArgv.some((a) => /^(-e|-p|--eval|--print)(=|$)/.test(a)) ? [] : undefined;
}

/** The least default limit on a document's buffers: a thread's own data (lexicons, pdf.js) holds tens of MB. */
const MIN_BUFFERS_MB = 256;

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
