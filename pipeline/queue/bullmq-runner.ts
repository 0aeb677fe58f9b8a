// The BullMQ runner: the coordinator's side of an ingest on a job queue over Redis. Each document becomes a job
// carrying its bytes and the run's settings stamp (the settings themselves are stored once per run); workers on
// any machine (bullmq-worker.ts, `slidecorpus worker`) process it and the outcome comes back as the job's result.
// `ingest` commits it through the store as for any runner: the coordinator stays the corpus's one writer.
//
// - Job ids come from the source, its hash, its output version and the settings stamp: a job left by a dead run
//   is found again when the next run adds the same document, and its result (if any) is used once, not twice.
// - Results stamped with another version or settings are refused: the run stops with an error naming the worker.
// - A job whose workers died too often (BullMQ's stalled-job check) is a `worker_crashed` failure.
// - A document's time (`ms`) starts when a worker takes its job up (the `active` event): its wait in Redis for a
//   free worker is reported apart (`waitMs`), as the thread runner's wait for a free thread is.
// - Results arrive as QueueEvents; a periodic check finds the ones whose event was missed (a reconnection) and
//   adds again the jobs Redis lost (a restart without persistence).
// - BullMQ and ioredis are loaded when a runner is made, not when the library is imported.
// - While it is open, V8 collects the process's old generation before it grows to 1.5 times its live size
//   (boundOldGeneration): the coordinator's memory stays flat however many decks go through it.
import { setFlagsFromString } from "node:v8";
import PQueue from "p-queue";
import type { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { QueueResult } from "../../model/queue.ts";
import type { ErrorRecord } from "../../model/schema.ts";
import { outputVersions } from "../plan.ts";
import type { DocumentJob, DocumentOutcome, DocumentSettings, Runner } from "../runner.ts";
import { PIPELINE_VERSION } from "../version.ts";
import { connect, DEFAULT_QUEUE, isStalledReason, jobIdOf, KEY_PREFIX, settingsStamp, storeSettings } from "./protocol.ts";

export interface BullmqRunnerOptions {
  /** Redis URL: `redis://[user:password@]host:port[/db]`, `rediss://` for TLS. */
  redis: string;
  /** Queue name (default "slidecorpus"); workers are started with the same. One ingest at a time per queue. */
  queue?: string;
  /** Jobs queued or being processed at once: Redis and the coordinator hold this many documents. Default 64. */
  inFlight?: number;
  /** How often jobs without a result are checked on (a missed event, a job lost by Redis), in ms. Default 5000. */
  checkMs?: number;
  /** How long a finished job no run collected stays in Redis, in seconds. Default one day. */
  keepFinishedS?: number;
  /**
   * While the runner is open, V8 collects the old generation once it has grown this many percent past its live
   * size (see boundOldGeneration). Default 50; 0 leaves V8's own heuristics.
   */
  heapGrowingPercent?: number;
}

/** Runners open that bound the old generation: the first sets V8's growing factor, the last one closed resets it. */
let bounding = 0;

/**
 * Keeps the process's old generation near its live size until the returned function is called: V8's
 * `--heap-growing-percent`, set at run time (node:v8 setFlagsFromString; V8 reads it each time it sets the next
 * limit). Why (measured, see README "Running on several machines"): the results and job data going through ioredis
 * and BullMQ are nearly all promoted to the old generation although nothing reaches them a few milliseconds later (a
 * heap snapshot mid-run holds ~25 MB); plain ioredis SETs, one at a time, do the same, much less so with full
 * collections in between: dead old objects that still point at young ones keep them through the young generation's
 * collections. V8 collects the old generation only when it reaches its limit, which it sets at up to four times the
 * live size after each full collection, so the coordinator's peak grew with the length of the run: ~100 MB of such
 * garbage around a ~25 MB live set with 10,000 decks, ~20 MB with 1,000. With the limit at 1.5 times the live size
 * it is collected every few hundred decks (~30 MB to mark, tens of ms). A `--heap-growing-percent` given to node is
 * the user's and is left alone; so is everything when `percent` is 0.
 */
export function boundOldGeneration(percent: number, setFlags: (flags: string) => void = setFlagsFromString): () => void {
  if (!(percent > 0) || process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return () => {};
  if (bounding++ === 0) setFlags(`--heap-growing-percent=${Math.round(percent)}`);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--bounding === 0) setFlags("--heap-growing-percent=0"); // 0: V8's own factor again
  };
}

/** A result from a worker of another version or other settings: refused, the run stops. */
export class QueueRefusedError extends Error {}

