// The segmentation stages one by one, on small inputs a reader can check by eye.
import { describe, expect, it } from "vitest";
import { segmentDeck } from "../corpus/segment/index.ts";
import { agendaHeading, matchSection, sectionScore } from "../corpus/segment/agenda.ts";
import { isOrganisation, looksLikeAttribution, parseAttribution } from "../corpus/segment/attribution.ts";
import { bulletMarker, continues } from "../corpus/segment/bullets.ts";
import { findDate } from "../corpus/segment/dates.ts";
import { noiseReason, pageNumberReason, trailingPageNumber } from "../corpus/segment/noise.ts";
import { stripDecorations } from "../corpus/segment/title.ts";
import { unquote } from "../corpus/segment/quotes.ts";

describe("findDate", () => {
  it.each([
    ["2. marts 2017", "2017-03-02"],
    ["”Efter NPM?”’, 2. marts 2017", "2017-03-02"],
    ["2. november 2022", "2022-11-02"],
    ["Aarhus, 14. okt. 2019", "2019-10-14"],
    ["March 3, 2021", "2021-03-03"],
    ["3rd of March 2021", "2021-03-03"],
    ["2021-03-03", "2021-03-03"],
    ["02.03.2017", "2017-03-02"],
    ["maj 2022", "2022-05"],
  ])("reads %s as %s", (text, iso) => {
    expect(findDate(text)?.iso).toBe(iso);
  });

  it("finds no date in text without one, nor an impossible day", () => {
    expect(findDate("Implementering i effektperspektiv")).toBeUndefined();
    expect(findDate("4.Teknologispring")).toBeUndefined();
    expect(findDate("30.02.2020")).toBeUndefined();
  });
});

describe("noiseReason", () => {
  it.each(["> i .", "9 |", "ez} L_, L", "AARHUS J2.8", "oyl ’ \"l A &y", "~~ ,; Ii", "|| 1l |", "x7# q@ .."])("drops %j", (line) => {
    expect(noiseReason(line)).toBeDefined();
  });

  it.each([
    "Agenda s fiol",
    "———fnQdsactningsfyldt” koalition =", // a damaged title is damaged text, not debris
    "Ingen “rigtig” l@asning",
    "2012-15",
    "87 %",
    "March 3, 2021",
    "Gentænk hierarkiet | eksperimenterne!",
    "Q3 2024: 12 mio. kr.",
    "OK",
    "Læs mere: https://www.vive.dk/da/udgivelser/2022",
    "niels.hojberg@aarhus.dk",
    // a signed number, even of one digit: a plot's axis label in typeset mathematics' minus sign (U+2212)
    "−1",
    "− 4",
    "+3",
    "-2",
  ])("keeps %j", (line) => {
    expect(noiseReason(line)).toBeUndefined();
  });

  it("keeps a signed number of one digit, not a lone digit or sign", () => {
    expect(noiseReason("1")).toBe("no letters");
    expect(noiseReason("−")).toBe("no letters");
    expect(noiseReason("−1", {}, { ocr: false })).toBeUndefined();
    // a page number between dashes is decoration, not a signed number
    expect(["- 5 -", "– 7 –", "-3-"].map((t) => noiseReason(t, {}, { ocr: false }))).toEqual(Array(3).fill("no letters"));
  });

  it("drops a slide's own number standing alone, not other numbers", () => {
    expect(["7", "Side 7", "7 / 20", "Slide 7 of 20", "7 af 20"].map((t) => pageNumberReason(t, 7))).toEqual(Array(5).fill("slide number"));
    expect(pageNumberReason("8", 7)).toBeUndefined();
    expect(pageNumberReason("7 mio. kr.", 7)).toBeUndefined();
  });

  it("uses a lexicon when one is given, for lines of short words", () => {
    const words = new Set(["ja", "nej"]);
    expect(noiseReason("oyl Ae", { isWord: (w) => words.has(w.toLowerCase()) })).toBe("no known words");
    expect(noiseReason("Ja nej", { isWord: (w) => words.has(w.toLowerCase()) })).toBeUndefined();
  });
});

