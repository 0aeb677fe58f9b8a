// Markdown slide decks: fixtures/markdown/ holds a deck as Marp, reveal-md and Slidev each write one, and a
// plain Markdown document; the edge cases of splitting and front matter are written inline.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMarkdown } from "../extractors/markdown/index.ts";
import { splitDeck } from "../extractors/markdown/split.ts";
import { parseFrontMatter, statedProperties } from "../extractors/markdown/front-matter.ts";
import { markdownExtractor } from "../extractors/markdown/index.ts";
import { normalizePages } from "../normalizers/index.ts";
import { processDocument, type DocumentResult } from "../pipeline/process.ts";
import { fixture } from "./helpers.ts";

const read = (name: string) => readMarkdown(readFileSync(fixture("markdown", name), "utf8"));
const roles = (doc: ReturnType<typeof readMarkdown>, page: number, role: string) =>
  doc.pages[page - 1]!.lines.filter((l) => l.role === role).map((l) => l.text);

describe("splitting a Markdown deck", () => {
  it("takes the front matter off and splits at breaks after a blank line, not at a setext heading or inside code", () => {
    const deck = splitDeck("---\ntitle: T\n---\n\n# One\n\nIntro\n---\n\n```\n---\n```\n\n***\n\n# Two\n\n----\n\nThree");
    expect(deck.frontMatter).toBe("title: T");
    expect(deck.separated).toBe(true);
    expect(deck.slides.map((s) => s.trim())).toEqual(["# One\n\nIntro\n---\n\n```\n---\n```", "# Two", "Three"]);
  });

  it("takes a Slidev slide's own front matter off its slide, and leaves a text without separators whole", () => {
    expect(splitDeck("# A\n\n---\nlayout: center\nclass: x\n---\n\n# B").slides.map((s) => s.trim())).toEqual(["# A", "# B"]);
    expect(splitDeck("# A\n\ntext\n\n## B\n").separated).toBe(false);
  });

  it("reads front matter scalars, quoted values, lists and block scalars, and leaves template defaults out", () => {
    const fm = parseFrontMatter("title: 'Kodning: en ''god'' idé'\nauthors:\n  - Anne Sørensen\n  - Bo Ek\ninfo: |\n  line one\n  line two\ndate: 2024-03-14 # comment\nfonts:\n  sans: Roboto");
    expect(fm.get("title")).toBe("Kodning: en 'god' idé");
    expect(fm.get("authors")).toEqual(["Anne Sørensen", "Bo Ek"]);
    expect(fm.get("info")).toBe("line one\nline two");
    expect(statedProperties(fm)).toEqual({ title: "Kodning: en 'god' idé", author: "Anne Sørensen, Bo Ek", date: "2024-03-14" });
    expect(statedProperties(parseFrontMatter("title: Presentation Title\nauthor: python-pptx"))).toBeUndefined();
  });
});

