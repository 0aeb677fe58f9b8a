// ODP decks read natively: fixtures/odp/seminar.odp is written by fixtures/make-odp.mjs.
import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readOdp } from "../extractors/odp/index.ts";
import { isPictureOnly, type SlidePicture } from "../extractors/archive/picture-slides.ts";
import { processDocument } from "../pipeline/process.ts";
import type { DocumentResult } from "../model/store.ts";
import { fixture } from "./helpers.ts";

const seminar = readFileSync(fixture("odp", "seminar.odp"));

describe("ODP extraction", () => {
  const doc = readOdp(seminar);
  const withRole = (page: number, role: string) => doc.pages[page - 1]!.lines.filter((l) => l.role === role);

  it("reads the pages in order, with the hidden page flagged", () => {
    expect(doc.format).toBe("odp");
    expect(doc.pages.map((p) => [p.page, !!p.hidden])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
  });

  it("gives presentation classes their roles, list items their levels, and keeps soft breaks and entities in the paragraph", () => {
    expect(doc.pages.map((p) => withRole(p.page, "title").map((l) => l.text).join())).toEqual(["Grøn omstilling i Vejle", "Mål for 2030", "Budget", "Ekstra materiale"]);
    expect(withRole(1, "subtitle").map((l) => l.text)).toEqual(["Temadag for ledere & medarbejdere"]);
    expect(withRole(2, "body").map((l) => [l.text, l.level])).toEqual([
      ["• Halvere udledningen", 0], ["• Transport og varme", 1], ["• Borgerne inddrages", 0],
    ]);
    expect(withRole(2, "notes").map((l) => l.text)).toEqual(["Tallene er fra klimaplanen."]);
  });

  it("numbers list items where their list style says so, by level, and bullets the levels it does not number", () => {
    expect(withRole(3, "body").map((l) => [l.text, l.level])).toEqual([
      ["1. Vedtag planen", 0], ["2. Find finansiering", 0], ["a) Statslige puljer", 1], ["b) Fonde", 1], ["• Lokale fonde", 2], ["5. Evaluér i 2026", 0],
    ]);
  });

  it("reads a table with its merged cell resolved, and meta.xml", () => {
    expect(withRole(3, "table").map((l) => l.text.split("\t"))).toEqual([["Område", "Mio. kr."], ["Energi og bygninger", "Energi og bygninger"], ["Transport", "12"]]);
    expect(doc.stated).toEqual({ title: "Grøn omstilling", author: "Karen Holm", date: "2024-03-14" });
  });
});

describe("ODP through the pipeline", () => {
  it("makes titles, leveled bullets, a table and note records", async () => {
    const r = (await processDocument(seminar, "seminar.odp")) as DocumentResult;
    expect(r.ok).toBe(true);
    expect(r.records.filter((x) => x.slide === 2).map((x) => [x.kind, x.text, x.level ?? null])).toEqual([
      ["title", "Mål for 2030", null],
      ["bullet", "Halvere udledningen", 0],
      ["bullet", "Transport og varme", 1],
      ["bullet", "Borgerne inddrages", 0],
      ["note", "Tallene er fra klimaplanen.", null],
    ]);
    expect(r.records.find((x) => x.kind === "table")?.table?.rows).toEqual([["Energi og bygninger", "Energi og bygninger"], ["Transport", "12"]]);
    expect(r.deck).toMatchObject({ format: "odp", slideCount: 4, title: "Grøn omstilling", author: "Karen Holm", date: "2024-03-14" });
  });

  it("collects a page's embedded pictures for OCR with their box, never a linked one, and knows a picture-only page", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const image = (href: string, y: number) => `<draw:frame svg:x="1cm" svg:y="${y}cm" svg:width="10cm" svg:height="5cm"><draw:image xlink:href="${href}"/></draw:frame>`;
    const content = `<office:document-content><office:body><office:presentation><draw:page>${image("Pictures/scan.png", 2)}${image("https://example.org/x.png", 8)}${image("../outside.png", 9)}</draw:page></office:presentation></office:body></office:document-content>`;
    const pictures: SlidePicture[] = [];
    const doc = readOdp(zipSync({ "content.xml": strToU8(content), "Pictures/scan.png": png }), pictures);
    expect(pictures.map((p) => [p.page, p.name, Math.round(p.box.x), Math.round(p.box.y), Math.round(p.box.w)])).toEqual([[1, "Pictures/scan.png", 28, 57, 283]]);
    expect([...pictures[0]!.bytes()!]).toEqual([...png]);
    expect(isPictureOnly(doc.pages[0]!.lines)).toBe(true);
    expect(isPictureOnly(readOdp(seminar).pages[1]!.lines)).toBe(false);
  });

  it("gives an error record for a zip that is not a presentation", async () => {
    const r = await processDocument(zipSync({ "content.xml": strToU8("<office:document-content><office:body><office:text/></office:body></office:document-content>") }), "text.odp");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "corrupt", message: expect.stringContaining("not a presentation") });
  });
});
