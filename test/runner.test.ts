// The Runner seam of ingest: where documents are processed changes nothing in the corpus, a runner sees only
// plain data, a stopped run records nothing half-done; and the plan step's decisions, from the manifest.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDecks, deckText } from "../bench/generate-corpus.js";
import { RunSummary } from "../model/run.ts";
import { inProcessRunner } from "../pipeline/in-process-runner.ts";
import { ingest, type ProgressEvent } from "../pipeline/ingest.ts";
import { outputVersions, planRun, statInputs, type KnownDeck } from "../pipeline/plan.ts";
import { discoverInputs } from "../pipeline/discover.ts";
import type { DocumentJob, Runner } from "../pipeline/runner.ts";
import { DocumentOutcome } from "../model/store.ts";
import { ocrWorkersFor, threadRunner } from "../pipeline/thread-runner.ts";
import { readCorpus } from "./batch-helpers.ts";
import { fixture, seed000, tempDir } from "./helpers.ts";

function inputs(dir: string): string {
  const folder = join(dir, "in");
  generateDecks(folder, 4);
  copyFileSync(seed000, join(folder, "damaged.txt"));
  copyFileSync(fixture("pdf", "text-danish.pdf"), join(folder, "slides.pdf"));
  copyFileSync(fixture("broken", "random-bytes.txt"), join(folder, "broken.txt"));
  return folder;
}

/** A runner that passes jobs and outcomes through JSON, as a queue to other machines would. */
function jsonRunner(inner: Runner, seen: unknown[]): Runner {
  return {
    concurrency: 2,
    get workersReplaced() {
      return inner.workersReplaced;
    },
    async run(job, options) {
      const wire = JSON.stringify({ ...job, bytes: Buffer.from(job.bytes).toString("base64") });
      const received = JSON.parse(wire) as Omit<DocumentJob, "bytes"> & { bytes: string };
      seen.push({ source: received.source, settings: received.settings });
      const outcome = await inner.run({ ...received, bytes: new Uint8Array(Buffer.from(received.bytes, "base64")) }, options);
      // what comes back over the wire is checked against the model, as a remote runner must (and used as it
      // came: zod's parse would put the keys in the schema's order, and the corpus bytes would differ)
      const back = JSON.parse(JSON.stringify(outcome)) as DocumentOutcome;
      DocumentOutcome.parse(back);
      return back;
    },
    close: () => inner.close(),
  };
}

