// Tables in PDFs written here (fixtures/pdf-writer.mjs): rows and columns rebuilt from the cells' positions
// whatever order the text comes in (row by row, column by column, a header's last cell after the rest), and
// no table where boxes, code or two speakers' text only stand side by side.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { TABLE_1, TABLE_2 } from "../fixtures/make-libreoffice-table.mjs";
import { fixture } from "./helpers.ts";
import { processDocument } from "../pipeline/process.ts";
import type { CorpusRecord } from "../model/schema.ts";

interface Text {
  x: number;
  y: number;
  size: number;
  text: string;
  font?: string;
}

/** The records of a one-slide PDF with a title over the given text runs, written in the order given. */
async function records(text: Text[], title = "Licences and paths"): Promise<CorpusRecord[]> {
  const bytes = pdfBytes([{ text: [{ x: 40, y: 50, size: 30, text: title }, ...text] }]);
  const result = await processDocument(bytes, "table.pdf", { extract: { ocr: "never" } });
  if (!result.ok) throw new Error(result.error.message);
  return result.records;
}

const tables = (rs: CorpusRecord[]) => rs.filter((r) => r.kind === "table").map((r) => r.table);

/** A table's cells: each a column and row, its lines (a wrapped cell has two) at 10 pt. */
interface Cell {
  column: number;
  row: number;
  lines: string[];
}
const COLUMN_X = [60, 260, 460];
const ROW_Y = [110, 150, 190, 230];
const at = (c: Cell): Text[] => c.lines.map((text, k) => ({ x: COLUMN_X[c.column]!, y: ROW_Y[c.row]! + k * 12, size: 10, text }));

const grid: Cell[] = [
  { column: 0, row: 0, lines: ["Readiness", "score"] },
  { column: 1, row: 0, lines: ["Licence profile"] },
  { column: 2, row: 0, lines: ["Deployment path"] },
  { column: 0, row: 1, lines: ["0% - 66%"] },
  { column: 1, row: 1, lines: ["Office E3, Business", "Standard or higher"] },
  { column: 2, row: 1, lines: ["Core"] },
  { column: 0, row: 2, lines: ["67% - 90%"] },
  { column: 1, row: 2, lines: ["Microsoft 365 E5"] },
  { column: 2, row: 2, lines: ["Best in class"] },
  { column: 0, row: 3, lines: ["91% - 100%"] },
  { column: 1, row: 3, lines: ["Microsoft 365 E5 and add-ons"] },
  { column: 2, row: 3, lines: ["Full rollout"] },
];
const expected = {
  header: ["Readiness score", "Licence profile", "Deployment path"],
  rows: [
    ["0% - 66%", "Office E3, Business Standard or higher", "Core"],
    ["67% - 90%", "Microsoft 365 E5", "Best in class"],
    ["91% - 100%", "Microsoft 365 E5 and add-ons", "Full rollout"],
  ],
};

describe("a PDF table, 3 columns × 4 rows with wrapped cells", () => {
  it("is read whole when its text comes row by row", async () => {
    const byRow = [...grid].sort((a, b) => a.row - b.row || a.column - b.column);
    expect(tables(await records(byRow.flatMap(at)))).toEqual([expected]);
  });

  it("is read whole when its text comes column by column", async () => {
    const byColumn = [...grid].sort((a, b) => a.column - b.column || a.row - b.row);
    const rs = await records(byColumn.flatMap(at));
    expect(tables(rs)).toEqual([expected]);
    // every cell's text is in the table, none left over as a paragraph
    expect(rs.filter((r) => r.kind !== "table" && r.kind !== "title")).toEqual([]);
  });

  it("keeps its third column when that column comes after the first two", async () => {
    const lastColumnLast = [...grid].sort((a, b) => Number(a.column === 2) - Number(b.column === 2) || a.row - b.row || a.column - b.column);
    const rs = await records(lastColumnLast.flatMap(at));
    expect(tables(rs)).toEqual([expected]);
    expect(rs.filter((r) => r.kind === "paragraph")).toEqual([]);
  });

  it("leaves a note under the table out of it", async () => {
    const byColumn = [...grid].sort((a, b) => a.column - b.column || a.row - b.row);
    const rs = await records([...byColumn.flatMap(at), { x: 60, y: 290, size: 10, text: "Source: the licensing guide" }]);
    expect(tables(rs)).toEqual([expected]);
    expect(rs.some((r) => r.kind !== "table" && r.text === "Source: the licensing guide")).toBe(true);
  });
});

