import { statSync } from "node:fs";
import { resolve } from "node:path";
import { LockError } from "../../corpus/store/lock.ts";
import type { Taxonomy } from "../../corpus/enrich/taxonomy.ts";
import { ingest } from "../../pipeline/ingest.ts";
import { MassDeleteError } from "../../pipeline/plan.ts";
import type { Runner } from "../../pipeline/runner.ts";
import { createReporter, type LogMode } from "../progress.ts";
import { UsageError, intOption, type Command } from "../command.ts";
import { extractOptions, extractOptionDefs, extractHelp } from "./shared.ts";

/** Exit code when the output folder is held by another running ingest. */
export const EXIT_LOCKED = 3;
/** Exit code when the run failed (a full disk, a bug): what it committed stays, the corpus files are the previous ones. */
export const EXIT_FAILED = 4;
/** Exit code when the run was refused because it would remove more than half of the corpus. */
export const EXIT_MASS_DELETE = 5;

export const ingestCommand: Command = {
  name: "ingest",
  summary:
    "Find decks under the given files and folders (recursively), run the pipeline, and write the corpus to --out. " +
    "Incremental: unchanged decks are skipped, changed ones replaced, deleted ones removed. Safe to interrupt; the next run completes the corpus.",
  usage: "slidecorpus ingest <file|dir>... --out <dir> [options]",
  help: [
    "-o, --out <dir>      output folder (created if missing)",
    "-j, --jobs <n>       documents processed at once, in worker threads (default: number of cores)",
    "--force              reprocess every document, even unchanged ones",
    "--keep-deleted       keep the records of decks whose source file is gone",
    "--allow-mass-delete  remove the decks whose file is gone even when they are more than half of the corpus",
    "--checksum           hash every input to find changes (default: trust unchanged size and mtime)",
    "--retry-failed       process again the documents that failed before (process_crashed, timeout, ...), even unchanged",
    "--doc-timeout <s>    stop a document after this many seconds, error `timeout` (default 300, 0: none)",
    "--worker-memory <MB> heap limit per worker thread (default 2048)",
    "--redis <url>        process the decks on `slidecorpus worker`s through a BullMQ queue on this Redis",
    "                     (redis://[user:password@]host:port[/db], rediss:// for TLS); --jobs is then the",
    "                     number of decks queued at once (default 64), time and memory limits are the workers'",
    "--queue <name>       the queue's name, the same as the workers' (default slidecorpus)",
    "--max-file-size <MB> skip larger input files with an error record (default 2048)",
    ...extractHelp,
    "--concepts <file>    tag records with this taxonomy (JSON, see README \"Concepts\") instead of the default",
    "--no-repair          keep Unicode clean-up, skip the Danish æ/ø/å repair",
    "--no-thumbnails      make no thumbnails (PDF pages, PPTX/ODP picture slides) for `serve`; records are the same either way",
    "--log bar|json|text  progress on stderr (default: bar on a terminal, else json lines)",
    "-q, --quiet          no progress output",
    "Exit codes: 0 done, 1 documents failed in this run, 2 misuse, 3 the output folder is in use by another ingest,",
    "            4 the run failed (the previous corpus files are intact), 5 refused: it would remove more than half",
    "            of the corpus (nothing changed), 130/143 stopped by SIGINT/SIGTERM (the next run goes on from there)",
  ],
  options: {
    out: { type: "string", short: "o" },
    jobs: { type: "string", short: "j" },
    force: { type: "boolean" },
    "keep-deleted": { type: "boolean" },
    "allow-mass-delete": { type: "boolean" },
    checksum: { type: "boolean" },
    "retry-failed": { type: "boolean" },
    "doc-timeout": { type: "string" },
    "worker-memory": { type: "string" },
    redis: { type: "string" },
    queue: { type: "string" },
    "max-file-size": { type: "string" },
    concepts: { type: "string" },
    "no-repair": { type: "boolean" },
    "no-thumbnails": { type: "boolean" },
    log: { type: "string" },
    quiet: { type: "boolean", short: "q" },
    ...extractOptionDefs,
  },
  async run(values, positionals) {
    if (positionals.length === 0) throw new UsageError("ingest needs at least one input file or folder");
    if (typeof values.out !== "string") throw new UsageError("ingest needs --out <dir>");
    if (statSync(values.out, { throwIfNoEntry: false })?.isDirectory() === false) throw new UsageError(`--out must be a folder; ${values.out} is a file`);
    const log = values.log;
    if (log !== undefined && log !== "bar" && log !== "json" && log !== "text") throw new UsageError(`--log must be bar, json or text, got "${log}"`);
    const mode: LogMode = values.quiet === true ? "quiet" : ((log as LogMode | undefined) ?? (process.stderr.isTTY ? "bar" : "json"));
    const taxonomy = typeof values.concepts === "string" ? await taxonomyFrom(values.concepts) : undefined;
    const docTimeout = intOption(values["doc-timeout"], "doc-timeout", 0);
    const runner = await queueRunner(values);
    const reporter = createReporter(mode);
    // Ctrl-C or a service stop: stop cleanly (release the lock, record nothing half-done), exit 128 + signal.
    const controller = new AbortController();
    let stoppedBy: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stoppedBy) process.exit(128 + (signal === "SIGINT" ? 2 : 15)); // a second signal: stop now
      stoppedBy = signal;
      controller.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const summary = await ingest(positionals, {
        out: values.out,
        jobs: intOption(values.jobs, "jobs"),
        force: values.force === true,
        keepDeleted: values["keep-deleted"] === true,
        allowMassDelete: values["allow-mass-delete"] === true,
        checksum: values.checksum === true,
        retryFailed: values["retry-failed"] === true,
        ...(docTimeout !== undefined ? { docTimeoutMs: docTimeout * 1000 } : {}),
        workerMemoryMb: intOption(values["worker-memory"], "worker-memory", 16),
        ...(values["max-file-size"] !== undefined ? { maxFileBytes: intOption(values["max-file-size"], "max-file-size")! * 1024 ** 2 } : {}),
        extract: extractOptions(values),
        normalize: { repair: values["no-repair"] !== true },
        thumbnails: values["no-thumbnails"] !== true,
        ...(taxonomy ? { taxonomy } : {}),
        onProgress: (e) => reporter.event(e),
        signal: controller.signal,
        ...(runner ? { runner } : {}),
      });
      reporter.summary(summary, values.out);
      return summary.failed > 0 ? 1 : 0;
    } catch (err) {
      if (err instanceof LockError) {
        reporter.fatal(err.message);
        return EXIT_LOCKED;
      }
      if (stoppedBy && controller.signal.aborted) {
        reporter.fatal(`stopped by ${stoppedBy}; the decks done so far are kept, the next run goes on from there`);
        return 128 + (stoppedBy === "SIGINT" ? 2 : 15);
      }
      if (err instanceof MassDeleteError) {
        reporter.fatal(err.message);
        return EXIT_MASS_DELETE;
      }
      // Misuse, and a file or folder named on the command line that cannot be used: bin/cli.ts says so, exit 2.
      if (err instanceof UsageError || isUsageSystemError(err, [values.out, ...positionals])) throw err;
      // One line (a system error's message starts with its code: "ENOSPC: no space left on device, write").
      const reason = (err instanceof Error ? err.message : String(err)).split("\n")[0];
      reporter.fatal(`the run failed (${reason}); the decks committed so far are kept and the previous corpus files are intact; the next run goes on from there`);
      if (process.env.SLIDECORPUS_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + "\n");
      return EXIT_FAILED;
    } finally {
      await runner?.close();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};

