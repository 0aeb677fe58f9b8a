// Segmentation on decks written for these tests, unlike the seeds: an English deck with a contents slide,
// a Danish deck without an agenda, a deck of quotes in every quoting style. Slides are separated by form feeds.
import { describe, expect, it } from "vitest";
import { segmentDeck, type SegmentedDeck } from "../corpus/segment/index.ts";

function deck(text: string): SegmentedDeck {
  return segmentDeck(text.split("\f").map((s, i) => ({ page: i + 1, lines: s.replace(/^\n/, "").split("\n").map((t) => ({ text: t })) })));
}

const of = (d: SegmentedDeck, slide: number) => d.segments.filter((s) => s.slide === slide).map((s) => [s.kind, s.text]);

describe("an English deck with a contents slide", () => {
  const d = deck(`Building Better Services
A practical guide for local government

Jane Smith, Head of Digital at Northshire Council
March 3, 2021
\f
Contents
1. Why services fail
2. What users told us
3. Designing with
   data and evidence
4. Next steps
\f
Why services fail
• Too many handoffs
• Forms nobody understands
  ◦ jargon and legal wording
• No feedback loop
\f
What users told us
“I spent three weeks trying to find the right form, and nobody could tell me where it was.”
— Sarah Lee, resident
\f
Designing with data
Metric\t2019\t2020
Calls\t1200\t950
Complaints\t\t80
\f
Next steps
We will publish a roadmap in the spring and invite residents
to test the new services with us.
`);

  it("reads title, subtitle, author, role, organisation and date", () => {
    expect(d.meta).toEqual({
      title: "Building Better Services",
      subtitle: "A practical guide for local government",
      author: "Jane Smith",
      role: "Head of Digital",
      organisation: "Northshire Council",
      date: "2021-03-03",
    });
  });

  it("finds the contents as agenda items and the sections of later slides", () => {
    expect(of(d, 2)).toEqual([
      ["title", "Contents"],
      ["agenda_item", "Why services fail"],
      ["agenda_item", "What users told us"],
      ["agenda_item", "Designing with data and evidence"],
      ["agenda_item", "Next steps"],
    ]);
    expect([3, 4, 5, 6].map((n) => d.segments.find((s) => s.slide === n)!.section)).toEqual([
      { index: 1, title: "Why services fail" },
      { index: 2, title: "What users told us" },
      { index: 3, title: "Designing with data and evidence" },
      { index: 4, title: "Next steps" },
    ]);
  });

  it("gives bullets their nesting level from the indent", () => {
    expect(d.segments.filter((s) => s.slide === 3 && s.kind === "bullet").map((s) => [s.text, s.level])).toEqual([
      ["Too many handoffs", 0],
      ["Forms nobody understands", 0],
      ["jargon and legal wording", 1],
      ["No feedback loop", 0],
    ]);
  });

  it("reads a quote with a dashed attribution, a table with an empty cell, a wrapped paragraph", () => {
    const quote = d.segments.find((s) => s.kind === "quote")!;
    expect(quote.text).toBe("I spent three weeks trying to find the right form, and nobody could tell me where it was.");
    expect(quote.attribution).toEqual({ text: "— Sarah Lee, resident", speaker: "Sarah Lee", role: "resident" });
    expect(d.segments.find((s) => s.kind === "table")!.table).toEqual({
      header: ["Metric", "2019", "2020"],
      rows: [["Calls", "1200", "950"], ["Complaints", "", "80"]],
    });
    expect(of(d, 6)).toEqual([
      ["title", "Next steps"],
      ["paragraph", "We will publish a roadmap in the spring and invite residents to test the new services with us."],
    ]);
  });
});

describe("a Danish deck without an agenda", () => {
  const d = deck(`Grøn omstilling i praksis
Erfaringer fra tre kommuner

Oplæg ved Peter Holm, klimachef, Vejle Kommune
Temadag om klima, 12. maj 2022
\f
Udgangspunktet
Kommunerne har sat mål for CO2-reduktion, men mangler værktøjer til at følge op.
Der er stor forskel på, hvordan målene bliver omsat.
\f
Tre indsatser
- Energirenovering af
  kommunale bygninger
- Grøn transport
- Lokale energifællesskaber
\f
Økonomi
Indsats\tBudget (mio. kr.)\tBesparelse
Bygninger\t45\t12
Transport\t20\t
`);

  it("reads the byline and the event line of the title slide", () => {
    expect(d.meta).toEqual({
      title: "Grøn omstilling i praksis",
      subtitle: "Erfaringer fra tre kommuner",
      author: "Peter Holm",
      role: "klimachef",
      organisation: "Vejle Kommune",
      event: "Temadag om klima",
      date: "2022-05-12",
    });
  });

  it("gives no agenda items and no sections", () => {
    expect(d.segments.filter((s) => s.kind === "agenda_item" || s.section)).toEqual([]);
  });

  it("keeps sentences as paragraphs, joins a wrapped bullet, keeps a trailing empty cell", () => {
    expect(of(d, 2)).toEqual([
      ["title", "Udgangspunktet"],
      ["paragraph", "Kommunerne har sat mål for CO2-reduktion, men mangler værktøjer til at følge op."],
      ["paragraph", "Der er stor forskel på, hvordan målene bliver omsat."],
    ]);
    expect(of(d, 3)).toEqual([
      ["title", "Tre indsatser"],
      ["bullet", "Energirenovering af kommunale bygninger"],
      ["bullet", "Grøn transport"],
      ["bullet", "Lokale energifællesskaber"],
    ]);
    expect(d.segments.find((s) => s.kind === "table")!.table).toEqual({
      header: ["Indsats", "Budget (mio. kr.)", "Besparelse"],
      rows: [["Bygninger", "45", "12"], ["Transport", "20", ""]],
    });
  });
});

