// Segmentation of the two user seeds. Seed 000 is damaged Danish OCR: the Danish repair runs before
// segmentation, so most tests read it with its damaged words corrected by hand (the map below, checkable
// by eye against the fixture); one test reads it raw, as it is when the repair is off.
import { readFileSync } from "node:fs";
import { normalizeText } from "../normalizers/index.ts";
import { describe, expect, it } from "vitest";
import { segmentDeck, type SegmentPage } from "../corpus/segment/index.ts";
import { splitSlides } from "../extractors/text/split-slides.ts";
import { processDocument } from "../pipeline/process.ts";
import { seed000, seed003 } from "./helpers.ts";

/** Damaged word of seed 000 → the word the Danish repair should give. */
const REPAIRED: Record<string, string> = {
  ggre: "gøre", Hojberg: "Højberg", Stadsdirekter: "Stadsdirektør", Stadsdirektar: "Stadsdirektør", Hgjberg: "Højberg",
  feelles: "fælles", Naestformand: "Næstformand", hjaelper: "hjælper", oversaettelsen: "oversættelsen", pa: "på",
  sta: "stå", folge: "følge", velfaerdsudviklingen: "velfærdsudviklingen", nar: "når", afprgve: "afprøve", mader: "måder",
  mal: "mål", pejlemaerker: "pejlemærker", sasom: "såsom", Fortaellingen: "Fortællingen", vaere: "være",
  modsaetningsfyldt: "modsætningsfyldt", vaerdier: "værdier", gar: "gør", italesaettelse: "italesættelse",
  forstaelsesramme: "forståelsesramme",
};

function repair(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => REPAIRED[w] ?? w);
}

function pagesOf(text: string): SegmentPage[] {
  return splitSlides(text).map((s, i) => ({ page: i + 1, lines: s.split("\n").map((t) => ({ text: t })) }));
}

const raw000 = readFileSync(seed000, "utf8");
const deck000 = segmentDeck(pagesOf(repair(raw000)));
const deck003 = segmentDeck(pagesOf(readFileSync(seed003, "utf8")));

const NOISE_000 = ["> i .", "9 |", "oyl ’ \"l A &y", "< AT ..", "ez} L_, L", "i . - i A", "4 \\\\q\\,\\' >, S i", "AARHUS J2.8"];