interface Pending {
  source: string;
  sha256: string;
  /** Adds the job (again, after Redis lost it: `restore` stores the run's settings again first). */
  add: (restore?: boolean) => Promise<unknown>;
  settle: (result: { returnvalue: unknown } | { failedReason: string }) => void;
  /** A worker took the job up: the time before was its wait in the queue. */
  started: () => void;
  cancel: (reason: unknown) => Promise<unknown>;
}

export interface BullmqRunner extends Runner {
  /** Resolves once connected to Redis (rejects with why not). */
  ready(): Promise<void>;
}

/** The coordinator's connections to Redis: the queue, its events and their clients (BullMQ does not close them). */
interface Connections {
  client: Redis;
  queue: Queue;
  eventsClient: Redis;
  events: QueueEvents;
}

/** Loads BullMQ and ioredis and opens the coordinator's connections to the queue `name`. */
async function openConnections(url: string, name: string, inFlight: number): Promise<Connections> {
  const { Queue, QueueEvents } = await import("bullmq");
  const [client, eventsClient] = await Promise.all([connect(url, "slidecorpus-coordinator"), connect(url, "slidecorpus-coordinator-events")]);
  const queue = new Queue(name, {
    connection: client,
    prefix: KEY_PREFIX,
    // results travel in the events stream too: keep it short, a missed event is found by the periodic check
    streams: { events: { maxLen: Math.max(1000, inFlight * 4) } },
  });
  queue.on("error", () => {}); // reconnections; failures surface as rejected commands
  const events = new QueueEvents(name, { connection: eventsClient, prefix: KEY_PREFIX });
  events.on("error", () => {});
  return { client, queue, eventsClient, events };
}

