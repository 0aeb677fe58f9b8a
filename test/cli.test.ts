import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { inProcessIngest } from "./batch-helpers.ts";
import { cli, fixture, readJsonl, seed000, seed003, tempDir } from "./helpers.ts";

describe("slidecorpus ingest on the bundled fixtures", () => {
  let out: string;
  let status: number | null;
  beforeAll(() => {
    out = tempDir();
    const r = cli(["ingest", fixture("text"), "--out", out, "--quiet"]);
    status = r.status;
    expect(r.stderr).toBe("");
  });

  it("exits 0 and writes records, decks, an empty errors file, run.json and the schemas", () => {
    expect(status).toBe(0);
    expect(readJsonl(join(out, "decks.jsonl")).map((d) => d.source)).toEqual(["000_9b0b97a4996a1ab6.txt", "003_8ed779def9d74a82.txt"]);
    expect(readFileSync(join(out, "errors.jsonl"), "utf8")).toBe("");
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ processed: 2, failed: 0 });
  });

  it("writes records that validate against the emitted JSON Schema", () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    for (const [file, schema] of [["records.jsonl", "record"], ["decks.jsonl", "deck"]] as const) {
      const validate = ajv.compile(JSON.parse(readFileSync(join(out, "schema", `${schema}.schema.json`), "utf8")));
      const rows = readJsonl(join(out, file));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        if (!validate(row)) throw new Error(`${file}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(row).slice(0, 200)}`);
      }
    }
    // and the validator does reject a wrong record
    const validate = new Ajv2020.default({ strict: false }).compile(JSON.parse(readFileSync(join(out, "schema", "record.schema.json"), "utf8")));
    expect(validate({ id: "x", slide: 0 })).toBe(false);
  });

  it("gives records that are traceable: deck id, source, 1-based slide, known kinds, unique ids", () => {
    const records = readJsonl<{ id: string; deckId: string; source: string; slide: number; kind: string; text: string }>(join(out, "records.jsonl"));
    const decks = readJsonl<{ id: string; slideCount: number; source: string }>(join(out, "decks.jsonl"));
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    for (const r of records) {
      const deck = decks.find((d) => d.id === r.deckId)!;
      expect(deck.source).toBe(r.source);
      expect(r.slide).toBeGreaterThanOrEqual(1);
      expect(r.slide).toBeLessThanOrEqual(deck.slideCount);
      expect(r.text.trim()).toBe(r.text);
    }
    expect(records.find((r) => r.source.startsWith("003") && r.slide === 1 && r.kind === "title")?.text).toBe(
      "Ledelse i en frisat kommune - Perspektiver og erfaringer",
    );
  });

  it("keeps a record's id when other slides of its deck are edited or removed", async () => {
    const { processDocument } = await import("../pipeline/process.ts");
    const idsOf = async (text: string) => {
      const result = await processDocument(new TextEncoder().encode(text), "003.txt");
      if (!result.ok) throw new Error(result.error.message);
      return new Map(result.records.map((r) => [r.id, r.text]));
    };
    const original = readFileSync(seed003, "utf8");
    const before = await idsOf(original);
    // one bullet edited: only its record gets a new id
    const edited = await idsOf(original.replace("- Diskutere vision", "- Diskutere en fælles vision"));
    expect([...before.keys()].filter((id) => !edited.has(id)).map((id) => before.get(id))).toEqual(["Diskutere vision"]);
    expect([...edited.keys()].filter((id) => !before.has(id)).map((id) => edited.get(id))).toEqual(["Diskutere en fælles vision"]);
    // a slide taken out of the middle: every other record keeps its id, though the later slides' numbers moved
    const slide = "Forskning i ledelse\n\n\n\nErfaringer fra frikommuner\n\n \n";
    expect(original).toContain(slide);
    const removed = await idsOf(original.replace(slide, ""));
    const gone = [...before.keys()].filter((id) => !removed.has(id)).map((id) => before.get(id));
    expect(gone).toEqual(["Forskning i ledelse", "Erfaringer fra frikommuner"]);
    expect(removed.size).toBe(before.size - 2);
  });

  it("gives the same ids on a second run into another folder (here ingest() in this process)", async () => {
    const here = inProcessIngest();
    const again = tempDir();
    expect(await here.run([fixture("text")], again).finally(() => here.close())).toMatchObject({ failed: 0 });
    expect(readFileSync(join(again, "records.jsonl"), "utf8")).toBe(readFileSync(join(out, "records.jsonl"), "utf8"));
  });
});