describe("stripDecorations", () => {
  it.each([
    ["S ——effektperspektiv", "effektperspektiv"],
    ["— fagprofessionelle =", "fagprofessionelle"],
    [", \"Talk Treasury” (OMMUNE g@,", "\"Talk Treasury”"],
    ["——— Resultater 2023 |", "Resultater 2023"],
    ["Hvad nu?", "Hvad nu?"],
  ])("%j → %j", (raw, clean) => {
    expect(stripDecorations(raw)).toBe(clean);
  });
});

describe("bullets", () => {
  it("reads markers, numbered items and the « OCR makes of a round bullet", () => {
    expect(["* a b", "- a b", "– a b", "• a b", "▪ a b", "◦ a b", "» a b", "« a b"].map((t) => bulletMarker(t)?.text)).toEqual(Array(8).fill("a b"));
    expect(bulletMarker("4.Teknologispring")).toEqual({ marker: "4.", text: "Teknologispring", number: 4 });
    expect(bulletMarker("b) Andet punkt")?.number).toBe(2);
    expect(bulletMarker("»Citat«")).toBeUndefined();
    expect(bulletMarker("2. marts 2017")).toBeUndefined();
    expect(bulletMarker("-5 grader")).toBeUndefined();
    expect(bulletMarker("\uF0B7 Symbol-font bullet")?.text).toBe("Symbol-font bullet");
    expect(bulletMarker("\uF0A7Wingdings bullet")?.text).toBe("Wingdings bullet");
    expect(bulletMarker("o second level")?.text).toBe("second level");
    expect(bulletMarker("og så videre")).toBeUndefined();
  });

  it("tells a wrapped line from a new one", () => {
    expect(continues("1. Ledelse i virkeligheden: \"De fire", "vindretninger”")).toBe(true);
    expect(continues("Samskabelse med borgere, civilsamfund", "og erhvervsvirksomheder")).toBe(true);
    expect(continues("Designing with", "Data")).toBe(true);
    expect(continues("Arbejd med nye forretningsplaner", "Lav innovations labs")).toBe(false);
    expect(continues("Implementering i effektperspektiv", "4.Teknologispring")).toBe(false);
  });
});