describe("segmentDeck on seed 000 (repaired)", () => {
  it("reads the deck metadata from the title slide", () => {
    expect(deck000.meta).toEqual({
      title: "Ny kommunal styring: Hvordan styrer vi, og hvad kan vi selv gøre bedre?",
      author: "Niels Højberg",
      role: "Stadsdirektør",
      organisation: "Aarhus Kommune",
      event: "Efter NPM?",
      date: "2017-03-02",
    });
    expect(deck000.segments.find((s) => s.slide === 1 && s.kind === "title")?.lines).toEqual([0, 2]);
  });

  it("finds every agenda item, joining the item that wraps and reading `4.Teknologispring` as item 4", () => {
    const items = deck000.segments.filter((s) => s.kind === "agenda_item");
    expect(items.map((s) => [s.agendaIndex, s.text])).toEqual([
      [1, "Ledelse i virkeligheden: \"De fire vindretninger”"],
      [2, "Tillidsrelationer i opbrud"],
      [3, "Implementering i effektperspektiv"],
      [4, "Teknologispring"],
      [5, "Ny rammer om det fælles"],
    ]);
    expect(items.every((s) => s.slide === 2)).toBe(true);
    expect(items[0]!.lines).toEqual([2, 3]);
    expect(deck000.segments.find((s) => s.slide === 2 && s.kind === "title")?.text).toBe("Agenda");
  });

  it("puts later slides in the section whose agenda item their title matches, despite OCR damage", () => {
    const sectionOf = (slide: number) => deck000.segments.find((s) => s.slide === slide)?.section?.index;
    expect([1, 2].map(sectionOf)).toEqual([undefined, undefined]);
    expect(sectionOf(3)).toBe(1); // "De fire vindretninger” communie SR
    expect(sectionOf(12)).toBe(3); // S ——effektperspektiv
    expect(sectionOf(14)).toBe(5); // Nye rammer om det fælles Kommunem
    expect(sectionOf(15)).toBe(5); // the slide after stays in the section
    expect(deck000.segments.find((s) => s.slide === 12)?.section?.title).toBe("Implementering i effektperspektiv");
  });

  it("gives each quote as one record with its attribution parsed", () => {
    const quotes = deck000.segments.filter((s) => s.kind === "quote");
    expect(quotes).toHaveLength(3);
    const [q1, q2, q3] = quotes;
    expect(q1!.text).toMatch(/^Jeg tror, at vi med leder- og medarbejderrollerne har fat i den lange ende, fordi de hjælper/);
    expect(q1!.text).toMatch(/som giver mening i deres daglige arbejde$/);
    expect(q1!.attribution).toEqual({ text: "Næstformand i FMU, Trine Quist", speaker: "Trine Quist", role: "Næstformand", organisation: "FMU" });
    expect([q1!.slide, ...q1!.lines]).toEqual([9, 0, 11]);

    expect(q2!.text).toBe(
      "De almene kompetencer er kommet på dagsorden. De faglige kompetencer hos medarbejdere og ledere kan ikke stå alene, hvis vi som organisation skal følge velfærdsudviklingen i samfundet",
    );
    expect(q2!.attribution).toEqual({ text: "Afdelingsleder for 30 medarbejdere", role: "Afdelingsleder for 30 medarbejdere" });

    expect(q3!.text).toMatch(/^Jeg tror ikke på firkantede styringsmekanismer, når opgaven er forandring/);
    expect(q3!.text).toMatch(/og de nye leder- og medarbejderroller er vi godt på vej$/);
    expect(q3!.attribution).toEqual({ text: "Stadsdirektør Niels Højberg", speaker: "Niels Højberg", role: "Stadsdirektør" });
  });

  it("keeps a quoted bullet or a quoted phrase out of the quotes", () => {
    expect(deck000.segments.find((s) => s.text === "\"Talk Treasury”" && s.slide === 4)?.kind).toBe("bullet");
    expect(deck000.segments.find((s) => s.text === "\"Kommune Forfra”")?.kind).toBe("paragraph");
  });

  it("reads `*` and the `«` OCR made of a bullet as bullets, joining their wrapped lines", () => {
    expect(deck000.segments.filter((s) => s.slide === 4).map((s) => [s.kind, s.text, s.lines])).toEqual([
      ["bullet", "Politisk kamp i en \"forhandlet” modsætningsfyldt koalition", [0, 1]],
      ["bullet", "\"Talk Treasury”", [3, 3]],
      ["bullet", "Forandringsledelse af fagprofessionelle", [4, 4]],
      ["bullet", "Samskabelse med borgere, civilsamfund og erhvervsvirksomheder", [6, 7]],
    ]);
  });

  it("strips what OCR made of decorations around titles", () => {
    const title = (slide: number) => deck000.segments.find((s) => s.slide === slide && s.kind === "title")?.text;
    expect(title(12)).toBe("effektperspektiv"); // S ——effektperspektiv
    expect(title(7)).toBe("fagprofessionelle"); // — fagprofessionelle =
    expect(title(6)).toBe("\"Talk Treasury”"); // , "Talk Treasury” (OMMUNE g@,
  });

  it("drops the noise lines, with a reason, and no record carries them", () => {
    expect(deck000.dropped.map((d) => d.text)).toEqual(NOISE_000);
    expect(deck000.dropped.every((d) => d.reason.length > 0)).toBe(true);
    for (const s of deck000.segments) for (const n of [...NOISE_000, "g@,", "(OMMUNE"]) expect(s.text).not.toContain(n);
  });
});

describe("segmentDeck on seed 000 as extracted (no repair)", () => {
  const deck = segmentDeck(pagesOf(raw000));
  it("still drops the noise, finds the agenda and the quotes, and reads the date and event", () => {
    expect(deck.dropped.map((d) => d.text)).toEqual(NOISE_000);
    expect(deck.segments.filter((s) => s.kind === "agenda_item").map((s) => s.agendaIndex)).toEqual([1, 2, 3, 4, 5]);
    expect(deck.segments.find((s) => s.agendaIndex === 4)?.text).toBe("Teknologispring");
    const quotes = deck.segments.filter((s) => s.kind === "quote");
    expect(quotes.map((q) => q.attribution?.speaker)).toEqual(["Trine Quist", undefined, "Niels Hgjberg"]);
    expect(deck.meta).toMatchObject({ author: "Niels Hojberg", organisation: "Aarhus Kommune", event: "Efter NPM?", date: "2017-03-02" });
  });
});

