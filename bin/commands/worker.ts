import { UsageError, intOption, type Command } from "../command.ts";

export const workerCommand: Command = {
  name: "worker",
  summary:
    "Process the decks of `slidecorpus ingest --redis` runs: take document jobs from a BullMQ queue on Redis, run them " +
    "through the pipeline in worker threads (with the run's settings), and send the results back. Needs no access to the " +
    "input or output folders. Runs until stopped (SIGINT/SIGTERM: finishes its documents, then exits).",
  usage: "slidecorpus worker --redis <url> [options]",
  help: [
    "--redis <url>        Redis to take jobs from: redis://[user:password@]host:port[/db], rediss:// for TLS",
    "--queue <name>       queue name, the same as the ingest's (default slidecorpus)",
    "-j, --jobs <n>       documents processed at once, in worker threads (default: number of cores)",
    "--name <name>        this worker's name in the ingest's log (default hostname:pid)",
    "--doc-timeout <s>    stop a document after this many seconds, error `timeout` (default 300, 0: none)",
    "--worker-memory <MB> heap limit per worker thread (default 2048)",
    "--lock-timeout <s>   a worker that stops answering loses its documents to the others after this long (default 30)",
    "--max-stalls <n>     times a document goes back after its worker died; then it fails as worker_crashed (default 2)",
    "-q, --quiet          no log (default: one JSON line per document on stderr)",
    "Exit codes: 0 stopped by a signal after finishing its documents, 2 misuse",
  ],
  options: {
    redis: { type: "string" },
    queue: { type: "string" },
    jobs: { type: "string", short: "j" },
    name: { type: "string" },
    "doc-timeout": { type: "string" },
    "worker-memory": { type: "string" },
    "lock-timeout": { type: "string" },
    "max-stalls": { type: "string" },
    quiet: { type: "boolean", short: "q" },
  },
  async run(values, positionals) {
    if (positionals.length) throw new UsageError(`worker takes no arguments, got "${positionals[0]}"`);
    if (typeof values.redis !== "string") throw new UsageError("worker needs --redis <url>");
    if (!/^rediss?:\/\//.test(values.redis)) throw new UsageError(`--redis must be a redis:// or rediss:// URL, got "${values.redis}"`);
    const docTimeout = intOption(values["doc-timeout"], "doc-timeout", 0);
    const lockTimeout = intOption(values["lock-timeout"], "lock-timeout");
    const { startQueueWorker } = await import("../../pipeline/queue/bullmq-worker.ts");
    const log = values.quiet === true
      ? () => {}
      : (e: { type: string }) => {
        const { type, ...rest } = e;
        process.stderr.write(JSON.stringify({ time: new Date().toISOString(), event: type, ...rest }) + "\n");
      };
    const worker = startQueueWorker({
      redis: values.redis,
      ...(typeof values.queue === "string" ? { queue: values.queue } : {}),
      ...(typeof values.name === "string" ? { name: values.name } : {}),
      ...(values.jobs !== undefined ? { jobs: intOption(values.jobs, "jobs")! } : {}),
      ...(docTimeout !== undefined ? { docTimeoutMs: docTimeout * 1000 } : {}),
      ...(values["worker-memory"] !== undefined ? { workerMemoryMb: intOption(values["worker-memory"], "worker-memory", 16)! } : {}),
      ...(lockTimeout !== undefined ? { lockMs: lockTimeout * 1000 } : {}),
      ...(values["max-stalls"] !== undefined ? { maxStalls: intOption(values["max-stalls"], "max-stalls", 0)! } : {}),
      onEvent: log,
    });
    // Runs until a signal: the first lets the running documents finish, a second stops at once (they go back to
    // the queue once the lock timeout has passed).
    const stopped = new Promise<NodeJS.Signals>((resolve) => {
      let first: NodeJS.Signals | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        if (first) process.exit(128 + (signal === "SIGINT" ? 2 : 15));
        first = signal;
        resolve(signal);
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    });
    await worker.ready;
    const signal = await stopped;
    log({ type: "stopping", worker: worker.name, signal } as { type: string });
    await worker.close();
    return 0;
  },
};
