// Ingest on a BullMQ queue over a local redis-server (started here on a free loopback port, without persistence):
//   - decks per second on small text decks with 1 and 2 `slidecorpus worker` processes (one thread each) against
//     a local run with as many threads: the queue's overhead per deck (target: under 10% of the local time);
//   - the coordinator's peak RSS with 1,000 and 10,000 decks to queue (target: within 1.2x: flat, since it keeps
//     only --jobs documents in flight).
// Each run is a fresh output folder; workers are started before the run and left running, as on a real fleet.
// BENCH_DECKS sets the throughput corpus (default 1000), BENCH_SIZES the memory sizes (default "1000,10000"),
// BENCH_PARTS which parts run (default "throughput,memory"). BENCH_COORDINATOR_NODE_OPTIONS is given to the
// coordinator's process as NODE_OPTIONS, to measure a coordinator run that way (e.g. "--max-semi-space-size=16":
// V8's young generation bounded to 2 x 16 MB; V8 sizes it by the machine's memory, 128 MB on a 24 GB machine).
// BENCH_COORDINATOR_FLAGS are put on its node command line, for V8 flags NODE_OPTIONS does not take: e.g.
// "--heap-growing-percent=0" measures it without the runner's bound on the old generation (V8's own factor).
// Without redis-server it says so and skips.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDecks } from "./generate-corpus.js";

const cli = fileURLToPath(new URL("../bin/slidecorpus.js", import.meta.url));
const decks = Number(process.env.BENCH_DECKS ?? 1000);
const sizes = (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number);
const parts = (process.env.BENCH_PARTS ?? "throughput,memory").split(",");

if (spawnSync("redis-server", ["--version"]).error) {
  console.log("skipped: redis-server is not installed (Debian: apt-get install redis-server)");
  process.exit(0);
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves once its output matches `ready`. */
function startUntil(command, args, ready) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise((r) => child.once("exit", r));
  const started = new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} exited (${code}): ${output}`)));
  });
  // drain the output for as long as it runs
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return started.then(() => ({ child, stop }));
}

/** Runs one ingest in a child process: wall time in ms and its peak RSS in MB (worker threads included). */
function ingest(inputs, out, args) {
  const argv = ["ingest", inputs, "--out", out, "--quiet", ...args];
  const script =
    `process.argv = [process.argv[0], "slidecorpus", ...${JSON.stringify(argv)}];` +
    `process.on("exit", () => process.stderr.write("\\nmaxRSS " + process.resourceUsage().maxRSS + "\\n"));` +
    `await import(${JSON.stringify(cli)});`;
  const t0 = performance.now();
  const flags = process.env.BENCH_COORDINATOR_NODE_OPTIONS;
  const env = flags ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${flags}`.trim() } : process.env;
  const argv0 = (process.env.BENCH_COORDINATOR_FLAGS ?? "").split(" ").filter(Boolean);
  const r = spawnSync(process.execPath, [...argv0, "--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 26, env });
  const ms = performance.now() - t0;
  const m = /maxRSS (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`ingest failed (${r.status}): ${r.stderr}`);
  const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  return { ms, rss: Number(m[1]) / 1024, run };
}

const work = mkdtempSync(join(tmpdir(), "slidecorpus-queue-bench-"));
const port = await freePort();
const url = `redis://127.0.0.1:${port}`;
const redis = await startUntil("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], /ready to accept connections/i);
const running = [];
let n = 0;
/** Starts `count` worker processes of one thread each on `queue`. */
async function workers(count, queue) {
  const started = await Promise.all(Array.from({ length: count }, () =>
    startUntil(process.execPath, [cli, "worker", "--redis", url, "--queue", queue, "--jobs", "1", "--name", `bench-${n++}`], /"event":"ready"/)));
  running.push(...started);
  return started;
}
const stopAll = (list) => Promise.all(list.map((w) => w.stop()));

try {
  const inputs = join(work, "in");
  if (parts.includes("throughput")) generateDecks(inputs, decks, { seed: 5 });
  if (parts.includes("throughput")) console.log(`throughput on ${decks} small text decks (target: queue overhead per deck under 10% of a local run's):`);
  for (const cores of parts.includes("throughput") ? [1, 2] : []) {
    const local = ingest(inputs, join(work, `local-${cores}`), ["--jobs", String(cores)]);
    const queue = `throughput-${cores}`;
    const started = await workers(cores, queue);
    // the coordinator keeps 8 jobs in flight per worker, so a worker never waits for the next document
    const queued = ingest(inputs, join(work, `queued-${cores}`), ["--redis", url, "--queue", queue, "--jobs", String(8 * cores)]);
    await stopAll(started);
    if (queued.run.processed !== decks || local.run.processed !== decks) throw new Error("not every deck was processed");
    const rate = (r) => (decks / r.ms) * 1000;
    console.log(
      `  ${cores} core${cores > 1 ? "s" : " "}: local ${rate(local).toFixed(1)} decks/s, queue with ${cores} worker process${cores > 1 ? "es" : ""} ` +
        `${rate(queued).toFixed(1)} decks/s: overhead ${(((queued.ms - local.ms) / local.ms) * 100).toFixed(1)}% per deck`,
    );
  }

  if (parts.includes("memory")) {
    const flags = process.env.BENCH_COORDINATOR_NODE_OPTIONS;
    const argv0 = process.env.BENCH_COORDINATOR_FLAGS;
    console.log(
      `coordinator's peak RSS as the decks to queue grow${flags ? ` (coordinator's NODE_OPTIONS ${flags})` : ""}` +
        `${argv0 ? ` (coordinator's node flags ${argv0})` : ""} (target: within 1.2x):`,
    );
  }
  const started = parts.includes("memory") ? await workers(2, "memory") : [];
  const peaks = [];
  for (const size of parts.includes("memory") ? sizes : []) {
    const dir = join(work, `memory-${size}`);
    generateDecks(dir, size, { seed: 6 });
    const r = ingest(dir, join(work, `memory-out-${size}`), ["--redis", url, "--queue", "memory", "--jobs", "64"]);
    if (r.run.processed !== size) throw new Error(`${r.run.processed} of ${size} decks processed`);
    peaks.push(r.rss);
    console.log(`  ${String(size).padStart(6)} decks: peak RSS ${r.rss.toFixed(0)} MB, ${((size / r.ms) * 1000).toFixed(1)} decks/s`);
    rmSync(dir, { recursive: true, force: true });
  }
  await stopAll(started);
  if (peaks.length > 1) console.log(`  ratio ${(peaks.at(-1) / peaks[0]).toFixed(2)}x (target: 1.2x or less)`);
} finally {
  await stopAll(running);
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}
