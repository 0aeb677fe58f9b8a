// Ingest on a BullMQ queue over a real redis-server (started here on a free loopback port): a coordinator and
// `slidecorpus worker` processes give the corpus of a local run byte for byte, also when workers are killed with
// SIGKILL mid-run and when the coordinator is killed and run again; a document that kills its workers ends as
// `worker_crashed` after a bounded number of attempts.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDecks } from "../bench/generate-corpus.js";
import { inProcessIngest, ingestCli, readCorpus, sleep, startIngest } from "./batch-helpers.ts";
import { cli, cliArgs, fixture, readJsonl, root, seed000, tempDir } from "./helpers.ts";
import type { QueueJobData } from "../model/queue.ts";
import { ingest } from "../pipeline/ingest.ts";
import { bullmqRunner } from "../pipeline/queue/bullmq-runner.ts";
import { indexDump, startRedis, startWorker, stopWorker, type RedisServer, type WorkerProcess } from "./queue-helpers.ts";

/** Short lock and stalled-check intervals, so a killed worker's job goes back within seconds. */
const fast = ["--lock-timeout", "2"];
/** The coordinator checks on jobs without a result (a missed event, a job a restarted Redis lost) every second, not 5 s. */
const check = { SLIDECORPUS_TEST_QUEUE_CHECK_MS: "1000" };

// The local corpora the queued runs are compared with are made in this process (ingest() with the in-process
// runner: the same bytes as worker threads, see runner.test.ts); the coordinators and workers are processes.
const here = inProcessIngest();
afterAll(() => here.close());

