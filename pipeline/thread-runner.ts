// The default runner: documents go through the stages in a pool of worker threads (pool.ts, worker.ts), each
// with a time limit and a heap limit, so a document that hangs, crashes or exhausts memory takes only itself down.
import { availableParallelism, totalmem } from "node:os";
import { WorkerPool } from "./pool.ts";
import type { Runner } from "./runner.ts";

export interface ThreadRunnerOptions {
  /** Worker threads, one document each at a time. Default: the number of cores. */
  threads?: number;
  /** Per-document time limit in ms; 0 for none. Default 300 000 (5 minutes). */
  docTimeoutMs?: number;
  /** Heap limit per thread in MB. Default 2048. */
  workerMemoryMb?: number;
  /** Documents a thread processes before a fresh one replaces it. Default 500. */
  docsPerWorker?: number;
  /** The process's resident memory in MB above which the running document using the most is stopped. */
  maxRssMb?: number;
  /** Workers of the one OCR pool the threads share. Default: from the cores and memory (ocrWorkersFor). */
  ocrWorkers?: number;
}

/** What one thread costs besides its documents (pdf.js, its modules; the lexicons are shared), in MB. */
const THREAD_BASE_MB = 250;
/** What one OCR worker holds (tesseract's WASM heap with the dan+eng models and a page's pictures), in MB. */
const OCR_WORKER_MB = 250;

/**
 * The OCR workers the run's document threads share: one per core, whatever the threads. A thread waiting on OCR
 * uses no CPU, so on decks with pages to OCR the workers are what keeps the cores busy (50 mixed real decks on 2
 * cores, `--jobs 2`: 88 s with two workers against 134 s with one, for ~130 MB more at the peak); on text decks
 * they stay idle and end after 5 s. Each holds ~100-250 MB: no more than a quarter of the machine's memory
 * holds, and at least one.
 */
export function ocrWorkersFor(machine: { cores: number; memoryMb: number }): number {
  return Math.max(1, Math.min(machine.cores, Math.floor((machine.memoryMb * 0.25) / OCR_WORKER_MB)));
}

/**
 * The threads a run can afford: no more than the cores (documents are CPU-bound; more threads only add memory),
 * nor than three quarters of the machine's memory holds at the memory limit of each. With why, when fewer than
 * asked for.
 */
export function clampJobs(requested: number, machine: { cores: number; memoryMb: number }, workerMemoryMb: number): { jobs: number; reason?: string } {
  const byMemory = Math.max(1, Math.floor((machine.memoryMb * 0.75) / (workerMemoryMb + THREAD_BASE_MB)));
  const jobs = Math.max(1, Math.min(requested, machine.cores, byMemory));
  if (jobs >= requested) return { jobs };
  const reason = jobs === machine.cores && machine.cores <= byMemory
    ? `this machine has ${machine.cores} cores`
    : `${byMemory} threads at --worker-memory ${workerMemoryMb} MB use three quarters of this machine's ${machine.memoryMb} MB`;
  return { jobs, reason: `--jobs ${requested} lowered to ${jobs}: ${reason}` };
}

/** This machine's cores and memory, for `clampJobs`. */
export function machine(): { cores: number; memoryMb: number } {
  return { cores: availableParallelism(), memoryMb: Math.floor(totalmem() / 1024 ** 2) };
}

export function threadRunner(options: ThreadRunnerOptions = {}): Runner {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  // One OCR pool for every thread, in this thread: `--jobs 2` shares it rather than starting a second one.
  const ocrWorkers = options.ocrWorkers ?? ocrWorkersFor(machine());
  const pool = new WorkerPool({
    size: threads,
    timeoutMs: options.docTimeoutMs ?? 300_000,
    memoryMb: options.workerMemoryMb ?? 2048,
    ...(options.docsPerWorker ? { docsPerWorker: options.docsPerWorker } : {}),
    maxRssMb: options.maxRssMb ?? Math.floor((totalmem() / 1024 ** 2) * 0.75),
    ocrWorkers,
  });
  return {
    concurrency: threads,
    get workersReplaced() {
      return pool.replaced;
    },
    run: (job, runOptions) => pool.run(job, runOptions),
    close: () => pool.close(),
  };
}
