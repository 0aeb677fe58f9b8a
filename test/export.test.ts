import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CorpusRecord } from "../model/schema.ts";
import { csvRow } from "../corpus/export/export.ts";
import { inProcessIngest } from "./batch-helpers.ts";
import { cli, fixture, readJsonl, tempDir } from "./helpers.ts";

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF row ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quote");
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') { field += '"'; i++; } else break;
      }
    } else {
      const m = /[,\r]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      field = text.slice(i, end);
      if (/["\n]/.test(field)) throw new Error(`unquoted field with a quote or newline: ${field}`);
      i = end;
    }
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) { rows.push(row); row = []; i += 2; }
    else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) throw new Error("last row has no CRLF");
  return rows;
}

describe("slidecorpus export", () => {
  let corpus: string;
  let records: CorpusRecord[];
  // the corpus is made in this process (ingest() with the in-process runner); the export command is run as the CLI
  const here = inProcessIngest();
  afterAll(() => here.close());
  beforeAll(async () => {
    corpus = join(tempDir(), "corpus");
    expect(await here.run([fixture("text")], corpus)).toMatchObject({ failed: 0 });
    records = readJsonl<CorpusRecord>(join(corpus, "records.jsonl"));
  });

  it("writes OpenSearch bulk NDJSON: an action line then a document line per record, each valid JSON", () => {
    const out = join(tempDir(), "bulk.ndjson");
    const r = cli(["export", "--corpus", corpus, "--format", "opensearch", "--out", out, "--index", "decks-2024"]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines).toHaveLength(records.length * 2);
    records.forEach((record, i) => {
      expect(lines[2 * i]).toEqual({ index: { _index: "decks-2024", _id: record.id } });
      expect(lines[2 * i + 1]).toMatchObject({ id: record.id, text: record.text, slide: record.slide, kind: record.kind, concepts: record.concepts.map((c) => c.id) });
    });
    const trust = lines.find((l) => l.text?.startsWith("Faldende tillid til politikere"));
    expect(trust).toMatchObject({ source: "000_9b0b97a4996a1ab6.txt", deckTitle: expect.stringContaining("Ny kommunal styring") });
    expect(trust!.concepts).toContain("tillid");
  });

  it("writes the index mapping beside the bulk file, with the danish analyzer on the text", () => {
    const out = join(tempDir(), "bulk.ndjson");
    expect(cli(["export", "-c", corpus, "-f", "opensearch", "-o", out]).status).toBe(0);
    const mapping = JSON.parse(readFileSync(out.replace(".ndjson", ".mapping.json"), "utf8"));
    expect(mapping.mappings.properties.text).toMatchObject({ type: "text", analyzer: "danish", fields: { folded: { analyzer: "danish_folded" } } });
    expect(mapping.mappings.properties.concepts).toEqual({ type: "keyword" });
    expect(mapping.settings.analysis.char_filter.danish_spellings.mappings).toContain("ø => o");
  });

  it("writes CSV with a BOM, a header and one RFC 4180 row per record that reads back to the record's text", () => {
    const r = cli(["export", "--corpus", corpus, "--format", "csv"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.startsWith("\uFEFFid,deck_id,source,deck_title,deck_date,slide,kind,lang,text,concepts,")).toBe(true);
    const [header, ...rows] = parseCsv(r.stdout.slice(1));
    expect(rows).toHaveLength(records.length);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((row, i) => {
      expect(row).toHaveLength(header!.length);
      const text = records[i]!.text;
      expect(row[col("text")]).toBe(/^[=+\-@]/.test(text) ? `'${text}` : text);
      expect(row[col("concepts")]).toBe(records[i]!.concepts.map((c) => c.id).join("; "));
    });
    // who said it, who gave the deck, and how the slide was read
    const quote = rows.find((row) => row[col("kind")] === "quote" && row[col("speaker")] === "Niels Højberg")!;
    expect(quote[col("attribution")]).toBe("Stadsdirektør Niels Højberg");
    expect(quote[col("deck_author")]).toBe("Niels Højberg");
    expect(new Set(rows.map((row) => row[col("method")]))).toEqual(new Set(["text"]));
    expect(header!.slice(-4)).toEqual(["speaker", "attribution", "deck_author", "method"]);
    // the round trip covered quoted fields: the seeds have text with commas and quotes
    expect(records.some((rec) => rec.text.includes(","))).toBe(true);
    expect(records.some((rec) => rec.text.includes('"'))).toBe(true);
  });

  it("quotes and guards CSV fields", () => {
    expect(csvRow(["a", "b,c", 'say "hi"', "two\nlines"])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n');
    expect(csvRow(["=HYPERLINK(1)", "- bullet", "ok"])).toBe("'=HYPERLINK(1),'- bullet,ok\r\n");
    expect(csvRow(["=1"], false)).toBe("=1\r\n");
    const plain = cli(["export", "-c", corpus, "-f", "csv", "--no-bom", "--no-formula-guard"]);
    expect(plain.stdout.startsWith("id,")).toBe(true);
    const [header, ...rows] = parseCsv(plain.stdout);
    expect(rows.map((row) => row[header!.indexOf("text")])).toEqual(records.map((rec) => rec.text));
  });

  it("exits 2 on misuse", () => {
    for (const args of [["--corpus", corpus], ["--corpus", corpus, "--format", "xml"], ["--format", "csv"], ["--corpus", tempDir(), "--format", "csv"]]) {
      const r = cli(["export", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("U+2028 and U+2029 inside a record (raw, as JSON allows) break neither export format nor the JSONL fallback of search", () => {
    // a corpus whose records.jsonl holds the separators raw, and no index.sqlite: search reads the JSONL files
    const damaged = join(tempDir(), "corpus");
    mkdirSync(damaged);
    for (const f of ["decks.jsonl", "errors.jsonl"]) copyFileSync(join(corpus, f), join(damaged, f));
    const odd = records.map((rec, i) => (i === 1 ? { ...rec, text: `Zyxwvu f\u00f8r\u2028efter\u2029slut ${rec.text}` } : rec));
    writeFileSync(join(damaged, "records.jsonl"), odd.map((rec) => JSON.stringify(rec) + "\n").join(""));
    expect(readFileSync(join(damaged, "records.jsonl"), "utf8")).toContain("\u2028");
    const out = join(tempDir(), "bulk.ndjson");
    const bulk = cli(["export", "-c", damaged, "-f", "opensearch", "-o", out]);
    expect(bulk.status, bulk.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).not.toMatch(/[\u2028\u2029]/); // written escaped: a line reader that splits there still reads whole lines
    const docs = text.slice(0, -1).split("\n").map((l) => JSON.parse(l) as { text?: string }).filter((d) => d.text !== undefined);
    expect(docs.map((d) => d.text)).toEqual(odd.map((rec) => rec.text));
    expect(readdirSync(dirname(out)).filter((n) => n.includes(".tmp"))).toEqual([]);
    const csv = cli(["export", "-c", damaged, "-f", "csv", "--no-formula-guard"]);
    expect(csv.status, csv.stderr).toBe(0);
    const [header, ...rows] = parseCsv(csv.stdout.slice(1));
    expect(rows.map((row) => row[header!.indexOf("text")])).toEqual(odd.map((rec) => rec.text));
    const found = cli(["search", "zyxwvu", "-c", damaged, "--json"]);
    expect(found.status, found.stderr).toBe(0);
    expect((JSON.parse(found.stdout) as { record: CorpusRecord }[]).map((h) => h.record.text)).toEqual([odd[1]!.text]);
  });
});