/** With --redis, the BullMQ runner (loaded only then); the limits per document are the workers' options. */
async function queueRunner(values: Record<string, unknown>): Promise<Runner | undefined> {
  if (values.redis === undefined) {
    if (values.queue !== undefined) throw new UsageError("--queue needs --redis <url>");
    return undefined;
  }
  const redis = String(values.redis);
  if (!/^rediss?:\/\//.test(redis)) throw new UsageError(`--redis must be a redis:// or rediss:// URL, got "${redis}"`);
  for (const option of ["doc-timeout", "worker-memory"]) {
    if (values[option] !== undefined) throw new UsageError(`--${option} is a worker's option with --redis: give it to \`slidecorpus worker\``);
  }
  const jobs = intOption(values.jobs, "jobs");
  const { bullmqRunner } = await import("../../pipeline/queue/bullmq-runner.ts");
  const { probe } = await import("../../pipeline/queue/protocol.ts");
  // A wrong URL, a wrong password or a Redis that is down: say so rather than wait for it for ever.
  const unreachable = await probe(redis);
  if (unreachable) throw new UsageError(`cannot use Redis at ${redis.replace(/\/\/[^@/]*@/, "//***@")}: ${unreachable}`);
  // A test hook, like pipeline/worker.ts's: how often jobs without a result are checked on (default 5 s), shorter
  // so the queue tests do not wait that long for the jobs a restarted Redis lost.
  const checkMs = Number(process.env.SLIDECORPUS_TEST_QUEUE_CHECK_MS) || undefined;
  const runner = bullmqRunner({
    redis, ...(typeof values.queue === "string" ? { queue: values.queue } : {}), ...(jobs ? { inFlight: jobs } : {}), ...(checkMs ? { checkMs } : {}),
  });
  return runner;
}

/** The user's taxonomy; a broken one is misuse (exit 2), reported before any work starts. Loaded only when asked
 * for: the format's checks need zod, which a run with the default taxonomy and nothing new to read never loads. */
async function taxonomyFrom(path: string): Promise<Taxonomy> {
  const { loadTaxonomy, TaxonomyError } = await import("../../corpus/enrich/taxonomy.ts");
  try {
    return loadTaxonomy(path);
  } catch (err) {
    if (err instanceof TaxonomyError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * A system error about a path the user named (the output folder or an input, or a path inside them) that says the
 * path cannot be used as given (missing, not allowed, not a folder): misuse, not a failed run. A full disk or an
 * I/O error on the same path is a failed run.
 */
function isUsageSystemError(err: unknown, named: unknown[]): boolean {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.syscall !== "string" || typeof e.path !== "string") return false;
  if (!["ENOENT", "EACCES", "EPERM", "ENOTDIR", "EISDIR", "EROFS", "EEXIST"].includes(e.code ?? "")) return false;
  const full = resolve(e.path);
  return named.some((a) => typeof a === "string" && a !== "" && full.startsWith(resolve(a)));
}
