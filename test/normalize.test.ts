// Unicode clean-up, mojibake repair, the line-count contract, change offsets, and joinLines' de-hyphenation.
import { describe, expect, it } from "vitest";
import { joinLines, normalizeExtractedDeck, normalizePages, normalizeText } from "../normalizers/index.ts";
import type { Page } from "../model/document.ts";

const rules = (text: string) => normalizeText(text).changes.map((c) => c.rule);

describe("Unicode clean-up", () => {
  it("composes decomposed letters (NFC)", () => {
    const decomposed = "Fokuse\u0301r pa\u030A det.";
    const out = normalizeText(decomposed, { repair: false });
    expect(out.text).toBe("Fokusér på det.");
    expect(out.changes.map((c) => [c.from, c.to, c.offset])).toEqual([["e\u0301", "é", 5], ["a\u030A", "å", 10]]);
  });

  it("spells out ligatures", () => {
    expect(normalizeText("ﬁnansiering og ﬂere oﬀentlige", { repair: false }).text).toBe("finansiering og flere offentlige");
  });

  it("removes soft hyphens and zero-width characters", () => {
    expect(normalizeText("organisa\u00ADtionen\u200B er ny", { repair: false }).text).toBe("organisationen er ny");
  });

  it("makes odd spaces plain spaces and keeps tabs", () => {
    expect(normalizeText("2.\u00A0marts\u2009–\u202Fkl.\t10", { repair: false }).text).toBe("2. marts – kl.\t10");
  });

  it("makes every quote mark a straight quote", () => {
    expect(normalizeText("”Efter NPM?”’ og „Kommune Forfra“ og «frihed» og ‘ja’", { repair: false }).text)
      .toBe(`"Efter NPM?"' og "Kommune Forfra" og "frihed" og 'ja'`);
  });

  it("keeps « or » that stands as a bullet at the start of a line (seed 000's OCR'd round bullets)", () => {
    expect(normalizeText("« Samskabelse med borgere\n  » næste punkt\n«citat» og » svar", { repair: false }).text)
      .toBe(`« Samskabelse med borgere\n  » næste punkt\n"citat" og " svar`);
  });
});

describe("mojibake", () => {
  it("decodes UTF-8 that was read as Windows-1252", () => {
    const out = normalizeText("fÃ¦lles vÃ¦rdier, Ã¸konomi og Ã¥bent â€“ ogsÃ¥ Ã˜resund og Ã…rhus â€œsagdeâ€\u009D", { repair: false });
    expect(out.text).toBe(`fælles værdier, økonomi og åbent – også Øresund og Århus "sagde"`);
    expect(out.changes[0]).toMatchObject({ from: "Ã¦", to: "æ", offset: 1, rule: "unicode.mojibake" });
  });

  it("reports a quote repaired from mojibake as one change at the input's offset", () => {
    const out = normalizeText("Han sagde â€œjaâ€\u009D.", { repair: false });
    expect(out.changes.map((c) => [c.from, c.to, c.offset, c.rule])).toEqual([
      ["â€œ", '"', 10, "unicode.mojibake+unicode.quote"],
      ["â€\u009D", '"', 15, "unicode.mojibake+unicode.quote"],
    ]);
  });

  it("leaves real Latin-1 text alone", () => {
    expect(normalizeText("Â bon marché, 2 × 3 ½ år", { repair: false }).changes).toEqual([]);
  });
});

describe("the contract", () => {
  it("keeps every line break and form feed, and the line count of every page", () => {
    const pages = ["Ny kommunal styring:\n\nselv ggre bedre?\u2028\n", "fÃ¦lles\u00A0vaerdier\n\n\n"];
    const out = normalizePages(pages);
    out.forEach((p, i) => expect(p.text.split("\n").length).toBe(pages[i]!.split("\n").length));
    const text = normalizeText(pages.join("\f")).text;
    expect(text.split("\f").length).toBe(2);
  });

  it("points every change's offset at its `from` in the input, across stages", () => {
    const input = "Det feelles\u00AD mål er ﬁnt, Ã¸konomi og ogsa pa vej – ”ja”.";
    const out = normalizeText(input);
    expect(out.changes.length).toBeGreaterThan(4);
    for (const c of out.changes) expect(input.slice(c.offset, c.offset + c.from.length)).toBe(c.from);
    // applying the changes to the input gives the output
    let rebuilt = "", pos = 0;
    for (const c of out.changes) {
      rebuilt += input.slice(pos, c.offset) + c.to;
      pos = c.offset + c.from.length;
    }
    expect(rebuilt + input.slice(pos)).toBe(out.text);
  });

  it("with repair off, only cleans Unicode", () => {
    expect(rules("Vi skal ggre det pa en ny made.")).toContain("danish.lexicon");
    expect(normalizeText("Vi skal ggre det pa en ny made.", { repair: false }).changes).toEqual([]);
  });
});

describe("joinLines", () => {
  it("joins wrapped lines with a space", () => {
    expect(joinLines(["  Politisk kamp i en", "forhandlet koalition "])).toBe("Politisk kamp i en forhandlet koalition");
  });

  it("de-hyphenates a word split across lines when the joined word is a word", () => {
    expect(joinLines(["Vi styrker organisa-", "tionen og velfærds-", "udviklingen"])).toBe("Vi styrker organisationen og velfærdsudviklingen");
  });

  it("keeps the hyphen when the joined word is not a word", () => {
    expect(joinLines(["Leder- og medarbejder-", "og borgerroller"])).toBe("Leder- og medarbejder- og borgerroller");
    expect(joinLines(["Frikommune-", "Netværket"])).toBe("Frikommune- Netværket");
  });
});

describe("the æ/ø/å repair on other Scandinavian languages", () => {
  it("leaves a Norwegian deck as it is (verdier, statistikk, lage are Norwegian words)", () => {
    const pages = [
      "Kontroll av verdier i datasettet\nVi skal lage statistikk etter at dataene er samlet",
      "Hva er en feil?\nEkstremverdier blir ofte funnet gjennom kontrollene mellom kildene",
    ];
    const out = normalizePages(pages);
    expect(out.map((p) => p.text)).toEqual(pages);
    expect(out.flatMap((p) => p.changes)).toEqual([]);
  });

  const deck = (pages: string[]) =>
    pages.map((text, i) => ({ page: i + 1, lines: text.split("\n").map((t) => ({ text: t })) })) as unknown as Page[];

  it("leaves a short Norwegian deck with too few function words to tell alone (neste, felles: it reads as Norwegian once repaired)", () => {
    const pages = ["Tjenester på nett", "Neste fase\n• Flere skjemaer innen neste år\n• Felles pålogging for alle tjenestene"];
    const { normalized, lang } = normalizeExtractedDeck(deck(pages));
    expect(lang).toBe("no");
    expect(normalized.map((p) => p.text)).toEqual(pages);
    expect(normalized.flatMap((p) => p.changes)).toEqual([]);
  });

  it("still repairs a short Danish deck that lost its letters (it reads as Danish once repaired)", () => {
    const { normalized, lang } = normalizeExtractedDeck(deck(["Planen for naeste periode", "Feelles tjenester for borgerne\nBedre overblik over ansegningerne"]));
    expect(lang).toBe("da");
    expect(normalized.flatMap((p) => p.changes).map((c) => c.to)).toEqual(expect.arrayContaining(["næste", "Fælles"]));
  });

  it("still repairs Danish damaged by English OCR", () => {
    const out = normalizePages(["Vi skal vaere med pa at lose opgaven efter modet af hensyn til borgerne"]);
    expect(out[0]!.changes.length).toBeGreaterThan(0);
  });
});
