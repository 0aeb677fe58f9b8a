// Crash safety: a real `slidecorpus ingest` killed with SIGKILL at random moments, again and again, leaves a
// readable corpus each time, and the run that finally completes gives the same bytes as one that was never killed.
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDecks, prng } from "../bench/generate-corpus.js";
import { corpusFiles, inProcessIngest, ingestCli, readCorpus, sleep, startIngest } from "./batch-helpers.ts";
import { tempDir } from "./helpers.ts";

describe("an ingest killed with SIGKILL at random moments", () => {
  const dir = tempDir("slidecorpus-crash-");
  const inputs = join(dir, "in");
  generateDecks(inputs, 60, { seed: 3 });
  const reference = join(dir, "reference");
  const killed = join(dir, "killed");
  // the uninterrupted run, made once in this process (the same bytes as the CLI's worker threads: runner.test.ts)
  const here = inProcessIngest();
  afterAll(() => here.close());
  beforeAll(async () => {
    expect(await here.run([inputs], reference)).toMatchObject({ processed: 60, failed: 0 });
  });

  it("leaves a readable corpus after each kill, and completes to the same bytes as an uninterrupted run", async () => {
    const expected = readCorpus(reference);

    const random = prng(20261124);
    const kills: { target: number; committed: number }[] = [];
    // Each run is killed once it has committed a random number of further decks (the first during start-up, the last
    // once all 60 are in, while the corpus files are assembled), plus a random few ms, so kills land anywhere.
    for (let i = 0; i < 7; i++) {
      const target = i === 0 ? 0 : i === 6 ? 60 : Math.min(59, countCommitted(killed) + 2 + Math.floor(random() * 12));
      const run = startIngest([inputs], killed, ["--quiet"], { SLIDECORPUS_TEST_DELAY_MS: "10" });
      let finished = false;
      void run.exited.then(() => (finished = true));
      while (!finished && countCommitted(killed) < target) await sleep(5);
      await sleep(random() * 15);
      run.child.kill("SIGKILL");
      const { signal } = await run.exited;
      kills.push({ target, committed: countCommitted(killed) });
      if (signal !== "SIGKILL") continue; // it finished before the kill: nothing to check but the end state
      for (const name of corpusFiles) {
        const text = existsSync(join(killed, name)) ? readFileSync(join(killed, name), "utf8") : "";
        expect(text === "" || text.endsWith("\n"), `${name} ends with a whole line`).toBe(true);
        const rows = text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id?: string; source: string });
        if (name === "records.jsonl") expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      }
    }
    // The kills did interrupt real work: the store grew from run to run without being complete.
    expect(kills.filter((k) => k.committed > 0 && k.committed < 60).length, JSON.stringify(kills)).toBeGreaterThanOrEqual(3);

    const completing = ingestCli([inputs], killed, ["--quiet"]);
    expect(completing.status).toBe(0);
    expect(completing.run.processed + completing.run.skipped).toBe(60);
    expect(readCorpus(killed)).toEqual(expected);
  });

  it("recovers from a torn manifest line, a lost part file, and leftover temporary files", async () => {
    // a copy of the uninterrupted run's output folder, then damaged
    const out = join(dir, "torn");
    cpSync(reference, out, { recursive: true });
    const manifest = join(out, ".slidecorpus", "manifest.jsonl");
    const lines = readFileSync(manifest, "utf8").split("\n");
    // The last deck's line is cut in half, as by a crash in the middle of an append, and a temp file is left over.
    writeFileSync(manifest, lines.slice(0, -2).join("\n") + "\n" + lines.at(-2)!.slice(0, 40));
    writeFileSync(join(out, "records.jsonl.tmp-999999-1"), '{"id":"half a rec');
    appendFileSync(join(out, ".slidecorpus", "parts", "junk.jsonl"), "{}\n");
    // and the first deck's part file is gone (a disk that lost it)
    rmSync(join(out, ".slidecorpus", "parts", (JSON.parse(lines[1]!) as { part: string }).part));
    expect(await here.run([inputs], out)).toMatchObject({ processed: 2, skipped: 58 });
    expect(readCorpus(out)).toEqual(readCorpus(reference));
    expect(existsSync(join(out, "records.jsonl.tmp-999999-1"))).toBe(false);
    expect(existsSync(join(out, ".slidecorpus", "parts", "junk.jsonl"))).toBe(false);
  });
});

/** Decks committed in the store (lines of its manifest journal that are complete entries). */
function countCommitted(out: string): number {
  const path = join(out, ".slidecorpus", "manifest.jsonl");
  if (!existsSync(path)) return 0;
  const sources = new Set<string>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    try {
      const row = JSON.parse(line) as { op: string; source: string };
      if (row.op === "put") sources.add(row.source);
    } catch {
      // a torn last line
    }
  }
  return sources.size;
}
