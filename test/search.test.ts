import { existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessIngest } from "./batch-helpers.ts";
import type { CorpusRecord, Deck } from "../model/schema.ts";
import { search, searchIndex, type SearchHit } from "../corpus/search/query.ts";
import { openIndex, removeDeck, replaceDeck } from "../corpus/search/fts-index.ts";
import { parse } from "../bin/command.ts";
import { formatHit, searchCommand } from "../bin/commands/search.ts";
import type { RecordKind } from "../model/schema.ts";
import { cli, seed000, seed003, tempDir } from "./helpers.ts";

/** A clean Danish deck and an English one, next to the two seeds. */
function writeInputs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(seed000, join(dir, "000.txt"));
  copyFileSync(seed003, join(dir, "003.txt"));
  writeFileSync(join(dir, "velfaerd.txt"), "Fælles værdier i velfærden\n\nForsøg med samskabelse\nStyringen af budgetterne\nTillid mellem ledere og medarbejdere\n");
  // the same words as an ASCII-only keyboard (or a damaged extraction) writes them
  writeFileSync(join(dir, "ascii.txt"), "Faelles vaerdier i kommunen\n\nForsoeg med frisaettelse\n");
  writeFileSync(join(dir, "english.txt"), "Trust-based governance in practice\n\nLeaders build trust with frontline staff through dialogue and shared values\n");
}

const texts = (hits: SearchHit[]) => hits.map((h) => h.record.text);

// The corpora searched are made in this process (ingest() with the in-process runner); search runs as the CLI
// where the command is what is tested.
const here = inProcessIngest();
afterAll(() => here.close());