describe("ingest on a BullMQ queue", () => {
  let redis: RedisServer;
  const dir = tempDir("slidecorpus-queue-");
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("loads BullMQ and ioredis only when the library makes a queue runner, not on import or a local ingest", () => {
    // A module-load hook lists every file loaded; the program prints the list before and after the runner is made.
    const trace = join(dir, "library-loads.txt");
    const hook = join(dir, "library-trace.mjs");
    writeFileSync(hook, `import { registerHooks } from "node:module"; import { appendFileSync } from "node:fs";
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(trace)}, url + "\\n"); return next(url, context); } });`);
    const index = pathToFileURL(join(root, "index.ts")).href;
    const program = `import { readFileSync } from "node:fs";
const lib = await import(${JSON.stringify(index)});
await lib.ingest([${JSON.stringify(seed000)}], { out: ${JSON.stringify(join(dir, "library-out"))}, jobs: 1 });
const before = readFileSync(${JSON.stringify(trace)}, "utf8");
const runner = lib.bullmqRunner({ redis: ${JSON.stringify(redis.url)}, queue: "library" });
await runner.ready();
await runner.close();
const after = readFileSync(${JSON.stringify(trace)}, "utf8");
console.log(JSON.stringify({ before, after }));`;
    const r = spawnSync(process.execPath, [...cliArgs.slice(0, -1), "--import", pathToFileURL(hook).href, "--input-type=module", "-e", program], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const { before, after } = JSON.parse(r.stdout) as { before: string; after: string };
    expect(before).toContain("/pipeline/ingest.ts");
    expect(before).toContain("/pipeline/queue/bullmq-runner.ts");
    expect(before).not.toContain("/node_modules/bullmq/");
    expect(before).not.toContain("/node_modules/ioredis/");
    expect(after).toContain("/node_modules/bullmq/");
    expect(after).toContain("/node_modules/ioredis/");
  });

  it("gives, with a coordinator and two worker processes, the corpus and index of a local run byte for byte", async () => {
    const inputs = [fixture("text"), fixture("pptx"), fixture("odp"), fixture("broken"), fixture("pdf", "mixed.pdf"), fixture("pdf", "two-columns.pdf")];
    const local = join(dir, "fixtures-local");
    const queued = join(dir, "fixtures-queued");
    const reference = { run: await here.run(inputs, local) };
    expect(reference.run.processed).toBeGreaterThanOrEqual(6);
    expect(reference.run.failed).toBeGreaterThanOrEqual(5);
    const workers = await Promise.all(["a", "b"].map((n) => startWorker(redis.url, n, ["--queue", "fixtures", "--jobs", "1", ...fast])));
    try {
      const r = ingestCli(inputs, queued, ["--redis", redis.url, "--queue", "fixtures", "--log", "json"], check);
      expect(r.status, r.stderr).toBe(1); // documents failed (the broken fixtures), as in the local run
      expect(r.run).toMatchObject({ processed: reference.run.processed, failed: reference.run.failed, corpus: reference.run.corpus });
      expect(readCorpus(queued)).toEqual(readCorpus(local));
      expect(indexDump(join(queued, "index.sqlite"))).toEqual(indexDump(join(local, "index.sqlite")));
      // the log names the worker of each deck it processed, and both took a share
      const docs = r.stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { event: string; source: string; worker?: string })
        .filter((e) => e.event === "document");
      const extracted = docs.filter((d) => d.worker);
      expect(new Set(extracted.map((d) => d.worker))).toEqual(new Set(["a", "b"]));
      // collected jobs are removed from Redis
      expect(await jobKeys(redis.url, "fixtures")).toEqual([]);
      await Promise.all(workers.map(stopWorker)); // their logs read to the end
      for (const d of extracted) expect(workers.find((w) => w.name === d.worker)!.documents()).toContain(d.source);
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
  });

  it("takes back the job of a worker killed with SIGKILL mid-document, and still gives the local corpus", async () => {
    const inputs = join(dir, "kill-worker-in");
    generateDecks(inputs, 24, { seed: 7 });
    const local = join(dir, "kill-worker-local");
    const queued = join(dir, "kill-worker-queued");
    expect(await here.run([inputs], local)).toMatchObject({ processed: 24 });
    const env = { SLIDECORPUS_TEST_DELAY_MS: "250" };
    const victim = await startWorker(redis.url, "victim", ["--queue", "kill", "--jobs", "1", ...fast], env);
    const survivor = await startWorker(redis.url, "survivor", ["--queue", "kill", "--jobs", "1", ...fast], env);
    try {
      // 8 jobs queued at once: a worker that finishes one takes the next in the same step
      const run = startIngest([inputs], queued, ["--redis", redis.url, "--queue", "kill", "--log", "json", "--jobs", "8"], check);
      // once the victim has finished two documents it is in the middle of a third (each takes 250 ms or more)
      while (victim.documents().length < 2) await sleep(20);
      victim.child.kill("SIGKILL");
      expect((await victim.exited).signal).toBe("SIGKILL");
      const { code, stderr } = await run.exited;
      expect(code, stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(queued, "run.json"), "utf8")) as { processed: number; workersReplaced: number };
      expect(summary.processed).toBe(24);
      // the stalled-job check gave the victim's job back: the survivor processed it
      expect(summary.workersReplaced).toBeGreaterThanOrEqual(1);
      expect(survivor.documents().length + victim.documents().length).toBeGreaterThan(24 - 1);
      expect(readCorpus(queued)).toEqual(readCorpus(local));
      expect(indexDump(join(queued, "index.sqlite"))).toEqual(indexDump(join(local, "index.sqlite")));
    } finally {
      await stopWorker(survivor);
    }
  });

  it("ends a document that kills its workers as worker_crashed after a bounded number of attempts", async () => {
    const inputs = join(dir, "killer-in");
    generateDecks(inputs, 6, { seed: 9 });
    const killer = "deck-00003.txt";
    const env = { SLIDECORPUS_TEST_KILL_PROCESS: killer };
    const args = ["--queue", "killer", "--jobs", "1", "--max-stalls", "1", ...fast];
    // two workers, each started again when it dies, like a service manager would
    let deaths = 0;
    let running = true;
    const workers = new Set<WorkerProcess>();
    const keep = async (name: string): Promise<void> => {
      while (running) {
        const w = await startWorker(redis.url, name, args, env);
        workers.add(w);
        const { signal } = await w.exited;
        workers.delete(w);
        if (signal === "SIGKILL") deaths++;
      }
    };
    const kept = [keep("k1"), keep("k2")];
    try {
      const out = join(dir, "killer-out");
      // in the background: this process restarts the workers meanwhile
      const { code, stderr } = await startIngest([inputs], out, ["--redis", redis.url, "--queue", "killer", "--quiet"], check).exited;
      expect(code, stderr).toBe(1);
      expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ processed: 5, failed: 1 });
      const errors = readJsonl<{ source: string; code: string }>(join(out, "errors.jsonl"));
      expect(errors).toEqual([expect.objectContaining({ source: `batch-000/${killer}`, code: "worker_crashed" })]);
      // started once, and once more after its first worker died (--max-stalls 1): two deaths, no more
      expect(deaths).toBe(2);
    } finally {
      running = false;
      await Promise.all([...workers].map(stopWorker));
      await Promise.all(kept);
    }
  });

  it("resumes after the coordinator is killed: no deck applied twice, no job left in Redis", async () => {
    const inputs = join(dir, "kill-coordinator-in");
    generateDecks(inputs, 30, { seed: 11 });
    const local = join(dir, "kill-coordinator-local");
    const queued = join(dir, "kill-coordinator-queued");
    expect(await here.run([inputs], local)).toMatchObject({ processed: 30 });
    const env = { SLIDECORPUS_TEST_DELAY_MS: "150" };
    const workers = await Promise.all(["c1", "c2"].map((n) => startWorker(redis.url, n, ["--queue", "coord", "--jobs", "2", ...fast], env)));
    try {
      const run = startIngest([inputs], queued, ["--redis", redis.url, "--queue", "coord", "--quiet"], check);
      while (committed(queued).length < 8) await sleep(10);
      run.child.kill("SIGKILL");
      await run.exited;
      const before = committed(queued).length;
      expect(before).toBeGreaterThanOrEqual(8);
      expect(before).toBeLessThan(30);
      const r = ingestCli([inputs], queued, ["--redis", redis.url, "--queue", "coord", "--quiet"], check);
      expect(r.status, r.stderr).toBe(0);
      expect(r.run.processed + r.run.skipped).toBe(30);
      expect(readCorpus(queued)).toEqual(readCorpus(local));
      // each deck committed once over both runs, and the dead run's jobs were collected by the second
      const puts = committed(queued);
      expect(puts.length).toBe(30);
      expect(new Set(puts).size).toBe(30);
      expect(await jobKeys(redis.url, "coord")).toEqual([]);
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
  });
});

