// Tables only where rows and columns really line up and read as a table; quotes only in quotation marks or with
// an attribution that names someone, never a slide footer. Inputs modelled on kinds of real slides, not copied.
import { describe, expect, it } from "vitest";
import { looksTabular } from "../corpus/segment/tables.ts";
import { looksLikeAttribution } from "../corpus/segment/attribution.ts";
import { segmentDeck } from "../corpus/segment/index.ts";
import type { Line } from "../model/document.ts";

describe("looksTabular", () => {
  it("accepts a plain table and a table of yes/no values", () => {
    expect(looksTabular([["Plan", "Windows", "Linux"], ["Saver", "Low power", "Minimal"], ["Balanced", "Balanced plan", "Desk"]])).toBe(true);
    expect(looksTabular([["Release 1", "No", "No"], ["Release 2", "No", "Yes"], ["Release 3", "Yes", "Yes"]])).toBe(true);
  });

  it.each([
    ["an array diagram", [["0", "1", "2", "3"], ["\"AAA\"", "\"BBB\"", "\"CCC\"", "\"DDD\""]]],
    ["an array's values over its index ruler", [["7", "3", "9", "x", "42"], ["0", "1", "2", "3", "4"]]],
    ["two arrays' index rulers read one after the other", [["0", "1", "2", "3", "4", "5"], ["0", "1", "2", "3", "4", ""]]],
    ["repeated diagram labels", [["next", "next", "next"], ["prev", "prev", "prev"]]],
    ["two lists side by side", [["- Opret klassen og giv den to", "- Skriv metoden"], ["- Test klassen", "- Kald metoden fra spillet"]]],
    ["prose in two columns", [["The first column tells a story that", "The second column tells another"], ["carries on in the next row of text", "which also carries on below it"], ["and ends only here at the bottom.", "and ends here."]]],
    ["code beside comments", [["import numpy as np", "# arrays"], ["x = np.zeros(3)", "# three zeros"]]],
    ["a single row", [["Name", "Value"], ["", "alone"]]],
  ])("rejects %s", (_, rows) => {
    expect(looksTabular(rows as string[][])).toBe(false);
  });

  it.each([
    ["years as columns over row labels", [["", "2021", "2022", "2023"], ["Decks", "12", "19", "31"], ["Slides", "340", "512", "800"]]],
    ["numbered columns after a row label", [["Week", "1", "2", "3"], ["Sprint", "S1", "S1", "S2"]]],
    ["a truth table of single digits", [["A", "B", "Q"], ["0", "0", "1"], ["0", "1", "1"], ["1", "1", "0"]]],
  ])("accepts %s (numbers that are no array's index ruler)", (_, rows) => {
    expect(looksTabular(rows as string[][])).toBe(true);
  });
});

describe("tables a source format tags (PDF structure tree, PPTX/ODP)", () => {
  const tagged = (rows: string[]): Line[] => [{ text: "ArrayList - remove(index)", fontSize: 36 }, ...rows.map((text) => ({ text, role: "table" as const, fontSize: 18 }))];
  it("are no table when they draw arrays over index rulers: the cells stay text", () => {
    for (const rows of [["0\t1\t2\t3\t4\t5", "0\t1\t2\t3\t4"], ["5\t3\t8\t1", "0\t1\t2\t3"]]) {
      const out = segmentDeck([{ page: 1, lines: tagged(rows) }]);
      expect(out.segments.filter((s) => s.kind === "table")).toEqual([]);
      expect(out.segments.map((s) => s.text).join("\n")).toContain(rows[0]!.split("\t")[2]);
    }
  });
  it("stay a table with numbered columns after a row label", () => {
    const out = segmentDeck([{ page: 1, lines: tagged(["Week\t1\t2\t3", "Sprint\tS1\tS1\tS2"]) }]);
    expect(out.segments.filter((s) => s.kind === "table").map((s) => s.table)).toEqual([{ header: ["Week", "1", "2", "3"], rows: [["Sprint", "S1", "S1", "S2"]] }]);
  });
});

