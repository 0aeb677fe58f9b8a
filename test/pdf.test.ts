// The PDF extractor on its text layer: lines in reading order with their layout, the per-page OCR decision,
// and a clear error code for every kind of bad file. No OCR runs here (see pdf-ocr.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { textLayerProblem } from "../extractors/pdf/decide.ts";
import { extractPdf } from "../extractors/pdf/index.ts";
import { wrongLanguageOcr } from "../extractors/pdf/wrong-language.ts";
import { DocumentError, type ExtractOptions } from "../extractors/types.ts";
import { detectDanishDamage } from "../normalizers/index.ts";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { fixture } from "./helpers.ts";

const pdf = (name: string) => new Uint8Array(readFileSync(fixture("pdf", name)));
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

async function errorOf(bytes: Uint8Array, options: ExtractOptions = {}): Promise<DocumentError> {
  try {
    await extractPdf(bytes, options);
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  throw new Error("expected a DocumentError");
}

describe("the text layer", () => {
  it("gives the lines of a slide top to bottom with Danish letters, font size and position", async () => {
    const doc = await extractPdf(pdf("text-danish.pdf"));
    expect(doc.format).toBe("pdf");
    expect(doc.info).toEqual({ title: "Fælles løsninger", author: "Niels Højberg" });
    const [slide] = doc.pages;
    expect(slide).toMatchObject({ page: 1, method: "text", width: 720, height: 405 });
    expect(texts(slide!.lines)).toEqual([
      "Fælles løsninger på tværs",
      "• Økonomi og styring i kommunerne",
      "• Både borgere og medarbejdere skal høres",
      "• Næste skridt: årsplan for 2025", // two runs (a font change) on one line
      "Aarhus Kommune\tSide 1", // footer: one line, two cells far apart
    ]);
    // the title: 28 pt, 48 pt from the left, baseline 70 pt from the top
    expect(slide!.lines[0]).toMatchObject({ fontSize: 28, x: 48, y: 70 });
    expect(slide!.lines[1]).toMatchObject({ fontSize: 18, x: 48, y: 130 });
    expect(slide!.lines[4]!.cells!.map((c) => [c.text, c.x])).toEqual([["Aarhus Kommune", 48], ["Side 1", 650]]);
  });

  it("keeps table rows together, with one cell per column", async () => {
    const table = (await extractPdf(pdf("text-danish.pdf"))).pages[1]!;
    expect(texts(table.lines)).toEqual([
      "Udgifter pr. område",
      "Område\t2023\t2024",
      "Ældrepleje\t412\t437",
      "Skoler\t1.208\t1.190",
      "Sundhed på tværs\t96\t131",
    ]);
    expect(table.lines[3]!.cells!.map((c) => c.x)).toEqual([48, 330, 480]);
  });

  it("reads a two-column slide column by column", async () => {
    const [slide] = (await extractPdf(pdf("two-columns.pdf"))).pages;
    expect(texts(slide!.lines)).toEqual([
      "To spor i reformen",
      "Borgerne møder én indgang",
      "til kommunen, uanset om det",
      "gælder skole, ældrepleje",
      "eller beskæftigelse.",
      "Medarbejderne får større",
      "frihed til at løse opgaven",
      "tæt på borgeren, med færre",
      "regler og mere tillid.",
    ]);
  });

  it("reports pages as they are done", async () => {
    const seen: number[] = [];
    await extractPdf(pdf("text-danish.pdf"), { onPage: (p) => seen.push(p.page) });
    expect(seen).toEqual([1, 2]);
  });
});

describe("the OCR decision", () => {
  it("keeps a good Danish or English text layer", async () => {
    const doc = await extractPdf(pdf("text-danish.pdf"));
    expect(doc.pages.map((p) => [p.method, p.reason])).toEqual([["text", undefined], ["text", undefined]]);
    expect(textLayerProblem("Quarterly results\nRevenue grew in all regions for the third year in a row, and margins held.")).toBeUndefined();
  });

  it("with --ocr never, keeps every layer as it is, even a wrong-language OCR layer", async () => {
    const doc = await extractPdf(pdf("mixed.pdf"), { ocr: "never" });
    expect(doc.pages.map((p) => p.method)).toEqual(["text", "text", "text", "text", "text"]);
    expect(doc.pages[1]!.lines).toEqual([]); // the picture-only page
    expect(texts(doc.pages[2]!.lines).join(" ")).toContain("Bgrn og unge far bedre trivsel");
  });

  it("sees Danish read by an English OCR: no æ/ø/å, and the words that need them damaged", async () => {
    const layer = texts((await extractPdf(pdf("wrong-ocr-layer.pdf"), { ocr: "never" })).pages[0]!.lines).join("\n");
    expect(layer).toMatch(/Sterre abenhed i forvaltningen/);
    expect(textLayerProblem(layer)).toMatch(/^wrong-language OCR layer \(Danish without æ\/ø\/å: .*nar/);
    // the same words spelled right, and English, are fine
    expect(wrongLanguageOcr("Større åbenhed i forvaltningen\nBørn og unge får bedre trivsel\nNår vi løser opgaverne på tværs")).toBeUndefined();
    expect(wrongLanguageOcr("It is far from the star of the show, but the mode is born again")).toBeUndefined();
    // a short layer with no telling word cannot be judged alone (the deck's other pages decide: pdf-ocr.test.ts)
    expect(textLayerProblem("Vi gnsker en aben og gennemsigtig forvaltning\nfor alle borgere i kommunen")).toBeUndefined();
    // a line the lexicon catches ("støtte", "pårørende" read as "stotte", "parorende"); clean Danish lines without
    // æ/ø/å are not OCR'd
    expect(textLayerProblem("Vi tilbyder stotte til parorende i hele kommunen", detectDanishDamage)).toBe("wrong-language OCR layer (Danish without æ/ø/å: 2 words that need æ/ø/å)");
    expect(textLayerProblem("Vi vil gerne have en god dialog med borgerne om den nye plan")).toBeUndefined();
    expect(textLayerProblem("Ledelse og styring i en ny tid\nDet handler om tillid og om at give plads til fagligheden")).toBeUndefined();
    // junk inside words counts as damage too
    expect(wrongLanguageOcr("Det er vigtigt at vi f@r styr pa det og at alle kan vere med i arbejdet")?.examples).toEqual(["pa", "f@r"]);
  });

  it("takes born-digital Norwegian and Swedish without æ/ø/å for what they are, not for damaged Danish", () => {
    const norwegian = [
      "Kurs i datakvalitet: kontroll og retting av data",
      "Datakvalitet er kontroll, granskning og retting av data som blir samlet inn",
      "Mistenkelige verdier\n• Lager grupper av enheter som er mest mulig like\n• Det settes krav til hva som er nok data i hver gruppe",
      "Output fra funksjonen\n- Antall enheter med verdier som ikke mangler\n- Hvis gruppen er gitt, brukes den, ellers alle",
    ];
    for (const text of norwegian) expect(textLayerProblem(text, detectDanishDamage), text).toBeUndefined();
    expect(textLayerProblem("Vi vet inte hur data blir kontrollerad och det finns fel i de flesta tabeller som kommer in", detectDanishDamage)).toBeUndefined();
    // Danish read by an English OCR is still caught, with Norwegian-looking damage in it or not
    expect(textLayerProblem("Vi tilbyder stotte til parorende i hele kommunen", detectDanishDamage)).toMatch(/^wrong-language/);
    expect(wrongLanguageOcr("Det er vigtigt at vi f@r styr pa det og at alle kan vere med i arbejdet af hensyn til borgerne")).toBeDefined();
  });

  it("keeps the layer of a short Norwegian page that looks like Danish without æ/ø/å when the deck is Norwegian", async () => {
    const page1 = "Dataeditering og kontroll\nHvordan kan vi finne feil i data som er samlet inn";
    // alone, the page reads as Danish that lost its letters (`dataeditering` has "ae")
    expect(textLayerProblem(page1, detectDanishDamage)).toMatch(/^wrong-language/);
    const rest = [
      "Hva gjør vi etter innsamlingen\nVi går gjennom data og ser etter verdier som ikke henger sammen",
      "Kontroll mellom variabler\nNoe av arbeidet blir gjort av maskiner, mye av det blir gjort av oss",
    ];
    const bytes = new Uint8Array(pdfBytes([page1, ...rest].map((t) => ({ text: t.split("\n").map((text, i) => ({ x: 40, y: 60 + 30 * i, size: 16, text })) }))));
    const doc = await extractPdf(bytes, { danishDamage: detectDanishDamage });
    expect(doc.pages.map((p) => [p.method, p.reason])).toEqual([["text", undefined], ["text", undefined], ["text", undefined]]);
    expect(texts(doc.pages[0]!.lines)).toEqual(page1.split("\n"));
  });

  it("sees unusable glyphs: private-use characters, (cid:…) codes, no letters, mostly non-words", async () => {
    const layer = texts((await extractPdf(pdf("glyphs.pdf"), { ocr: "never" })).pages[0]!.lines).join("\n");
    expect(layer.replace(/\s/g, "")).not.toMatch(/\p{L}/u);
    expect(textLayerProblem(layer)).toMatch(/^(no text layer|unusable glyphs)/);
    expect(textLayerProblem("\uE041\uE042\uE043 \uE044\uE045 Side 2")).toMatch(/^unusable glyphs \(private-use/);
    expect(textLayerProblem("(cid:12)(cid:40)(cid:7) (cid:3)(cid:22) ok")).toMatch(/^unusable glyphs/);
    expect(textLayerProblem("3 .. 7 // 14 -- 2 ,, 9")).toMatch(/^unusable glyphs \(no letters/);
    expect(textLayerProblem("xKqz Rtvb ZZpl qQwX mnbv Lkjh gfds Xcvb Trew Qazx")).toMatch(/mostly non-words/);
    expect(textLayerProblem("")).toBe("no text layer");
  });

  it("keeps a born-digital layer of code and complexities (a table of `O(logn)`, `add(element)`), while garbled letters between brackets are still no words", () => {
    const table = ["Tree og Hash", "\tTreeSet/TreeMap\tHashSet/HashMap", "Indsæt (add(element))\tO(logn)\tO(1)",
      "Søge (contains(element))\tO(logn)\tO(1)", "Fjerne (remove(element))\tO(logn)\tO(1)"].join("\n");
    expect(textLayerProblem(table)).toBeUndefined();
    expect(textLayerProblem("xKqz(Rtvb) ZZpl/qQwX mnbv.Lkjh gfds Xcvb Trew Qazx Wxyz Bcdf Plkm Zxcv")).toMatch(/mostly non-words/);
  });

  it("keeps the text layer of a LibreOffice slide whose table is code (fixtures/pdf/tagged-tables.pdf, page 2), as the decision in auto mode makes it", async () => {
    const doc = await extractPdf(pdf("tagged-tables.pdf"), { danishDamage: detectDanishDamage, pictureOcr: "never" });
    expect(doc.pages.map((p) => [p.method, p.reason])).toEqual([["text", undefined], ["text", undefined]]);
    expect(texts(doc.pages[1]!.lines)).toContain("Indsæt (add(element))\tO(logn)\tO(1)");
  });
});

describe("bad files", () => {
  it("an empty file: empty", async () => {
    expect((await errorOf(new Uint8Array())).code).toBe("empty");
  });

  it("a text file named .pdf: not_pdf", async () => {
    expect((await errorOf(pdf("bad/not-a-pdf.pdf"))).code).toBe("not_pdf");
  });

  it("a PDF header followed by garbage, and a truncated PDF: corrupt", async () => {
    expect((await errorOf(pdf("bad/garbage.pdf"))).code).toBe("corrupt");
    expect((await errorOf(pdf("bad/truncated.pdf"))).code).toBe("corrupt");
  });

  it("an encrypted PDF: encrypted without the password or with a wrong one, readable with the right one", async () => {
    const none = await errorOf(pdf("bad/encrypted.pdf"));
    expect(none.code).toBe("encrypted");
    expect(none.message).toMatch(/--password/);
    const wrong = await errorOf(pdf("bad/encrypted.pdf"), { password: "forkert" });
    expect(wrong.code).toBe("encrypted");
    expect(wrong.message).toMatch(/wrong/);
    const doc = await extractPdf(pdf("bad/encrypted.pdf"), { password: "hemmelig" });
    expect(doc.pages[0]!.lines[0]!.text).toBe("Fælles løsninger på tværs");
  });
});
