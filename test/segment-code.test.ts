// Code on slides: told from prose by its punctuation, keywords and font, one `code` record per run of lines,
// kept as extracted (line breaks, indentation), never repaired, tagged or cut into bullets.
import { describe, expect, it } from "vitest";
import { codeScore, findCode } from "../corpus/segment/code.ts";
import { slideLines } from "../corpus/segment/layout.ts";
import { segmentDeck } from "../corpus/segment/index.ts";
import { processDocument } from "../pipeline/process.ts";
import type { Line } from "../model/document.ts";

describe("codeScore", () => {
  it.each([
    "import numpy as np",
    "from brewing.brew_potions import make_example_potion",
    "def add_points(house, points=0):",
    "String[] values = data[i].split(\",\");",
    "\\usepackage[utf8]{inputenc}",
    "tusres <- ThError(data = doi, id = \"ID\", ll = -2.5, ul = 2.5)",
    "points += 1000",
    ">>> import brewing",
    "pip install -e .",
  ])("reads %j as code", (line) => {
    expect(codeScore(line)).toBeGreaterThanOrEqual(2);
  });

  it.each([
    "Vi skal bruge compareTo() til sortering af listen",
    "Min = 24 hours",
    "- Initialiser counter attributten med værdien 0;",
    "• Understand user activity",
    "https://github.com/example/project",
    "4. set currentPlayer to the player at index count in the players",
    "Kode design",
    "SENDES KL = 1830",
  ])("reads %j as prose", (line) => {
    expect(codeScore(line)).toBeLessThan(2);
  });
});

const at = (text: string, x: number, y: number, extra: Partial<Line> = {}): Line => ({ text, x, y, fontSize: 12, width: text.length * 7.2, ...extra });

describe("findCode", () => {
  it("takes a block's indented body and closing bracket with its code lines", () => {
    const lines = slideLines(["if (n > 0) {", "    total = total + n", "    count++", "}", "", "Slut på eksemplet."].map((text) => ({ text })));
    expect(findCode(lines)).toEqual([{ from: 0, to: 3 }]);
  });

  it("counts a fixed-pitch font as a sign of code only where it is not the slide's design font", () => {
    const mixed = slideLines([at("Eksempel", 30, 40, { fontSize: 24 }), at("Sådan læser vi filen i vores program", 30, 80), at("data.read(path)", 30, 110, { monospace: true }), at("data.close()", 30, 125, { monospace: true })]);
    expect(findCode(mixed)).toEqual([{ from: 2, to: 3 }]);
    const design = slideLines([at("Kode design", 30, 40, { monospace: true }), at("Nedarvning", 30, 80, { monospace: true }), at("Interfaces", 30, 110, { monospace: true })]);
    expect(findCode(design)).toEqual([]);
  });
});

describe("code records", () => {
  it("are one record per block, indentation kept, not bullets", () => {
    const text = ["Funktioner", "", "def add_points(house, points=0):", "    points += 1000", "    return points", "", "- Brug funktionen i hvert hus"].join("\n");
    const { segments } = segmentDeck([{ page: 1, lines: text.split("\n").map((t) => ({ text: t })) }]);
    const code = segments.filter((s) => s.kind === "code");
    expect(code.map((s) => s.text)).toEqual(["def add_points(house, points=0):\n    points += 1000\n    return points"]);
    expect(segments.find((s) => s.kind === "bullet")?.text).toBe("Brug funktionen i hvert hus");
  });

  it("lay a PDF's code out by its left edges", () => {
    const lines = [at("def f(x):", 30, 40, { monospace: true }), at("return x + 1", 30 + 4 * 7.2, 55, { monospace: true })];
    const { segments } = segmentDeck([{ page: 1, lines }]);
    expect(segments.find((s) => s.kind === "code")?.text).toBe("def f(x):\n    return x + 1");
  });

  it("are never repaired, while the prose around them is", async () => {
    const prose = "Vi maa vaere sikre paa at det er saerligt godt, og at vi foelger reglerne hver gang.";
    const code = "for (maal in maalinger) {\n    vaere(maal);\n}";
    const result = await processDocument(new TextEncoder().encode(`Eksempel\n\n${prose}\n\n${code}\n`), "deck.txt");
    if (!result.ok) throw new Error(result.error.message);
    const rec = result.records.find((r) => r.kind === "code")!;
    expect(rec.text).toBe(code);
    expect(rec.changes).toEqual([]);
    expect(rec.concepts).toEqual([]);
    const para = result.records.find((r) => r.text.startsWith("Vi "))!;
    expect(para.text).toContain("være");
    expect(para.changes.length).toBeGreaterThan(0);
    // the deck counts only the repairs the records keep
    expect(result.deck.repairs).toBe(result.records.reduce((n, r) => n + r.changes.length, 0));
  });
});
