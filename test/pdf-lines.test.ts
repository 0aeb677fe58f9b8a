// Line assembly on hand-placed text runs (points, top-left origin): what reads as columns, what as a table,
// and how runs on one baseline join.
import { describe, expect, it } from "vitest";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { extractPdf } from "../extractors/pdf/index.ts";
import { assembleLines } from "../extractors/pdf/lines.ts";
import type { TextRun } from "../extractors/pdf/text-layer.ts";

/** A run of `size`-point text, about half an em wide per character. */
const run = (text: string, x: number, y: number, size = 12, rotated = false): TextRun => ({ text, x, y, width: text.length * size * 0.5, fontSize: size, rotated });
const texts = (runs: TextRun[]) => assembleLines(runs).map((l) => l.text);

describe("assembleLines", () => {
  it("reads side-by-side blocks whose lines do not line up as columns, left then right", () => {
    const left = ["Mål", "Tryghed", "Trivsel", "Læring"].map((t, i) => run(t, 40, 100 + i * 20));
    const right = ["Midler", "Budget 2025", "Personale"].map((t, i) => run(t, 300, 110 + i * 27));
    expect(texts([...right, ...left])).toEqual(["Mål", "Tryghed", "Trivsel", "Læring", "Midler", "Budget 2025", "Personale"]);
  });

  it("reads short cells on shared baselines as table rows, one cell per column", () => {
    const rows = [["Skole", "Elever"], ["Vestre", "412"], ["Østre", "388"]];
    const lines = assembleLines(rows.flatMap((row, r) => row.map((t, c) => run(t, [40, 300][c]!, 100 + r * 20))));
    expect(lines.map((l) => l.text)).toEqual(["Skole\tElever", "Vestre\t412", "Østre\t388"]);
    expect(lines[2]!.cells).toEqual([{ text: "Østre", x: 40, width: 30 }, { text: "388", x: 300, width: 18 }]);
  });

  it("joins runs split inside a word without a space, and across a word gap with one", () => {
    expect(texts([run("Fæ", 40, 100), run("lles", 52, 100), run("mål", 80, 100)])).toEqual(["Fælles mål"]);
  });

  it("keeps a title's wrapped line apart from the text of another box on its baseline, the title first", () => {
    // a 40-point title wrapping onto the baseline of a 20-point bullet drawn over it, and one beside small text
    const lines = assembleLines([run("Importing", 76, 47, 40), run("▪ you can import code", 84, 94, 20), run("modules", 76, 95, 40), run("pandas = 1.3", 400, 95, 12)]);
    expect(texts([run("Why", 76, 47, 40), run("environments?", 76, 95, 40), run("pandas = 1.3", 360, 95, 12)])).toEqual(["Why", "environments?", "pandas = 1.3"]);
    // the small code far beside the bullet is a box of its own too
    expect(lines.map((l) => [l.text, l.fontSize])).toEqual([["Importing", 40], ["modules", 40], ["▪ you can import code", 20], ["pandas = 1.3", 12]]);
  });

  it("keeps a title set beside a list apart from the list item on its baseline, in its own size", () => {
    // a 24-point title left of a list of 16-point items, one of them on the title's baseline
    const lines = assembleLines([run("Brugerhistorier", 433, 220, 16), run("Hvad skal vi nå?", 73, 284, 24), run("Kort demo", 433, 283, 16), run("Kodedesign", 433, 343, 16)]);
    expect(lines.map((l) => [l.text, l.fontSize])).toEqual([["Brugerhistorier", 16], ["Hvad skal vi nå?", 24], ["Kort demo", 16], ["Kodedesign", 16]]);
    // a lone mark (a bullet drawn larger) and a smaller word a word space away stay on their line
    expect(texts([run("•", 40, 100, 20), run("Plan the work", 70, 100, 12), run("(draft)", 160, 100, 8)])).toEqual(["• Plan the work (draft)"]);
  });

  it("parts a table's columns set close together where rows near each other have a gap at the same place", () => {
    // five narrow columns, their cells a little over half an em apart: less than a cell's gap, more than a space
    const header = [run("Energy saved", 20, 431, 14), run("$ saved", 116, 431, 14), run("Pollution", 180, 431, 14), run("Acres of", 258, 431, 14), run("Number of", 326, 431, 14)];
    const body = [run("5,928,625.00", 4, 470, 16), run("$533,576", 110, 470, 16), run("13650", 190, 470, 16), run("2814", 270, 470, 16), run("2268", 340, 470, 16)];
    const wrapped = [run("(kWh)", 40, 445, 14), run("annually", 118, 445, 14), run("prevented:", 182, 445, 14), run("trees", 262, 445, 14), run("cars", 340, 445, 14)];
    expect(texts([...header, ...wrapped, ...body])).toEqual(["Energy saved\t$ saved\tPollution\tAcres of\tNumber of", "(kWh)\tannually\tprevented:\ttrees\tcars", "5,928,625.00\t$533,576\t13650\t2814\t2268"]);
    // alone, or with one row in line, a row's narrow gaps are word spaces set wide; a label and its text at a tab
    // stop stay one line's text
    expect(texts(body)).toEqual(["5,928,625.00 $533,576 13650\t2814\t2268"]);
    expect(texts([...header, ...body])).toEqual(["Energy saved $ saved Pollution Acres of Number of", "5,928,625.00 $533,576 13650\t2814\t2268"]);
    expect(texts([run("Phase 1:", 40, 100, 14), run("Monitor the power state", 100, 100, 14), run("Phase 2:", 40, 120, 14), run("Plan the policy", 100, 120, 14)])).toEqual(["Phase 1: Monitor the power state", "Phase 2: Plan the policy"]);
    // nor are the word spaces of a page written a run a word (an OCR layer), where they fall in line by chance
    const words = (line: string, y: number) => {
      let x = 25;
      return line.split(" ").map((w) => { const r = run(w, x, y, 14); x += r.width + 11; return r; });
    };
    expect(texts([...words("Større åbenhed i forvaltningen", 122), ...words("Børn og unge får bedre trivsel", 140), ...words("Når vi løser opgaverne på tværs", 157)]))
      .toEqual(["Større åbenhed i forvaltningen", "Børn og unge får bedre trivsel", "Når vi løser opgaverne på tværs"]);
    // nor is the gap after a list's marker a column
    expect(texts([run("−", 40, 100, 14), run("Power efficient hardware", 52, 100, 14), run("(OEM)", 240, 100, 14), run("−", 40, 120, 14), run("Power efficient Windows", 52, 120, 14), run("(as part of it)", 230, 120, 14)])).toEqual(["− Power efficient hardware (OEM)", "− Power efficient Windows (as part of it)"]);
  });

  it("keeps a slightly raised run (a footnote mark) on its line", () => {
    expect(texts([run("Budget", 40, 100), run("1", 76, 96, 7), run("i alt", 84, 100)])).toEqual(["Budget1 i alt"]);
  });

  it("puts rotated text (a margin label) after the page's lines", () => {
    expect(texts([run("UDKAST", 10, 300, 20, true), run("Titel", 40, 50, 24), run("Første punkt", 40, 100)])).toEqual(["Titel", "Første punkt", "UDKAST"]);
  });

  it("gives each line its dominant font size, left edge and baseline", () => {
    const [title] = assembleLines([run("Ny ", 40, 60, 28), run("strategi for ældreområdet", 86, 60, 28), run("2025", 400, 61, 12)]);
    expect(title).toMatchObject({ fontSize: 28, x: 40, y: 60 });
  });
});

