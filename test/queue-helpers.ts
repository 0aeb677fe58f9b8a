// Helpers of the queue tests: a real redis-server on a free loopback port (Debian's `redis-server`, which
// .ci/run installs when it is missing), `slidecorpus worker` processes, and a comparable dump of a search index.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { DatabaseSync } from "node:sqlite";
import { cliArgs } from "./helpers.ts";

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills it with SIGKILL (no save on the way out) and waits for it. */
  kill(): Promise<void>;
  /** Starts it again on the same port, with the same data folder and settings. */
  restart(): Promise<void>;
}

export interface RedisOptions {
  /**
   * Keep the data on disk in this folder, in an append-only file written before each command is answered
   * (`appendfsync always`): a Redis killed and restarted has every write it acknowledged. Default: no persistence.
   */
  dataDir?: string;
}

/** A free TCP port on 127.0.0.1 (the OS picks one, we release it for redis-server). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on loopback (without persistence unless `dataDir`) and resolves once it accepts connections. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const persistence = options.dataDir
    ? ["--dir", options.dataDir, "--appendonly", "yes", "--appendfsync", "always", "--save", ""]
    : ["--save", "", "--appendonly", "no"];
  const args = ["--port", String(port), "--bind", "127.0.0.1", ...persistence, "--protected-mode", "yes"];
  let child = await spawnRedis(args);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => child.stop("SIGTERM"),
    kill: () => child.stop("SIGKILL"),
    restart: async () => {
      child = await spawnRedis(args);
    },
  };
}

/** Starts redis-server with `args`; resolves once it accepts connections, with how to stop it. */
async function spawnRedis(args: string[]): Promise<{ stop(signal: NodeJS.Signals): Promise<void> }> {
  const child = spawn("redis-server", args, {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/ready to accept connections/i.test(output)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (err) => reject(new Error(`cannot start redis-server (apt-get install redis-server): ${err.message}`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  name: string;
  /** Its log so far (JSON lines on stderr). */
  log(): string;
  /** The documents it logged as processed. */
  documents(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `slidecorpus worker` and resolves once it takes jobs. */
export async function startWorker(url: string, name: string, args: string[] = [], env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [...cliArgs, "worker", "--redis", url, "--name", name, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (stderr.includes('"event":"ready"')) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`worker ${name} exited (${code ?? signal}) before it was ready: ${stderr}`)));
  });
  const events = () => stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { event: string; source?: string });
  return {
    child, name, exited,
    log: () => stderr,
    documents: () => events().filter((e) => e.event === "document").map((e) => e.source!),
  };
}

/** Stops a worker with SIGTERM (it finishes its documents) and waits for it. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGTERM");
  await worker.exited;
}

/**
 * The search index's content, comparable between two runs: every table's rows sorted, record rows keyed by record
 * id (not the rowid, which follows the order decks were committed in), with their full-text columns.
 */
export function indexDump(path: string): Record<string, unknown[]> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    return {
      meta: sorted(db.prepare("SELECT * FROM meta").all()),
      decks: sorted(db.prepare("SELECT * FROM decks").all()),
      records: sorted(db.prepare(
        "SELECT r.*, f.folded, f.stems, f.concepts FROM records r JOIN records_fts f ON f.rowid = r.rowid",
      ).all().map(({ rowid: _rowid, ...rest }) => rest)),
      recordConcepts: sorted(db.prepare("SELECT r.id, c.concept, c.label FROM record_concepts c JOIN records r ON r.rowid = c.record").all()),
      concepts: sorted(db.prepare("SELECT * FROM concepts").all()),
    };
  } finally {
    db.close();
  }
}
