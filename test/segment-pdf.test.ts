// Segmentation on real PDF fixtures: titles from font size and position, tables rebuilt from column positions.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { processDocument } from "../pipeline/process.ts";
import { fixture } from "./helpers.ts";

describe("segmentation of fixtures/pdf/text-danish.pdf", async () => {
  const result = await processDocument(readFileSync(fixture("pdf", "text-danish.pdf")), "text-danish.pdf", { extract: { ocr: "never" } });
  if (!result.ok) throw new Error(result.error.message);
  const on = (slide: number) => result.records.filter((r) => r.slide === slide);

  it("finds the biggest text at the top as each slide's title, and the bullets under it", () => {
    expect(on(1).filter((r) => r.kind === "title").map((r) => r.text)).toEqual(["Fælles løsninger på tværs"]);
    expect(on(1).filter((r) => r.kind === "bullet").map((r) => r.text)).toEqual([
      "Økonomi og styring i kommunerne",
      "Både borgere og medarbejdere skal høres",
      "Næste skridt: årsplan for 2025",
    ]);
    expect(on(2).filter((r) => r.kind === "title").map((r) => r.text)).toEqual(["Udgifter pr. område"]);
  });

  it("rebuilds the table from the text runs' positions", () => {
    const tables = on(2).filter((r) => r.kind === "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.table).toEqual({
      header: ["Område", "2023", "2024"],
      rows: [["Ældrepleje", "412", "437"], ["Skoler", "1.208", "1.190"], ["Sundhed på tværs", "96", "131"]],
    });
    expect(tables[0]!.method).toBe("text");
  });
});