describe("segmentDeck on seed 003", () => {
  it("reads the deck metadata, taking the organisation's spelling the deck uses most", () => {
    expect(deck003.meta).toEqual({
      title: "Ledelse i en frisat kommune - Perspektiver og erfaringer",
      author: "Ulf Hjelm",
      role: "professor mso",
      organisation: "VIVE", // `VIVÉ` on the cover, `VIVE` twice later
      date: "2022-11-02",
    });
  });

  it("reads the tab-separated table with its empty first header cell", () => {
    const tables = deck003.segments.filter((s) => s.kind === "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.slide).toBe(4);
    expect(tables[0]!.lines).toEqual([4, 7]);
    expect(tables[0]!.table).toEqual({
      header: ["", "År", "Antal forsøg", "Antal kommuner", "Formål"],
      rows: [
        ["Frikommuneforsøg I", "2012-15", "86", "9", "Mindske unødigt bureaukrati og skabe større tillid og fagligt ansvar"],
        ["Frikommuneforsøg II", "2016-20", "79", "44", "Skabe effektiviseringer, forenklinger og bedre styring i kommunerne"],
        ["Frikommuneforsøg III", "2021-24", "7", "7", "Mindske unødigt bureaukrati og skabe lokalt råderum for borgernære løsninger"],
      ],
    });
  });

  it("reads `- ` bullets, headings over lists, titles that wrap, and drops nothing from a clean deck", () => {
    expect(deck003.segments.filter((s) => s.slide === 2).map((s) => [s.kind, s.text])).toEqual([
      ["title", "Intro"],
      ["bullet", "VIVE evaluerer frikommunerne (velfærdsaftalerne)"],
      ["bullet", "Forskning og evalueringserfaringer"],
      ["bullet", "To fortællinger"],
      ["paragraph", "Forskning i ledelse"],
    ]);
    expect(deck003.segments.find((s) => s.slide === 12 && s.text === "Åbne op")?.kind).toBe("heading");
    expect(deck003.segments.find((s) => s.slide === 11 && s.kind === "title")?.text).toBe("Risiko for overstyrende ledelse");
    // a heading set apart from its bullets by blank lines is their slide's title
    expect(deck003.segments.filter((s) => s.slide === 5).map((s) => [s.kind, s.text])).toEqual([
      ["title", "Frisættende ledelse"],
      ["bullet", "Medarbejdere del af ledelsesprocessen"],
      ["bullet", "Leder som proces facilitator"],
      ["bullet", "Faglighed som grundlag for strategi"],
    ]);
    expect(deck003.segments.find((s) => s.slide === 4 && s.kind === "title")?.text).toBe("Lidt om frikommunerne");
    expect(deck003.dropped).toEqual([]);
    expect(deck003.segments.filter((s) => s.kind === "quote" || s.kind === "agenda_item")).toEqual([]);
  });
});

describe("processDocument with segmentation", () => {
  it("labels every record of the Danish seeds Danish (franc alone reads some sentences as Norwegian)", async () => {
    for (const [file, name] of [[seed000, "000.txt"], [seed003, "003.txt"]] as const) {
      const result = await processDocument(readFileSync(file), name);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.deck.lang).toBe("da");
      expect(new Set(result.records.map((r) => r.lang))).toEqual(new Set(["da"]));
      expect(result.records.find((r) => r.text === "Faglige kompetencer skal respekteres og bruges")?.lang).toBe(name === "000.txt" ? "da" : undefined);
    }
  });

  it("keeps `original` where segmentation took a marker off, and lists the dropped lines on the deck", async () => {
    const result = await processDocument(readFileSync(seed000), "000.txt");
    if (!result.ok) throw new Error(result.error.message);
    const bullet = result.records.find((r) => r.slide === 4 && r.kind === "bullet")!;
    expect(bullet.original).toBe("* Politisk kamp i en \"forhandlet”\nmodsaetningsfyldt koalition");
    const wrapped = result.records.find((r) => r.slide === 5 && r.text.startsWith("Ofte"))!;
    expect(wrapped.original).toBeUndefined(); // only the line break changed
    // the dropped lines are the normalized ones (the Unicode clean-up straightens ’)
    expect(result.deck.dropped?.map((d) => d.text)).toEqual(NOISE_000.map((l) => normalizeText(l).text));
    expect(result.deck).toMatchObject({ date: "2017-03-02", event: "Efter NPM?" });
  });
});
