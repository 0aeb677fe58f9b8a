// The Runner seam: where one document goes through the stages. `ingest` decides what to process and commits the
// results; a Runner only processes. The worker-thread runner (thread-runner.ts) is the default; the in-process
// runner (in-process-runner.ts) runs documents on the calling thread. A job, its settings and its outcome are
// plain data (structured-cloneable, and JSON apart from the bytes), so a runner can send them anywhere: to a
// thread, a process, or a queue served by other machines.
import type { Taxonomy } from "../corpus/enrich/taxonomy.ts";
import type { ExtractSettings } from "../extractors/types.ts";
import type { NormalizeOptions } from "../normalizers/index.ts";
import type { DocumentOutcome } from "../model/store.ts";

/** The settings a document is processed with: the same for every document of a run. */
export interface DocumentSettings {
  extract?: ExtractSettings | undefined;
  normalize?: NormalizeOptions | undefined;
  /** Tag with this taxonomy; the default one when absent. */
  taxonomy?: Taxonomy | undefined;
}

/** One document to process. */
export interface DocumentJob {
  /** The document's name in the corpus (its path relative to the ingest root, with "/"). */
  source: string;
  bytes: Uint8Array;
  /** SHA-256 of `bytes` (hex), put on failures the runner itself reports (a timeout, a crashed worker). */
  sha256: string;
  settings: DocumentSettings;
}

export type { DocumentOutcome };

/** A page of the document finished, for progress. */
export interface PageProgress {
  page: number;
  method: "text" | "ocr";
}

export interface RunOptions {
  onPage?: (page: PageProgress) => void;
  /**
   * The runner starts processing the document: the time before it, in the runner's own line, is waiting, not
   * the document's cost (`ingest` reports the two apart). A runner that does not call it has its whole time
   * counted as the document's. `at`: when, on this thread's clock (performance.now()), if earlier than the call
   * (a thread's message waits while this thread is busy); now when not given.
   */
  onStart?: (at?: number) => void;
  /**
   * The runner finished processing the document at `at` (performance.now()), before its outcome could reach the
   * caller (a busy thread reads the message late): the time between is waiting, not the document's.
   */
  onEnd?: (at: number) => void;
  /** Stops this document: `run` then rejects with the signal's reason, and its result is not wanted any more. */
  signal?: AbortSignal;
}

export interface Runner {
  /**
   * Documents it works on at once. `ingest` hands it up to twice as many, so the next one is ready when one
   * finishes: the runner queues what it cannot start yet.
   */
  readonly concurrency: number;
  /**
   * Processes one document. Resolves with its outcome, also when it fails (a bad file, a timeout, a crashed
   * worker are failure outcomes); rejects only when `signal` stops it.
   */
  run(job: DocumentJob, options?: RunOptions): Promise<DocumentOutcome>;
  /**
   * The documents run in other processes (a queue's workers): the death of this process is not theirs, so `ingest`
   * keeps no in-flight journal of them (corpus/store/inflight.ts). Default false.
   */
  readonly remote?: boolean;
  /** Workers replaced after a timeout or a crash so far (reported in run.json); 0 for runners without workers. */
  readonly workersReplaced: number;
  /** Releases what the runner holds (threads, OCR workers, connections); documents still running are stopped. */
  close(): Promise<void>;
}
