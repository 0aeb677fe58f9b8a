// Layouts real decks use, on a deck made with pptxgenjs and rendered by LibreOffice (fixtures/pdf/real-layouts.pdf,
// built by fixtures/make-real-layouts.mjs): a title beside a list, an array drawn with a table tool, a table of
// operations in notation. And the segmentation rules behind them, on hand-made lines.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { processDocument } from "../pipeline/process.ts";
import { segmentDeck } from "../corpus/segment/index.ts";
import { codeScore, findCode } from "../corpus/segment/code.ts";
import { slideLines } from "../corpus/segment/layout.ts";
import { noiseReason } from "../corpus/segment/noise.ts";
import { findTitle } from "../corpus/segment/title.ts";
import type { Line } from "../model/document.ts";
import { AGENDA_ITEMS, AGENDA_TITLE, ARRAY_TITLE, ARRAY_VALUES, COST_TABLE, COST_TITLE, DECK_BY, DECK_TITLE } from "../fixtures/make-real-layouts.mjs";
import { fixture } from "./helpers.ts";

describe("fixtures/pdf/real-layouts.pdf (a PPTX rendered by LibreOffice)", async () => {
  const result = await processDocument(readFileSync(fixture("pdf", "real-layouts.pdf")), "real-layouts.pdf");
  if (!result.ok) throw new Error(result.error.message);
  const on = (slide: number) => result.records.filter((r) => r.slide === slide);

  it("reads the deck's title and author, and no table or quote the deck does not have", () => {
    expect([result.deck.title, result.deck.author]).toEqual([DECK_TITLE, DECK_BY]);
    expect(result.records.filter((r) => r.kind === "quote")).toEqual([]);
    expect(result.records.filter((r) => r.kind === "table").map((r) => r.slide)).toEqual([4]);
  });

  it("reads a title set left of a list as the title, and the list item on its baseline as an item", () => {
    const slide = on(2);
    expect(slide.filter((r) => r.kind === "title").map((r) => r.text)).toEqual([AGENDA_TITLE]);
    const rest = slide.filter((r) => r.kind !== "title").map((r) => r.text);
    expect(rest).toEqual(AGENDA_ITEMS);
  });

  it("reads an array drawn with a table tool as no table, and keeps its title whole", () => {
    const slide = on(3);
    expect(slide.filter((r) => r.kind === "table")).toEqual([]);
    expect(slide.filter((r) => r.kind === "title").map((r) => r.text)).toEqual([ARRAY_TITLE]);
    const text = slide.map((r) => r.text).join("\n");
    for (const v of ARRAY_VALUES) expect(text).toContain(v.replace(/”/g, '"'));
    // the index ruler keeps the cell that is the slide's number
    expect(slide.map((r) => r.text)).toContain("0\t1\t2\t3");
  });

  it("reads a table of operations in notation as a table, not code", () => {
    const slide = on(4);
    expect(slide.filter((r) => r.kind === "title").map((r) => r.text)).toEqual([COST_TITLE]);
    expect(slide.filter((r) => r.kind === "code")).toEqual([]);
    expect(slide.filter((r) => r.kind === "table").map((r) => r.table)).toEqual([{ header: COST_TABLE[0], rows: COST_TABLE.slice(1) }]);
  });
});

const at = (text: string, x: number, y: number, fontSize: number): Line => ({ text, x, y, fontSize, width: text.length * fontSize * 0.5 });

describe("titles", () => {
  it("take the largest line set beside a list that starts above it, not the list's first item", () => {
    const lines = [at("User stories", 430, 96, 16), at("Class diagrams", 430, 158, 16), at("Database design", 430, 220, 16), at("What is on today?", 73, 284, 24), at("Short demo", 430, 283, 16), at("Unit testing", 430, 405, 16)];
    expect(findTitle(slideLines(lines))?.text).toBe("What is on today?");
    // a big number lower on a slide, under text in its column, is no title
    const callout = [at("Revenue grew in every region", 73, 96, 16), at("and margins held this year", 73, 120, 16), at("Costs fell in two of them", 73, 144, 16), at("42%", 73, 300, 48)];
    expect(findTitle(slideLines(callout))?.text).not.toBe("42%");
  });

  it("keep a call at their end (`remove(index)`), and strip OCR's garble", () => {
    expect(findTitle(slideLines([at("ArrayList – remove(index)", 50, 60, 32), at("Removes the element at index", 50, 120, 18)]))?.text).toBe("ArrayList – remove(index)");
    expect(findTitle(slideLines([at("Budget 2025 xq#(", 50, 60, 32), at("Numbers for the year", 50, 120, 18)]))?.text).toBe("Budget 2025");
  });
});

describe("slide numbers in cells", () => {
  it("are taken off a header or footer line's end, never out of a row of numbers", () => {
    const lines = [{ text: "Indexes" }, { text: "0\t1\t2\t3" }, { text: "\"A\"\t\"B\"\t\"C\"\t\"D\"" }, { text: "" }, { text: "Aarhus Kommune\t2" }];
    const texts = segmentDeck([{ page: 1, lines: [{ text: "Title" }] }, { page: 2, lines }]).segments.filter((s) => s.slide === 2).map((s) => s.text);
    expect(texts).toContain("0\t1\t2\t3");
    expect(texts).toContain("Aarhus Kommune");
  });
});