const row = (y: number, cells: [string, number, number][]): Line => ({
  text: cells.map((c) => c[0]).join("\t"),
  x: cells[0]![1],
  y,
  fontSize: 12,
  width: cells.at(-1)![1] + cells.at(-1)![2] - cells[0]![1],
  cells: cells.map(([text, x, width]) => ({ text, x, width })),
});

describe("a PDF table", () => {
  it("keeps a row's cells in their columns when the extractor joined two of them", () => {
    const lines: Line[] = [
      { text: "Power plans", x: 30, y: 40, fontSize: 40, width: 300 },
      row(90, [["Plan", 40, 30], ["Windows 7", 170, 60], ["Windows XP", 360, 65]]),
      row(110, [["Saver", 40, 35], ["Apply the saver plan", 170, 115], ["Apply the minimal scheme", 360, 140]]),
      row(130, [["Balanced", 40, 50], ["Apply the balanced plan", 170, 130], ["Apply the desk scheme", 360, 120]]),
      // "Apply the fast plan" and "Apply always on" drawn 1.1 em apart, 9.5 pt a character: one cell from the extractor
      row(150, [["Fast", 40, 25], ["Apply the fast plan Apply always on", 170, 332]]),
    ];
    const table = segmentDeck([{ page: 1, lines }]).segments.find((s) => s.kind === "table")!.table!;
    expect(table.header).toEqual(["Plan", "Windows 7", "Windows XP"]);
    expect(table.rows.at(-1)).toEqual(["Fast", "Apply the fast plan", "Apply always on"]);
  });
});

describe("no table of diagram labels or boxes of questions", () => {
  const title: Line = { text: "Binary search tree", x: 30, y: 40, fontSize: 36, width: 400 };
  it("reads labels standing between a diagram's columns, two in one column, as no table", () => {
    const lines: Line[] = [
      title,
      row(240, [["left", 441, 33], ["right", 501, 38]]),
      row(307, [["left", 210, 33], ["right", 271, 38], ["root", 465, 38], ["left", 645, 33], ["right", 705, 38]]),
    ];
    expect(segmentDeck([{ page: 1, lines }]).segments.filter((s) => s.kind === "table")).toEqual([]);
  });

  it("reads boxes of questions side by side as no table", () => {
    expect(looksTabular([["BETTER REACH?", "FASTER RELEASES?"], ["MORE SECURITY?", "LOWER COSTS?"]])).toBe(false);
    expect(looksTabular([["Plan", "Cost"], ["Basic", "10 kr"], ["Pro", "25 kr"]])).toBe(true);
    // nor is their first row the slide's title
    const boxes = [row(230, [["BETTER REACH?", 209, 200], ["FASTER RELEASES?", 566, 217]]), row(288, [["MORE SECURITY?", 182, 190], ["LOWER COSTS?", 522, 160]])].map((l) => ({ ...l, fontSize: 24 }));
    const d = segmentDeck([{ page: 1, lines: [title] }, { page: 2, lines: boxes }]);
    expect(d.segments.filter((s) => s.slide === 2).map((s) => s.kind)).toEqual(["paragraph", "paragraph"]);
  });

  it("keeps a table whose header is centred over cells set flush left, numbers with units as cells", () => {
    const lines: Line[] = [
      title,
      row(90, [["Municipality", 60, 80], ["Residents", 255, 60], ["Area", 420, 30]]),
      row(110, [["Aarhus", 40, 45], ["367,095", 230, 50], ["468 km²", 400, 50]]),
      row(130, [["Ringkøbing-Skjern", 40, 120], ["56,233", 230, 42], ["1,470 km²", 400, 62]]),
      row(150, [["Ærø", 40, 25], ["5,951", 230, 35], ["90 km²", 400, 44]]),
    ];
    expect(segmentDeck([{ page: 1, lines }]).segments.find((s) => s.kind === "table")?.table).toEqual({
      header: ["Municipality", "Residents", "Area"],
      rows: [["Aarhus", "367,095", "468 km²"], ["Ringkøbing-Skjern", "56,233", "1,470 km²"], ["Ærø", "5,951", "90 km²"]],
    });
  });

  it("reads boxes of a diagram whose second row stands apart from the first as no table", () => {
    const lines: Line[] = [
      title,
      row(90, [["Make installable", 72, 88], ["abandon test", 186, 64], ["one", 493, 18]]),
      row(102, [["at this point", 72, 65], ["start new", 334, 46], ["comment", 479, 47]]),
    ];
    expect(segmentDeck([{ page: 1, lines }]).segments.filter((s) => s.kind === "table")).toEqual([]);
  });

  it("keeps a table whose narrow cells are centred in their columns", () => {
    const lines: Line[] = [
      title,
      row(90, [["Feature", 40, 60], ["Windows 10", 200, 80], ["Windows 11", 360, 80]]),
      row(110, [["BitLocker", 40, 65], ["Yes", 228, 24], ["Yes", 388, 24]]),
      row(130, [["Smart App Control", 40, 120], ["No", 232, 16], ["Yes", 388, 24]]),
    ];
    expect(segmentDeck([{ page: 1, lines }]).segments.find((s) => s.kind === "table")?.table?.rows).toEqual([["BitLocker", "Yes", "Yes"], ["Smart App Control", "No", "Yes"]]);
  });
});

