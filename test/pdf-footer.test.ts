// Page furniture as `footer` records (fixtures/pdf/footer-deck.pdf, written by fixtures/make-footer-deck.mjs through
// LibreOffice Impress): a logo line, a running footer and the slide number on every slide are kept, one record a
// line on each slide, never a title or body text, and the search index does not match them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { processDocument } from "../pipeline/process.ts";
import { openIndex, replaceDeck } from "../corpus/search/fts-index.ts";
import { searchIndex } from "../corpus/search/query.ts";
import { hasFts5 } from "../corpus/search/sqlite.ts";
import { FOOTER, LOGO, SLIDES } from "../fixtures/make-footer-deck.mjs";
import { segmentDeck } from "../corpus/segment/index.ts";
import { fixture } from "./helpers.ts";

describe("a deck with a logo line, a running footer and slide numbers (LibreOffice PDF)", async () => {
  const result = await processDocument(readFileSync(fixture("pdf", "footer-deck.pdf")), "footer-deck.pdf", { extract: { ocr: "never", pictureOcr: "never" } });
  if (!result.ok) throw new Error(result.error.message);
  const footers = result.records.filter((r) => r.kind === "footer");

  it("keeps the furniture of every slide as footer records, the slide number with the footer line it is on", () => {
    const expected = SLIDES.flatMap((_, k) => [
      // the title slide's logo line is its organisation
      ...(k > 0 ? [[k + 1, LOGO]] : []),
      [k + 1, `${FOOTER} ${k + 1}`],
    ]);
    expect(footers.map((r) => [r.slide, r.text])).toEqual(expected);
    expect(result.deck.organisation).toBe(LOGO);
    expect(result.deck.dropped ?? []).toEqual([]);
  });

  it("reads the furniture as any other text: its language, its place on the slide", () => {
    expect(new Set(footers.map((r) => r.lang))).toEqual(new Set([result.deck.lang]));
    for (const f of footers) expect(f.lines![0]).toBe(f.lines![1]);
  });

  it("makes no furniture a title or body text, and the slides' own text is all there", () => {
    expect(result.records.filter((r) => r.kind === "title").map((r) => r.text)).toHaveLength(SLIDES.length);
    const other = result.records.filter((r) => r.kind !== "footer").map((r) => r.text).join("\n");
    expect(other).not.toContain(FOOTER);
    expect(result.records.filter((r) => r.kind !== "footer" && r.slide > 1 && r.text === LOGO)).toEqual([]);
  });

  it("is a Norwegian deck, so nothing in it is given Danish letters (Neste, Felles stay)", () => {
    expect(result.deck.lang).toBe("no");
    expect(result.records.flatMap((r) => r.changes.filter((c) => c.rule.startsWith("danish.")))).toEqual([]);
    expect(result.deck.repairs ?? 0).toBe(0);
  });

  it("tags no footer record with concepts (the furniture would tag every slide), the slides' own records as before", async () => {
    const tagged = await processDocument(readFileSync(fixture("pdf", "footer-deck.pdf")), "footer-deck.pdf", {
      extract: { ocr: "never", pictureOcr: "never" },
      tagger: (text) => (/\p{L}{4}/u.test(text) ? ["some-concept"] : []),
    });
    if (!tagged.ok) throw new Error(tagged.error.message);
    const byKind = (footer: boolean) => tagged.records.filter((r) => (r.kind === "footer") === footer);
    expect(byKind(true).length).toBeGreaterThan(0);
    expect(byKind(true).flatMap((r) => r.concepts)).toEqual([]);
    expect(byKind(false).filter((r) => r.concepts.length > 0).length).toBeGreaterThan(5);
  });

  it("leaves footer records out of the deck's key terms", () => {
    expect(result.deck.keyterms?.map((t) => t.toLowerCase())).not.toContain("digitaliseringsavdelingen");
  });

  it.runIf(hasFts5())("is never matched by a search, though the slides' text is", () => {
    const db = openIndex(":memory:");
    try {
      replaceDeck(db, result.deck, result.records);
      expect(searchIndex(db, "Digitaliseringsavdelingen")).toEqual([]);
      expect(searchIndex(db, "innlogging").map((h) => h.record.kind)).toEqual(["bullet"]);
      // stored with the deck, so the index holds as many records as the corpus
      expect((db.prepare("SELECT count(*) AS n FROM records").get() as { n: number }).n).toBe(result.records.length);
    } finally {
      db.close();
    }
  });
});

describe("footer placeholders a presentation format marks", () => {
  it("are footer records of their slide, never dropped and never the title", () => {
    const pages = [1, 2].map((page) => ({
      page,
      lines: [{ text: `Kvartal ${page}`, role: "title" as const }, { text: "Tallene er foreløpige" }, { text: "Økonomiafdelingen", role: "footer" as const }, { text: String(page), role: "footer" as const }],
    }));
    const out = segmentDeck(pages);
    expect(out.segments.filter((s) => s.kind === "footer").map((s) => [s.slide, s.text, s.lines])).toEqual([
      [1, "Økonomiafdelingen", [2, 2]], [1, "1", [3, 3]], [2, "Økonomiafdelingen", [2, 2]], [2, "2", [3, 3]],
    ]);
    expect(out.dropped).toEqual([]);
  });
});
