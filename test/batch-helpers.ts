// Helpers of the batch and crash tests: run `slidecorpus ingest` with test hooks in its environment, or `ingest()`
// in this process; read a corpus.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inProcessRunner } from "../pipeline/in-process-runner.ts";
import { ingest, type IngestOptions, type IngestSummary } from "../pipeline/ingest.ts";
import { expect } from "vitest";
import { cliArgs } from "./helpers.ts";

export interface IngestRun {
  status: number | null;
  stderr: string;
  run: RunSummary;
}

export interface RunSummary {
  processed: number;
  skipped: number;
  failed: number;
  removed: number;
  workersReplaced: number;
  corpus: { decks: number; records: number; errors: number };
}

/** Runs `slidecorpus ingest <inputs> --out <out> ...args` to the end with extra environment variables. */
export function ingestCli(inputs: string[], out: string, args: string[] = [], env: Record<string, string> = {}): IngestRun {
  const r = spawnSync(process.execPath, [...cliArgs, "ingest", ...inputs, "--out", out, "--jobs", "2", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  const runPath = join(out, "run.json");
  return { status: r.status, stderr: r.stderr, run: existsSync(runPath) ? (JSON.parse(readFileSync(runPath, "utf8")) as RunSummary) : (undefined as never) };
}

/**
 * `ingest()` in this process, its documents run on the main thread (the in-process runner): what `slidecorpus
 * ingest` does without the process around it (its start-up, worker threads, exit code and messages), for tests of
 * what a run does to a corpus. One runner for all the runs of a test file: the pipeline is loaded once; `close()`
 * it after them (afterAll).
 */
export function inProcessIngest() {
  const runner = inProcessRunner();
  return {
    /** Runs ingest; resolves with its run.json, which is what it returned. */
    run: async (inputs: string[], out: string, options: Omit<IngestOptions, "out" | "runner"> = {}): Promise<RunSummary> => {
      const summary: IngestSummary = await ingest(inputs, { ...options, out, runner });
      const written = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as RunSummary;
      expect(written).toEqual(JSON.parse(JSON.stringify(summary)));
      return written;
    },
    close: () => runner.close(),
  };
}

/** Starts an ingest in the background; the caller kills it or waits for `exited`. */
export function startIngest(inputs: string[], out: string, args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...cliArgs, "ingest", ...inputs, "--out", out, "--jobs", "2", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

export const corpusFiles = ["records.jsonl", "decks.jsonl", "errors.jsonl"] as const;

/** The corpus files' contents, keyed by name ("" when missing). */
export function readCorpus(out: string): Record<(typeof corpusFiles)[number], string> {
  const read = (f: string) => (existsSync(join(out, f)) ? readFileSync(join(out, f), "utf8") : "");
  return { "records.jsonl": read("records.jsonl"), "decks.jsonl": read("decks.jsonl"), "errors.jsonl": read("errors.jsonl") };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