describe("text hygiene", () => {
  it("keeps a run drawn twice at nearly the same place (fake bold, a shadow) once", () => {
    const runs = [run("await", 40, 100), run("await", 40.4, 100.3), run("axios", 75, 100), run("axios", 75.4, 100.3), run("Create", 40, 130), run("Create", 41.5, 131.5)];
    expect(texts(runs)).toEqual(["await axios", "Create"]);
  });

  it("keeps a copy drawn farther off (a shadow a third of an em down) once, not glued to the first drawing", () => {
    // on one baseline as rows go (within 0.4 em), but beyond the 0.3 em a copy was once allowed
    expect(texts([run("Create", 40, 130), run("Create", 44, 134.5), run("SYSTEK", 40, 170, 20), run("SYSTEK", 46, 177, 20)])).toEqual(["Create", "SYSTEK"]);
  });

  it("keeps text drawn twice once when the two drawings are cut into runs differently", () => {
    // the first drawing in one run, the copy in two; and the other way round
    expect(texts([run("await axios", 40, 100), run("await", 40.5, 100.5), run("axios", 73.5, 100.5)])).toEqual(["await axios"]);
    expect(texts([run("await", 40, 100), run("axios", 73, 100), run("await axios", 40.5, 100.5)])).toEqual(["await axios"]);
    // a second box of the same words over the first, in capitals and a size smaller
    expect(texts([run("Status:", 40, 60, 24), run("NÆSTE", 130, 60, 24), run("Status: Næste", 50, 59.5, 22)])).toEqual(["Status: NÆSTE"]);
    // a shadow of a title's first word only
    expect(texts([run("Create a new project", 40, 60, 28), run("Create", 41.5, 61.5, 28)])).toEqual(["Create a new project"]);
  });

  it("keeps the same word written twice apart on a line, on the next line, or inside a longer run elsewhere", () => {
    expect(texts([run("nej", 40, 100), run("nej", 70, 100)])).toEqual(["nej nej"]);
    expect(texts([run("next", 40, 100), run("next", 40, 112)])).toEqual(["next", "next"]);
    // `ta` is in `data` but not where `data` draws it; a smaller label over a word is not a copy of it
    expect(texts([run("data", 40, 100), run("ta", 40, 100.2)])).toEqual(["datata"]);
    expect(texts([run("Stat", 40, 100, 24), run("Stat", 40, 100, 10)])).toEqual(["Stat", "Stat"]);
  });

  it("drops control characters (U+0000 for an unmapped emoji) and reads a symbol-font bullet as a bullet", () => {
    expect(texts([run("Godt gået \u0000\u0001", 40, 100), run("\uF0A7 Punkt", 40, 130), run("\uF0FCtjek", 40, 160)])).toEqual(["Godt gået", "• Punkt", "\uF0FCtjek"]);
  });
  it("joins letter-spaced words when every gap in them is a single letter's, and keeps the word spaces", () => {
    // pdf.js spaces the glyphs of letter-spaced text and ends a run at the PDF's own space
    expect(texts([run("S L I D E", 40, 100), run("0 2", 110, 100)])).toEqual(["SLIDE 02"]);
    expect(texts([run("A G E N D A", 40, 100), run("F O R", 117, 100), run("I", 158, 100), run("D A G", 175, 100)])).toEqual(["AGENDA FOR I DAG"]);
    // single letters that are words, and short spaced runs with no letter-spaced word beside them, stay
    expect(texts([run("x y", 40, 100), run("a b c", 40, 130), run("Vælg A B eller C", 40, 160)])).toEqual(["x y", "a b c", "Vælg A B eller C"]);
  });

  it("reads a symbol font's lone glyph at the start of a line as a bullet, and keeps a raised small letter in its word", () => {
    // LaTeX's logo: a small A raised into L…TEX, the E lowered
    const logo = [run("Hvad er L", 40, 100, 10), run("A", 80.5, 98, 7), run("T", 83, 100, 10), run("E", 88, 102, 10), run("X er", 93, 100, 10)];
    expect(texts(logo)).toEqual(["Hvad er LATEX er"]);
    const bullet = { ...run("I", 40, 130), symbolFont: true };
    expect(texts([bullet, run("Punkt", 55, 130), run("I dag", 40, 160)])).toEqual(["• Punkt", "I dag"]);
  });
});