describe("a deck of quotes", () => {
  const d = deck(`Stemmer fra forløbet
\f
„Vi har fået et helt andet sprog for, hvad god ledelse er i hverdagen.“
Karen Møller, skoleleder
\f
»Det sværeste var at slippe kontrollen,
men det var også det, der gav mest.«
– Jens Nielsen, afdelingschef i Region Syddanmark
\f
"Jeg var skeptisk i starten, men forløbet
har ændret måden, jeg holder møder på
Lise Berg, teamleder
\f
Borgerne oplever, at de bliver hørt tidligere i sagen, og at
ingen skal fortælle deres historie to gange.
Anders Kjær, borgerrådgiver
\f
Det var en øjenåbner for hele teamet.”
Projektleder, Odense Kommune
\f
« Tre ting vi tager med
« Tydelige mål
« Tid til refleksion
`);

  it("gives one record per quote, in any quoting style, with or without one of its marks", () => {
    const quotes = d.segments.filter((s) => s.kind === "quote");
    expect(quotes.map((q) => [q.slide, q.text, q.lines])).toEqual([
      [2, "Vi har fået et helt andet sprog for, hvad god ledelse er i hverdagen.", [0, 1]],
      [3, "Det sværeste var at slippe kontrollen, men det var også det, der gav mest.", [0, 2]],
      [4, "Jeg var skeptisk i starten, men forløbet har ændret måden, jeg holder møder på", [0, 2]],
      [5, "Borgerne oplever, at de bliver hørt tidligere i sagen, og at ingen skal fortælle deres historie to gange.", [0, 2]],
      [6, "Det var en øjenåbner for hele teamet.", [0, 1]],
    ]);
  });

  it("parses each attribution into speaker, role and organisation", () => {
    const attributions = d.segments.filter((s) => s.kind === "quote").map((q) => q.attribution);
    expect(attributions).toEqual([
      { text: "Karen Møller, skoleleder", speaker: "Karen Møller", role: "skoleleder" },
      { text: "– Jens Nielsen, afdelingschef i Region Syddanmark", speaker: "Jens Nielsen", role: "afdelingschef", organisation: "Region Syddanmark" },
      { text: "Lise Berg, teamleder", speaker: "Lise Berg", role: "teamleder" },
      { text: "Anders Kjær, borgerrådgiver", speaker: "Anders Kjær", role: "borgerrådgiver" },
      { text: "Projektleder, Odense Kommune", role: "Projektleder", organisation: "Odense Kommune" },
    ]);
  });

  it("gives quote slides no title, and reads `« ` at the start of a line as a bullet", () => {
    expect(d.segments.filter((s) => s.kind === "title").map((s) => s.slide)).toEqual([1]);
    expect(of(d, 7)).toEqual([
      ["bullet", "Tre ting vi tager med"],
      ["bullet", "Tydelige mål"],
      ["bullet", "Tid til refleksion"],
    ]);
  });
});