describe("slidecorpus ingest on bad input", () => {
  it("records an error per bad document, keeps the good ones, exits 1", () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    mkdirSync(join(inputs, "sub"), { recursive: true });
    copyFileSync(seed003, join(inputs, "sub", "good.txt"));
    writeFileSync(join(inputs, "empty.txt"), "");
    writeFileSync(join(inputs, "blank.txt"), "\n\n  \n");
    writeFileSync(join(inputs, "garbage.txt"), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 131 + 7) % 256)));
    writeFileSync(join(inputs, "locked.txt"), "secret");
    chmodSync(join(inputs, "locked.txt"), 0o000);
    const out = join(dir, "out");
    const r = cli(["ingest", inputs, join(dir, "does-not-exist"), "--out", out, "--quiet"]);
    expect(r.status).toBe(1);
    const errors = readJsonl<{ source: string; code: string; stage: string; message: string }>(join(out, "errors.jsonl"));
    const bySource = Object.fromEntries(errors.map((e) => [e.source, e.code]));
    expect(bySource["empty.txt"]).toBe("empty");
    expect(bySource["blank.txt"]).toBe("empty");
    expect(bySource["garbage.txt"]).toBe("binary");
    expect(bySource[join(dir, "does-not-exist")]).toBe("unreadable");
    // root ignores file permissions; otherwise the unreadable file is an error too
    if (process.getuid?.() !== 0) expect(bySource["locked.txt"]).toBe("unreadable");
    for (const e of errors) expect(e.message.length).toBeGreaterThan(5);
    const decks = readJsonl<{ source: string }>(join(out, "decks.jsonl"));
    expect(decks.map((d) => d.source)).toContain("sub/good.txt");
    expect(readJsonl(join(out, "records.jsonl")).length).toBeGreaterThan(10);
  });

  it("says so when a folder has no inputs", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.docx"), "not a deck"); // a type slidecorpus does not read (.md is a deck now)
    const out = join(dir, "out");
    const r = cli(["ingest", dir, "--out", out, "--quiet"]);
    expect(r.status).toBe(1);
    expect(readJsonl<{ code: string; message: string }>(join(out, "errors.jsonl"))).toEqual([
      expect.objectContaining({ code: "empty", message: expect.stringContaining("no supported input files") }),
    ]);
  });

  it("exits 2 with a one-line reason on misuse", () => {
    for (const args of [["ingest", "fixtures"], ["ingest", "--out", "/tmp/x"], ["frobnicate"], ["ingest", "fixtures", "--out", "/tmp/x", "--bogus"], ["ingest", "x", "--out", "y", "--jobs", "0"], []]) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(2);
      if (args.length) expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("gives a one-line reason, not a stack trace, for files and folders it cannot use", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file.txt"), "x");
    const cases: Array<[string[], number, RegExp]> = [
      [["repair", join(dir, "nonexistent.txt")], 2, /^slidecorpus: ENOENT: no such file or directory, open '.*nonexistent\.txt'$/],
      [["ingest", seed003, "--out", join(dir, "file.txt"), "--quiet"], 2, /^slidecorpus: --out must be a folder; .*file\.txt is a file$/],
      [["export", "--corpus", join(dir, "nothing-here"), "--format", "csv"], 2, /^slidecorpus: .*nothing-here/],
      [["extract", join(dir, "no-such-deck")], 1, /^slidecorpus: unreadable: cannot read .*no-such-deck: ENOENT$/],
    ];
    for (const [args, status, message] of cases) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(status);
      expect(r.stderr.trim(), args.join(" ")).toMatch(message);
    }
    // a corpus exported into a folder that does not exist
    const out = join(dir, "out");
    expect(cli(["ingest", seed003, "--out", out, "--quiet"]).status).toBe(0);
    const r = cli(["export", "--corpus", out, "--format", "csv", "--out", join(dir, "missing", "x.csv")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^slidecorpus: ENOENT: no such file or directory, open '.*missing\/x\.csv\.tmp-\d+-\d+'$/);
  });

  it("names each input it cannot use in the progress log, as it names failed documents", () => {
    const dir = tempDir();
    const r = cli(["ingest", seed003, join(dir, "typo"), "--out", join(dir, "out"), "--log", "json"]);
    expect(r.status).toBe(1);
    const events = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as { event: string; source?: string; error?: { code: string } });
    expect(events.filter((e) => e.event === "input_error")).toEqual([
      expect.objectContaining({ source: join(dir, "typo"), error: expect.objectContaining({ code: "unreadable" }) }),
    ]);
    expect(events.at(-1)).toMatchObject({ event: "summary", processed: 1, failed: 1 });
  });

  it("has --help on every command", () => {
    expect(cli(["--help"]).stdout).toMatch(/ingest[\s\S]*extract[\s\S]*repair/);
    for (const c of ["ingest", "extract", "repair"]) {
      const r = cli([c, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: slidecorpus ${c}`);
    }
  });
});

describe("slidecorpus extract and repair", () => {
  it("extract prints slides separated by form feeds", () => {
    const r = cli(["extract", seed003, "--raw"]);
    expect(r.status).toBe(0);
    const pages = r.stdout.replace(/\n$/, "").split("\f");
    expect(pages[0]!.split("\n")[0]).toBe("Ledelse i en frisat kommune - Perspektiver og erfaringer");
    expect(pages.length).toBeGreaterThan(10);
    expect(r.stdout).toContain("Frikommuneforsøg I\t2012-15\t86\t9\t");
  });

  it("extract --json gives pages with method and lines", () => {
    const r = cli(["extract", seed000, "--json"]);
    const doc = JSON.parse(r.stdout) as { format: string; pages: { page: number; method: string; lines: { text: string }[] }[] };
    expect(doc.format).toBe("text");
    expect(doc.pages[1]).toMatchObject({ page: 2, method: "text" });
    expect(doc.pages[1]!.lines[0]!.text).toBe("Agenda s fiol");
  });

  it("extract fails with a reason on a file it cannot read", () => {
    const r = cli(["extract", "/nonexistent/deck.txt"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^slidecorpus: unreadable: /);
  });

  it("repair reads stdin and keeps every line break and form feed", () => {
    const input = "Første linje\n\nanden\fny side\n";
    const r = cli(["repair"], { input });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").length).toBe(input.split("\n").length);
    expect(r.stdout.split("\f").length).toBe(2);
    const json = JSON.parse(cli(["repair", "--json"], { input }).stdout) as { text: string; changes: unknown[] };
    expect(json.text).toBe(r.stdout);
    expect(Array.isArray(json.changes)).toBe(true);
  });
});

describe("slidecorpus repair", () => {
  it("prints the repaired text and, with --json, every change", () => {
    const r = cli(["repair", "--json"], { input: "Vi skal ggre det pa en ny made.\n" });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; changes: Array<{ from: string; to: string; offset: number; rule: string }> };
    expect(out.text).toBe("Vi skal gøre det på en ny måde.\n");
    expect(out.changes.map((c) => [c.from, c.to, c.offset])).toEqual([["ggre", "gøre", 8], ["pa", "på", 17], ["made", "måde", 26]]);
  });
});