describe("attribution", () => {
  it.each([
    ["Næstformand i FMU, Trine Quist", { speaker: "Trine Quist", role: "Næstformand", organisation: "FMU" }],
    ["Stadsdirektør Niels Højberg", { speaker: "Niels Højberg", role: "Stadsdirektør" }],
    ["Afdelingsleder for 30 medarbejdere", { role: "Afdelingsleder for 30 medarbejdere" }],
    ["— Jane Smith, Head of Research at Acme Ltd", { speaker: "Jane Smith", role: "Head of Research", organisation: "Acme Ltd" }],
    ["Anne-Marie van der Berg, CEO", { speaker: "Anne-Marie van der Berg", role: "CEO" }],
    ["Oplæg ved Peter Holm, klimachef, Vejle Kommune", { speaker: "Peter Holm", role: "klimachef", organisation: "Vejle Kommune" }],
    ["Stadsdirektar Niels Hgjberg", { speaker: "Niels Hgjberg", role: "Stadsdirektar" }], // OCR-damaged role ending
    ["Jane Doe (CEO, Acme Inc)", { speaker: "Jane Doe", role: "CEO", organisation: "Acme Inc" }],
    // Name, Organisation: an organisation's own name is not cut at its `of`
    ["— Hanne Vestergaard, University of Southampton", { speaker: "Hanne Vestergaard", organisation: "University of Southampton" }],
    ["Ole Dam, Ministry of Finance", { speaker: "Ole Dam", organisation: "Ministry of Finance" }],
    // Name, Role, Organisation: `of` before a field stays in the role; a form of address is neither name nor role
    ["Dr. Maria Olsen, Professor of Comparative Politics, University of York", { speaker: "Maria Olsen", role: "Professor of Comparative Politics", organisation: "University of York" }],
    ["Prof. Jens Lund, lektor ved Aalborg Universitet", { speaker: "Jens Lund", role: "lektor", organisation: "Aalborg Universitet" }],
    // Role, Organisation, and Name, Role
    ["Direktør, Byggeri A/S", { role: "Direktør", organisation: "Byggeri A/S" }],
    ["Kari Nordmann, daglig leder, Fjordkraft AS", { speaker: "Kari Nordmann", role: "daglig leder", organisation: "Fjordkraft AS" }],
    ["Tom Berg, Manager", { speaker: "Tom Berg", role: "Manager" }],
    ["Head of Research for Region Midtjylland", { role: "Head of Research", organisation: "Region Midtjylland" }],
    ["Formanden for Dansk Folkeoplysnings Samråd, Ole Hansen", { speaker: "Ole Hansen", role: "Formanden", organisation: "Dansk Folkeoplysnings Samråd" }],
  ])("parses %j", (line, fields) => {
    expect(parseAttribution(line)).toEqual({ text: line, ...fields });
  });

  it("does not take sentences or wrapped lines for attributions", () => {
    expect(looksLikeAttribution("som en god leder")).toBeUndefined(); // lower case: the sentence goes on
    expect(looksLikeAttribution("Vi skal være en god arbejdsplads for alle.")).toBeUndefined();
    expect(looksLikeAttribution("Faldende tillid til politikere og embedsmænd", { strict: true })).toBeUndefined();
    expect(looksLikeAttribution("Trine Quist")?.speaker).toBe("Trine Quist");
    expect(parseAttribution("Kilde: Danmarks Statistik")?.speaker).toBeUndefined();
    // an organisation word in a sentence does not make it an organisation's name
    expect(isOrganisation("Det samme vil Bank")).toBe(false);
    expect(isOrganisation("Danske Bank")).toBe(true);
    expect(isOrganisation("Københavns kommune")).toBe(true);
  });
});

describe("quotes", () => {
  it("takes the outer quotation marks off, keeping a final full stop", () => {
    expect(unquote("„Vi har fået et nyt sprog.“")).toBe("Vi har fået et nyt sprog.");
    expect(unquote("\"Jeg tror ikke på firkantede styringsmekanismer”")).toBe("Jeg tror ikke på firkantede styringsmekanismer");
    expect(unquote("»Det sværeste var at slippe«.")).toBe("Det sværeste var at slippe.");
  });
});

describe("agenda and sections", () => {
  it("reads agenda headings, dropping OCR debris after them", () => {
    expect(agendaHeading("Agenda s fiol")).toBe("Agenda");
    expect(agendaHeading("Program for dagen")).toBe("Program for dagen");
    expect(agendaHeading("Dagsorden")).toBe("Dagsorden");
    expect(agendaHeading("Table of contents")).toBe("Table of contents");
    expect(agendaHeading("Programmering i skolen")).toBeUndefined();
    expect(agendaHeading("Overview")).toBe("Overview");
    expect(agendaHeading("Overview – Prestaged Media")).toBeUndefined(); // a topic's overview
    expect(agendaHeading("Agenda – dag 1")).toBe("Agenda – dag 1");
  });

  it("matches slide titles to agenda items despite OCR damage, and not on one shared short word", () => {
    const items = [
      { index: 1, text: "Ledelse i virkeligheden: \"De fire vindretninger”" },
      { index: 3, text: "Implementering i effektperspektiv" },
      { index: 5, text: "Ny rammer om det fælles" },
    ];
    expect(matchSection("\"De fire vindretninger” communie SR", items)?.index).toBe(1);
    expect(matchSection("effektperspektiv", items)?.index).toBe(3);
    expect(matchSection("Nye rammer om det feelles Kommunem", items)?.index).toBe(5);
    expect(matchSection("Implementerimg i effektperspektlv", items)?.index).toBe(3);
    expect(matchSection("Ledelse", items)).toBeUndefined();
    expect(matchSection("Fra rettighed til deltagelse", items)).toBeUndefined();
    expect(sectionScore("effektperspektiv", "Implementering i effektperspektiv")).toBe(1);
  });
});

