// The library API of a batch: `ingest()` in worker threads or on the main thread (a custom tagger), and the
// store hooks a derived store (the search index) uses to follow each deck's changes.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDecks } from "../bench/generate-corpus.js";
import type { Part } from "../corpus/store/store.ts";
import { ingest } from "../pipeline/ingest.ts";
import { readJsonl, tempDir } from "./helpers.ts";

describe("ingest() as a library", () => {
  it("runs documents in worker threads by default, and on the main thread with a custom tagger", async () => {
    const dir = tempDir("slidecorpus-lib-");
    const paths = generateDecks(join(dir, "in"), 3);
    const threaded = await ingest([join(dir, "in")], { out: join(dir, "a"), jobs: 2 });
    expect(threaded).toMatchObject({ processed: 3, failed: 0, corpus: { decks: 3 } });
    const tagged = await ingest([join(dir, "in")], {
      out: join(dir, "b"),
      tagger: (text) => (text.includes("kommune") ? [{ id: "k", label: "Kommune", matched: ["kommune"] }] : []),
    });
    expect(tagged).toMatchObject({ processed: 3, failed: 0 });
    const records = readJsonl<{ source: string; text: string; concepts: { id: string }[] }>(join(dir, "b", "records.jsonl"));
    expect(records.filter((r) => r.text.includes("kommune")).every((r) => r.concepts[0]?.id === "k")).toBe(true);
    expect(records.filter((r) => !r.text.includes("kommune")).every((r) => r.concepts.length === 0)).toBe(true);
    expect([...new Set(records.map((r) => r.source))]).toEqual(paths);
  });

  it("calls the store hooks for each committed and removed deck, after the change is durable", async () => {
    const dir = tempDir("slidecorpus-hooks-");
    const paths = generateDecks(join(dir, "in"), 3);
    const out = join(dir, "out");
    const calls: string[] = [];
    // on the main thread (isolate: false): the hooks are the store's, wherever the documents run
    const storeHooks = {
      deckCommitted: (part: Part) => void calls.push(`commit ${part.source} ${part.ok ? part.records.length : part.error.code}`),
      deckRemoved: (source: string) => void calls.push(`remove ${source}`),
      assembled: () => void calls.push("assembled"),
    };
    await ingest([join(dir, "in")], { out, jobs: 1, isolate: false, storeHooks });
    const counts = Object.fromEntries(paths.map((p) => [p, readJsonl<{ source: string }>(join(out, "records.jsonl")).filter((r) => r.source === p).length]));
    // decks are committed as they finish (in any order), the corpus files are assembled once at the end
    expect(calls.at(-1)).toBe("assembled");
    expect(calls.slice(0, -1).sort()).toEqual(paths.map((p) => `commit ${p} ${counts[p]}`));

    calls.length = 0;
    rmSync(join(dir, "in", paths[0]!));
    writeFileSync(join(dir, "in", paths[1]!), "");
    await ingest([join(dir, "in")], { out, jobs: 1, isolate: false, storeHooks });
    expect(calls).toEqual([`commit ${paths[1]} empty`, `remove ${paths[0]}`, "assembled"]);
  });
});

describe("the worker pool", () => {
  it("replaces a thread after its quota of documents, starting the new one only once the old one is gone", async () => {
    const { WorkerPool } = await import("../pipeline/pool.ts");
    const { deckText } = await import("../bench/generate-corpus.js");
    const pool = new WorkerPool({ size: 2, timeoutMs: 60_000, memoryMb: 1024, docsPerWorker: 2 });
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 7 }, (_, i) => pool.run({ bytes: new TextEncoder().encode(deckText(i)), source: `deck-${i}.txt`, sha256: `sha-${i}`, settings: {} })),
      );
      expect(outcomes.map((o) => o.ok)).toEqual(Array(7).fill(true));
      expect(outcomes.map((o) => (o.ok ? o.deck.title : ""))).toEqual(Array.from({ length: 7 }, (_, i) => expect.stringMatching(new RegExp(`^Deck ${i}: `))));
      expect(pool.started).toBe(4); // 7 documents, 2 per thread
      expect(pool.peakThreads).toBe(2);
      expect(pool.replaced).toBe(0); // retired, not replaced after a failure
    } finally {
      await pool.close();
    }
  });
});
