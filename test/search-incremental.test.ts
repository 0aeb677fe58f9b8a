// The search index follows the corpus deck by deck: a nightly re-run rewrites only the decks that changed, leaves
// an unchanged index alone, and rebuilds one that is missing, damaged, or of another version.
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openIndex } from "../corpus/search/fts-index.ts";
import { loadSqlite } from "../corpus/search/sqlite.ts";
import type { SearchHit } from "../corpus/search/query.ts";
import { ingestCli } from "./batch-helpers.ts";
import { cli, seed000, seed003, tempDir } from "./helpers.ts";

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

  const ingest = () => {
    const r = ingestCli([inputs], out, ["--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    return r.run;
  };
  const find = (query: string, ...args: string[]) => {
    const r = cli(["search", query, "--corpus", out, "--json", "--limit", "500", ...args]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as SearchHit[];
  };
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

  it("is written by the first run and left untouched by an unchanged re-run", () => {
    expect(ingest()).toMatchObject({ processed: 5 });
    expect(Object.keys(rowids())).toEqual(["000.txt", "003.txt", "a.txt", "b.txt", "c.txt"]);
    const before = file();
    expect(ingest()).toMatchObject({ processed: 0, skipped: 5 });
    expect(file()).toEqual(before);
  });

  it("rewrites only the rows of a changed deck: search finds the new text, not the old", () => {
    expect(find("frivillige").map((h) => h.deck.source)).toEqual(["a.txt"]);
    const before = rowids();
    const { ino } = file();
    writeFileSync(join(inputs, "a.txt"), "Samskabelse i praksis\n\nPårørende og foreninger løfter opgaven sammen\n");
    expect(ingest()).toMatchObject({ processed: 1, skipped: 4 });
    expect(find("frivillige")).toEqual([]);
    expect(find("foreninger").map((h) => h.record.text)).toEqual(["Pårørende og foreninger løfter opgaven sammen"]);
    const after = rowids();
    expect(file().ino).toBe(ino);
    for (const source of ["000.txt", "003.txt", "b.txt", "c.txt"]) expect(after[source], source).toBe(before[source]);
    expect(after["a.txt"]).not.toBe(before["a.txt"]);
  });

  it("removes a deleted deck from search", () => {
    expect(find("fagsystemer").map((h) => h.deck.source)).toEqual(["c.txt"]);
    const before = rowids();
    const { ino } = file();
    rmSync(join(inputs, "c.txt"));
    expect(ingest()).toMatchObject({ processed: 0, removed: 1 });
    expect(find("fagsystemer")).toEqual([]);
    expect(find("", "--deck", "c.txt")).toEqual([]);
    const after = rowids();
    expect(Object.keys(after)).toEqual(["000.txt", "003.txt", "a.txt", "b.txt"]);
    for (const source of Object.keys(after)) expect(after[source], source).toBe(before[source]);
    expect(file().ino).toBe(ino);
  });

  it("rebuilds an index that was deleted, damaged, or written by another index version", () => {
    const hits = find("tillid").map((h) => h.record.id);
    expect(hits.length).toBeGreaterThan(3);
    rmSync(index);
    expect(ingest()).toMatchObject({ processed: 0 });
    expect(find("tillid").map((h) => h.record.id)).toEqual(hits);

    writeFileSync(index, "this is not an SQLite database, but it is where one was");
    ingest();
    expect(find("tillid").map((h) => h.record.id)).toEqual(hits);

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
    ingest();
    expect(file().ino).not.toBe(ino);
    expect(find("tillid").map((h) => h.record.id)).toEqual(hits);
  });

  it("is completed by the next run when a run died after writing the corpus files but before the index", () => {
    const stale = join(dir, "stale.sqlite");
    copyFileSync(index, stale);
    writeFileSync(join(inputs, "b.txt"), "Tillidsreformen\n\nMindre kontrol, flere hænder til kerneopgaven\n");
    ingest();
    // back to the moment of the crash: the corpus files hold the new deck, the index the old one, no stamp
    copyFileSync(stale, index);
    rmSync(join(out, ".slidecorpus", "assembled"));
    expect(find("kerneopgaven")).toEqual([]);
    expect(ingest()).toMatchObject({ processed: 0, skipped: 4 });
    expect(find("kerneopgaven").map((h) => h.deck.source)).toEqual(["b.txt"]);
    expect(find("dokumentation")).toEqual([]);
  });
});

describe("slidecorpus search by the seeds' dates and speakers", () => {
  const dir = tempDir("slidecorpus-dates-");
  mkdirSync(join(dir, "in"));
  copyFileSync(seed000, join(dir, "in", "000.txt"));
  copyFileSync(seed003, join(dir, "in", "003.txt"));
  const out = join(dir, "out");
  it("ingests the seeds", () => {
    expect(cli(["ingest", join(dir, "in"), "--out", out, "--quiet"]).status).toBe(0);
  });

  it("finds the quotes of a person and the records of the decks they gave, by any spelling of the name", () => {
    const hits = (...args: string[]) => {
      const query = args[0]?.startsWith("--") === false ? args.shift()! : "";
      const r = cli(["search", query, "--corpus", out, "--json", "--limit", "500", ...args]);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as SearchHit[];
    };
    // Niels Højberg gave deck 000 and is quoted in it; Trine Quist is quoted in it; Ulf Hjelm gave deck 003
    const hojberg = hits("--speaker", "Højberg");
    expect(new Set(hojberg.map((h) => h.deck.source))).toEqual(new Set(["000.txt"]));
    expect(hojberg.length).toBe(hits("--deck", "000.txt").length);
    expect(hits("--speaker", "niels hojberg").map((h) => h.record.id)).toEqual(hojberg.map((h) => h.record.id));
    const quist = hits("--speaker", "Trine Quist");
    expect(quist.map((h) => [h.record.kind, h.record.attribution?.speaker])).toEqual([["quote", "Trine Quist"]]);
    expect(quist[0]!.record.text).toMatch(/^Jeg tror, at vi med leder- og medarbejderrollerne/);
    expect(new Set(hits("--speaker", "Hjelm").map((h) => h.deck.source))).toEqual(new Set(["003.txt"]));
    expect(hits("--speaker", "Quist", "--speaker", "Hjelm").length).toBe(hits("--deck", "003.txt").length + 1);
    expect(hits("--speaker", "Trine Hjelm")).toEqual([]);
    // the words of an attribution are searchable too
    expect(hits("Højberg", "--kind", "quote").map((h) => h.record.attribution?.text)).toEqual(["Stadsdirektør Niels Højberg"]);
    const printed = cli(["search", "", "--corpus", out, "--speaker", "Quist"]).stdout;
    expect(printed).toContain("— Næstformand i FMU, Trine Quist");
  });

  it("keeps the decks dated in the range (000 is from 2017-03-02, 003 from 2022-11-02)", () => {
    const sources = (...args: string[]) => {
      const r = cli(["search", "styring", "--corpus", out, "--json", "--limit", "500", ...args]);
      expect(r.status, r.stderr).toBe(0);
      const hits = JSON.parse(r.stdout) as SearchHit[];
      return { sources: [...new Set(hits.map((h) => h.deck.source))].sort(), dates: [...new Set(hits.map((h) => h.deck.date))].sort() };
    };
    expect(sources()).toEqual({ sources: ["000.txt", "003.txt"], dates: ["2017-03-02", "2022-11-02"] });
    expect(sources("--from", "2020-01-01")).toEqual({ sources: ["003.txt"], dates: ["2022-11-02"] });
    expect(sources("--to", "2018-12-31")).toEqual({ sources: ["000.txt"], dates: ["2017-03-02"] });
    expect(sources("--from", "2017-03-02", "--to", "2017-03-02")).toEqual({ sources: ["000.txt"], dates: ["2017-03-02"] });
    expect(sources("--from", "2018", "--to", "2021")).toEqual({ sources: [], dates: [] });
  });
});