describe.each([
  { persisted: true, what: "with its data kept in an append-only file, killed with SIGKILL" },
  { persisted: false, what: "without persistence, its jobs lost" },
])("ingest on a BullMQ queue, Redis restarted mid-run $what", ({ persisted }) => {
  const dir = tempDir("slidecorpus-queue-restart-");
  it("reconnects coordinator and workers, and the run completes with the local corpus", async () => {
    const redis = await startRedis(persisted ? { dataDir: dir } : {});
    const inputs = join(dir, "in");
    generateDecks(inputs, 30, { seed: 13 });
    const local = join(dir, "local");
    const queued = join(dir, "queued");
    expect(await here.run([inputs], local)).toMatchObject({ processed: 30 });
    const env = { SLIDECORPUS_TEST_DELAY_MS: "150" };
    const workers = await Promise.all(["r1", "r2"].map((n) => startWorker(redis.url, n, ["--queue", "restart", "--jobs", "1", ...fast], env)));
    try {
      const run = startIngest([inputs], queued, ["--redis", redis.url, "--queue", "restart", "--quiet", "--jobs", "6"], check);
      while (committed(queued).length < 8) await sleep(10);
      await redis.kill();
      const whileDown = committed(queued).length;
      const processedBefore = workers.map((w) => w.documents().length);
      await sleep(1500);
      await redis.restart();
      const { code, stderr } = await run.exited;
      expect(code, stderr).toBe(0);
      // the run went on after the restart: decks were committed after it, each once
      expect(whileDown).toBeLessThan(30);
      const puts = committed(queued);
      expect(puts.length).toBe(30);
      expect(new Set(puts).size).toBe(30);
      expect(readCorpus(queued)).toEqual(readCorpus(local));
      expect(indexDump(join(queued, "index.sqlite"))).toEqual(indexDump(join(local, "index.sqlite")));
      expect(await jobKeys(redis.url, "restart")).toEqual([]);
      // the workers are still there and processed documents after the restart
      for (const w of workers) expect(w.child.exitCode).toBe(null);
      const processedAfter = workers.map((w) => w.documents().length);
      expect(processedAfter.reduce((a, b) => a + b)).toBeGreaterThan(processedBefore.reduce((a, b) => a + b));
    } finally {
      await Promise.all(workers.map(stopWorker));
      await redis.stop();
    }
  });
});