describe("a PDF table whose cells wrap", () => {
  const title: Line = { text: "Models", x: 30, y: 40, fontSize: 40, width: 200 };
  it("keeps a cell's wrapped lines in its row, a row standing further below than a wrapped line", () => {
    const lines: Line[] = [
      title,
      row(90, [["Name", 40, 40], ["Model", 200, 50], ["Variance", 360, 60]]),
      row(120, [["Plain with", 40, 80], ["Straight line", 200, 90], ["Equal for all", 360, 90]]),
      row(134, [["intercept", 40, 70]]),
      row(164, [["Rate", 40, 35], ["Straight line through", 200, 140], ["Growing with", 360, 90]]),
      row(178, [["the origin", 200, 70], ["the predictor", 360, 95]]),
      row(208, [["Mean", 40, 35], ["Average", 200, 60], ["Equal for all", 360, 90]]),
    ];
    const tables = segmentDeck([{ page: 1, lines }]).segments.filter((s) => s.kind === "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.table).toEqual({
      header: ["Name", "Model", "Variance"],
      rows: [
        ["Plain with intercept", "Straight line", "Equal for all"],
        ["Rate", "Straight line through the origin", "Growing with the predictor"],
        ["Mean", "Average", "Equal for all"],
      ],
    });
  });

  it("does not read the boxes of a flow diagram, whose labels wrap but do not line up, as a table", () => {
    const lines: Line[] = [
      title,
      row(90, [["README", 72, 40], ["Update README", 554, 90]]),
      row(103, [["LICENSE", 72, 46]]),
      row(132, [["Make", 72, 31], ["Test", 347, 22]]),
      row(146, [["installable at", 72, 77]]),
    ];
    expect(segmentDeck([{ page: 1, lines }]).segments.filter((s) => s.kind === "table")).toEqual([]);
  });

  it("reads rows set at single spacing as rows, and a line under them as no cell", () => {
    const lines: Line[] = [
      title,
      row(90, [["Name", 40, 40], ["Model", 200, 50], ["Variance", 360, 60]]),
      row(104, [["Plain", 40, 40], ["Straight line", 200, 90], ["Equal for all", 360, 90]]),
      row(118, [["Rate", 40, 35], ["Through origin", 200, 100], ["Growing", 360, 60]]),
      { text: "Source: the course notes", x: 40, y: 132, fontSize: 12, width: 160, cells: [{ text: "Source: the course notes", x: 40, width: 160 }] },
    ];
    const segments = segmentDeck([{ page: 1, lines }]).segments;
    expect(segments.find((s) => s.kind === "table")!.table!.rows).toEqual([["Plain", "Straight line", "Equal for all"], ["Rate", "Through origin", "Growing"]]);
    expect(segments.some((s) => s.kind !== "table" && s.text === "Source: the course notes")).toBe(true);
  });
});

