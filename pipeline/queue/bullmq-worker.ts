// A queue worker: takes document jobs from a BullMQ queue on Redis, runs each through the same stages as a local
// run, in the worker-thread runner (the same time and memory limits per document), and sends the outcome back as
// the job's result, stamped with its version, the settings stamp and its name. It reads no input and writes no
// corpus: the bytes come with the job, the run's settings from Redis (stored once per run by the coordinator).
// BullMQ and ioredis are loaded when a worker is started, not when the library is imported.
import { hostname } from "node:os";
import type { Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { sha256 } from "../../model/ids.ts";
import { QueueJobData, type QueueResult } from "../../model/queue.ts";
import type { DocumentSettings, Runner } from "../runner.ts";
import { threadRunner } from "../thread-runner.ts";
import { PIPELINE_VERSION } from "../version.ts";
import { connect, DEFAULT_QUEUE, KEY_PREFIX, loadSettings } from "./protocol.ts";

export interface QueueWorkerOptions {
  /** Redis URL: `redis://[user:password@]host:port[/db]`, `rediss://` for TLS. */
  redis: string;
  /** Queue name (default "slidecorpus"): the one the coordinator was given. */
  queue?: string;
  /** This worker's name in the coordinator's log. Default `<hostname>:<pid>`. */
  name?: string;
  /** Documents processed at once, one worker thread each. Default: the number of cores. */
  jobs?: number;
  /** Per-document time limit in ms; 0 for none. Default 300 000. */
  docTimeoutMs?: number;
  /** Heap limit per worker thread in MB. Default 2048. */
  workerMemoryMb?: number;
  /**
   * How long a job stays with a worker that stopped answering (killed, frozen, cut off) before another worker
   * takes it, in ms: BullMQ's lock duration and stalled-job check interval. Default 30 000.
   */
  lockMs?: number;
  /** Times a job goes back to the queue after its worker died; one more and it fails as `worker_crashed`. Default 2. */
  maxStalls?: number;
  /** What the worker does, for its log. */
  onEvent?: (event: QueueWorkerEvent) => void;
  /** Runs the documents; default a thread runner made from `jobs`, `docTimeoutMs`, `workerMemoryMb`. */
  runner?: Runner;
}

export type QueueWorkerEvent =
  | { type: "ready"; worker: string; queue: string; jobs: number; version: string }
  | { type: "document"; worker: string; source: string; ok: boolean; code?: string; ms: number }
  | { type: "refused"; worker: string; source: string; reason: string }
  | { type: "error"; worker: string; message: string };

export interface QueueWorker {
  readonly name: string;
  /** Resolves once connected and taking jobs. */
  readonly ready: Promise<void>;
  /** Stops taking jobs, lets the running ones finish (`force`: abandons them, they go back to the queue), disconnects. */
  close(force?: boolean): Promise<void>;
}

export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const emit = options.onEvent ?? (() => {});
  const runner = options.runner ?? threadRunner({
    ...(options.jobs !== undefined ? { threads: options.jobs } : {}),
    ...(options.docTimeoutMs !== undefined ? { docTimeoutMs: options.docTimeoutMs } : {}),
    ...(options.workerMemoryMb !== undefined ? { workerMemoryMb: options.workerMemoryMb } : {}),
  });
  const lockMs = options.lockMs ?? 30_000;
  const bullmq = import("bullmq");
  const connected = connect(options.redis, `slidecorpus-worker:${name}`);
  // The run's settings by stamp: fetched once, a run has one.
  const settings = new Map<string, Promise<DocumentSettings | undefined>>();
  const settingsOf = (stamp: string) => {
    let found = settings.get(stamp);
    if (!found) {
      found = connected.then((client) => loadSettings(client, queue, stamp));
      settings.set(stamp, found);
      // not found (yet, or lost with a Redis restart): ask again next time
      void found.then((s) => s ?? settings.delete(stamp), () => settings.delete(stamp));
    }
    return found;
  };
  const refusedVersions = new Set<string>();

  const processJob = async (job: Job, token?: string): Promise<QueueResult> => {
    const { DelayedError, UnrecoverableError } = await bullmq;
    const parsed = QueueJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`not a slidecorpus document job: ${parsed.error.issues[0]?.message}`);
    const data = parsed.data;
    if (data.version !== PIPELINE_VERSION) {
      // Another version's job: give it back for a worker of that version (a mixed fleet during an upgrade).
      if (!refusedVersions.has(data.version)) {
        refusedVersions.add(data.version);
        emit({ type: "refused", worker: name, source: data.source, reason: `job of slidecorpus ${data.version}; this worker is ${PIPELINE_VERSION}` });
      }
      await job.moveToDelayed(Date.now() + 5000, token);
      throw new DelayedError();
    }
    const jobSettings = await settingsOf(data.stamp);
    if (!jobSettings) throw new Error(`the settings of stamp ${data.stamp} are not in Redis (key expired or Redis lost its data)`);
    const bytes = Buffer.from(data.bytes, "base64");
    if (sha256(bytes) !== data.sha256) throw new UnrecoverableError(`the bytes of ${data.source} do not match their SHA-256`);
    const t0 = performance.now();
    const outcome = await runner.run({ source: data.source, bytes, sha256: data.sha256, settings: jobSettings });
    emit({
      type: "document", worker: name, source: data.source, ok: outcome.ok, ms: Math.round(performance.now() - t0),
      ...(outcome.ok ? {} : { code: outcome.error.code }),
    });
    return { version: PIPELINE_VERSION, stamp: data.stamp, worker: name, outcome: outcome as QueueResult["outcome"] };
  };

  const started = (async (): Promise<{ worker: Worker; client: Redis }> => {
    const [{ Worker }, client] = await Promise.all([bullmq, connected]);
    const worker = new Worker(queue, processJob, {
      connection: client,
      prefix: KEY_PREFIX,
      name,
      concurrency: runner.concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: options.maxStalls ?? 2,
      autorun: true,
    });
    worker.on("error", (err) => emit({ type: "error", worker: name, message: err.message }));
    return { worker, client };
  })();
  const ready = started.then(({ worker }) => worker.waitUntilReady()).then(() => {
    emit({ type: "ready", worker: name, queue, jobs: runner.concurrency, version: PIPELINE_VERSION });
  });
  let closed: Promise<void> | undefined;
  return {
    name,
    ready,
    close: (force = false) => (closed ??= (async () => {
      const opened = await started.catch(() => undefined);
      if (opened) await opened.worker.close(force);
      if (!options.runner) await runner.close();
      opened?.client.disconnect();
    })()),
  };
}