describe("ingest on a BullMQ queue, Redis down", () => {
  const dir = tempDir("slidecorpus-queue-down-");
  it("stops on SIGINT while Redis is down, keeping the decks it committed, and the next run completes", async () => {
    const redis = await startRedis();
    const inputs = join(dir, "in");
    generateDecks(inputs, 30, { seed: 17 });
    const local = join(dir, "local");
    const queued = join(dir, "queued");
    expect(await here.run([inputs], local)).toMatchObject({ processed: 30 });
    const env = { SLIDECORPUS_TEST_DELAY_MS: "150" };
    const workers = await Promise.all(["d1", "d2"].map((n) => startWorker(redis.url, n, ["--queue", "down", "--jobs", "1", ...fast], env)));
    let down = false;
    try {
      const run = startIngest([inputs], queued, ["--redis", redis.url, "--queue", "down", "--quiet", "--jobs", "6"], check);
      while (committed(queued).length < 8) await sleep(10);
      await redis.kill();
      down = true;
      await sleep(500);
      run.child.kill("SIGINT");
      const { code, stderr } = await run.exited;
      expect(code, stderr).toBe(130);
      expect(stderr).toContain("stopped by SIGINT");
      // the decks committed before the stop are kept, each once, and the next run adds only the others
      const kept = committed(queued);
      expect(kept.length).toBeGreaterThanOrEqual(8);
      expect(kept.length).toBeLessThan(30);
      await redis.restart();
      down = false;
      const r = ingestCli([inputs], queued, ["--redis", redis.url, "--queue", "down", "--quiet"], check);
      expect(r.status, r.stderr).toBe(0);
      expect(r.run).toMatchObject({ processed: 30 - kept.length, skipped: kept.length });
      expect(readCorpus(queued)).toEqual(readCorpus(local));
      expect(new Set(committed(queued)).size).toBe(30);
    } finally {
      // a worker finishes its documents before it stops: it needs Redis for that
      if (down) await redis.restart();
      await Promise.all(workers.map(stopWorker));
      await redis.stop();
    }
  });
});

describe("ingest on a BullMQ queue, refusals", () => {
  let redis: RedisServer;
  const dir = tempDir("slidecorpus-queue-refuse-");
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("refuses the result of a worker of another version, stops the run and commits nothing of it", async () => {
    // a worker that claims another slidecorpus version: a real BullMQ worker answering in the queue's protocol
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const other = new Worker("refuse", async (job: Job<QueueJobData>) => ({
      version: "0.0.1", stamp: job.data.stamp, worker: "old-one",
      outcome: { ok: false, error: { source: job.data.source, stage: "extract", code: "empty", message: "from an old worker" } },
    }), { connection, prefix: "bull" });
    const runner = bullmqRunner({ redis: redis.url, queue: "refuse", inFlight: 1 });
    const out = join(dir, "out");
    try {
      await expect(ingest([seed000], { out, runner })).rejects.toThrow(/refused the result for .* from worker old-one: slidecorpus 0\.0\.1/);
      expect(readCorpus(out)).toEqual({ "records.jsonl": "", "decks.jsonl": "", "errors.jsonl": "" });
      expect(committed(out)).toEqual([]);
    } finally {
      await runner.close();
      await other.close();
      connection.disconnect();
    }
  });

  it("says which Redis it cannot use, without its password, and exits 2", () => {
    const r = cli(["ingest", seed000, "--out", join(dir, "nowhere"), "--redis", `redis://user:s3cret@127.0.0.1:${redis.port}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot use Redis at redis:\/\/\*\*\*@127\.0\.0\.1:\d+: WRONGPASS/);
    expect(r.stderr).not.toContain("s3cret");
  });
});

/** The sources of the `put` lines of a corpus's manifest journal, in order. */
function committed(out: string): string[] {
  const path = join(out, ".slidecorpus", "manifest.jsonl");
  if (!existsSync(path)) return [];
  const puts: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    try {
      const row = JSON.parse(line) as { op: string; source: string };
      if (row.op === "put") puts.push(row.source);
    } catch {
      // a torn last line
    }
  }
  return puts;
}

/** The keys of the document jobs still in Redis for a queue. */
async function jobKeys(url: string, queue: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    return await client.keys(`bull:${queue}:d*`);
  } finally {
    client.disconnect();
  }
}