describe("a deck with a running footer and an agenda that is only a numbered list", () => {
  const d = deck(`Digital velfærd
Status 2024

Aarhus Kommune
\f
I dag
1. Hvor står vi
2. Hvad virker
3. Hvad gør vi nu
Aarhus Kommune · Digitalisering
\f
Hvor står vi?
• 40 % af ansøgningerne er digitale
Aarhus Kommune · Digitalisering
\f
Hvad virker
Selvbetjening, når den er enkel.
Aarhus Kommune · Digitalisering
\f
Hvad gør vi nu
• Færre blanketter
Aarhus Kommune · Digitalisering
`);

  it("reads a numbered list on an early slide as the agenda, with its sections", () => {
    expect(d.segments.filter((s) => s.kind === "agenda_item").map((s) => [s.agendaIndex, s.text])).toEqual([
      [1, "Hvor står vi"],
      [2, "Hvad virker"],
      [3, "Hvad gør vi nu"],
    ]);
    expect([3, 4, 5].map((n) => d.segments.find((s) => s.slide === n)?.section?.index)).toEqual([1, 2, 3]);
  });

  it("keeps the footer repeated on most slides as a footer record of each, out of the items and the body", () => {
    expect(d.dropped).toEqual([]);
    expect(d.segments.filter((s) => s.kind === "footer").map((s) => [s.slide, s.text, s.lines])).toEqual([
      [2, "Aarhus Kommune · Digitalisering", [4, 4]],
      [3, "Aarhus Kommune · Digitalisering", [2, 2]],
      [4, "Aarhus Kommune · Digitalisering", [2, 2]],
      [5, "Aarhus Kommune · Digitalisering", [2, 2]],
    ]);
    expect(d.segments.filter((s) => s.kind !== "footer").some((s) => s.text.includes("Digitalisering"))).toBe(false);
    expect(d.meta).toEqual({ title: "Digital velfærd", subtitle: "Status 2024", organisation: "Aarhus Kommune" });
  });
});

describe("an agenda with points under its items", () => {
  const d = deck(`Temadag
\f
Program
1. Velkomst
   - kaffe og præsentation
2. Erfaringer fra praksis
3. Afrunding
`);
  it("keeps the points in their item and numbers the items as given", () => {
    expect(d.segments.filter((s) => s.kind === "agenda_item").map((s) => [s.agendaIndex, s.text, s.lines])).toEqual([
      [1, "Velkomst – kaffe og præsentation", [1, 2]],
      [2, "Erfaringer fra praksis", [3, 3]],
      [3, "Afrunding", [4, 4]],
    ]);
  });
});

describe("a table laid out with spaces (as pdftotext -layout writes it)", () => {
  const d = deck(`Nøgletal
\f
Nøgletal pr. område
Område          2022     2023
Skoler            12       14
Dagtilbud                   9
Ældrepleje      11,5     10,2
Kilde: egne tal
`);
  it("rebuilds the columns from character positions, keeping the empty cell", () => {
    const table = d.segments.find((s) => s.kind === "table")!;
    expect(table.lines).toEqual([1, 4]);
    expect(table.table).toEqual({
      header: ["Område", "2022", "2023"],
      rows: [["Skoler", "12", "14"], ["Dagtilbud", "", "9"], ["Ældrepleje", "11,5", "10,2"]],
    });
    expect(of(d, 2).map(([kind]) => kind)).toEqual(["title", "table", "paragraph"]);
  });
});

describe("a footer laid out in columns", () => {
  const d = deck(`Fælles løsninger på tværs
• Økonomi og styring i kommunerne
• Både borgere og medarbejdere skal høres
Aarhus Kommune\tSide 1
\f
Næste skridt
• En årsplan for 2025
Aarhus Kommune\tSide 2
\f
Spørgsmål og svar
• Hvad koster det?
Aarhus Kommune\tSide 3`);

  it("takes the slide-number cell off, sees the rest repeat on every slide, and keeps the line as one footer record", () => {
    expect(d.dropped).toEqual([]);
    // the title slide's line is its organisation; on the others the whole line is furniture
    expect(d.segments.filter((s) => s.kind === "footer").map((s) => [s.slide, s.text])).toEqual([
      [1, "Side 1"],
      [2, "Aarhus Kommune Side 2"],
      [3, "Aarhus Kommune Side 3"],
    ]);
    expect(d.segments.filter((s) => s.kind !== "footer").map((s) => s.text).join("\n")).not.toMatch(/Side \d/);
    expect(d.meta.organisation).toBe("Aarhus Kommune");
  });
});

describe("tables a source format tags", () => {
  const page = (rows: string[]) => ({ page: 1, lines: [{ text: "Arrays" }, ...rows.map((text) => ({ text, role: "table" as const }))] });
  it("are tables from two columns and two rows", () => {
    const out = segmentDeck([page(["Operation\tArrayList\tLinkedList", "get(index)\tO(1)\tO(n)"])]);
    expect(out.segments.filter((s) => s.kind === "table").map((s) => s.table)).toEqual([
      { header: ["Operation", "ArrayList", "LinkedList"], rows: [["get(index)", "O(1)", "O(n)"]] },
    ]);
  });
  it("are no table as a lone row of cells or a single column: the text is kept", () => {
    for (const rows of [["CPH\tLAX\tAMS\tCDG"], ["Første", "Anden"]]) {
      const out = segmentDeck([page(rows)]);
      expect(out.segments.filter((s) => s.kind === "table")).toEqual([]);
      const text = out.segments.map((s) => s.text).join("\n");
      for (const row of rows) for (const cell of row.split("\t")) expect(text).toContain(cell);
    }
  });
});