describe("no PDF table of what only stands side by side", () => {
  it("not the boxes of a flow diagram whose labels fall where they may", async () => {
    const rs = await records([
      { x: 80, y: 110, size: 12, text: "1 Create" }, { x: 180, y: 110, size: 12, text: "2 Build & Test" }, { x: 560, y: 110, size: 12, text: "3 Publish" },
      { x: 72, y: 150, size: 11, text: "Set up structure" }, { x: 554, y: 150, size: 11, text: "In the project file" },
      { x: 211, y: 175, size: 11, text: "into notebook" }, { x: 379, y: 175, size: 11, text: "Move code" },
      { x: 72, y: 230, size: 11, text: "Make installable" }, { x: 186, y: 230, size: 11, text: "abandon test" }, { x: 493, y: 230, size: 11, text: "one" },
      { x: 72, y: 243, size: 11, text: "at this point" }, { x: 334, y: 243, size: 11, text: "start new" }, { x: 479, y: 243, size: 11, text: "comment" },
    ], "Workflow");
    expect(tables(rs)).toEqual([]);
  });

  it("not two speakers' text in two columns under their names", async () => {
    const rs = await records([
      { x: 180, y: 100, size: 24, text: "Developer A" }, { x: 430, y: 100, size: 24, text: "Game" }, { x: 560, y: 100, size: 24, text: "Developer B" },
      { x: 20, y: 140, size: 16, text: "Rename the class to Player." }, { x: 380, y: 140, size: 16, text: "In the Bank class," },
      { x: 20, y: 160, size: 16, text: "Keep the names the same" }, { x: 380, y: 160, size: 16, text: "rename it to Game" },
    ], "Sprint one");
    expect(tables(rs)).toEqual([]);
  });

  it("not a printout of a data frame in a fixed-pitch font beside code", async () => {
    const mono = (x: number, y: number, text: string): Text => ({ x, y, size: 10, text, font: "F5" });
    const rs = await records([
      // prose beside the code: the slide is not set in the fixed-pitch font
      { x: 40, y: 100, size: 13, text: "If you work with pandas, it is easy" },
      { x: 40, y: 116, size: 13, text: "to forget the shape of data frames." },
      { x: 40, y: 140, size: 13, text: "Add the format to the docstring," },
      { x: 40, y: 156, size: 13, text: "and keep it up to date." },
      { x: 40, y: 172, size: 13, text: "Or write tests that check it." },
      { x: 40, y: 188, size: 13, text: "They never go out of date." },
      { x: 40, y: 204, size: 13, text: "Both work; tests are better." },
      mono(370, 100, "def some_function(df):"),
      mono(390, 112, "Parameters"),
      mono(390, 124, "df : pd.DataFrame"),
      mono(487, 136, "house"), mono(543, 136, "points"),
      mono(432, 148, "1999"), mono(467, 148, "Slytherin"), mono(558, 148, "100"),
      mono(432, 160, "2020"), mono(467, 160, "Hufflepuff"), mono(553, 160, "2800"),
      mono(390, 184, "return df"),
    ], "NumPy style");
    expect(tables(rs)).toEqual([]);
  });
});

describe("fixtures/pdf/libreoffice-table.pdf (an ODP deck rendered by LibreOffice Impress)", async () => {
  // LibreOffice writes the first column's cells, then the other columns' row by row; a header cell wraps
  const result = await processDocument(readFileSync(fixture("pdf", "libreoffice-table.pdf")), "libreoffice-table.pdf", { extract: { ocr: "never" } });
  if (!result.ok) throw new Error(result.error.message);
  const on = (slide: number) => result.records.filter((r) => r.slide === slide);

  it("reads the 3 × 4 table whole, each row's cells in that row, wrapped cells joined", () => {
    const [header, ...rows] = TABLE_1;
    expect(tables(on(1))).toEqual([{ header, rows }]);
    expect(on(1).map((r) => r.kind)).toEqual(["title", "table"]);
  });

  it("reads the table beside a bulleted text box, the bullets not in it", () => {
    const [header, ...rows] = TABLE_2;
    expect(tables(on(2))).toEqual([{ header, rows }]);
    expect(on(2).filter((r) => r.kind === "bullet").map((r) => r.text)).toEqual(["Plans apply to every client", "Reports show the savings"]);
  });
});