describe("slidecorpus search on an ingested corpus", () => {
  let corpus: string;
  const run = (...args: string[]) => cli(["search", ...args, "--corpus", corpus]);
  /** The CLI's --json output, for the few checks of the command itself. */
  const cliJson = (...args: string[]) => {
    const r = run(...args, "--json");
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as SearchHit[];
  };
  /** The same search through the library (no process per query): CLI-style arguments, parsed as the CLI parses them. */
  const json = async (...args: string[]) => {
    const { values, positionals } = parse(searchCommand, args);
    const list = (v: unknown) => v as string[] | undefined;
    return search(positionals.join(" "), {
      corpus, limit: values.limit ? Number(values.limit) : 20, concept: list(values.concept), kind: list(values.kind) as RecordKind[] | undefined,
      deck: list(values.deck), lang: list(values.lang),
    });
  };
  beforeAll(async () => {
    const dir = tempDir();
    writeInputs(join(dir, "in"));
    corpus = join(dir, "out");
    expect(await here.run([join(dir, "in")], corpus)).toMatchObject({ failed: 0 });
    expect(existsSync(join(corpus, "index.sqlite"))).toBe(true);
  });

  it("finds æ/ø/å words from their ASCII spellings and the other way round", async () => {
    expect(texts(await json("faelles"))).toContain("Fælles værdier i velfærden");
    const forsog = texts(await json("forsog"));
    expect(forsog).toContain("Forsøg med samskabelse");
    expect(forsog.some((t) => t.includes("Antal forsøg"))).toBe(true);
    const values = texts(await json("værdier"));
    expect(values).toContain("Fælles værdier i velfærden");
    expect(values).toContain("Faelles vaerdier i kommunen");
    expect(texts(await json("forsøg"))).toContain("Forsoeg med frisaettelse");
    expect(texts(await json("fælles"))).toContain("Faelles vaerdier i kommunen");
  });

  it("finds inflected forms of a word (styring, styringen)", async () => {
    const a = texts(await json("styring"));
    const b = texts(await json("styringen"));
    for (const found of [a, b]) {
      expect(found).toContain("Styringen af budgetterne");
      expect(found).toContain("En ny form for styring og ledelse?");
    }
  });

  it("finds compounds through their concepts and ranks the plain word first", async () => {
    const hits = await json("tillid");
    expect(hits[0]!.record.text).toMatch(/\btillid\b/i);
    const compound = hits.find((h) => h.record.text.includes("Tillidsrelationer"));
    expect(compound?.snippet).toContain("**Tillidsrelationer**");
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeGreaterThanOrEqual(hits[i - 1]!.score);
  });

  it("finds the parts of Danish compounds", async () => {
    const relations = await json("relation");
    expect(relations.map((h) => h.snippet)).toContainEqual(expect.stringContaining("**Tillidsrelationer** i opbrud"));
    const culture = texts(await json("kultur", "--limit", "100"));
    expect(culture.some((t) => t.includes("læringskultur"))).toBe(true);
    // both parts of `velfærds|aftalerne` (a noun in -e: aftale, aftaler, aftalerne)
    for (const part of ["velfærd", "aftaler"]) {
      expect(texts(await json(part, "--limit", "100")), part).toContain("VIVE evaluerer frikommunerne (velfærdsaftalerne)");
    }
    // `overstyrende` is over + styrende, not overs + tyrende
    expect(texts(await json("tyrende"))).toEqual([]);
  });

  it("prints slide, deck title, kind and a highlighted snippet", async () => {
    const r = run("Faldende tillid");
    expect(r.status).toBe(0);
    // kind and title wording depend on the segmenter; the layout does not
    expect(r.stdout).toMatch(/^1\. Ny kommunal styring:[^·\n]* · slide 11 · [a-z_]+ · 000\.txt\n {3}\*\*Faldende\*\* \*\*tillid\*\* til politikere og embedsm(ae|æ)nd\n$/);
  });

  it("finds records by their concepts' labels in either language", async () => {
    // tagged tillid, whose English label is trust
    const hit = (await json("trust")).find((h) => h.record.text === "Tillid mellem ledere og medarbejdere");
    expect(hit?.snippet).toBe("**Tillid** mellem ledere og medarbejdere");
  });

  it("takes in the narrower concepts when filtering by a concept", async () => {
    const governance = await json("", "--concept", "styring", "--limit", "200");
    const ids = new Set(governance.flatMap((h) => h.record.concepts.map((c) => c.id)));
    // budgetlov is narrower than økonomisk styring, which is narrower than styring
    expect(governance.find((h) => h.record.text.startsWith("Budgetlov"))?.record.concepts.map((c) => c.id)).toContain("budgetlov");
    expect(ids).toContain("new-public-management");
    expect(ids).toContain("maal-og-rammestyring");
    for (const h of governance) {
      expect(h.record.concepts.some((c) => ["styring", "budgetlov", "new-public-management", "maal-og-rammestyring", "politisk-styring", "oekonomisk-styring", "resultatstyring", "effektivisering", "new-public-governance", "tillidsbaseret-styring"].includes(c.id))).toBe(true);
    }
    // by label, in Danish or English
    expect(await json("", "--concept", "governance", "--limit", "200")).toHaveLength(governance.length);
  });

  it("filters by concept, kind, deck and language", async () => {
    const samskabelse = cliJson("", "--concept", "samskabelse");
    expect(samskabelse.length).toBeGreaterThanOrEqual(3);
    for (const h of samskabelse) expect(h.record.concepts.map((c) => c.id)).toContain("samskabelse");
    expect(texts(samskabelse)).toContain("Forsøg med samskabelse");
    // a concept by its preferred label in either language
    expect(cliJson("", "--concept", "co-creation").map((h) => h.record.id).sort()).toEqual(samskabelse.map((h) => h.record.id).sort());

    const titles = await json("ledelse", "--kind", "title", "--limit", "100");
    expect(texts(titles)).toContain("Ledelse i en frisat kommune - Perspektiver og erfaringer");
    for (const h of titles) expect(h.record.kind).toBe("title");

    const onlyClean = await json("forsog", "--deck", "003.txt");
    expect(onlyClean.length).toBeGreaterThan(0);
    for (const h of onlyClean) expect(h.deck.source).toBe("003.txt");

    const english = await json("trust", "--lang", "en");
    expect(texts(english)).toContain("Leaders build trust with frontline staff through dialogue and shared values");
    for (const h of english) expect(h.record.lang).toBe("en");
    // in Danish records, trust is found through the concept tillid
    const danish = await json("trust", "--lang", "da");
    expect(danish.length).toBeGreaterThan(0);
    for (const h of danish) {
      expect(h.record.lang).toBe("da");
      expect(h.record.concepts.map((c) => c.id)).toContain("tillid");
    }
  });

  it("limits, excludes, and finds phrases", async () => {
    expect(await json("ledelse", "--limit", "2")).toHaveLength(2);
    const noFree = texts(await json("ledelse", "NOT", "frisættende", "--limit", "100"));
    const dashed = cli(["search", "--corpus", corpus, "--json", "--limit", "100", "--", "ledelse", "-frisættende"]);
    expect(texts(JSON.parse(dashed.stdout))).toEqual(noFree);
    expect(noFree.length).toBeGreaterThan(3);
    expect(noFree.some((t) => /frisættende/i.test(t))).toBe(false);
    expect(texts(await json('"fælles værdier"'))).toContain("Fælles værdier i velfærden");
    expect(texts(await json('"værdier fælles"'))).not.toContain("Fælles værdier i velfærden");
  });

  it("searches the JSONL files in memory when a corpus has no index", async () => {
    const copy = tempDir();
    for (const f of ["records.jsonl", "decks.jsonl"]) copyFileSync(join(corpus, f), join(copy, f));
    const hits = await search("forsog", { corpus: copy });
    expect(texts(hits)).toContain("Forsøg med samskabelse");
  });

  it("exits 2 with a one-line reason on misuse", async () => {
    for (const args of [["x", "--corpus", tempDir()], ["x"], ["x", "--corpus", corpus, "--kind", "slide"], ["x", "--corpus", corpus, "--from", "March 2017"], ["x", "--corpus", corpus, "--from", "2017-13"], ["x", "--corpus", corpus, "--to", "2023-02-30"], ["x", "--corpus", corpus, "--concept", "nonexistent"], ["--corpus", corpus, "--", "-x"], ["--corpus", corpus, "?!"]]) {
      const r = cli(["search", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});

describe("the index API (used by incremental ingest)", () => {
  const deck = (source: string, date?: string): Deck => ({
    id: source.slice(0, 16).padEnd(16, "0"), source, sha256: "0".repeat(64), bytes: 1, format: "text", slideCount: 1,
    title: `Deck ${source}`, ...(date ? { date } : {}), slides: [{ slide: 1, method: "text" }], repairs: 0, pipelineVersion: "test",
  });
  const record = (d: Deck, n: number, text: string): CorpusRecord => ({
    id: `${d.source}-${n}`, deckId: d.id, source: d.source, slide: 1, kind: "line", text, changes: [], lang: "da", concepts: [],
  });

  it("filters by deck date, and replaces or removes one deck's rows", () => {
    const db = openIndex(":memory:");
    const old = deck("a.txt", "2017-03-02");
    const recent = deck("b.txt", "2022-11-02");
    const undated = deck("c.txt");
    replaceDeck(db, old, [record(old, 1, "Budgetlov og stram økonomisk styring")]);
    replaceDeck(db, recent, [record(recent, 1, "En ny form for styring og ledelse?")]);
    replaceDeck(db, undated, [record(undated, 1, "Styring uden dato")]);
    const sources = (q: string, o = {}) => searchIndex(db, q, o).map((h) => h.deck.source).sort();
    expect(sources("styring")).toEqual(["a.txt", "b.txt", "c.txt"]);
    expect(sources("styring", { from: "2018" })).toEqual(["b.txt"]);
    expect(sources("styring", { to: "2017" })).toEqual(["a.txt"]);
    expect(sources("styring", { from: "2017-03", to: "2022-11-02" })).toEqual(["a.txt", "b.txt"]);

    replaceDeck(db, recent, [record(recent, 1, "Tillid i stedet")]);
    expect(sources("styring")).toEqual(["a.txt", "c.txt"]);
    expect(sources("tillid")).toEqual(["b.txt"]);
    removeDeck(db, "a.txt");
    expect(sources("styring")).toEqual(["c.txt"]);
    expect(sources("")).toEqual(["b.txt", "c.txt"]);
    db.close();
  });

  it("writes index.sqlite atomically next to the JSONL", async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    writeInputs(join(dir, "in"));
    rmSync(join(dir, "in", "000.txt"));
    expect(await here.run([join(dir, "in")], out)).toMatchObject({ failed: 0 });
    const db = openIndex(join(out, "index.sqlite"), { readOnly: true });
    const count = db.prepare("SELECT count(*) AS n FROM records").get() as { n: number };
    const decks = db.prepare("SELECT count(*) AS n FROM decks").get() as { n: number };
    db.close();
    expect(decks.n).toBe(4);
    expect(count.n).toBeGreaterThan(40);
  });
});

describe("a search hit as the CLI prints it", () => {
  it("prints a quote's attribution after one dash, whether or not the attribution line had its own", () => {
    const hit = (text: string): SearchHit => ({
      record: { slide: 3, kind: "quote", text: "We are co-producers.", attribution: { text, speaker: "Hanne Vestergaard" } } as unknown as CorpusRecord,
      deck: { id: "d", source: "talk.pdf", title: "Co-production" },
      score: 0,
      snippet: "We are co-producers.",
      highlights: [],
    });
    for (const line of ["— Hanne Vestergaard, University of Southampton", "Hanne Vestergaard, University of Southampton", "– Hanne Vestergaard, University of Southampton"]) {
      const printed = formatHit(hit(line), 1);
      expect(printed).toContain("\n   — Hanne Vestergaard, University of Southampton\n");
      expect(printed).not.toMatch(/[—–]\s*[—–]/u);
    }
  });
});
