// Nightly operation of `slidecorpus ingest`: incremental re-runs, one writer at a time, and isolation of
// documents that hang, crash or exhaust memory.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { acquireLock, HEARTBEAT_MS } from "../corpus/store/lock.ts";
import { deckText, generateDecks } from "../bench/generate-corpus.js";
import { supportedExtensions } from "../extractors/registry.ts";
import { inProcessIngest, ingestCli, readCorpus, sleep, startIngest } from "./batch-helpers.ts";
import { fixture, readJsonl, tempDir } from "./helpers.ts";

interface Rec { id: string; source: string; slide: number; text: string }
interface Err { source: string; code: string; stage: string; message: string }

// What a run does to a corpus is tested with ingest() in this process (one pipeline load for the file); the CLI
// is spawned where the process is what is tested: its exit code and messages, its locks against other
// processes, signals, worker threads that hang, crash or run out of memory, what it loads.
const here = inProcessIngest();
afterAll(() => here.close());

describe("incremental ingest", () => {
  const dir = tempDir("slidecorpus-batch-");
  const inputs = join(dir, "in");
  const out = join(dir, "out");
  const paths = generateDecks(inputs, 6);
  const records = () => readJsonl<Rec>(join(out, "records.jsonl"));
  const sources = () => [...new Set(records().map((r) => r.source))];

  it("processes every deck on the first run", async () => {
    expect(await here.run([inputs], out)).toMatchObject({ processed: 6, skipped: 0, failed: 0, removed: 0 });
    expect(sources()).toEqual(paths);
  });

  it("skips unchanged decks, leaving the corpus files untouched", async () => {
    const before = readCorpus(out);
    const mtime = statSync(join(out, "records.jsonl")).mtimeMs;
    expect(await here.run([inputs], out)).toMatchObject({ processed: 0, skipped: 6, removed: 0, corpus: { decks: 6 } });
    expect(readCorpus(out)).toEqual(before);
    expect(statSync(join(out, "records.jsonl")).mtimeMs).toBe(mtime);
  });

  it("loads none of the document pipeline on an unchanged re-run, whose cost is then only start-up", () => {
    // A module-load hook lists every file the run imports (the bench measures the time this saves).
    const trace = join(dir, "loaded.txt");
    const hook = join(dir, "trace-loads.mjs");
    writeFileSync(hook, `import { registerHooks } from "node:module"; import { appendFileSync } from "node:fs";
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(trace)}, url + "\\n"); return next(url, context); } });`);
    const r = ingestCli([inputs], out, ["--quiet"], { NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` });
    expect(r.run).toMatchObject({ processed: 0, skipped: 6 });
    const loaded = readFileSync(trace, "utf8");
    expect(loaded).toContain("/pipeline/ingest.ts");
    for (const heavy of ["/zod/", "/pdfjs-dist/", "/tesseract.js/", "/franc", "/normalizers/", "/extractors/pdf/extract.ts", "/corpus/segment", "/corpus/enrich/tag.ts", "/pipeline/process.ts", "/bullmq/", "/ioredis/", "/language/danish/", "/extractors/pdf/ocr-pool.ts"]) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });

  it("skips a deck whose file was touched but not changed (hash comparison)", async () => {
    utimesSync(join(inputs, paths[0]!), new Date(), new Date(Date.now() + 5000));
    expect(await here.run([inputs], out)).toMatchObject({ processed: 0, skipped: 6 });
  });

  it("replaces the records of a changed deck, and only those", async () => {
    const before = records().filter((r) => r.source !== paths[1]);
    writeFileSync(join(inputs, paths[1]!), "Ny titel på dæk et\nEn undertitel\n\f• et nyt punkt om kommunen\n");
    expect(await here.run([inputs], out)).toMatchObject({ processed: 1, skipped: 5 });
    const after = records();
    const texts = after.filter((x) => x.source === paths[1]).map((x) => x.text);
    expect(texts[0]).toMatch(/^Ny titel på dæk et/);
    expect(texts.join("\n")).toContain("et nyt punkt om kommunen");
    expect(texts.join("\n")).not.toContain("Deck 1:");
    expect(after.filter((x) => x.source !== paths[1])).toEqual(before);
    expect(new Set(after.map((x) => x.id)).size).toBe(after.length);
  });

  it("removes the records of a deleted deck, or keeps them with --keep-deleted", async () => {
    rmSync(join(inputs, paths[2]!));
    expect(await here.run([inputs], out, { keepDeleted: true })).toMatchObject({ removed: 0, corpus: { decks: 6 } });
    expect(sources()).toContain(paths[2]);
    expect(await here.run([inputs], out)).toMatchObject({ removed: 1, processed: 0, corpus: { decks: 5 } });
    expect(sources()).toEqual(paths.filter((p) => p !== paths[2]));
    expect(readJsonl<{ source: string }>(join(out, "decks.jsonl")).map((d) => d.source)).not.toContain(paths[2]);
  });

  it("removes nothing when an input folder cannot be read (an unmounted archive is not a deleted one)", () => {
    const r = ingestCli([inputs, join(dir, "not-mounted")], out, ["--quiet"]);
    expect(r.status).toBe(1);
    expect(r.run).toMatchObject({ removed: 0, corpus: { decks: 5 } });
  });

  it("reprocesses everything with --force, giving the same records", async () => {
    const before = readCorpus(out);
    expect(await here.run([inputs], out, { force: true })).toMatchObject({ processed: 5, skipped: 0 });
    expect(readCorpus(out)).toEqual({ ...before, "errors.jsonl": "" });
  });
});

describe("a re-run with other settings", () => {
  const dir = tempDir("slidecorpus-settings-");
  const inputs = join(dir, "in");
  const out = join(dir, "out");
  mkdirSync(inputs);
  copyFileSync(fixture("text", "000_9b0b97a4996a1ab6.txt"), join(inputs, "damaged.txt"));
  copyFileSync(fixture("pdf", "text-danish.pdf"), join(inputs, "slides.pdf"));
  copyFileSync(fixture("pdf", "bad", "encrypted.pdf"), join(inputs, "locked.pdf"));
  const texts = () => readJsonl<Rec>(join(out, "records.jsonl")).filter((r) => r.source === "damaged.txt").map((r) => r.text).join("\n");

  it("reprocesses the decks a changed setting concerns, and only those", async () => {
    expect((await here.run([inputs], out))).toMatchObject({ processed: 2, failed: 1 });
    expect(texts()).toContain("fælles");
    // the repair turned off: every deck's records change
    expect((await here.run([inputs], out, { normalize: { repair: false } }))).toMatchObject({ processed: 2, skipped: 0 });
    expect(texts()).toContain("feelles");
    // the deck says which settings made it
    expect(readJsonl<{ source: string; pipelineVersion: string }>(join(out, "decks.jsonl")).map((d) => d.pipelineVersion)).toEqual([
      expect.stringMatching(/^\d+\.\d+\.\d+\+settings\.[0-9a-f]{12}$/),
      expect.stringMatching(/^\d+\.\d+\.\d+\+settings\.[0-9a-f]{12}$/),
    ]);
    expect((await here.run([inputs], out, { normalize: { repair: false } }))).toMatchObject({ processed: 0, skipped: 3 });
    expect((await here.run([inputs], out))).toMatchObject({ processed: 2 });
    expect(texts()).toContain("fælles");
    // an OCR setting concerns the PDFs only
    expect((await here.run([inputs], out, { extract: { ocr: "never" } }))).toMatchObject({ processed: 1, failed: 1, skipped: 1 });
  });

  it("retries a deck that failed once a password is given", async () => {
    expect((await here.run([inputs], out, { extract: { ocr: "never" } }))).toMatchObject({ processed: 0, skipped: 3 });
    expect(readJsonl<Err>(join(out, "errors.jsonl")).map((e) => [e.source, e.code])).toEqual([["locked.pdf", "encrypted"]]);
    expect(await here.run([inputs], out, { extract: { ocr: "never", password: "hemmelig" } })).toMatchObject({ processed: 1, failed: 0, skipped: 2 });
    expect(readJsonl<Err>(join(out, "errors.jsonl"))).toEqual([]);
    expect(readJsonl<Rec>(join(out, "records.jsonl")).some((x) => x.source === "locked.pdf")).toBe(true);
  });
});

describe("one writer per output folder", () => {
  it("refuses a second run while one is running (exit 3, naming the owner), and runs once it is done", async () => {
    const dir = tempDir("slidecorpus-lock-");
    generateDecks(join(dir, "in"), 8);
    const out = join(dir, "out");
    const first = startIngest([join(dir, "in")], out, ["--quiet"], { SLIDECORPUS_TEST_DELAY_MS: "300" });
    while (!existsSync(join(out, ".slidecorpus", "lock"))) await sleep(20);
    const second = ingestCli([join(dir, "in")], out, ["--quiet"]);
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(new RegExp(`^slidecorpus: the output folder is in use by another ingest \\(pid ${first.child.pid} on ${hostname()}, started .*\\); if that process is gone, delete .*lock\\n$`));
    expect((await first.exited).code).toBe(0);
    expect(existsSync(join(out, ".slidecorpus", "lock"))).toBe(false);
    expect(await here.run([join(dir, "in")], out)).toMatchObject({ skipped: 8 });
  });

  it("takes over a stale lock left by a process that died, and says so", () => {
    const dir = tempDir("slidecorpus-lock-");
    generateDecks(join(dir, "in"), 2);
    const out = join(dir, "out");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    mkdirSync(join(out, ".slidecorpus"), { recursive: true });
    writeFileSync(join(out, ".slidecorpus", "lock"), JSON.stringify({ pid: Number(dead.stdout), hostname: hostname(), startedAt: "2026-01-01T00:00:00.000Z" }));
    const r = ingestCli([join(dir, "in")], out, ["--log", "text"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`took over a stale lock of pid ${dead.stdout} on ${hostname()} (started 2026-01-01T00:00:00.000Z)`);
    expect(r.run).toMatchObject({ processed: 2 });
  });
});

describe("two input folders holding the same relative path", () => {
  it("reads the first one given, and gives the other an error record naming both", async () => {
    const dir = tempDir("slidecorpus-dup-");
    mkdirSync(join(dir, "2023", "talks"), { recursive: true });
    mkdirSync(join(dir, "2024", "talks"), { recursive: true });
    writeFileSync(join(dir, "2023", "talks", "intro.txt"), deckText(1));
    writeFileSync(join(dir, "2024", "talks", "intro.txt"), deckText(2));
    writeFileSync(join(dir, "2024", "talks", "other.txt"), deckText(3));
    const out = join(dir, "out");
    expect(await here.run([join(dir, "2023"), join(dir, "2024")], out)).toMatchObject({ processed: 2, failed: 1 });
    const decks = readJsonl<{ source: string; title?: string }>(join(out, "decks.jsonl"));
    expect(decks.map((d) => d.source)).toEqual(["talks/intro.txt", "talks/other.txt"]);
    expect(decks[0]!.title).toMatch(/^Deck 1: /);
    const errors = readJsonl<Err>(join(out, "errors.jsonl"));
    expect(errors).toEqual([expect.objectContaining({ source: join(dir, "2024", "talks", "intro.txt"), stage: "discover", code: "duplicate_source" })]);
    expect(errors[0]!.message).toContain(join(dir, "2023", "talks", "intro.txt"));
  });
});

describe("a lock held from another host (an output folder on a network share)", () => {
  const lockedBy = (ageMinutes: number) => {
    const dir = tempDir("slidecorpus-lock-");
    generateDecks(join(dir, "in"), 2);
    const out = join(dir, "out");
    const lock = join(out, ".slidecorpus", "lock");
    mkdirSync(join(out, ".slidecorpus"), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: 4242, hostname: "archive-01.example", startedAt: "2026-11-24T02:00:00.000Z" }));
    const refreshed = new Date(Date.now() - ageMinutes * 60_000);
    utimesSync(lock, refreshed, refreshed);
    return { inputs: join(dir, "in"), out };
  };

  it("is respected while its owner refreshes it, and the message says when it would be taken over", () => {
    const { inputs, out } = lockedBy(2);
    const r = ingestCli([inputs], out, ["--quiet"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("(pid 4242 on archive-01.example, started 2026-11-24T02:00:00.000Z)");
    expect(r.stderr).toContain("a lock from another host is taken over once not refreshed for 10 minutes");
  });

  it("is taken over once it has not been refreshed for ten minutes", () => {
    const { inputs, out } = lockedBy(11);
    const r = ingestCli([inputs], out, ["--log", "text"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("took over a stale lock of pid 4242 on archive-01.example (started 2026-11-24T02:00:00.000Z)");
    expect(r.run).toMatchObject({ processed: 2 });
  });

  it("is refreshed every minute by its owner", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    try {
      const dir = tempDir("slidecorpus-lock-");
      const lock = await acquireLock(dir);
      const created = statSync(lock.path).mtimeMs;
      vi.setSystemTime(Date.now() + 5 * 60_000);
      vi.advanceTimersByTime(HEARTBEAT_MS);
      await vi.waitFor(() => expect(statSync(lock.path).mtimeMs).toBeGreaterThan(created + 4 * 60_000), { interval: 10 });
      await lock.release();
      expect(existsSync(lock.path)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("stopping a run", () => {
  it("stops on SIGTERM with exit 143, releasing the lock and recording no half-done document as failed", async () => {
    const dir = tempDir("slidecorpus-stop-");
    generateDecks(join(dir, "in"), 30);
    const out = join(dir, "out");
    const run = startIngest([join(dir, "in")], out, ["--quiet"], { SLIDECORPUS_TEST_DELAY_MS: "100" });
    while (!existsSync(join(out, ".slidecorpus", "manifest.jsonl")) || readFileSync(join(out, ".slidecorpus", "manifest.jsonl"), "utf8").split("\n").length < 4) await sleep(20);
    run.child.kill("SIGTERM");
    const { code, stderr } = await run.exited;
    expect(code).toBe(143);
    expect(stderr).toBe("slidecorpus: stopped by SIGTERM; the decks done so far are kept, the next run goes on from there\n");
    expect(existsSync(join(out, ".slidecorpus", "lock"))).toBe(false);
    const next = await here.run([join(dir, "in")], out);
    expect(next.skipped).toBeGreaterThanOrEqual(2);
    expect(next).toMatchObject({ failed: 0, corpus: { decks: 30, errors: 0 } });
  });
});

describe("isolation of bad documents", () => {
  const dir = tempDir("slidecorpus-iso-");
  const inputs = join(dir, "in");
  const paths = generateDecks(inputs, 6);
  const name = (i: number) => paths[i]!.split("/").pop()!;

  it("stops a hanging document at --doc-timeout, records a crashed worker, and goes on with new threads", () => {
    const out = join(dir, "out");
    const t0 = performance.now();
    const r = ingestCli([inputs], out, ["--quiet", "--doc-timeout", "10"], { SLIDECORPUS_TEST_HANG: name(1), SLIDECORPUS_TEST_CRASH: name(3) });
    expect(performance.now() - t0).toBeLessThan(90_000);
    expect(r.status).toBe(1);
    const errors = readJsonl<Err>(join(out, "errors.jsonl"));
    expect(errors.map((e) => [e.source, e.stage, e.code])).toEqual([
      [paths[1], "extract", "timeout"],
      [paths[3], "extract", "worker_crashed"],
    ]);
    expect(errors[0]!.message).toBe("processing took longer than 10 s; it was stopped");
    expect(errors[1]!.message).toBe(`the worker crashed: test crash on ${paths[3]}`);
    expect(r.run).toMatchObject({ processed: 4, failed: 2, workersReplaced: 2 });
    expect(readJsonl<{ source: string }>(join(out, "decks.jsonl")).map((d) => d.source)).toEqual(paths.filter((_, i) => i !== 1 && i !== 3));
  });

  it("stops a document that exhausts its thread's memory (--worker-memory), without a time limit", () => {
    const out = join(dir, "out-oom");
    const r = ingestCli([inputs], out, ["--quiet", "--doc-timeout", "0", "--worker-memory", "128"], { SLIDECORPUS_TEST_OOM: name(2) });
    expect(r.status).toBe(1);
    expect(readJsonl<Err>(join(out, "errors.jsonl"))).toEqual([
      expect.objectContaining({ source: paths[2], code: "worker_crashed", message: "the worker ran out of memory (limit 128 MB)" }),
    ]);
    expect(r.run).toMatchObject({ processed: 5, failed: 1, workersReplaced: 1 });
  });
});

describe("a corpus of broken files", () => {
  const pdf = supportedExtensions().includes(".pdf");
  // Until the PDF extractor is registered, .pdf files are not inputs; then each must get its error record.
  const broken: Record<string, string> = {
    "zero-bytes.txt": "empty",
    "random-bytes.txt": "binary",
    "pdf-named.txt": "binary",
    ...(pdf ? { "zero-bytes.pdf": "empty", "random-bytes.pdf": "not_pdf", "truncated.pdf": "corrupt", "encrypted.pdf": "encrypted" } : {}),
  };
  const dir = tempDir("slidecorpus-broken-");
  const inputs = join(dir, "in");
  const out = join(dir, "out");
  // the folder's README.md describes the fixtures; it is not one of them (a Markdown file is a deck)
  cpSync(fixture("broken"), inputs, { recursive: true, filter: (src) => !src.endsWith("README.md") });
  copyFileSync(fixture("text", "003_8ed779def9d74a82.txt"), join(inputs, "good-003.txt"));
  copyFileSync(fixture("text", "000_9b0b97a4996a1ab6.txt"), join(inputs, "good-000.txt"));

  it("gives every broken file an error record and every good file its records", async () => {
    const run = await here.run([inputs], out);
    const errors = readJsonl<Err>(join(out, "errors.jsonl"));
    expect(Object.fromEntries(errors.map((e) => [e.source, e.code]))).toEqual(broken);
    expect([...new Set(readJsonl<Rec>(join(out, "records.jsonl")).map((x) => x.source))]).toEqual(["good-000.txt", "good-003.txt"]);
    expect(run).toMatchObject({ processed: 2, failed: Object.keys(broken).length });
  });

  it("does not retry an unchanged broken file on the next run, and keeps its error record", async () => {
    const before = readCorpus(out);
    expect(await here.run([inputs], out)).toMatchObject({ processed: 0, failed: 0, skipped: Object.keys(broken).length + 2, corpus: { errors: Object.keys(broken).length } });
    expect(readCorpus(out)).toEqual(before);
  });

  it("retries a broken file once it changed", async () => {
    writeFileSync(join(inputs, "zero-bytes.txt"), deckText(7));
    expect(await here.run([inputs], out)).toMatchObject({ processed: 1, failed: 0 });
    expect(readJsonl<Err>(join(out, "errors.jsonl")).map((e) => e.source)).not.toContain("zero-bytes.txt");
    expect(readJsonl<{ source: string; title?: string }>(join(out, "decks.jsonl")).find((d) => d.source === "zero-bytes.txt")).toBeTruthy();
    expect(readFileSync(join(out, "records.jsonl"), "utf8")).toContain('"source":"zero-bytes.txt"');
  });
});

describe("progress output", () => {
  it("writes one JSON line per event when stderr is not a terminal, ending with the summary", () => {
    const dir = tempDir("slidecorpus-log-");
    generateDecks(join(dir, "in"), 3);
    const r = ingestCli([join(dir, "in")], join(dir, "out"));
    const lines = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as { event: string; status?: string; processed?: number });
    expect(lines.map((l) => l.event)).toEqual(["start", "document", "document", "document", "assemble", "summary"]);
    expect(lines.filter((l) => l.event === "document").map((l) => l.status)).toEqual(["processed", "processed", "processed"]);
    expect(lines.at(-1)).toMatchObject({ event: "summary", processed: 3, skipped: 0, failed: 0, corpus: { decks: 3 } });
  });
});
