// The CLI on PPTX decks (needs `npm run build`): extract shows roles, ingest writes note records that
// `search --kind note` finds, and a folder's legacy files are error records that say how to convert them.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, fixture, readJsonl, tempDir } from "./helpers.ts";

describe("slidecorpus on PPTX decks", () => {
  it("extract --json gives each line's role and level, and flags hidden slides", () => {
    const r = cli(["extract", fixture("pptx", "municipal.pptx"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { format: string; pages: { page: number; hidden?: boolean; lines: { text: string; role?: string; level?: number }[] }[] };
    expect(doc.format).toBe("pptx");
    expect(doc.pages[1]!.lines.filter((l) => l.text).map((l) => [l.role, l.level ?? null])).toEqual([
      ["title", null], ["body", 0], ["body", 1], ["body", 0], ["body", 0], ["notes", null],
    ]);
    expect(doc.pages.filter((p) => p.hidden).map((p) => p.page)).toEqual([5]);
  });

  it("reads the pictures of a slide that has nothing else by OCR, a slide with its own text not, and not with --ocr never", () => {
    type Doc = { pages: { method: string; confidence?: number | null; reason?: string | null; lines: { text: string; role?: string }[] }[] };
    const r = cli(["extract", fixture("pptx", "scanned.pptx"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.pages.map((p) => p.method)).toEqual(["ocr", "text", "ocr"]);
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual(["Budget for skolerne", "Flere lærere i indskolingen", "Nye lokaler til musik"]);
    expect(doc.pages[0]!.confidence).toBeGreaterThan(0.8);
    expect(doc.pages[0]!.reason).toMatch(/only pictures/);
    expect(doc.pages[1]!.lines.map((l) => l.text)).toEqual(["Tekst ved siden af billedet"]);
    expect(doc.pages[2]!.lines.filter((l) => l.text).map((l) => [l.role ?? null, l.text])).toEqual([
      [null, "Tidsplan"], [null, "Januar: analyse"], [null, "Marts: beslutning"], ["notes", "Tidsplanen er foreløbig."],
    ]);
    // the municipal deck's picture-only slide holds a 2×2 fill: nothing to read, left as it is
    const municipal = JSON.parse(cli(["extract", fixture("pptx", "municipal.pptx"), "--json"]).stdout) as Doc;
    expect(municipal.pages[5]).toMatchObject({ method: "text", lines: [] });
    const never = JSON.parse(cli(["extract", fixture("pptx", "scanned.pptx"), "--json", "--ocr", "never"]).stdout) as Doc;
    expect(never.pages.map((p) => [p.method, p.lines.filter((l) => l.text).length])).toEqual([["text", 0], ["text", 1], ["text", 1]]);
  });

  it("ingest keeps notes apart as `note` records that search finds by kind, and reports legacy files", () => {
    const dir = tempDir();
    const input = join(dir, "in");
    mkdirSync(input);
    copyFileSync(fixture("pptx", "municipal.pptx"), join(input, "municipal.pptx"));
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(join(input, "old.ppt"), ole);
    const out = join(dir, "out");
    const r = cli(["ingest", input, "--out", out, "--quiet"]);
    expect(r.stderr).not.toMatch(/internal/);
    const errors = readJsonl<{ source: string; code: string; message: string }>(join(out, "errors.jsonl"));
    expect(errors).toEqual([expect.objectContaining({ source: "old.ppt", code: "unsupported", message: expect.stringContaining("--convert-to pptx") })]);
    const s = cli(["search", "budgetaftalen", "--kind", "note", "--corpus", out, "--json"]);
    expect(s.status, s.stderr).toBe(0);
    const hits = JSON.parse(s.stdout) as { record: { kind: string; slide: number; text: string } }[];
    expect(hits.map((h) => [h.record.kind, h.record.slide])).toEqual([["note", 2]]);
    const slideOnly = JSON.parse(cli(["search", "budgetaftalen", "--kind", "bullet", "--corpus", out, "--json"]).stdout) as unknown[];
    expect(slideOnly).toEqual([]);
  });
});