describe("a structure tree's tags on the runs", () => {
  const tagged = (r: TextRun, tag: TextRun["tag"]): TextRun => ({ ...r, tag });
  it("makes the lines of a tagged title in the title's type the title; smaller tagged lines are read by layout", () => {
    const lines = assembleLines([
      tagged(run("Deciphering Copilot:", 40, 60, 40), { title: true }),
      tagged(run("Data Security", 40, 110, 40), { title: true }),
      tagged(run("Nikki Jensen", 40, 160, 20), { title: true }),
      run("Brødtekst", 40, 200, 14),
    ]);
    expect(lines.map((l) => [l.text, l.role])).toEqual([["Deciphering Copilot:", "title"], ["Data Security", "title"], ["Nikki Jensen", undefined], ["Brødtekst", undefined]]);
  });

  it("leaves a row with untagged runs beside the title to the layout", () => {
    const lines = assembleLines([tagged(run("Output fra", 40, 60, 40), { title: true }), run("-", 400, 60, 12)]);
    expect(lines.map((l) => l.role)).toEqual([undefined]);
  });
});

describe("text runs as pdf.js reads them", () => {
  it("letter-spaced capitals (Tc) and Beamer's bullet triangle (MSAM10 `I`)", async () => {
    const bytes = new Uint8Array(pdfBytes([{ text: [
      { x: 40, y: 60, size: 12, text: "SLIDE 02", charSpacing: 6 },
      { x: 40, y: 100, size: 12, font: "F4", text: "I" },
      { x: 56, y: 100, size: 12, text: "Første punkt" },
      { x: 40, y: 140, size: 12, text: "I dag er en god dag" },
    ] }]));
    const doc = await extractPdf(bytes, { ocr: "never" });
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual(["SLIDE 02", "• Første punkt", "I dag er en god dag"]);
  });

  it("a symbol font's bullet on later pages, whose fonts an earlier page's operators loaded, is still a bullet", async () => {
    const page = (title: string) => ({ text: [
      { x: 40, y: 60, size: 12, text: title },
      { x: 40, y: 100, size: 12, font: "F4", text: "I" },
      { x: 56, y: 100, size: 12, text: "Første punkt" },
      // a lone capital in the text font is a letter, not a bullet
      { x: 40, y: 140, size: 12, text: "A" },
      { x: 56, y: 140, size: 12, text: "er et bogstav" },
    ] });
    const bytes = new Uint8Array(pdfBytes([page("Side en"), page("Side to"), page("Side tre")]));
    for (const ocr of ["never", "auto"] as const) {
      const doc = await extractPdf(bytes, { ocr, pictureOcr: "never" });
      for (const [i, p] of doc.pages.entries()) {
        expect(p.lines.map((l) => l.text)).toEqual([["Side en", "Side to", "Side tre"][i], "• Første punkt", "A er et bogstav"]);
      }
    }
  });

  it("text drawn twice (fake bold by offset, a shadow, a copy cut differently) reads once", async () => {
    const bytes = new Uint8Array(pdfBytes([{ text: [
      // a shadow first, a third of an em down and right, then the text
      { x: 44, y: 64.5, size: 12, text: "Create a new project" },
      { x: 40, y: 60, size: 12, text: "Create a new project" },
      // the text in one run, its fake-bold copy word by word
      { x: 40, y: 100, size: 14, font: "F2", text: "await axios" },
      { x: 40.6, y: 100, size: 14, font: "F2", text: "await" },
      { x: 82.6, y: 100, size: 14, font: "F2", text: "axios" },
      { x: 40, y: 140, size: 12, text: "Plain text, no copy" },
    ] }]));
    const doc = await extractPdf(bytes, { ocr: "never" });
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual(["Create a new project", "await axios", "Plain text, no copy"]);
  });
});
