// The default runner: documents go through the stages in a pool of worker threads (pool.ts, worker.ts), each
// with a time limit and a heap limit, so a document that hangs, crashes or exhausts memory takes only itself down.
import { availableParallelism } from "node:os";
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
}

export function threadRunner(options: ThreadRunnerOptions = {}): Runner {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const pool = new WorkerPool({
    size: threads,
    timeoutMs: options.docTimeoutMs ?? 300_000,
    memoryMb: options.workerMemoryMb ?? 2048,
    ...(options.docsPerWorker ? { docsPerWorker: options.docsPerWorker } : {}),
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