describe("code and tables in notation", () => {
  it("reads a row of cells in notation as no code, a statement beside its comment as code", () => {
    const table = slideLines([{ text: "Find (contains(element))\tO(log n)\tO(1)" }, { text: "Fjern (remove(element))\tO(log n)\tO(1)" }]);
    expect(findCode(table)).toEqual([]);
    const code = slideLines([{ text: "x = np.zeros(3)\t# three zeros" }, { text: "y = x + 1\t# add one" }]);
    expect(findCode(code)).toEqual([{ from: 0, to: 1 }]);
  });

  it("reads a shell prompt before a command in lower case as code, a dollar sign before a heading as none", () => {
    expect(codeScore("$ npm install slidecorpus")).toBeGreaterThanOrEqual(2);
    expect(codeScore("$ ./configure --prefix=/opt")).toBeGreaterThanOrEqual(2);
    expect(codeScore("$ Saved Annually")).toBeLessThan(2);
  });

  it("counts a call as a word when it judges OCR debris", () => {
    expect(noiseReason("Opslag på index (get(index))")).toBeUndefined();
    expect(noiseReason("Fjern (remove(element))")).toBeUndefined();
    expect(noiseReason("~(| ;(x)= ][")).toBeDefined();
  });

  it("reads rows in notation on a born-digital page as a table", () => {
    const row = (y: number, cells: [string, number][]): Line => ({
      text: cells.map((c) => c[0]).join("\t"), x: cells[0]![1], y, fontSize: 14, width: 400,
      cells: cells.map(([text, x]) => ({ text, x, width: text.length * 7 })),
    });
    const lines = [
      { text: "Sets", x: 40, y: 60, fontSize: 32, width: 100 },
      row(118, [["TreeSet", 260], ["HashSet", 475]]),
      row(141, [["Add (add(e))", 43], ["O(log n)", 260], ["O(1)", 475]]),
      row(165, [["Find (contains(e))", 43], ["O(log n)", 260], ["O(1)", 475]]),
    ];
    const tables = (bornDigital: boolean) => segmentDeck([{ page: 1, lines, ...(bornDigital ? { bornDigital } : {}) }]).segments.filter((s) => s.kind === "table");
    expect(tables(true).map((s) => s.table)).toEqual([{ header: ["", "TreeSet", "HashSet"], rows: [["Add (add(e))", "O(log n)", "O(1)"], ["Find (contains(e))", "O(log n)", "O(1)"]] }]);
  });
});

describe("a table of narrow columns whose header cells wrap (as LibreOffice renders a PPTX table)", () => {
  const row = (y: number, size: number, cells: [string, number, number][]): Line => ({
    text: cells.map((c) => c[0]).join("\t"), x: cells[0]![1], y, fontSize: size, width: cells.at(-1)![1] + cells.at(-1)![2] - cells[0]![1],
    cells: cells.map(([text, x, width]) => ({ text, x, width })),
  });
  // header cells centred in their columns and wrapped over three lines, one line a cell in every column; a body
  // row of amounts, one in dollars
  const lines: Line[] = [
    { text: "Savings so far", x: 30, y: 60, fontSize: 44, width: 600 },
    row(431, 14, [["Energy Saved", 28, 77], ["$ Saved", 124, 45], ["Pollution", 193, 52], ["Acres of", 271, 47], ["Number of", 334, 63]]),
    row(445, 14, [["(kWh)", 48, 36], ["Annually", 121, 52], ["prevented:", 187, 63], ["trees", 280, 29], ["cars", 354, 23]]),
    row(459, 14, [["CO2 (in tons)", 181, 75], ["planted", 271, 45], ["removed", 338, 52]]),
    row(493, 16, [["5,928,625.00", 22, 85], ["$533,576", 116, 60], ["13650", 199, 40], ["2814", 279, 32], ["2268", 350, 32]]),
  ];
  it("is one table of five columns and two rows, the header's lines joined", () => {
    const tables = segmentDeck([{ page: 1, lines, bornDigital: true }]).segments.filter((s) => s.kind === "table");
    expect(tables.map((s) => s.table)).toEqual([{
      header: ["Energy Saved (kWh)", "$ Saved Annually", "Pollution prevented: CO2 (in tons)", "Acres of trees planted", "Number of cars removed"],
      rows: [["5,928,625.00", "$533,576", "13650", "2814", "2268"]],
    }]);
  });
  it("keeps rows set close under a header as rows when they do not go on from it", () => {
    const compact: Line[] = [
      lines[0]!,
      row(100, 14, [["Plan", 40, 30], ["Windows", 170, 55], ["Linux", 300, 35]]),
      row(128, 14, [["Saver", 40, 35], ["Low power", 170, 65], ["Minimal", 300, 50]]),
      row(142, 14, [["Balanced", 40, 55], ["Balanced plan", 170, 90], ["Desk", 300, 30]]),
      row(170, 14, [["Fast", 40, 30], ["High", 170, 30], ["Always on", 300, 65]]),
    ];
    const table = segmentDeck([{ page: 1, lines: compact, bornDigital: true }]).segments.find((s) => s.kind === "table")!.table!;
    expect(table.rows.map((r) => r[0])).toEqual(["Saver", "Balanced", "Fast"]);
  });
});