describe("Markdown extraction", () => {
  it("reads a Marp deck: title and subtitle headings, bullets with levels, notes from comments, directives and bg images left out", () => {
    const doc = read("marp.md");
    expect(doc.format).toBe("markdown");
    expect(doc.pages.map((p) => roles(doc, p.page, "title")[0])).toEqual(["Kodning i folkeskolen", "Hvorfor kode?", "Et første program", "Skolerne i forsøget", "Næste skridt"]);
    expect(roles(doc, 1, "subtitle")).toEqual(["Erfaringer fra tre skoler"]);
    expect(roles(doc, 1, "notes")).toEqual(["Velkommen. Præsentationen tager en halv time."]);
    expect(doc.pages[1]!.lines.filter((l) => l.role === "body").map((l) => [l.text, l.level])).toEqual([
      ["• Eleverne lærer at bryde problemer ned", 0], ["• Algoritmisk tænkning", 1], ["• Fejlfinding", 1], ["• Teknologiforståelse er nu et fag", 0],
    ]);
    expect(roles(doc, 2, "notes")).toEqual(["Nævn forsøgsfaget fra 2018.", "Spørg salen om erfaringer."]);
    expect(roles(doc, 2, "picture")).toEqual([]);
    expect(roles(doc, 5, "body")).toEqual(["1. Efteruddannelse af lærerne", "2. Fælles materialer", "1. Opgavebank", "2. Vejledninger", "3. Evaluering i 2025"]);
    expect(roles(doc, 5, "picture")).toEqual(["Diagram over tidsplanen"]);
    expect(roles(doc, 4, "table").map((r) => r.split("\t"))).toEqual([["Skole", "Klassetrin", "Elever"], ["Skjoldhøj", "7.", "48"], ["Ellevang", "8.", "52"]]);
    expect(doc.pages.flatMap((p) => p.lines).some((l) => /_class|paginate|lead|bg right/.test(l.text))).toBe(false);
    expect(doc.stated).toEqual({ title: "Kodning i folkeskolen", author: "Anne Sørensen", date: "2024-03-14", organisation: "Aarhus Universitet" });
  });

  it("keeps fenced code line by line as written, blank lines and indentation included", () => {
    const code = roles(read("marp.md"), 3, "code");
    expect(code).toEqual(['# Hilsen på dansk – skrives som den står: fÃ¸r, Ã¦ble', 'navn = input("Hvad hedder du? ")', "", 'print(f"Hej {navn}, velkommen til fÃ¸rste time")']);
    const indented = readMarkdown("# T\n\n```js\nif (a) {\n    b();\n}\n```\n").pages[0]!.lines.filter((l) => l.role === "code").map((l) => l.text);
    expect(indented).toEqual(["if (a) {", "    b();", "}"]);
  });

  it("reads a reveal-md deck: Note: as notes, vertical slides, attribute comments left out", () => {
    const doc = read("reveal.md");
    expect(doc.pages).toHaveLength(4);
    expect(roles(doc, 1, "notes")).toEqual(["Thank the organisers first."]);
    expect(roles(doc, 2, "notes")).toEqual(["Mention the EU directive.", "Keep it short."]);
    expect(roles(doc, 2, "body")[0]).toBe("Data that anyone can use, reuse and share.");
    expect(roles(doc, 3, "title")).toEqual(["A vertical slide"]);
    expect(roles(doc, 3, "notes")).toEqual([]);
    expect(roles(doc, 3, "code")).toEqual(['{ "kommune": "Aarhus", "år": 2023 }']);
  });

  it("reads a Slidev deck: per-slide front matter and slot markers are not text, the last comment is notes", () => {
    const doc = read("slidev.md");
    expect(doc.pages.map((p) => roles(doc, p.page, "title")[0])).toEqual(["Velfærdsteknologi i praksis", "Hvad virker?", "Tak for i dag"]);
    expect(roles(doc, 2, "body")).toEqual(["• Skærmbesøg i hjemmeplejen", "• Vasketoiletter", "• Spiserobotter", "• Sensorer i sengen"]);
    expect(roles(doc, 2, "notes")).toEqual(["Fortæl om Odense-forsøget."]);
    expect(doc.pages.flatMap((p) => p.lines).some((l) => /layout|two-cols|::right::|seriph/.test(l.text))).toBe(false);
    expect(doc.stated).toEqual({ title: "Velfærdsteknologi i praksis", author: "Mette Frederiksen Sørensen" });
  });

  it("splits a plain Markdown document at its top headings (the first level used more than once)", () => {
    const doc = read("plain.md");
    expect(doc.pages.map((p) => roles(doc, p.page, "title")[0])).toEqual(["Årsmøde 2024", "Økonomi", "Aktiviteter", "Valg"]);
    expect(doc.stated).toBeUndefined();
    // a heading inside fenced code does not split
    expect(readMarkdown("# A\n\nx\n\n```\n# not a heading\n```\n\n# B\n\ny").pages).toHaveLength(2);
  });

  it("decodes character references and leaves inline HTML out", () => {
    const doc = readMarkdown("# Sm&oslash;r &amp; br&#248;d <!-- fit -->\n\nGr&aelig;sset er <span>gr&oslash;nt</span>\n");
    expect(doc.pages[0]!.lines.filter((l) => l.text).map((l) => l.text)).toEqual(["Smør & brød", "Græsset er grønt"]);
  });

  it("fails a binary or empty file with its code", async () => {
    await expect(markdownExtractor.extract(new Uint8Array([0x23, 0, 1, 2]), "x.md", {})).rejects.toMatchObject({ code: "binary" });
    await expect(markdownExtractor.extract(new TextEncoder().encode("---\nmarp: true\n---\n\n<!-- _class: lead -->\n"), "x.md", {})).rejects.toMatchObject({ code: "empty" });
  });
});

describe("Markdown decks through the pipeline", () => {
  it("makes code records verbatim while the text around them is repaired", async () => {
    const r = (await processDocument(readFileSync(fixture("markdown", "marp.md")), "marp.md")) as DocumentResult;
    expect(r.ok).toBe(true);
    const code = r.records.filter((x) => x.kind === "code");
    expect(code).toHaveLength(1);
    expect(code[0]!.text).toBe('# Hilsen på dansk – skrives som den står: fÃ¸r, Ã¦ble\nnavn = input("Hvad hedder du? ")\n\nprint(f"Hej {navn}, velkommen til fÃ¸rste time")');
    expect(code[0]!.changes).toEqual([]);
    expect(code[0]!.original).toBeUndefined();
    const para = r.records.find((x) => x.slide === 3 && x.kind === "paragraph")!;
    expect(para.text).toBe("Eleverne skriver programmet selv før frikvarteret.");
    expect(para.changes.map((c) => [c.from, c.to])).toEqual([["Ã¸", "ø"]]);
    expect(r.records.filter((x) => x.kind === "note").map((x) => x.slide)).toEqual([1, 2, 2]);
    expect(r.records.filter((x) => x.kind === "bullet" && x.slide === 2).map((x) => [x.text, x.level])).toEqual([
      ["Eleverne lærer at bryde problemer ned", 0], ["Algoritmisk tænkning", 1], ["Fejlfinding", 1], ["Teknologiforståelse er nu et fag", 0],
    ]);
    expect(r.records.find((x) => x.kind === "table")!.table).toEqual({ header: ["Skole", "Klassetrin", "Elever"], rows: [["Skjoldhøj", "7.", "48"], ["Ellevang", "8.", "52"]] });
    expect(r.deck).toMatchObject({ format: "markdown", slideCount: 5, title: "Kodning i folkeskolen", author: "Anne Sørensen", date: "2024-03-14", metadataSource: { title: "properties" } });
  });
});

describe("verbatim lines in the normalizer", () => {
  it("neither reads nor edits a verbatim line, and repairs the same text on another line", () => {
    const page = "fÃ¸r\u00a0og efter\nfÃ¸r\u00a0og efter";
    const [n] = normalizePages([page], {}, [new Set([1])]);
    expect(n!.text).toBe("før og efter\nfÃ¸r\u00a0og efter");
    expect(n!.changes.every((c) => c.offset < page.indexOf("\n"))).toBe(true);
  });
});