describe("organisations on the title slide", () => {
  it("are names, not a lower-case line that carries on a sentence", () => {
    expect(isOrganisation("Aarhus Kommune")).toBe(true);
    expect(isOrganisation("VIVE")).toBe(true);
    expect(isOrganisation("gælder skole, ældrepleje")).toBe(false);
  });

  it("keep a wrapped sentence of the title slide in one paragraph (fixtures/pdf/two-columns.pdf)", () => {
    const lines = ["To spor i reformen", "Borgerne møder én indgang", "til kommunen, uanset om det", "gælder skole, ældrepleje", "eller beskæftigelse."];
    const { segments, meta } = segmentDeck([{ page: 1, lines: lines.map((text) => ({ text })) }]);
    // the line under the title is not a subtitle when the next line goes on from it
    expect(segments.map((s) => [s.kind, s.text])).toEqual([
      ["title", "To spor i reformen"],
      ["paragraph", "Borgerne møder én indgang til kommunen, uanset om det gælder skole, ældrepleje eller beskæftigelse."],
    ]);
    expect(meta.subtitle).toBeUndefined();
  });
});

describe("page counts (one pattern for noise, frames and attributions)", () => {
  it("reads a line's trailing slide number with its count, in Danish and English", () => {
    expect(trailingPageNumber("Christian Pedersen, Aarhus University 7|22")?.number).toBe(7);
    expect(trailingPageNumber("Side 3 af 12")?.number).toBe(3);
    expect(trailingPageNumber("Slide 4 of 9")?.number).toBe(4);
    expect(trailingPageNumber("3/12")?.number).toBe(3);
    expect(trailingPageNumber("Introduktion 2")).toBeUndefined();
    expect(trailingPageNumber("Introduktion 2", { count: false })).toEqual({ index: 12, number: 2 });
    expect(trailingPageNumber("Budget 2024/2025")).toBeUndefined();
  });

  it("drops a number or count standing alone only where it is the slide's", () => {
    expect(pageNumberReason("Side 3 af 12", 3)).toBe("slide number");
    expect(pageNumberReason("3 / 12", 4)).toBeUndefined();
    expect(looksLikeAttribution("— Karen Holm, Aarhus Kommune 3/12")).toBeUndefined();
    expect(looksLikeAttribution("— Karen Holm, Aarhus Kommune")?.speaker).toBe("Karen Holm");
  });
});

describe("a numbered list", () => {
  it("keeps each item's number in the record (`ordinal`), its marker off the text", async () => {
    const { processDocument } = await import("../pipeline/process.ts");
    const text = ["Observationer", "", "1. Siderne har ikke samme udseende", "2. Vi kan aflæse koderne direkte", "3. Der er tusind kasser på siden", "", "a) Først kodeordet", "b) Dernæst adressen"].join("\n");
    const result = await processDocument(new TextEncoder().encode(text), "liste.txt");
    if (!result.ok) throw new Error(result.error.message);
    const bullets = result.records.filter((r) => r.kind === "bullet").map((r) => [r.text, r.ordinal]);
    expect(bullets).toEqual([
      ["Siderne har ikke samme udseende", 1],
      ["Vi kan aflæse koderne direkte", 2],
      ["Der er tusind kasser på siden", 3],
      ["Først kodeordet", 1],
      ["Dernæst adressen", 2],
    ]);
    // a bullet without a number has none
    const plain = await processDocument(new TextEncoder().encode("Observationer\n\n• Siderne ligner hinanden\n• Koderne kan læses"), "punkter.txt");
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.records.filter((r) => r.kind === "bullet").map((r) => r.ordinal)).toEqual([undefined, undefined]);
  });
});
