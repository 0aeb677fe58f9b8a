// Segmentation with PDF layout: lines carry font size, position and their text runs (as the PDF extractor
// gives them). Titles come from font size and position, tables from runs that line up in columns,
// bullet levels and wrapped bullet lines from x positions.
import { describe, expect, it } from "vitest";
import { segmentDeck } from "../corpus/segment/index.ts";
import type { Line } from "../model/document.ts";

/** A line of text runs; the line's text is the runs joined, its x the first run's. */
function row(y: number, fontSize: number, runs: [string, number, number][]): Line {
  return {
    text: runs.map((r) => r[0]).join(" "),
    fontSize,
    x: runs[0]![1],
    y,
    width: runs.at(-1)![1] + runs.at(-1)![2] - runs[0]![1],
    cells: runs.map(([text, x, width]) => ({ text, x, width })),
  };
}

/** A line that is one run, about half the font size wide per character. */
function text(y: number, fontSize: number, x: number, t: string): Line {
  return row(y, fontSize, [[t, x, t.length * fontSize * 0.5]]);
}

describe("titles from font size and position", () => {
  const deck = segmentDeck([
    {
      page: 1,
      lines: [
        text(30, 10, 40, "Aarhus Kommune"),
        text(120, 32, 60, "Resultater og retning"),
        text(160, 32, 60, "for den kommunale styring"),
        text(220, 20, 60, "Status efter to år"),
        text(400, 14, 60, "Mette Hansen, direktør, Region Midtjylland"),
        text(420, 14, 60, "14. juni 2023"),
      ],
    },
    {
      page: 2,
      lines: [
        text(40, 12, 60, "Sygefravær falder"), // small first line: a header, not the title
        text(90, 28, 60, "Det vi lærte"),
        text(160, 18, 60, "Fraværet faldt mest, hvor lederne"),
        text(182, 18, 60, "talte med medarbejderne hver uge."),
        text(240, 22, 60, "Konklusion"),
        text(280, 18, 60, "Samtalen virker."),
      ],
    },
  ]);

  it("takes the biggest text near the top as the title, joined over its lines, below a smaller header", () => {
    const titles = deck.segments.filter((s) => s.kind === "title");
    expect(titles.map((t) => [t.slide, t.text, t.lines])).toEqual([
      [1, "Resultater og retning for den kommunale styring", [1, 2]],
      [2, "Det vi lærte", [1, 1]],
    ]);
    expect(deck.meta).toEqual({
      title: "Resultater og retning for den kommunale styring",
      subtitle: "Status efter to år",
      author: "Mette Hansen",
      role: "direktør",
      organisation: "Aarhus Kommune", // the header line, read before the byline's
      date: "2023-06-14",
    });
  });

  it("makes text bigger than the body a heading, and joins lines of one size and block", () => {
    expect(deck.segments.filter((s) => s.slide === 2).map((s) => [s.kind, s.text])).toEqual([
      ["paragraph", "Sygefravær falder"],
      ["title", "Det vi lærte"],
      ["paragraph", "Fraværet faldt mest, hvor lederne talte med medarbejderne hver uge."],
      ["heading", "Konklusion"],
      ["paragraph", "Samtalen virker."],
    ]);
  });
});

/** A title slide, so the slides under test are not read as one. */
const cover = { page: 1, lines: [text(100, 32, 60, "Om sygefravær")] };

