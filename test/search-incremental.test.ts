// The search index follows the corpus deck by deck: a nightly re-run rewrites only the decks that changed, leaves
// an unchanged index alone, and rebuilds one that is missing, damaged, or of another version.
// Ingest and search run in this process (ingest() with the in-process runner, search()); the CLI is spawned only
// for what it says itself (its fallback message, its printed hits).
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openIndex } from "../corpus/search/fts-index.ts";
import { loadSqlite } from "../corpus/search/sqlite.ts";
import { search, type SearchFilters, type SearchHit } from "../corpus/search/query.ts";
import { inProcessIngest } from "./batch-helpers.ts";
import { cli, seed000, seed003, tempDir } from "./helpers.ts";

const here = inProcessIngest();
afterAll(() => here.close());

/** `slidecorpus search <query> --corpus <corpus> --json --limit 500 [filters]`, in this process: the hits as printed. */
async function searchHere(corpus: string, query: string, filters: SearchFilters = {}): Promise<SearchHit[]> {
  const hits = await search(query, { corpus, limit: 500, mark: ["**", "**"], ...filters });
  return JSON.parse(JSON.stringify(hits)) as SearchHit[];
}

describe("the search index of a nightly ingest", () => {
  const dir = tempDir("slidecorpus-index-");
  const inputs = join(dir, "in");
  const out = join(dir, "out");
  const index = join(out, "index.sqlite");
  mkdirSync(inputs);
  copyFileSync(seed000, join(inputs, "000.txt"));
  copyFileSync(seed003, join(inputs, "003.txt"));
  writeFileSync(join(inputs, "a.txt"), "Samskabelse i praksis\n\nBorgere og frivillige skaber velfærd sammen\n");
  writeFileSync(join(inputs, "b.txt"), "Tillidsreformen\n\nMindre kontrol og dokumentation, mere tillid\n");
  writeFileSync(join(inputs, "c.txt"), "Digitalisering\n\nNye fagsystemer i hjemmeplejen\n");

  const ingest = async () => {
    const run = await here.run([inputs], out);
    expect(run.failed).toBe(0);
    return run;
  };
  const find = (query: string, filters: SearchFilters = {}) => searchHere(out, query, filters);
  /** The file's identity: a rebuild renames a new file into place (new inode), an update writes in place. */
  const file = () => {
    const s = statSync(index);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  };
  /** Row ids of each deck's records: rows rewritten by an update get new ones. */
  const rowids = () => {
    const db = openIndex(index, { readOnly: true });
    const rows = db.prepare("SELECT source, group_concat(rowid) AS ids FROM records GROUP BY source ORDER BY source").all() as { source: string; ids: string }[];
    db.close();
    return Object.fromEntries(rows.map((r) => [r.source, r.ids]));
  };

  it("is written by the first run and left untouched by an unchanged re-run", async () => {
    expect(await ingest()).toMatchObject({ processed: 5 });
    expect(Object.keys(rowids())).toEqual(["000.txt", "003.txt", "a.txt", "b.txt", "c.txt"]);
    const before = file();
    expect(await ingest()).toMatchObject({ processed: 0, skipped: 5 });
    expect(file()).toEqual(before);
  });

  it("rewrites only the rows of a changed deck: search finds the new text, not the old", async () => {
    expect((await find("frivillige")).map((h) => h.deck.source)).toEqual(["a.txt"]);
    const before = rowids();
    const { ino } = file();
    writeFileSync(join(inputs, "a.txt"), "Samskabelse i praksis\n\nPårørende og foreninger løfter opgaven sammen\n");
    expect(await ingest()).toMatchObject({ processed: 1, skipped: 4 });
    expect(await find("frivillige")).toEqual([]);
    expect((await find("foreninger")).map((h) => h.record.text)).toEqual(["Pårørende og foreninger løfter opgaven sammen"]);
    const after = rowids();
    expect(file().ino).toBe(ino);
    for (const source of ["000.txt", "003.txt", "b.txt", "c.txt"]) expect(after[source], source).toBe(before[source]);
    expect(after["a.txt"]).not.toBe(before["a.txt"]);
  });

  it("removes a deleted deck from search", async () => {
    expect((await find("fagsystemer")).map((h) => h.deck.source)).toEqual(["c.txt"]);
    const before = rowids();
    const { ino } = file();
    rmSync(join(inputs, "c.txt"));
    expect(await ingest()).toMatchObject({ processed: 0, removed: 1 });
    expect(await find("fagsystemer")).toEqual([]);
    expect(await find("", { deck: ["c.txt"] })).toEqual([]);
    const after = rowids();
    expect(Object.keys(after)).toEqual(["000.txt", "003.txt", "a.txt", "b.txt"]);
    for (const source of Object.keys(after)) expect(after[source], source).toBe(before[source]);
    expect(file().ino).toBe(ino);
  });

  it("rebuilds an index that was deleted, damaged, or written by another index version", async () => {
    const hits = (await find("tillid")).map((h) => h.record.id);
    expect(hits.length).toBeGreaterThan(3);
    rmSync(index);
    expect(await ingest()).toMatchObject({ processed: 0 });
    expect((await find("tillid")).map((h) => h.record.id)).toEqual(hits);

    writeFileSync(index, "this is not an SQLite database, but it is where one was");
    await ingest();
    expect((await find("tillid")).map((h) => h.record.id)).toEqual(hits);

    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(index);
    db.exec("UPDATE meta SET value = '0' WHERE key = 'version'; DELETE FROM records_fts;");
    db.close();
    // until the next ingest rebuilds it, search reads the JSONL files instead, and says so
    const meanwhile = cli(["search", "tillid", "--corpus", out, "--json", "--limit", "500"]);
    expect(meanwhile.status).toBe(0);
    expect(meanwhile.stderr).toMatch(/^slidecorpus: cannot use .*index\.sqlite \(search index version 0, this slidecorpus reads version \d+; run ingest again\); searching records\.jsonl instead/);
    expect((JSON.parse(meanwhile.stdout) as Array<{ record: { id: string } }>).map((h) => h.record.id).sort()).toEqual([...hits].sort());
    const { ino } = file();
    await ingest();
    expect(file().ino).not.toBe(ino);
    expect((await find("tillid")).map((h) => h.record.id)).toEqual(hits);
  });

  it("is completed by the next run when a run died after writing the corpus files but before the index", async () => {
    const stale = join(dir, "stale.sqlite");
    copyFileSync(index, stale);
    writeFileSync(join(inputs, "b.txt"), "Tillidsreformen\n\nMindre kontrol, flere hænder til kerneopgaven\n");
    await ingest();
    // back to the moment of the crash: the corpus files hold the new deck, the index the old one, no stamp
    copyFileSync(stale, index);
    rmSync(join(out, ".slidecorpus", "assembled"));
    expect(await find("kerneopgaven")).toEqual([]);
    expect(await ingest()).toMatchObject({ processed: 0, skipped: 4 });
    expect((await find("kerneopgaven")).map((h) => h.deck.source)).toEqual(["b.txt"]);
    expect(await find("dokumentation")).toEqual([]);
  });
});

