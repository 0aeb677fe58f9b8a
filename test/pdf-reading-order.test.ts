// The reading order a tagged PDF's structure tree gives (fixtures/pdf/tagged-order.pdf, written by
// fixtures/make-tagged-order.mjs through LibreOffice Impress): where the layout alone gets the order wrong (text
// boxes drawn over each other, lists side by side read as one table), the tree's paragraphs are read whole and in
// its order; where the tree is the order things were drawn in (a label drawn before the title, a grid of boxes
// drawn column by column), the layout's order stands.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractPdf } from "../extractors/pdf/index.ts";
import { assembleLines } from "../extractors/pdf/lines.ts";
import { openPdf } from "../extractors/pdf/open.ts";
import { readTextLayer } from "../extractors/pdf/text-layer.ts";
import { processDocument } from "../pipeline/process.ts";
import { fixture } from "./helpers.ts";

const bytes = readFileSync(fixture("pdf", "tagged-order.pdf"));
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

/** The page's lines as the layout alone reads them: its runs without what the tree says. */
async function layoutOnly(page: number): Promise<string[]> {
  const doc = await openPdf(new Uint8Array(bytes), {});
  try {
    const { runs } = await readTextLayer(await doc.getPage(page));
    return texts(assembleLines(runs.map(({ tag: _tag, ...run }) => run)));
  } finally {
    await doc.destroy();
  }
}

describe("a tagged PDF's reading order", async () => {
  const doc = await extractPdf(new Uint8Array(bytes), { ocr: "never", pictureOcr: "never" });
  const page = (n: number) => texts(doc.pages[n - 1]!.lines);

  it("reads two text boxes drawn over each other one after the other, in the tree's order, not line by line", async () => {
    const anne = ["Anne writes the first note about", "the harbour project and its budget", "for the coming year"];
    const bent = ["Bent adds a second note later on", "the train timetable and the new", "station"];
    // the layout alone alternates their lines, the second box's first (it starts higher)
    expect((await layoutOnly(1)).slice(1, 3)).toEqual([bent[0], anne[0]]);
    expect(page(1)).toEqual(["Two notes drawn over each other", ...anne, ...bent]);
  });

  it("reads two lists side by side one after the other, not as the rows of one table", async () => {
    const layout = await layoutOnly(2);
    expect(layout.some((l) => l.includes("Hurtig") && l.includes("Dyr"))).toBe(true);
    expect(page(2)).toEqual(["Fordele og ulemper", "• Hurtig", "• Billig i drift og", "vedligehold", "• Enkel", "• Dyr", "• Kræver kursus", "• Ny"]);
    const result = await processDocument(bytes, "tagged-order.pdf", { extract: { ocr: "never", pictureOcr: "never" } });
    if (!result.ok) throw new Error(result.error.message);
    const slide2 = result.records.filter((r) => r.slide === 2);
    expect(slide2.filter((r) => r.kind === "table")).toEqual([]);
    expect(slide2.filter((r) => r.kind === "bullet").map((r) => r.text)).toEqual(["Hurtig", "Billig i drift og vedligehold", "Enkel", "Dyr", "Kræver kursus", "Ny"]);
  });

  it("reads the same boxes whole where the tree is the drawing order (a label drawn before the title), the one starting higher first", async () => {
    const anne = ["Anne writes the first note about", "the harbour project and its budget", "for the coming year"];
    const bent = ["Bent adds a second note later on", "the train timetable and the new", "station"];
    expect((await layoutOnly(4)).slice(1, 3)).toEqual([bent[0], anne[0]]);
    expect(page(4)).toEqual(["The same notes, drawn after a label", ...bent, ...anne, "Intern"]);
  });

  it("keeps the layout's order where the tree is the drawing order: the title before a label drawn first, a grid row by row", async () => {
    expect(page(3)).toEqual(await layoutOnly(3));
    expect(page(3)[0]).toBe("Nøgletal for året");
    expect(page(3).at(-1)).toBe("Intern");
    expect(page(3).slice(1, 3).map((l) => l.split("\t"))).toEqual([["Omsætning", "12 mio. kr."], ["Ansatte", "48 personer"]]);
  });
});