describe("ingest through a Runner", () => {
  const dir = tempDir("slidecorpus-runner-");
  const folder = inputs(dir);

  it("writes the same corpus in worker threads, on the main thread, and through a runner that sees only JSON", async () => {
    const threads = threadRunner({ threads: 2 });
    const threaded = await ingest([folder], { out: join(dir, "threads"), runner: threads }).finally(() => threads.close());
    const local = inProcessRunner();
    const seen: unknown[] = [];
    const remote = jsonRunner(local, seen);
    try {
      const inProcess = await ingest([folder], { out: join(dir, "main"), runner: local });
      const viaJson = await ingest([folder], { out: join(dir, "json"), runner: remote, normalize: { repair: true } });
      for (const summary of [threaded, inProcess, viaJson]) {
        expect(summary).toMatchObject({ inputs: 7, processed: 6, failed: 1, corpus: { decks: 6, errors: 1 } });
      }
      const expected = readCorpus(join(dir, "threads"));
      expect(expected["records.jsonl"]).toContain('"source":"slides.pdf"');
      expect(expected["errors.jsonl"]).toContain('"code":"binary"');
      expect(readCorpus(join(dir, "main"))).toEqual(expected);
      expect(readCorpus(join(dir, "json"))).toEqual(expected);
      expect(seen).toHaveLength(7);
      expect(seen).toContainEqual({ source: "slides.pdf", settings: { extract: { thumbnails: true }, normalize: { repair: true } } });
    } finally {
      await local.close();
    }
  });

  it("writes a run.json that its zod schema accepts", () => {
    const run = RunSummary.parse(JSON.parse(readFileSync(join(dir, "json", "run.json"), "utf8")));
    expect(run).toMatchObject({ inputs: 7, processed: 6, skipped: 0, failed: 1, removed: 0, workersReplaced: 0 });
    expect(run.slides).toBeGreaterThan(6);
    expect(RunSummary.safeParse({ ...run, processed: -1 }).success).toBe(false);
  });

  it("reports a document's own time as its `ms`, and the time it waited for the runner apart", async () => {
    const out = join(dir, "timed");
    // one document at a time, each taking a while, with more handed to it than it runs: the others wait
    const inner = inProcessRunner();
    let line = Promise.resolve();
    const serial: Runner = {
      concurrency: 1,
      workersReplaced: 0,
      run: (job, options = {}) => {
        const turn = line.then(async () => {
          options.onStart?.();
          await new Promise((r) => setTimeout(r, 150));
          return inner.run(job, { ...options, onStart: () => {} });
        });
        line = turn.then(() => {}, () => {});
        return turn;
      },
      close: () => inner.close(),
    };
    const events: ProgressEvent[] = [];
    try {
      const run = await ingest([folder], { out, runner: serial, onProgress: (e) => events.push(e) });
      const docs = events.filter((e) => e.type === "document");
      const processed = docs.filter((e) => e.status !== "skipped");
      expect(processed.length).toBe(7);
      for (const d of processed) expect(d.ms).toBeGreaterThanOrEqual(140);
      // processed one at a time, their own times fit in the run's: queue time counted in would add up to more
      const own = docs.reduce((sum, d) => sum + d.ms, 0);
      expect(own).toBeLessThanOrEqual(run.ms);
      expect(docs.some((d) => d.waitMs >= 100)).toBe(true);
      expect(run.documentMs).toBe(own);
      expect(run.waitMs).toBe(docs.reduce((sum, d) => sum + d.waitMs, 0));
    } finally {
      await serial.close();
    }
  });

  it("stops on its signal: the runner's documents are stopped, nothing half-done is recorded, the lock is released", async () => {
    const out = join(dir, "stopped");
    const controller = new AbortController();
    let started = 0;
    const stalling: Runner = {
      concurrency: 2,
      workersReplaced: 0,
      run: (job, { signal } = {}) => {
        if (++started === 2) setTimeout(() => controller.abort(), 10);
        return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
      },
      close: async () => {},
    };
    await expect(ingest([folder], { out, runner: stalling, signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(started).toBeGreaterThanOrEqual(2);
    expect(started).toBeLessThanOrEqual(4); // twice the runner's concurrency handed to it at most, none after the stop
    expect(existsSync(join(out, ".slidecorpus", "lock"))).toBe(false);
    expect(existsSync(join(out, "records.jsonl"))).toBe(false);
    const runner = inProcessRunner();
    try {
      expect(await ingest([folder], { out, runner })).toMatchObject({ processed: 6, failed: 1, skipped: 0 });
    } finally {
      await runner.close();
    }
  });
});

describe("ingest keeps the corpus whole", () => {
  it("processes again, in the same run, a deck whose part file is damaged, and says so; the corpus is as a clean run writes it", async () => {
    const dir = tempDir();
    const folder = join(dir, "in");
    generateDecks(folder, 3);
    const out = join(dir, "out");
    const runner = inProcessRunner();
    try {
      await ingest([folder], { out, runner });
      const clean = readCorpus(out);
      const parts = join(out, ".slidecorpus", "parts");
      const [first] = readdirSync(parts);
      appendFileSync(join(parts, first!), '{"id":"forged","text":"not a record"}\n');
      const events: ProgressEvent[] = [];
      // records.jsonl cut too: the corpus files are written again from the parts, where the damage is met
      writeFileSync(join(out, "records.jsonl"), "");
      const summary = await ingest([folder], { out, runner, onProgress: (e) => events.push(e) });
      expect(events.filter((e) => e.type === "damaged_part")).toEqual([{ type: "damaged_part", source: expect.any(String), reason: "its checksum does not match" }]);
      expect(summary.corpus.decks).toBe(3);
      const after = readCorpus(out);
      expect(after["records.jsonl"]).not.toContain("forged");
      expect(after).toEqual(clean);
    } finally {
      await runner.close();
    }
  });

  it("stops during assembly on its signal (SIGTERM): the corpus files are not replaced, the lock is released, the next run completes", async () => {
    const dir = tempDir();
    const folder = join(dir, "in");
    generateDecks(folder, 20);
    const out = join(dir, "out");
    const runner = inProcessRunner();
    try {
      const controller = new AbortController();
      const stopAtAssembly = (e: ProgressEvent) => e.type === "assemble" && controller.abort();
      await expect(ingest([folder], { out, runner, signal: controller.signal, onProgress: stopAtAssembly })).rejects.toMatchObject({ name: "AbortError" });
      expect(existsSync(join(out, "records.jsonl"))).toBe(false);
      expect(existsSync(join(out, ".slidecorpus", "lock"))).toBe(false);
      expect(readdirSync(out).filter((n) => n.includes(".tmp"))).toEqual([]);
      expect(await ingest([folder], { out, runner })).toMatchObject({ skipped: 20, corpus: { decks: 20 } });
    } finally {
      await runner.close();
    }
  });
});

describe("the thread runner", () => {
  it("sizes the shared OCR workers with the cores and the memory, not the threads", () => {
    // one a core: a thread waiting on OCR uses none, so more threads do not mean fewer workers
    expect(ocrWorkersFor({ cores: 2, memoryMb: 24_000 })).toBe(2);
    expect(ocrWorkersFor({ cores: 8, memoryMb: 64_000 })).toBe(8);
    // never more than a quarter of the memory holds, and at least one
    expect(ocrWorkersFor({ cores: 8, memoryMb: 2000 })).toBe(2);
    expect(ocrWorkersFor({ cores: 1, memoryMb: 500 })).toBe(1);
    expect(ocrWorkersFor({ cores: 4, memoryMb: 100 })).toBe(1);
  });

  it("says when a thread started and finished a document, by the thread's clock, though this thread was busy meanwhile", async () => {
    const runner = threadRunner({ threads: 1, docTimeoutMs: 0, ocrWorkers: 1 });
    try {
      const job = (source: string) => ({ source, bytes: new TextEncoder().encode(deckText(2)), sha256: source, settings: {} });
      await runner.run(job("warm.txt"));
      let started: number | undefined, ended: number | undefined;
      const handed = performance.now();
      const outcome = runner.run(job("timed.txt"), { onStart: (at) => (started = at ?? performance.now()), onEnd: (at) => (ended = at) });
      // this thread busy (as when it writes a large deck's records) while the document runs
      const busyUntil = performance.now() + 3000;
      while (performance.now() < busyUntil);
      expect((await outcome).ok).toBe(true);
      // marked when the thread took it up, not when this thread got around to reading the message
      expect(started).toBeGreaterThanOrEqual(handed);
      expect(started).toBeLessThan(busyUntil);
      expect(ended).toBeGreaterThanOrEqual(started!);
      // and finished by the thread's clock too: a 2-slide deck ends long before this thread is free to hear of it
      expect(ended).toBeLessThan(busyUntil);
    } finally {
      await runner.close();
    }
  });

  it("stops a running document on its signal, terminating its thread, and goes on with the next ones", async () => {
    process.env.SLIDECORPUS_TEST_HANG = "hang.txt";
    const runner = threadRunner({ threads: 1, docTimeoutMs: 0 });
    try {
      const controller = new AbortController();
      const pages: number[] = [];
      let started = 0;
      const hanging = runner.run({ source: "hang.txt", bytes: new TextEncoder().encode(deckText(1)), sha256: "a", settings: {} }, { signal: controller.signal });
      const bytes = new Uint8Array(readFileSync(fixture("pdf", "text-danish.pdf")));
      const next = runner.run({ source: "next.pdf", bytes, sha256: "b", settings: { extract: { ocr: "never" } } }, { onPage: (p) => pages.push(p.page), onStart: () => started++ });
      setTimeout(() => controller.abort(), 500);
      await expect(hanging).rejects.toMatchObject({ name: "AbortError" });
      const outcome = await next;
      expect(outcome.ok).toBe(true);
      expect(pages).toEqual(outcome.ok ? outcome.deck.slides.map((s) => s.slide) : []);
      expect(pages.length).toBeGreaterThan(0);
      expect(started).toBe(1); // told when its thread took it up, after the hanging one was stopped
      expect(runner.workersReplaced).toBe(0); // stopped on request, not replaced after a failure
    } finally {
      delete process.env.SLIDECORPUS_TEST_HANG;
      await runner.close();
    }
  });
});

describe("the plan", () => {
  const file = (source: string) => ({ path: `/in/${source}`, source });
  const state = { size: 10, mtimeMs: 1000 };
  const settings = {};
  const version = outputVersions(settings)("a.txt");
  const known = (entry: Partial<KnownDeck>): KnownDeck => ({ ok: true, pipelineVersion: version, sha256: "abc", ...state, ...entry });

  it("skips an unchanged current deck, reads a touched one (skipping it if its hash is the same), reprocesses an outdated one", () => {
    const corpus: Record<string, KnownDeck> = {
      "same.txt": known({}),
      "touched.txt": known({ mtimeMs: 999 }),
      "old.txt": known({ pipelineVersion: "0.0.1" }),
    };
    const files = ["new.txt", "old.txt", "same.txt", "touched.txt"].map(file);
    const plan = planRun(
      { files, states: files.map(() => state), discoveryErrors: [], known: (s) => corpus[s], stored: [...Object.keys(corpus), "gone.txt"] },
      { settings },
    );
    expect(plan.steps.map((s) => [s.file.source, s.action, s.action === "read" ? s.unlessSha256 : undefined])).toEqual([
      ["new.txt", "read", undefined],
      ["old.txt", "read", undefined],
      ["same.txt", "skip", undefined],
      ["touched.txt", "read", "abc"],
    ]);
    expect(plan.remove).toEqual(["gone.txt"]);
    const checksum = planRun({ files, states: files.map(() => state), discoveryErrors: [], known: (s) => corpus[s], stored: [] }, { settings, checksum: true });
    expect(checksum.steps.find((s) => s.file.source === "same.txt")).toMatchObject({ action: "read", unlessSha256: "abc" });
    const force = planRun({ files, states: files.map(() => state), discoveryErrors: [], known: (s) => corpus[s], stored: [] }, { settings, force: true });
    expect(force.steps.filter((s) => s.action === "read" && !s.unlessSha256)).toHaveLength(4);
  });

  it("retries a failed PDF once a password is given, and only a PDF (the extractor says so)", () => {
    const files = [file("locked.pdf"), file("broken.txt")];
    const withPassword = { extract: { password: "hemmelig" } };
    const versionOf = outputVersions(withPassword);
    const failed = (s: string) => known({ ok: false, pipelineVersion: versionOf(s) });
    const plan = (options: typeof settings) => planRun({ files, states: [state, state], discoveryErrors: [], known: failed, stored: [] }, { settings: options }).steps.map((s) => s.action);
    expect(plan(withPassword)).toEqual(["read", "skip"]);
    expect(versionOf("locked.pdf")).toBe(version); // a password changes no output: no new stamp
  });

  it("removes nothing when a folder could not be read, or with keepDeleted; says which files cannot be read", () => {
    const unreadable = { source: "archive", stage: "discover" as const, code: "unreadable" as const, message: "cannot read archive: ENOENT" };
    const input = { files: [file("a.txt")], states: [{ unreadable: "EACCES" }], known: () => undefined, stored: ["gone.txt"] };
    expect(planRun({ ...input, discoveryErrors: [unreadable] }, { settings }).remove).toEqual([]);
    expect(planRun({ ...input, discoveryErrors: [] }, { settings, keepDeleted: true }).remove).toEqual([]);
    expect(planRun({ ...input, discoveryErrors: [] }, { settings }).steps).toEqual([
      { action: "unreadable", file: file("a.txt"), error: { source: "a.txt", stage: "read", code: "unreadable", message: "cannot read a.txt: EACCES" } },
    ]);
  });

  it("refuses to remove more than half of the corpus, or anything when no supported file was found, unless allowMassDelete", () => {
    const stored = ["a.txt", "b.txt", "c.txt", "d.txt"];
    const plan = (files: string[], options: { allowMassDelete?: boolean } = {}) =>
      planRun({ files: files.map(file), states: files.map(() => state), discoveryErrors: [], known: () => undefined, stored }, { settings, ...options });
    // an unmounted mount point: an empty folder, or one with only unsupported files, yields no file
    const empty = plan([]);
    expect(empty.remove).toEqual([]);
    expect(empty.refused).toMatch(/refusing to remove 4 of the corpus's 4 decks: the inputs hold no supported file.*--allow-mass-delete/);
    const most = plan(["a.txt"]);
    expect(most.remove).toEqual([]);
    expect(most.refused).toMatch(/refusing to remove 3 of the corpus's 4 decks: their files are not among the inputs/);
    const half = plan(["a.txt", "b.txt"]); // half is allowed
    expect([half.remove, half.refused]).toEqual([["c.txt", "d.txt"], undefined]);
    const allowed = plan([], { allowMassDelete: true });
    expect([allowed.remove, allowed.refused]).toEqual([stored, undefined]);
    expect(plan(stored).refused).toBeUndefined();
  });

  it("stamps a deck with the settings its format's extractor names: an OCR setting concerns PDFs only", () => {
    const plain = outputVersions({});
    const ocr = outputVersions({ extract: { ocr: "never" } });
    const noRepair = outputVersions({ normalize: { repair: false } });
    expect(ocr("a.txt")).toBe(plain("a.txt"));
    expect(ocr("a.pdf")).toMatch(/^\d+\.\d+\.\d+\+settings\.[0-9a-f]{12}$/);
    expect(ocr("A.PDF")).toBe(ocr("a.pdf"));
    expect(noRepair("a.txt")).not.toBe(plain("a.txt"));
    expect(noRepair("a.pdf")).toBe(noRepair("a.txt"));
    expect(outputVersions({ extract: { ocr: "auto", lang: "dan+eng" } })("a.pdf")).toBe(plain("a.pdf"));
    // reading pictures apart changes a PDF's records too
    const noPictures = outputVersions({ extract: { pictureOcr: "never" } });
    expect(noPictures("a.pdf")).not.toBe(plain("a.pdf"));
    expect(noPictures("a.pdf")).not.toBe(ocr("a.pdf"));
    expect(noPictures("a.txt")).toBe(plain("a.txt"));
    expect(outputVersions({ extract: { pictureOcr: "auto" } })("a.pdf")).toBe(plain("a.pdf"));
  });

  it("stats a file whose name is not valid UTF-8 by its bytes, and ingest then reads it", async () => {
    const dir = tempDir("slidecorpus-latin1-");
    const folder = join(dir, "in");
    mkdirSync(folder);
    // "fælles.txt" as Latin-1 bytes: not valid UTF-8, as names copied from old Windows shares are
    const raw = Buffer.concat([Buffer.from(`${folder}/f`), Buffer.from([0xe6]), Buffer.from("lles.txt")]);
    writeFileSync(raw, deckText(1));
    const { files } = await discoverInputs([folder]);
    expect(files.map((f) => f.source)).toEqual(["f\ufffdlles.txt"]);
    expect(files[0]!.rawPath).toEqual(raw);
    const [state] = await statInputs(files);
    const info = statSync(raw);
    expect(state).toEqual({ size: info.size, mtimeMs: info.mtimeMs });
    const runner = inProcessRunner();
    try {
      const summary = await ingest([folder], { out: join(dir, "out"), runner });
      expect(summary).toMatchObject({ processed: 1, failed: 0, corpus: { decks: 1, errors: 0 } });
      // unchanged: skipped on the next run by its size and time
      expect(await ingest([folder], { out: join(dir, "out"), runner })).toMatchObject({ processed: 0, skipped: 1 });
    } finally {
      await runner.close();
    }
  });
});