describe("bylines and attributions over two lines", () => {
  const text = (ls: string[]) => ls.map((t, k) => ({ text: t, x: 40, y: 100 + 24 * k, fontSize: 18, width: 20 * t.length }));
  // a quote slide after a cover
  const quotesOn = (slide: Line[]) =>
    segmentDeck([{ page: 1, lines: text(["Samskabelse i praksis"]) }, { page: 2, lines: slide }]).segments.filter((s) => s.kind === "quote");
  it("reads a title slide's byline that wraps as one, the line it wraps onto not a paragraph", () => {
    const cover: Line[] = [
      { text: "Trust in local government", x: 40, y: 40, fontSize: 40, width: 600 },
      ...text(["Dr. Maria Olsen, Professor of Comparative Politics, University", "of York"]),
    ];
    const d = segmentDeck([{ page: 1, lines: cover }]);
    expect(d.meta).toMatchObject({ author: "Maria Olsen", role: "Professor of Comparative Politics", organisation: "University of York" });
    expect(d.segments.map((s) => [s.kind, s.text])).toEqual([
      ["title", "Trust in local government"],
      ["line", "Dr. Maria Olsen, Professor of Comparative Politics, University of York"],
    ]);
  });

  it("reads a quote's attribution that wraps as one", () => {
    const slide: Line[] = text([
      "“Citizens should be seen as co-producers of the services they receive, not only as their users.”",
      "— Hanne Vestergaard, Professor of Public Management,",
      "University of Southampton",
    ]);
    const q = quotesOn(slide);
    expect(q).toHaveLength(1);
    expect(q[0]!.attribution).toMatchObject({ speaker: "Hanne Vestergaard", role: "Professor of Public Management", organisation: "University of Southampton" });
    expect(q[0]!.lines).toEqual([0, 2]);
  });

  it("does not join a sentence ending in a comma to the name under it", () => {
    const slide: Line[] = text([
      "Det vigtigste for os var at blive hørt tidligt i forløbet, og at ingen skulle gentage sig selv,",
      "det har gjort en forskel for mange",
      "Karen Holm, sagsbehandler",
    ]);
    const q = quotesOn(slide);
    expect(q.map((s) => s.attribution?.text)).toEqual(["Karen Holm, sagsbehandler"]);
  });
});

describe("quotes", () => {
  it("never take a slide footer with its page number as the attribution", () => {
    expect(looksLikeAttribution("Jens Hansen, Aarhus University 7|22")).toBeUndefined();
    expect(looksLikeAttribution("Jens Hansen, Aarhus University")?.speaker).toBe("Jens Hansen");
  });

  it("read a source under a quotation after an arrow as its organisation", () => {
    expect(looksLikeAttribution("➡️ ACME Digital Insights")).toMatchObject({ organisation: "ACME Digital Insights" });
  });

  const quotes = (text: string) => segmentDeck([{ page: 2, lines: text.split("\n").map((t) => ({ text: t })) }]).segments.filter((s) => s.kind === "quote");

  it("find a quotation with its source", () => {
    const q = quotes("Hvorfor\n\n\"Architecture is too often reduced to a compliance function that\npolices the organisation from an ivory tower.\"\n— ACME Insights");
    expect(q).toHaveLength(1);
    expect(q[0]!.attribution?.organisation).toBe("ACME Insights");
  });

  it("are not quoted values, nor a box of words over a name without a sentence", () => {
    expect(quotes("Data\n\n\"13, brewery, Cola, 3000, 500, 7\"\n\nEt kald ser sådan ud")).toEqual([]);
    expect(quotes("Links\n\nUse sensitivity labels with teams, groups and sites in the company portal |\nMicrosoft Learn")).toEqual([]);
  });
});

