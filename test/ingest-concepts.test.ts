// A user taxonomy is part of what makes a deck's records current: changing it reprocesses the decks, and the
// worker threads tag with it (it travels to them as data). The incremental runs are ingest() in this process
// (the taxonomy reaching the runner as the job's data all the same); `ingest --concepts` runs the CLI.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTaxonomy } from "../corpus/enrich/taxonomy.ts";
import type { CorpusRecord } from "../model/schema.ts";
import { inProcessIngest } from "./batch-helpers.ts";
import { cli, readJsonl, seed000, seed003, tempDir } from "./helpers.ts";

describe("ingest --concepts and the incremental manifest", () => {
  const dir = tempDir();
  const inputs = join(dir, "in");
  mkdirSync(inputs);
  copyFileSync(seed003, join(inputs, "003.txt"));
  const out = join(dir, "out");
  const topics = join(dir, "topics.json");
  writeFileSync(topics, JSON.stringify({ id: "mine", concepts: [{ id: "frihed", prefLabel: { da: "frihed", en: "freedom" } }] }));
  const here = inProcessIngest();
  afterAll(() => here.close());
  const run = async (taxonomyFile?: string) => {
    const summary = await here.run([inputs], out, taxonomyFile ? { taxonomy: loadTaxonomy(taxonomyFile) } : {});
    expect(summary.failed).toBe(0);
    return summary;
  };
  const conceptIds = () => new Set(readJsonl<{ concepts: { id: string }[] }>(join(out, "records.jsonl")).flatMap((r) => r.concepts.map((c) => c.id)));

  it("reprocesses every deck when the taxonomy changes, and skips them when it does not", async () => {
    expect(await run()).toMatchObject({ processed: 1, skipped: 0 });
    expect(conceptIds()).toContain("samskabelse");
    expect(await run(topics)).toMatchObject({ processed: 1, skipped: 0 });
    expect([...conceptIds()]).toEqual(["frihed"]); // "Frihed er angstprovokerende?" and no default concept
    expect(await run(topics)).toMatchObject({ processed: 0, skipped: 1 });
    expect(await run()).toMatchObject({ processed: 1, skipped: 0 });
    expect(conceptIds()).toContain("samskabelse");
  });
});

describe("a user taxonomy (ingest --concepts)", () => {
  it("is used by `ingest --concepts`, and a broken one stops ingest with exit 2 before any work", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.json"), JSON.stringify({ id: "mine", concepts: [{ id: "tillid", prefLabel: { da: "tillid" } }, { id: "kultur", prefLabel: { da: "kultur" } }] }));
    const out = join(dir, "out");
    expect(cli(["ingest", seed003, seed000, "--out", out, "--concepts", join(dir, "mine.json"), "--quiet"]).status).toBe(0);
    const tagged = readJsonl<CorpusRecord>(join(out, "records.jsonl")).filter((r) => r.concepts.length);
    expect(new Set(tagged.flatMap((r) => r.concepts.map((c) => c.id)))).toEqual(new Set(["tillid", "kultur"]));
    expect(tagged.find((r) => r.text.includes("En ny kultur"))?.concepts).toEqual([{ id: "kultur", label: "kultur", matched: ["kultur"] }]);

    writeFileSync(join(dir, "broken.json"), JSON.stringify({ id: "mine", concepts: [{ id: "Tillid", prefLabel: { da: "tillid" } }] }));
    const r = cli(["ingest", seed003, "--out", join(dir, "out2"), "--concepts", join(dir, "broken.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/broken\.json is not a valid taxonomy: concepts\[0\] \("Tillid"\)\.id: an id is lower-case/);
  });
});
