// A document's time on a queue run: `ms` is the worker's processing of it, from when a worker took its job up (the
// queue's `active` event), and its wait in Redis for a free worker is `waitMs`, as for the thread runner's wait for
// a free thread. One worker that takes one document at a time, each document 600 ms of work, several queued at once:
// counted from the hand-over, the later ones would carry the earlier ones' time.
// Real redis-server on loopback; the coordinator (ingest with the BullMQ runner) and the worker run in this process.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest, type ProgressEvent } from "../pipeline/ingest.ts";
import { inProcessRunner } from "../pipeline/in-process-runner.ts";
import { bullmqRunner } from "../pipeline/queue/bullmq-runner.ts";
import { startQueueWorker, type QueueWorkerEvent } from "../pipeline/queue/bullmq-worker.ts";
import type { Runner } from "../pipeline/runner.ts";
import { seed000, seed003, tempDir } from "./helpers.ts";
import { startRedis, type RedisServer } from "./queue-helpers.ts";

const WORK_MS = 600;

/** The in-process runner, with each document taking at least WORK_MS: a slow deck. */
function slowRunner(): Runner {
  const inner = inProcessRunner();
  return {
    concurrency: 1,
    workersReplaced: 0,
    run: async (job, options) => {
      await new Promise((r) => setTimeout(r, WORK_MS));
      return inner.run(job, options);
    },
    close: () => inner.close(),
  };
}

describe("document times on a queue run", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("reports the worker's processing as ms and the wait for a free worker as waitMs", async () => {
    const dir = tempDir("slidecorpus-queue-timing-");
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    const seeds = [seed000, seed003];
    for (let i = 0; i < 5; i++) writeFileSync(join(inputs, `deck-${i}.txt`), readFileSync(seeds[i % 2]!, "utf8") + `\n\nDeck ${i}\n`);
    const queue = "timing";
    const workerEvents: QueueWorkerEvent[] = [];
    const worker = startQueueWorker({ redis: redis.url, queue, name: "solo", runner: slowRunner(), onEvent: (e) => workerEvents.push(e) });
    const runner = bullmqRunner({ redis: redis.url, queue, inFlight: 5, checkMs: 500 });
    const documents: Extract<ProgressEvent, { type: "document" }>[] = [];
    try {
      await Promise.all([worker.ready, runner.ready()]);
      const summary = await ingest([inputs], {
        out: join(dir, "out"),
        runner,
        onProgress: (e) => e.type === "document" && documents.push(e),
      });
      expect(summary).toMatchObject({ processed: 5, failed: 0 });
    } finally {
      await runner.close();
      await worker.close();
    }
    expect(documents).toHaveLength(5);
    const own = new Map(workerEvents.flatMap((e) => (e.type === "document" ? [[e.source, e.ms] as const] : [])));
    expect(own.size).toBe(5);
    for (const d of documents) {
      expect(d.worker).toBe("solo");
      // the worker's own time, give or take the events' travel: never the queue's line before it
      expect(d.ms, d.source).toBeGreaterThanOrEqual(WORK_MS - 50);
      expect(d.ms, d.source).toBeLessThan(own.get(d.source)! + WORK_MS);
    }
    // one worker, one at a time: the last one taken up waited for about four others' work
    const waits = documents.map((d) => d.waitMs).sort((a, b) => a - b);
    expect(waits.at(-1)!).toBeGreaterThan(3 * WORK_MS);
    // the run's sums: the documents' own work as the worker measured it (give or take the events' travel, which a
    // loaded machine slows), not the sum of the growing waits
    const sum = documents.reduce((s, d) => s + d.ms, 0);
    const ownSum = [...own.values()].reduce((s, ms) => s + ms, 0);
    expect(sum).toBeLessThan(ownSum * 1.5 + 500);
    expect(sum + waits.reduce((s, w) => s + w, 0)).toBeGreaterThan(sum + 6 * WORK_MS);
  });
});
