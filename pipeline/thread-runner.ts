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
}

/** What one thread costs besides its documents (its own copy of the lexicons and pdf.js), in MB. */
const THREAD_BASE_MB = 300;

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
  const pool = new WorkerPool({
    size: threads,
    timeoutMs: options.docTimeoutMs ?? 300_000,
    memoryMb: options.workerMemoryMb ?? 2048,
    ...(options.docsPerWorker ? { docsPerWorker: options.docsPerWorker } : {}),
    maxRssMb: options.maxRssMb ?? Math.floor((totalmem() / 1024 ** 2) * 0.75),
  });
  // Each thread has its own OCR pool: share the cores between them rather than start cores × threads OCR workers.
  const ocrWorkers = Math.max(1, Math.floor(availableParallelism() / threads));
  return {
    concurrency: threads,
    get workersReplaced() {
      return pool.replaced;
    },
    run: (job, runOptions) =>
      pool.run({ ...job, settings: { ...job.settings, extract: { ocrWorkers, ...job.settings.extract } } }, runOptions),
    close: () => pool.close(),
  };
}
