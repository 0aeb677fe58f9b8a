// A document that kills the whole ingest process (an abort in native code, the OOM killer: here the test-only hook
// SLIDECORPUS_TEST_KILL_PROCESS of pipeline/worker.ts, which SIGKILLs the process when the named document starts)
// must not kill every later run: the in-flight journal (corpus/store/inflight.ts) names the documents in flight at
// the death, the next run processes them first and alone, and the one that dies alone gets a `process_crashed`
// error record, while the documents that were only in flight beside it are processed as usual.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDecks } from "../bench/generate-corpus.js";
import { ingestCli, readCorpus, type RunSummary } from "./batch-helpers.ts";
import { cliArgs, tempDir } from "./helpers.ts";

interface JournalLine {
  op: "run" | "suspect" | "start" | "end" | "exit";
  source?: string;
  crashes?: number;
  alone?: boolean;
}

/** The journal's lines. */
function journal(out: string): JournalLine[] {
  const path = join(out, ".slidecorpus", "inflight.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as JournalLine);
}

/** The documents started and not ended by the last run the journal shows. */
function inFlight(lines: JournalLine[]): JournalLine[] {
  const last = lines.findLastIndex((l) => l.op === "run");
  const open = new Map<string, JournalLine>();
  for (const l of lines.slice(last + 1)) {
    if (l.op === "start") open.set(l.source!, l);
    if (l.op === "end") open.delete(l.source!);
    if (l.op === "exit") open.clear();
  }
  return [...open.values()];
}

/** One ingest to its end (or its death), with test hooks in its environment. */
function run(inputs: string, out: string, env: Record<string, string>, args: string[] = []) {
  const r = spawnSync(process.execPath, [...cliArgs, "ingest", inputs, "--out", out, "--jobs", "2", "--log", "json", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  const runPath = join(out, "run.json");
  const summary = existsSync(runPath) ? (JSON.parse(readFileSync(runPath, "utf8")) as RunSummary & { startedAt: string }) : undefined;
  return { status: r.status, signal: r.signal, stderr: r.stderr, summary };
}

const errorsOf = (out: string) =>
  readCorpus(out)["errors.jsonl"].split("\n").filter(Boolean).map((l) => JSON.parse(l) as { source: string; code: string; message: string });

describe("a document that kills the whole ingest process", () => {
  const dir = tempDir("slidecorpus-process-crash-");
  const inputs = join(dir, "in");
  const sources = generateDecks(inputs, 8, { seed: 11 }) as string[];
  const crasher = sources[3]!;
  // the corpus the batch should give: every deck but the crasher's
  const referenceIn = join(dir, "reference-in");
  generateDecks(referenceIn, 8, { seed: 11 });
  rmSync(join(referenceIn, crasher));
  const reference = join(dir, "reference");
  const out = join(dir, "out");
  // every document takes 300 ms, so others are in flight beside the crasher when it kills the process
  const hooks = { SLIDECORPUS_TEST_KILL_PROCESS: crasher, SLIDECORPUS_TEST_DELAY_MS: "300" };

  it("is processed alone after the first death, recorded as process_crashed after the second, and the batch completes", () => {
    const clean = ingestCli([referenceIn], reference, ["--quiet"]);
    expect(clean.run).toMatchObject({ processed: 7, failed: 0 });

    // 1. the process dies with the crasher and others in flight; nothing records it but the journal
    const first = run(inputs, out, hooks);
    expect(first.signal).toBe("SIGKILL");
    expect(first.summary).toBeUndefined();
    const diedWith = inFlight(journal(out)).map((l) => l.source!);
    expect(diedWith).toContain(crasher);
    const innocents = diedWith.filter((s) => s !== crasher);
    expect(innocents.length).toBeGreaterThan(0);

    // 2. the suspects go first, one at a time: the innocent ones finish, the crasher kills the process again, alone
    const second = run(inputs, out, hooks);
    expect(second.signal).toBe("SIGKILL");
    expect(second.stderr).toMatch(/being processed when an earlier run died.*processed first, one at a time/);
    const lines = journal(out);
    const suspects = lines.filter((l) => l.op === "suspect");
    expect(suspects.map((l) => l.source).sort()).toEqual([...diedWith].sort());
    for (const s of suspects) expect(s).toMatchObject({ crashes: 1, alone: false });
    const open = inFlight(lines);
    expect(open).toEqual([expect.objectContaining({ source: crasher, alone: true })]);
    // nothing else was started before the suspects were done with (the crasher may come before some of them)
    const started = lines.filter((l) => l.op === "start").map((l) => l.source);
    expect(started.every((s) => diedWith.includes(s!))).toBe(true);

    // 3. the crasher is recorded, not processed; the batch completes with the other decks exactly as a clean run's
    const third = run(inputs, out, hooks);
    expect(third.signal).toBeNull();
    expect(third.status).toBe(1); // a document failed
    expect(third.summary).toMatchObject({ failed: 1, inputs: 8 });
    expect(third.summary!.processed + third.summary!.skipped).toBe(7);
    const errors = errorsOf(out);
    expect(errors).toEqual([expect.objectContaining({ source: crasher, code: "process_crashed" })]);
    expect(errors[0]!.message).toMatch(/whole ingest process died while processing it.*alone/);
    for (const innocent of innocents) expect(errors.some((e) => e.source === innocent)).toBe(false);
    const corpus = readCorpus(out);
    const expected = readCorpus(reference);
    expect(corpus["records.jsonl"]).toBe(expected["records.jsonl"]);
    expect(corpus["decks.jsonl"]).toBe(expected["decks.jsonl"]);
    // the journal holds no suspect any more
    expect(journal(out).filter((l) => l.op !== "exit")).toEqual([]);

    // 4. not retried while unchanged, even with the hooks gone...
    const fourth = run(inputs, out, {});
    expect(fourth.status).toBe(0);
    expect(fourth.summary).toMatchObject({ processed: 0, skipped: 8 });
    expect(errorsOf(out).map((e) => e.code)).toEqual(["process_crashed"]);

    // 5. ...until asked: --retry-failed processes it again (it no longer crashes), giving a clean run's corpus
    const fifth = run(inputs, out, {}, ["--retry-failed"]);
    expect(fifth.status).toBe(0);
    expect(fifth.summary).toMatchObject({ processed: 1, skipped: 7, failed: 0 });
    const full = join(dir, "full");
    expect(ingestCli([inputs], full, ["--quiet"]).status).toBe(0);
    expect(readCorpus(out)).toEqual(readCorpus(full));
  });

  it("a document that changed after it crashed the process is processed again", () => {
    // the crasher's error stands for its content; new content is a new document (here one that does not crash)
    const changed = join(dir, "changed");
    const r1 = run(inputs, changed, hooks);
    expect(r1.signal).toBe("SIGKILL");
    const r2 = run(inputs, changed, hooks);
    expect(r2.signal).toBe("SIGKILL");
    const r3 = run(inputs, changed, hooks);
    expect(r3.status).toBe(1);
    expect(errorsOf(changed).map((e) => e.code)).toEqual(["process_crashed"]);
    const path = join(inputs, crasher);
    const text = readFileSync(path, "utf8");
    spawnSync("sh", ["-c", `printf '%s\\n\\nOne more slide\\n' "$(cat "$1")" > "$1"`, "sh", path]);
    expect(readFileSync(path, "utf8")).not.toBe(text);
    const r4 = run(inputs, changed, {});
    expect(r4.status).toBe(0);
    expect(r4.summary).toMatchObject({ processed: 1, failed: 0 });
    expect(errorsOf(changed)).toEqual([]);
  });
});
