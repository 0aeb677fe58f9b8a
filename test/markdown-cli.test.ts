// The CLI on Markdown decks (spawned from source): extract shows each line's role, ingest makes code and note
// records, and a folder's files of other types are counted and named as unsupported, not errors.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, fixture, readJsonl, tempDir } from "./helpers.ts";

describe("slidecorpus on Markdown decks", () => {
  it("extract prints slides separated by form feeds, and --json each line's role and level", () => {
    const plain = cli(["extract", fixture("markdown", "plain.md")]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout.split("\f").map((p) => p.split("\n")[0])).toEqual(["Årsmøde 2024", "Økonomi", "Aktiviteter", "Valg"]);
    const r = cli(["extract", fixture("markdown", "marp.md"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { format: string; pages: { lines: { text: string; role?: string; level?: number }[] }[] };
    expect(doc.format).toBe("markdown");
    expect(doc.pages[1]!.lines.filter((l) => l.text).map((l) => [l.role, l.level ?? null])).toEqual([
      ["title", null], ["body", 0], ["body", 1], ["body", 1], ["body", 0], ["notes", null], ["notes", null],
    ]);
    expect(doc.pages[2]!.lines.find((l) => l.role === "code" && l.text.startsWith("print"))!.text).toContain("fÃ¸rste");
  });

  it("ingest counts and names a folder's unsupported files once each, without error records", () => {
    const dir = tempDir();
    const input = join(dir, "in");
    mkdirSync(join(input, "sub"), { recursive: true });
    copyFileSync(fixture("markdown", "marp.md"), join(input, "marp.md"));
    copyFileSync(fixture("markdown", "slidev.md"), join(input, "sub", "slidev.md"));
    writeFileSync(join(input, "budget.xlsx"), "PK\u0003\u0004");
    writeFileSync(join(input, "sub", "photo.jpg"), "\u00ff\u00d8\u00ff");
    writeFileSync(join(input, "Thumbs.db"), "x");
    const out = join(dir, "out");
    const r = cli(["ingest", input, "--out", out, "--log", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const events = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as { event: string; path?: string; unsupported?: number });
    expect(events.filter((e) => e.event === "unsupported").map((e) => e.path)).toEqual([join(input, "budget.xlsx"), join(input, "sub", "photo.jpg")]);
    expect(events.at(-1)).toMatchObject({ event: "summary", processed: 2, failed: 0, unsupported: 2 });
    expect(readJsonl(join(out, "errors.jsonl"))).toEqual([]);
    const s = cli(["search", "navn", "--kind", "code", "--corpus", out, "--json"]);
    expect(s.status, s.stderr).toBe(0);
    const hits = JSON.parse(s.stdout) as { record: { kind: string; slide: number; source: string } }[];
    expect(hits.map((h) => [h.record.source, h.record.kind, h.record.slide])).toEqual([["marp.md", "code", 3]]);
  });
});