export function bullmqRunner(options: BullmqRunnerOptions): BullmqRunner {
  const name = options.queue ?? DEFAULT_QUEUE;
  const inFlight = Math.max(1, options.inFlight ?? 64);
  const keepS = options.keepFinishedS ?? 24 * 3600;
  const unbound = boundOldGeneration(options.heapGrowingPercent ?? 50);
  const io = openConnections(options.redis, name, inFlight);
  io.catch(() => {}); // reported by ready(), run() and close()
  const pending = new Map<string, Pending>();
  const limit = new PQueue({ concurrency: inFlight });
  const stamps = new Map<string, { stamp: string; settings: DocumentSettings; versionOf: (source: string) => string; stored: Promise<void> }>();
  let replaced = 0;
  let closing = false;

  void io.then(({ events }) => {
    events.on("completed", ({ jobId, returnvalue }) => pending.get(jobId)?.settle({ returnvalue }));
    events.on("failed", ({ jobId, failedReason }) => pending.get(jobId)?.settle({ failedReason }));
    events.on("active", ({ jobId }) => pending.get(jobId)?.started());
    // a job went back to the queue because its worker stopped answering: a worker lost (killed, frozen, cut off)
    events.on("stalled", ({ jobId }) => {
      if (pending.has(jobId)) replaced++;
    });
  }, () => {});

  /** The run's stamp for these settings, and its settings stored in Redis for the workers (once per run). */
  const stampOf = (settings: DocumentSettings) => {
    const key = JSON.stringify(settings);
    let entry = stamps.get(key);
    if (!entry) {
      const stamp = settingsStamp(settings);
      const stored = io.then(({ client }) => storeSettings(client, name, stamp, settings));
      stored.catch(() => {}); // awaited by each job's add
      entry = { stamp, settings, versionOf: outputVersions(settings), stored };
      stamps.set(key, entry);
    }
    return entry;
  };

  /** Settles the jobs that finished without our hearing of it, and adds again the ones Redis lost. */
  const check = async (id: string) => {
    const job = pending.get(id);
    if (!job) return;
    const { queue } = await io;
    const state = await queue.getJobState(id);
    if (state === "completed" || state === "failed") {
      const found = await queue.getJob(id);
      if (found && pending.get(id) === job) job.settle(state === "completed" ? { returnvalue: found.returnvalue } : { failedReason: found.failedReason });
    } else if (state === "unknown") {
      await job.add(true);
    } else if (state === "active") {
      job.started(); // its event was missed (or sent before this run listened: a job of a dead run)
    }
  };
  let checking = false;
  const timer = setInterval(() => {
    if (checking || closing) return;
    checking = true;
    void Promise.allSettled([...pending.keys()].map(check)).finally(() => (checking = false));
  }, options.checkMs ?? 5000);
  timer.unref();

  const runOne = (job: DocumentJob, signal: AbortSignal | undefined, onStart: (() => void) | undefined): Promise<DocumentOutcome> =>
    new Promise<DocumentOutcome>((resolve, reject) => {
      if (closing) return reject(new Error("the queue runner is closed"));
      const entry = stampOf(job.settings);
      const id = jobIdOf(job.source, job.sha256, entry.versionOf(job.source), entry.stamp);
      // made when the job is added and dropped once it is in Redis: the coordinator keeps only the bytes (outside
      // the heap) while the job is in flight, not a base64 copy of them in the heap
      const data = () => ({
        version: PIPELINE_VERSION, stamp: entry.stamp, source: job.source, sha256: job.sha256,
        bytes: Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString("base64"),
      });
      const done = () => {
        pending.delete(id);
        signal?.removeEventListener("abort", abort);
        // collected: nothing of it stays in Redis (a job still running is locked: it expires instead)
        return io.then(({ queue }) => queue.remove(id)).catch(() => {});
      };
      const abort = () => {
        void done();
        reject(signal!.reason);
      };
      const fail = (code: ErrorRecord["code"], message: string): DocumentOutcome =>
        ({ ok: false, error: { source: job.source, stage: "extract", code, message, sha256: job.sha256 } });
      const settle: Pending["settle"] = (result) => {
        if (pending.get(id) !== entry_) return;
        void done();
        if ("failedReason" in result) {
          const reason = result.failedReason ?? "unknown";
          return resolve(isStalledReason(reason)
            ? fail("worker_crashed", "the workers processing it died or stopped answering, again and again")
            : fail("internal", `the queue worker failed: ${reason}`));
        }
        const parsed = QueueResult.safeParse(result.returnvalue);
        if (!parsed.success) return reject(new QueueRefusedError(`refused the result for ${job.source}: not a slidecorpus result`));
        // the worker's own object, not zod's re-parsed copy: the records keep their keys' order
        const value = result.returnvalue as QueueResult;
        if (value.version !== PIPELINE_VERSION || value.stamp !== entry.stamp) {
          return reject(new QueueRefusedError(
            `refused the result for ${job.source} from worker ${value.worker}: slidecorpus ${value.version} with settings ${value.stamp}, ` +
            `this run is ${PIPELINE_VERSION} with settings ${entry.stamp}; run workers of the same version`,
          ));
        }
        resolve({ ...(value.outcome as DocumentOutcome), worker: value.worker });
      };
      let started = false;
      const entry_: Pending = {
        source: job.source,
        sha256: job.sha256,
        settle,
        started: () => {
          if (started) return;
          started = true;
          onStart?.();
        },
        cancel: (reason) => {
          const removed = done();
          reject(reason);
          return removed;
        },
        add: async (restore = false) => {
          const { client, queue } = await io;
          if (restore) entry.stored = storeSettings(client, name, entry.stamp, entry.settings);
          await entry.stored;
          // a job with this id left by a dead run is not added again: its result, or its processing, is ours
          await queue.add("document", data(), {
            jobId: id,
            attempts: 2,
            backoff: { type: "fixed", delay: 1000 },
            removeOnComplete: { age: keepS },
            removeOnFail: { age: keepS },
          });
        },
      };
      pending.set(id, entry_);
      signal?.addEventListener("abort", abort, { once: true });
      // it may have finished already (left by a dead run): the events of the past are not sent again
      entry_.add().then(() => check(id)).catch((err: unknown) => {
        if (pending.get(id) !== entry_) return;
        void done();
        reject(err);
      });
    });

  let closed: Promise<void> | undefined;
  return {
    concurrency: inFlight,
    remote: true,
    get workersReplaced() {
      return replaced;
    },
    ready: async () => {
      const { queue, events } = await io;
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    },
    run(job, { signal, onStart } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return limit.add(() => {
        signal?.throwIfAborted();
        return runOne(job, signal, onStart);
      }, signal ? { signal } : {});
    },
    close: () => (closed ??= (async () => {
      closing = true;
      unbound();
      clearInterval(timer);
      limit.clear();
      // jobs not collected: the ones still waiting are removed, running ones finish and expire
      const left = [...pending.values()];
      await Promise.allSettled(left.map((p) => p.cancel(new Error("the queue runner was closed"))));
      const opened = await io.catch(() => undefined);
      if (!opened) return;
      const { client, queue, eventsClient, events } = opened;
      // BullMQ's close waits for the connection: not for ever when Redis cannot be reached
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([events.close(), queue.close()]),
        new Promise((r) => (grace = setTimeout(r, 5000))),
      ]);
      clearTimeout(grace);
      client.disconnect();
      eventsClient.disconnect();
    })()),
  };
}
