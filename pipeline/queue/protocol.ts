// What the coordinator (bullmq-runner.ts) and the workers (bullmq-worker.ts) agree on: the Redis connection made
// from a URL, the job ids, the settings stamp and where the run's settings are stored once per run.
import type { Redis } from "ioredis";
import { sha256 } from "../../model/ids.ts";
import type { DocumentSettings } from "../runner.ts";
import { PIPELINE_VERSION } from "../version.ts";

/** The queue's name when none is given. */
export const DEFAULT_QUEUE = "slidecorpus";
/** BullMQ's key prefix: every key of a queue is `bull:<queue>:…`. */
export const KEY_PREFIX = "bull";
/** How long the run's settings stay in Redis after the last run that stored them. */
const SETTINGS_TTL_S = 7 * 24 * 3600;

/**
 * A connection to the Redis of `url` (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS) that
 * retries for ever while Redis restarts, as BullMQ requires of its workers' connections. ioredis is loaded here,
 * on the first connection: a program that imports the library without using the queue never loads it.
 */
export async function connect(url: string, name: string): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: name,
    lazyConnect: false,
    // reconnect with a growing delay, at most 5 s apart
    retryStrategy: (times) => Math.min(200 * times, 5000),
  });
  // ioredis reports each failed reconnection as an `error` event; BullMQ's classes report theirs. A connection
  // without a listener would crash the process on the first one.
  client.on("error", () => {});
  return client;
}

/** Whether Redis at `url` answers within `timeoutMs` (one try, no reconnection): why not, or undefined. */
export async function probe(url: string, timeoutMs = 10_000): Promise<string | undefined> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  let reason: string | undefined; // the cause (refused, WRONGPASS, …): the rejection only says the connection closed
  client.on("error", (err: Error) => (reason ??= err.message));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (err) {
    return reason ?? (err as Error).message;
  } finally {
    client.disconnect();
  }
}

/** The stamp of a run's settings: the version and every setting that travels with a job. */
export function settingsStamp(settings: DocumentSettings): string {
  return sha256(`${PIPELINE_VERSION}\u0000${JSON.stringify(settings)}`).slice(0, 20);
}

/**
 * A document's job id: the same source, content, output version and settings give the same id, so a job left
 * by a dead run is found again (and its result used once) rather than processed a second time.
 */
export function jobIdOf(source: string, sha: string, outputVersion: string, stamp: string): string {
  return `d${sha256(JSON.stringify([source, sha, outputVersion, stamp])).slice(0, 40)}`;
}

/** The Redis key the settings of a stamp are stored under. */
export function settingsKey(queue: string, stamp: string): string {
  return `${KEY_PREFIX}:${queue}:slidecorpus-settings:${stamp}`;
}

export async function storeSettings(client: Redis, queue: string, stamp: string, settings: DocumentSettings): Promise<void> {
  await client.set(settingsKey(queue, stamp), JSON.stringify(settings), "EX", SETTINGS_TTL_S);
}

export async function loadSettings(client: Redis, queue: string, stamp: string): Promise<DocumentSettings | undefined> {
  const text = await client.get(settingsKey(queue, stamp));
  return text === null ? undefined : (JSON.parse(text) as DocumentSettings);
}

/** BullMQ's reason for a job whose worker died too often while processing it. */
export const isStalledReason = (reason: string): boolean => /(stalled|started) more than allowable limit/i.test(reason);