describe("slidecorpus search by the seeds' dates and speakers", () => {
  const dir = tempDir("slidecorpus-dates-");
  mkdirSync(join(dir, "in"));
  copyFileSync(seed000, join(dir, "in", "000.txt"));
  copyFileSync(seed003, join(dir, "in", "003.txt"));
  const out = join(dir, "out");
  it("ingests the seeds", async () => {
    expect(await here.run([join(dir, "in")], out)).toMatchObject({ processed: 2, failed: 0 });
  });

  it("finds the quotes of a person and the records of the decks they gave, by any spelling of the name", async () => {
    const hits = (filters: SearchFilters, query = "") => searchHere(out, query, filters);
    // Niels Højberg gave deck 000 and is quoted in it; Trine Quist is quoted in it; Ulf Hjelm gave deck 003
    const hojberg = await hits({ speaker: ["Højberg"] });
    expect(new Set(hojberg.map((h) => h.deck.source))).toEqual(new Set(["000.txt"]));
    expect(hojberg.length).toBe((await hits({ deck: ["000.txt"] })).length);
    expect((await hits({ speaker: ["niels hojberg"] })).map((h) => h.record.id)).toEqual(hojberg.map((h) => h.record.id));
    const quist = await hits({ speaker: ["Trine Quist"] });
    expect(quist.map((h) => [h.record.kind, h.record.attribution?.speaker])).toEqual([["quote", "Trine Quist"]]);
    expect(quist[0]!.record.text).toMatch(/^Jeg tror, at vi med leder- og medarbejderrollerne/);
    expect(new Set((await hits({ speaker: ["Hjelm"] })).map((h) => h.deck.source))).toEqual(new Set(["003.txt"]));
    expect((await hits({ speaker: ["Quist", "Hjelm"] })).length).toBe((await hits({ deck: ["003.txt"] })).length + 1);
    expect(await hits({ speaker: ["Trine Hjelm"] })).toEqual([]);
    // the words of an attribution are searchable too
    expect((await hits({ kind: ["quote"] }, "Højberg")).map((h) => h.record.attribution?.text)).toEqual(["Stadsdirektør Niels Højberg"]);
    // the CLI prints a quote's attribution under it, and takes the filters from its options
    const printed = cli(["search", "", "--corpus", out, "--speaker", "Quist"]);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toContain("— Næstformand i FMU, Trine Quist");
    expect(printed.stdout.match(/^\d+\. /gm)).toHaveLength(quist.length);
  });

  it("keeps the decks dated in the range (000 is from 2017-03-02, 003 from 2022-11-02)", async () => {
    const sources = async (filters: SearchFilters = {}) => {
      const hits = await searchHere(out, "styring", filters);
      return { sources: [...new Set(hits.map((h) => h.deck.source))].sort(), dates: [...new Set(hits.map((h) => h.deck.date))].sort() };
    };
    expect(await sources()).toEqual({ sources: ["000.txt", "003.txt"], dates: ["2017-03-02", "2022-11-02"] });
    expect(await sources({ from: "2020-01-01" })).toEqual({ sources: ["003.txt"], dates: ["2022-11-02"] });
    expect(await sources({ to: "2018-12-31" })).toEqual({ sources: ["000.txt"], dates: ["2017-03-02"] });
    expect(await sources({ from: "2017-03-02", to: "2017-03-02" })).toEqual({ sources: ["000.txt"], dates: ["2017-03-02"] });
    expect(await sources({ from: "2018", to: "2021" })).toEqual({ sources: [], dates: [] });
  });
});