describe("lines of text set side by side are no table", () => {
  const at = (y: number, fontSize: number, cells: [string, number, number][]): Line => ({ ...row(y, cells), fontSize });
  const tables = (lines: Line[]) => segmentDeck([{ page: 1, lines, bornDigital: true }]).segments.filter((s) => s.kind === "table");
  const heading: Line = { text: "Command line options", x: 28, y: 31, fontSize: 14, width: 160 };

  it("reads no piece of a two-column list as a table when some of its rows were read as one run (a gap too small)", () => {
    // key and value start where their columns do; a long key leaves too small a gap for two cells
    const lines: Line[] = [
      heading,
      at(133, 10, [["--quiet", 34, 35], ["Say nothing", 90, 55]]),
      at(145, 10, [["--verbose Say more", 34, 101]]),
      at(157, 10, [["--output", 34, 40], ["Write to a file", 90, 70]]),
      at(169, 10, [["--exit", 34, 30], ["Stop at the first error", 90, 110]]),
      at(181, 10, [["--version Print it", 34, 101]]),
      at(193, 10, [["--config", 34, 40], ["Read a config file", 90, 90]]),
      at(205, 10, [["--dry", 34, 25], ["Change nothing", 90, 75]]),
      at(217, 10, [["--help", 34, 30], ["Print this help", 90, 75]]),
    ];
    expect(tables(lines)).toEqual([]);
  });

  it("reads no table in two columns of prose whose first lines share a baseline", () => {
    const lines: Line[] = [
      heading,
      at(90, 30, [["Team North", 140, 200], ["Team South", 640, 200]]),
      at(120, 14, [["Open a branch named after the task", 4, 300], ["In the next step you override the methods of", 500, 420]]),
      at(136, 14, [["the parent class, then build and test it.", 500, 360]]),
      at(160, 14, [["Write the class with its constructor", 4, 330]]),
      at(176, 14, [["and the methods the diagram shows.", 4, 310]]),
    ];
    expect(tables(lines)).toEqual([]);
  });

  it("reads no table in two text boxes at the slide's sides, each a short paragraph", () => {
    const lines: Line[] = [
      { text: "Why containers?", x: 76, y: 47, fontSize: 40, width: 312 },
      at(245, 20, [["Service 1", 62, 68], ["Service 2", 596, 68]]),
      at(263, 14, [["= written in", 62, 60], ["= written in", 596, 60]]),
      at(280, 14, [["Python 3.8", 62, 62], ["Python 3.12", 596, 66]]),
      { text: "shared host", x: 304, y: 336, fontSize: 20, width: 122 },
    ];
    expect(tables(lines)).toEqual([]);
  });

  it("keeps a table whose columns stand far apart when its rows are padded", () => {
    const lines: Line[] = [
      { text: "Releases", x: 76, y: 47, fontSize: 40, width: 200 },
      at(245, 14, [["Version", 62, 50], ["Date", 596, 30]]),
      at(270, 14, [["3.8", 62, 20], ["2019", 596, 30]]),
      at(295, 14, [["3.12", 62, 25], ["2023", 596, 30]]),
    ];
    expect(tables(lines).map((s) => s.table)).toEqual([{ header: ["Version", "Date"], rows: [["3.8", "2019"], ["3.12", "2023"]] }]);
  });
});

describe("a table at single spacing", () => {
  it("keeps its rows with a caption set close over it and a short note under it", () => {
    const lines: Line[] = [
      { text: "Releases", x: 76, y: 47, fontSize: 40, width: 200 },
      { text: "Table 2: the releases of the last years", x: 40, y: 76, fontSize: 12, width: 230, cells: [{ text: "Table 2: the releases of the last years", x: 40, width: 230 }] },
      row(90, [["Version", 40, 45], ["Date", 200, 30], ["Support", 360, 50]]),
      row(104, [["3.8", 40, 20], ["2019", 200, 30], ["Ended", 360, 40]]),
      row(118, [["3.12", 40, 25], ["2023", 200, 30], ["Until 2028", 360, 60]]),
      { text: "All dates UTC", x: 40, y: 132, fontSize: 12, width: 75, cells: [{ text: "All dates UTC", x: 40, width: 75 }] },
    ];
    const tables = segmentDeck([{ page: 1, lines, bornDigital: true }]).segments.filter((s) => s.kind === "table");
    expect(tables.map((s) => s.table!.rows)).toEqual([[["3.8", "2019", "Ended"], ["3.12", "2023", "Until 2028"]]]);
  });
});
