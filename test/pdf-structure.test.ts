// Tagged PDFs (fixtures/pdf/tagged.pdf, written by fixtures/make-tagged-pdf.mjs through LibreOffice Impress): the
// structure tree's title, list levels and table reach the records.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractPdf } from "../extractors/pdf/index.ts";
import { processDocument } from "../pipeline/process.ts";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { fixture } from "./helpers.ts";

describe("a tagged PDF's structure tree", async () => {
  const bytes = readFileSync(fixture("pdf", "tagged.pdf"));
  const doc = await extractPdf(new Uint8Array(bytes), { ocr: "never", pictureOcr: "never" });
  const result = await processDocument(bytes, "tagged.pdf", { extract: { ocr: "never", pictureOcr: "never" } });
  if (!result.ok) throw new Error(result.error.message);
  const on = (slide: number, kind: string) => result.records.filter((r) => r.slide === slide && r.kind === kind);

  it("makes the tagged title the slide's title, even set small under a large line", () => {
    expect(doc.pages[0]!.lines.filter((l) => l.role === "title").map((l) => l.text)).toEqual(["Kundeservice i tal"]);
    expect(on(1, "title").map((r) => r.text)).toEqual(["Kundeservice i tal"]);
    expect(result.records.filter((r) => r.slide === 1).map((r) => r.text)).toContain("Borgerne vil have svar hurtigere");
    expect(on(2, "title").map((r) => r.text)).toEqual(["Plan for året"]);
    expect(on(3, "title").map((r) => r.text)).toEqual(["Svartider pr. kanal"]);
  });

  it("gives list items their nesting level", () => {
    const bullets = on(2, "bullet").map((r) => [r.text, r.level]);
    expect(bullets).toEqual([
      ["Første kvartal: analyse", 0],
      ["Interviews med medarbejdere", 1],
      ["Andet kvartal: udvikling", 0],
      ["Tredje kvartal: udrulning", 0],
    ]);
  });

  it("reads the tagged table row by row, a wrapped cell as one cell and the empty corner kept", () => {
    const tables = on(3, "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.table).toEqual({
      header: ["", "2023", "2024"],
      rows: [["Telefon", "4 minutter", "2 minutter"], ["Digital post i borgerens egen indbakke på telefonen", "3 dage", "1 dag"]],
    });
  });
});

describe("an untagged PDF", () => {
  it("has no roles from a structure tree", async () => {
    const bytes = new Uint8Array(pdfBytes([{ text: [{ x: 40, y: 60, size: 28, text: "Overskrift" }, { x: 40, y: 120, size: 14, text: "Brødtekst" }] }]));
    const doc = await extractPdf(bytes, { ocr: "never" });
    expect(doc.pages[0]!.lines.map((l) => [l.text, l.role])).toEqual([["Overskrift", undefined], ["Brødtekst", undefined]]);
  });
});

describe("two tagged tables on one slide (fixtures/pdf/tagged-tables.pdf, from fixtures/make-tagged-tables.mjs)", async () => {
  const { LEFT_TABLE, RIGHT_TABLE } = await import("../fixtures/make-tagged-tables.mjs");
  const result = await processDocument(readFileSync(fixture("pdf", "tagged-tables.pdf")), "tagged-tables.pdf", { extract: { ocr: "never", pictureOcr: "never" } });
  if (!result.ok) throw new Error(result.error.message);
  const tables = result.records.filter((r) => r.kind === "table" && r.slide === 1);

  it("makes each table a record of its own, with its own rows, side by side as they are", () => {
    expect(tables.map((t) => t.table)).toEqual([
      { header: LEFT_TABLE[0], rows: LEFT_TABLE.slice(1) },
      { header: RIGHT_TABLE[0], rows: RIGHT_TABLE.slice(1) },
    ]);
    expect(tables[0]!.lines![1]).toBeLessThan(tables[1]!.lines![0]);
  });

  it("joins a word a narrow cell broke over two lines, at a soft hyphen or at a hyphen before a line break", () => {
    const cells = tables[1]!.table!.rows.map((r) => r[1]);
    expect(cells).toEqual(["Sagsbehandlingstiden", "Beskæftigelsesindsatsen"]);
  });
});