describe("tables from column positions", () => {
  const deck = segmentDeck([
    cover,
    {
      page: 2,
      lines: [
        text(60, 28, 50, "Sygefravær pr. region"),
        row(140, 14, [["Region", 50, 45], ["2022", 250, 30], ["2023", 350, 30]]),
        // runs of one cell split by the PDF (`Region` + `Midt`) are merged; numbers right-aligned under the header
        row(160, 14, [["Region", 50, 45], ["Midt", 98, 28], ["12", 266, 14], ["14", 366, 14]]),
        row(180, 14, [["Syd", 50, 22], ["9", 373, 7]]),
        row(200, 14, [["Hovedstaden", 50, 80], ["11,5", 252, 28], ["10,2", 352, 28]]),
        text(400, 10, 50, "Kilde: Danmarks Statistik"),
      ],
    },
  ]);

  it("rebuilds header and rows, keeping the empty cell", () => {
    const tables = deck.segments.filter((s) => s.kind === "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.lines).toEqual([1, 4]);
    expect(tables[0]!.table).toEqual({
      header: ["Region", "2022", "2023"],
      rows: [
        ["Region Midt", "12", "14"],
        ["Syd", "", "9"],
        ["Hovedstaden", "11,5", "10,2"],
      ],
    });
    expect(deck.segments.filter((s) => s.slide === 2).map((s) => s.kind)).toEqual(["title", "table", "paragraph"]);
  });

  it("does not take a bullet line (marker and text as two runs) for a table row", () => {
    const d = segmentDeck([
      cover,
      {
        page: 2,
        lines: [
          text(60, 28, 50, "Tre greb"),
          row(140, 18, [["•", 60, 6], ["Først: mål", 80, 90]]),
          row(170, 16, [["–", 90, 6], ["delmål et", 110, 80]]),
          row(200, 18, [["•", 60, 6], ["Dernæst en lang sætning der", 80, 220]]),
          row(222, 18, [["fortsætter her", 80, 120]]),
        ],
      },
    ]);
    expect(d.segments.filter((s) => s.slide === 2).map((s) => [s.kind, s.text, s.level])).toEqual([
      ["title", "Tre greb", undefined],
      ["bullet", "Først: mål", 0],
      ["bullet", "delmål et", 1],
      ["bullet", "Dernæst en lang sætning der fortsætter her", 0],
    ]);
  });

  it("does not take a numbered agenda (number and text as two runs) for a table", () => {
    const d = segmentDeck([
      cover,
      {
        page: 2,
        lines: [
          text(60, 28, 50, "Agenda"),
          row(140, 20, [["1.", 60, 10], ["Baggrund", 85, 90]]),
          row(180, 20, [["2.", 60, 10], ["Resultater", 85, 100]]),
          row(220, 20, [["3.", 60, 10], ["Næste skridt", 85, 120]]),
        ],
      },
    ]);
    expect(d.segments.filter((s) => s.slide === 2).map((s) => [s.kind, s.text, s.agendaIndex])).toEqual([
      ["title", "Agenda", undefined],
      ["agenda_item", "Baggrund", 1],
      ["agenda_item", "Resultater", 2],
      ["agenda_item", "Næste skridt", 3],
    ]);
  });
});

describe("wrapped titles joined by layout", () => {
  const deck = segmentDeck([
    {
      // the title's letters outweigh the small print under it; the second title line is a product name
      page: 1,
      lines: [text(188, 44, 57, "Configuration Manager 2007"), text(236, 44, 57, "R3"), text(370, 12, 57, "Senior Program Manager")],
    },
    {
      // a right-aligned title: the left edges differ, the right edges agree
      page: 2,
      lines: [row(229, 45, [["SYSTEM CENTER USER", 98, 567]]), row(283, 45, [["GROUP MEETING", 241, 424]]), text(325, 20, 154, "Joint meeting between two user groups")],
    },
    {
      // a big line under the title, but not in line with it, is not the title's
      page: 3,
      lines: [text(50, 40, 76, "Knowledge"), text(95, 40, 300, "needed"), text(150, 20, 76, "▪ What a package is")],
    },
    {
      // sizes a hair apart are one size: the title starts at its first line
      page: 4,
      lines: [text(170, 39.79, 127, "Bli med og lag"), text(213, 39.81, 127, "fremtidens"), text(256, 39.8, 127, "løsninger!"), text(342, 21.8, 127, "Videreutvikle spillet")],
    },
  ]);
  const titles = (slide: number) => deck.segments.filter((s) => s.slide === slide && s.kind === "title").map((s) => s.text);

  it("joins a title's lines while font size and left, right or centre edge agree", () => {
    expect(titles(1)).toEqual(["Configuration Manager 2007 R3"]);
    expect(titles(2)).toEqual(["SYSTEM CENTER USER GROUP MEETING"]);
    expect(titles(3)).toEqual(["Knowledge"]);
    expect(titles(4)).toEqual(["Bli med og lag fremtidens løsninger!"]);
  });
});

describe("titles across a colon, names broken in a narrow box, and no title of column headings", () => {
  const centred = (y: number, size: number, t: string) => text(y, size, 480 - (t.length * size) / 4, t);
  const deck = segmentDeck([
    {
      // a title slide whose title goes on after its colon, two lines further down, centred
      page: 1,
      lines: [centred(207, 44, "Containers first, files next:"), centred(315, 44, "A layered path to readiness in"), centred(369, 44, "Microsoft 365")],
    },
    {
      // a file name too long for the title's box, broken without a hyphen; the body's bullet drawn at its height
      page: 2,
      lines: [text(44, 36, 76, "pyproject.to"), text(87, 36, 51, "▪ ml"), text(93, 13, 76, "dependencies should be kept minimal")],
    },
    {
      // a title that wraps between words keeps its space
      page: 3,
      lines: [text(44, 36, 76, "Importing"), text(87, 36, 76, "modules"), text(140, 14, 76, "▪ A module is a file")],
    },
    {
      // two columns' headings set bigger than the slide's title above them
      page: 4,
      lines: [
        text(43, 24, 397, "Sprint 4: the Field class"),
        { ...row(90, 36, [["Developer A", 142, 209], ["Developer B", 655, 210]]), text: "Developer A\tDeveloper B" },
        text(120, 16, 4, "Make a feature branch for the field class"),
        text(140, 16, 4, "and open a pull request when done"),
      ],
    },
  ]);
  const titles = (slide: number) => deck.segments.filter((s) => s.slide === slide && s.kind === "title").map((s) => s.text);

  it("joins a title ending in a colon to its next line of the same size across a gap", () => {
    expect(titles(1)).toEqual(["Containers first, files next: A layered path to readiness in Microsoft 365"]);
    expect(deck.meta.title).toBe("Containers first, files next: A layered path to readiness in Microsoft 365");
  });

  it("joins a name broken inside it without a space, a body's bullet glyph left out; words keep their space", () => {
    expect(titles(2)).toEqual(["pyproject.toml"]);
    expect(titles(3)).toEqual(["Importing modules"]);
  });

  it("takes no line of cells set apart (column headings) for the title", () => {
    expect(titles(4)).toEqual(["Sprint 4: the Field class"]);
  });
});

describe("slide numbers and running lines kept out of titles", () => {
  // a Beamer deck: the title page is not counted, so slide n shows frame number n - 1 after its frame title;
  // the frame title is the section's name, on each slide of the section and in the outline
  const sections = ["Outline", "Motivation", "Motivation", "Method", "Method", "Method", "Results", "Results"];
  const slide = (page: number): Line[] => {
    const lines: Line[] = [text(6, 5, 11, "| A short course in typesetting")];
    if (page === 1) return [text(60, 20, 40, "A short course in typesetting"), text(100, 11, 40, "Kari Nordmann")];
    lines.push({ ...row(31, 14.4, [[sections[page - 2]!, 28, 90], [String(page - 1), 353, 4]]), text: `${sections[page - 2]}\t${page - 1}` });
    if (page === 2) lines.push(text(90, 10, 36, "Motivation"), text(105, 10, 36, "Method"), text(120, 10, 36, "Results"));
    else lines.push(text(90, 10, 36, `What we found on the ${page}th of many pages of notes`), text(105, 10, 36, `Open issues in release ${page * 10}`));
    lines.push(text(260, 6, 11, `Kari Nordmann, University of Tromsø ${page - 1}|8`));
    return lines;
  };
  const d = segmentDeck(Array.from({ length: 9 }, (_, k) => ({ page: k + 1, lines: slide(k + 1) })));
  const titles = d.segments.filter((s) => s.kind === "title").map((s) => s.text);

  it("takes the frame number off a title when the deck counts its slides from another page", () => {
    expect(titles).toEqual(["A short course in typesetting", "Outline", "Motivation", "Motivation", "Method", "Method", "Method", "Results", "Results"]);
    // the frame number taken off the title is a footer record of its own; the running header and footer are one each
    expect(d.segments.filter((s) => s.kind === "footer" && s.slide === 5).map((s) => s.text)).toEqual([
      "| A short course in typesetting", "4", "Kari Nordmann, University of Tromsø 4|8",
    ]);
    expect(d.dropped).toEqual([]);
  });

  it("keeps a footer that ends in its page number out of the body, keeps numbers that are not the slide's", () => {
    expect(d.segments.filter((s) => s.kind !== "footer").some((s) => s.text.includes("University of Tromsø"))).toBe(false);
    expect(d.segments.filter((s) => s.kind === "footer" && s.text.includes("University of Tromsø")).map((s) => s.slide)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(d.segments.filter((s) => /^Open issues in release \d+$/.test(s.text)).map((s) => s.text)).toEqual([3, 4, 5, 6, 7, 8, 9].map((p) => `Open issues in release ${p * 10}`));
  });

  it("keeps a section's name as the title of its slides though it recurs on a third of them", () => {
    expect(titles.filter((t) => t === "Method")).toHaveLength(3);
    // and as an item of the outline, where it is set in the body's size
    expect(d.segments.filter((s) => s.kind === "agenda_item").map((s) => s.text)).toEqual(["Motivation", "Method", "Results"]);
  });

  it("takes no trailing number off a deck that does not number its slides", () => {
    const plain = segmentDeck([1, 2, 3].map((page) => ({ page, lines: [text(40, 28, 40, `Step ${page + 1}`), text(100, 12, 40, "Windows 7")] })));
    expect(plain.segments.filter((s) => s.kind === "title").map((s) => s.text)).toEqual(["Step 2", "Step 3", "Step 4"]);
  });
});

describe("agenda items over wrapped lines, without footers and lead-ins", () => {
  const items = (lines: Line[]) =>
    segmentDeck([{ page: 1, lines: [text(40, 30, 40, "Velkommen")] }, { page: 2, lines }]).segments.filter((s) => s.slide === 2).map((s) => [s.kind, s.text]);

  it("joins a centred item's lines when the items are blocks apart", () => {
    expect(items([
      text(90, 36, 70, "Agenda"),
      text(156, 37, 330, "Are you worried about"),
      text(196, 37, 299, "Data Loss Prevention?"),
      text(303, 37, 333, "Is your tenant ready"),
      text(344, 37, 430, "Today?"),
      text(451, 37, 319, "Ten steps to"),
      text(492, 37, 367, "Govern Your Sites"),
    ])).toEqual([
      ["title", "Agenda"],
      ["agenda_item", "Are you worried about Data Loss Prevention?"],
      ["agenda_item", "Is your tenant ready Today?"],
      ["agenda_item", "Ten steps to Govern Your Sites"],
    ]);
  });

  it("joins a bulleted item's line indented under its text, keeps a footer and a lead-in out of the items", () => {
    expect(items([
      text(40, 32, 40, "Program for dagen"),
      text(100, 20, 60, "Vi ser på:"),
      text(130, 20, 60, "• Status på projektet"),
      text(155, 20, 60, "• Økonomi"),
      text(180, 20, 60, "• Næste skridt for styregruppen og"),
      text(205, 20, 75, "Arbejdsgrupperne"),
      text(500, 9, 40, "Byggeri og Anlæg A/S · www.example.dk"),
    ])).toEqual([
      ["title", "Program for dagen"],
      ["line", "Vi ser på:"],
      ["agenda_item", "Status på projektet"],
      ["agenda_item", "Økonomi"],
      ["agenda_item", "Næste skridt for styregruppen og Arbejdsgrupperne"],
      ["line", "Byggeri og Anlæg A/S · www.example.dk"],
    ]);
  });

  it("joins a line indented under a bullet's text though it starts with a capital and the line above ends in a word", () => {
    expect(items([
      text(40, 32, 40, "Agenda"),
      text(130, 20, 60, "• Status på projektet"),
      text(155, 20, 60, "• Økonomi og Budget for"),
      text(180, 20, 75, "Afdeling Nord"),
      text(205, 20, 60, "• Næste skridt"),
      text(230, 20, 75, "Styregruppen Beslutter"),
    ]).filter(([k]) => k === "agenda_item").map(([, t]) => t)).toEqual(["Status på projektet", "Økonomi og Budget for Afdeling Nord", "Næste skridt Styregruppen Beslutter"]);
  });
});
