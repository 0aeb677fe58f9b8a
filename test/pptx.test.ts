// PPTX decks read natively: fixtures/pptx/ is written by fixtures/make-pptx.mjs (pptxgenjs); the hostile
// containers are built here from their recipe.
import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readPptx } from "../extractors/pptx/index.ts";
import { placeholderLayer, slideContent } from "../extractors/pptx/slide.ts";
import { parseXml, path, root } from "../extractors/archive/xml.ts";
import { openZip, DEFAULT_ZIP_LIMITS } from "../extractors/archive/zip.ts";
import { processDocument } from "../pipeline/process.ts";
import type { DocumentResult } from "../model/store.ts";
import { fixture } from "./helpers.ts";

const municipal = readFileSync(fixture("pptx", "municipal.pptx"));

describe("PPTX extraction", () => {
  const doc = readPptx(municipal);
  const roles = (page: number, role: string) => doc.pages[page - 1]!.lines.filter((l) => l.role === role).map((l) => l.text);

  it("reads every slide in order, flags the hidden one, and keeps a picture-only slide", () => {
    expect(doc.pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.pages.map((p) => !!p.hidden)).toEqual([false, false, false, false, true, false]);
    expect(doc.pages[5]!.lines).toEqual([]);
  });

  it("gives the title placeholder's text the title role, first on the slide", () => {
    expect(doc.pages.map((p) => p.lines.find((l) => l.role === "title")?.text)).toEqual([
      "Kommunal digitalisering", "Fælles løsninger på tværs", "Tidsplan", "Næste skridt", "Reserveslide", undefined,
    ]);
    expect(doc.pages[1]!.lines[0]!.role).toBe("title");
  });

  it("keeps bullet levels, numbering and a soft line break inside its paragraph", () => {
    const body = doc.pages[1]!.lines.filter((l) => l.role === "body");
    expect(body.map((l) => [l.text, l.level])).toEqual([
      ["• Økonomi og styring", 0],
      ["• Budgetter for hele året", 1],
      ["• Både borgere og medarbejdere skal høres", 0],
      ["• Første linje fortsat efter et blødt linjeskift", 0],
    ]);
    expect(roles(4, "body").slice(0, 3)).toEqual(["1. Godkendelse i byrådet", "2. Indkøb af platform", "3. Uddannelse af medarbejdere"]);
  });

  it("reads a table cell by cell with its merged cells resolved", () => {
    expect(roles(3, "table").map((r) => r.split("\t"))).toEqual([
      ["Fase", "Start", "Slut"],
      ["Analyse", "Januar", "Marts"],
      ["Analyse", "April", "Maj"],
      ["Udrulning i alle forvaltninger", "Udrulning i alle forvaltninger", "Udrulning i alle forvaltninger"],
    ]);
  });

  it("reads speaker notes as notes, and a picture's alt text", () => {
    expect(roles(1, "notes")).toEqual(["Velkommen til alle. Præsentationen varer tyve minutter."]);
    expect(roles(2, "notes").join(" ")).toBe("Husk at nævne budgetaftalen. Spørg salen om erfaringer med fælles løsninger.");
    expect(roles(4, "picture")).toEqual(["Kort over de fire forvaltninger"]);
  });

  it("states the document properties, and no template defaults", () => {
    expect(doc.stated).toMatchObject({ title: "Kommunal digitalisering 2025", author: "Mette Frederiksen Sørensen", organisation: "Aarhus Kommune" });
    expect(doc.stated?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const defaults = readPptx(readFileSync(fixture("pptx", "template-defaults.pptx")));
    expect(defaults.stated?.title).toBeUndefined();
    expect(defaults.stated?.author).toBeUndefined();
    expect(defaults.stated?.organisation).toBeUndefined();
  });

  it("takes a placeholder's type from its layout when the slide gives only its idx", () => {
    const ns = 'xmlns:p="p" xmlns:a="a"';
    const layout = placeholderLayer(parseXml(`<p:sldLayout ${ns}><p:cSld><p:spTree>
      <p:sp><p:nvSpPr><p:nvPr><p:ph type="subTitle" idx="1"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="127000" y="2540000"/><a:ext cx="1" cy="1"/></a:xfrm></p:spPr></p:sp>
      <p:sp><p:nvSpPr><p:nvPr><p:ph type="ftr" idx="11"/></p:nvPr></p:nvSpPr></p:sp>
    </p:spTree></p:cSld></p:sldLayout>`));
    const slide = parseXml(`<p:sld ${ns}><p:cSld><p:spTree>
      <p:sp><p:nvSpPr><p:nvPr><p:ph idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:p><a:r><a:t>Anna Holm</a:t></a:r><a:br/><a:r><a:t>Forsker</a:t></a:r></a:p></p:txBody></p:sp>
      <p:sp><p:nvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:p><a:r><a:t>Om projektet</a:t></a:r></a:p></p:txBody></p:sp>
      <p:sp><p:nvSpPr><p:nvPr><p:ph idx="11"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:r><a:t>Fortroligt</a:t></a:r></a:p></p:txBody></p:sp>
    </p:spTree></p:cSld></p:sld>`);
    const { lines } = slideContent(path(root(slide), "p:cSld", "p:spTree"), layout, placeholderLayer(undefined), () => undefined);
    const filled = lines.filter((l) => l.text);
    expect(filled.map((l) => [l.role, l.text])).toEqual([["title", "Om projektet"], ["subtitle", "Anna Holm Forsker"], ["footer", "Fortroligt"]]);
    // the position comes from the layout too: EMU to points
    expect(filled[1]).toMatchObject({ x: 10, y: 200 });
  });
});

describe("PPTX through the pipeline", async () => {
  const result = (await processDocument(municipal, "municipal.pptx")) as DocumentResult;
  const kinds = (slide: number) => result.records.filter((r) => r.slide === slide).map((r) => [r.kind, r.text]);

  it("makes title records of title placeholders and note records of the notes, apart from the slide's text", () => {
    expect(result.ok).toBe(true);
    expect(kinds(1)).toEqual([
      ["title", "Kommunal digitalisering"],
      // the first slide's line under its title is the deck's subtitle
      ["subtitle", "Status og næste skridt for 2025"],
      ["note", "Velkommen til alle. Præsentationen varer tyve minutter."],
    ]);
  });

  it("makes bullets with the source's levels, and a table record with every cell", () => {
    const bullets = result.records.filter((r) => r.slide === 2 && r.kind === "bullet");
    expect(bullets.map((b) => [b.text, b.level])).toEqual([
      ["Økonomi og styring", 0],
      ["Budgetter for hele året", 1],
      ["Både borgere og medarbejdere skal høres", 0],
      ["Første linje fortsat efter et blødt linjeskift", 0],
    ]);
    const table = result.records.find((r) => r.kind === "table")!;
    expect(table.slide).toBe(3);
    expect(table.table).toEqual({
      header: ["Fase", "Start", "Slut"],
      rows: [["Analyse", "Januar", "Marts"], ["Analyse", "April", "Maj"], ["Udrulning i alle forvaltninger", "Udrulning i alle forvaltninger", "Udrulning i alle forvaltninger"]],
    });
  });

  it("fills the deck from the document properties and flags the hidden slide", () => {
    expect(result.deck).toMatchObject({ format: "pptx", slideCount: 6, title: "Kommunal digitalisering 2025", author: "Mette Frederiksen Sørensen", organisation: "Aarhus Kommune" });
    expect(result.deck.slides.filter((s) => s.hidden).map((s) => s.slide)).toEqual([5]);
  });

  it("falls back on the first slide for a deck whose properties are template defaults", async () => {
    const r = (await processDocument(readFileSync(fixture("pptx", "template-defaults.pptx")), "defaults.pptx")) as DocumentResult;
    expect(r.deck.title).toBe("Quarterly review");
    expect(r.deck.author).toBeUndefined();
  });
});

describe("hostile and unreadable presentation files", () => {
  const minimal = (presentation: string) =>
    zipSync({ "ppt/presentation.xml": strToU8(presentation), "ppt/_rels/presentation.xml.rels": strToU8("<Relationships/>") });
  const fail = async (bytes: Uint8Array, name: string) => {
    const r = await processDocument(bytes, name);
    if (r.ok) throw new Error(`${name} was read`);
    return r.error;
  };

  it("refuses a zip bomb by its compression ratio", async () => {
    const bomb = zipSync({ "ppt/presentation.xml": new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await fail(bomb, "bomb.pptx")).toMatchObject({ code: "limit_exceeded", message: expect.stringContaining("zip bomb") });
  });

  it("stops an entry that inflates past the size its header declares", async () => {
    const zip = zipSync({ "ppt/presentation.xml": new Uint8Array(200_000) }, { level: 9 });
    // declare 1000 bytes in the central directory and the local header
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 1000, true);
    for (let p = zip.length - 22; p >= 0; p--) if (view.getUint32(p, true) === 0x02014b50) view.setUint32(p + 24, 1000, true);
    expect(await fail(zip, "liar.pptx")).toMatchObject({ code: "limit_exceeded", message: expect.stringContaining("inflates past") });
  });

  it("refuses a container with too many entries", () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`x/${k}.xml`, strToU8("<a/>")]));
    expect(() => openZip(zipSync(files), { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).toThrow(/12 entries/);
  });

  it("refuses XML with a DTD (entity expansion) and XML nested too deep", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]><p:presentation>&b;</p:presentation>`;
    expect(await fail(minimal(laughs), "laughs.pptx")).toMatchObject({ code: "corrupt", message: expect.stringContaining("DTD") });
    const deep = "<p:presentation>" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</p:presentation>";
    expect(await fail(minimal(deep), "deep.pptx")).toMatchObject({ code: "limit_exceeded", message: expect.stringContaining("deeper") });
  });

  it("names encrypted, legacy, Keynote and damaged files with a code and what to do", async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await fail(ole, "old.ppt")).toMatchObject({ code: "unsupported", message: expect.stringContaining("soffice --headless --convert-to pptx") });
    const encrypted = ole.slice();
    encrypted.set(Buffer.from("EncryptedPackage", "utf16le"), 1024);
    expect(await fail(encrypted, "secret.pptx")).toMatchObject({ code: "encrypted" });
    expect(await fail(zipSync({ "Index.zip": strToU8("x") }), "talk.key")).toMatchObject({ code: "unsupported", message: expect.stringContaining("Keynote") });
    expect(await fail(municipal.subarray(0, 5000), "truncated.pptx")).toMatchObject({ code: "corrupt" });
    expect(await fail(zipSync({ "word/document.xml": strToU8("<w/>") }), "word.pptx")).toMatchObject({ code: "corrupt", message: expect.stringContaining("presentation.xml") });
  });
});
