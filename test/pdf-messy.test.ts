// PDFs as real archives hold them: re-processed, rotated, damaged, wrapped in other bytes. Each reads as well as
// its damage allows, or fails with a code and a reason a person can act on; none ends the process.
// The files are built by fixtures/make-messy-pdfs.mjs from text-danish.pdf.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ocrDpiFor, smallestTextSize } from "../extractors/pdf/extract.ts";
import { extractPdf, shutdownOcr } from "../extractors/pdf/index.ts";
import { DocumentError } from "../extractors/types.ts";
import { fixture } from "./helpers.ts";

const pdf = (name: string) => new Uint8Array(readFileSync(fixture("pdf", name)));
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

async function errorOf(bytes: Uint8Array): Promise<DocumentError> {
  try {
    await extractPdf(bytes);
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  throw new Error("expected a DocumentError");
}

afterAll(shutdownOcr);

const firstSlide = [
  "Fælles løsninger på tværs",
  "• Økonomi og styring i kommunerne",
  "• Både borgere og medarbejdere skal høres",
  "• Næste skridt: årsplan for 2025",
  "Aarhus Kommune\tSide 1",
];

describe("re-processed and rotated decks", () => {
  it("a deck turned a quarter (/Rotate 90) reads in the text's own direction, at its upright size", async () => {
    const doc = await extractPdf(pdf("messy/rotated-90.pdf"));
    expect(doc.pages[0]).toMatchObject({ method: "text", width: 720, height: 405 });
    expect(texts(doc.pages[0]!.lines)).toEqual(firstSlide);
    expect(doc.pages[0]!.lines[0]).toMatchObject({ fontSize: 28, x: 48, y: 70 });
    expect(texts(doc.pages[1]!.lines).slice(0, 2)).toEqual(["Udgifter pr. område", "Område\t2023\t2024"]);
  });

  it("a deck encrypted with an owner password only (no copying or printing) opens without a password", async () => {
    const doc = await extractPdf(pdf("messy/owner-password-only.pdf"));
    expect(texts(doc.pages[0]!.lines)).toEqual(firstSlide);
  });

  it("bytes before the %PDF- header (a mail gateway's or web server's) are skipped, even past pdf.js's 1 KiB", async () => {
    const wrapped = Buffer.concat([Buffer.from("Content-Type: application/pdf\r\n".repeat(100)), pdf("text-danish.pdf")]);
    expect(wrapped.indexOf("%PDF-")).toBe(3100);
    const doc = await extractPdf(new Uint8Array(wrapped));
    expect(texts(doc.pages[0]!.lines)).toEqual(firstSlide);
  });
});

describe("scans", () => {
  it("a slide scanned at a slant (7°) is straightened before OCR and read whole", { timeout: 60_000 }, async () => {
    const doc = await extractPdf(pdf("messy/skewed-scan.pdf"), { ocrWorkers: 1 });
    expect(doc.pages[0]).toMatchObject({ method: "ocr", reason: "no text layer" });
    const text = texts(doc.pages[0]!.lines).join("\n");
    for (const words of ["Fælles løsninger på tværs", "Økonomi og styring i kommunerne", "Både borgere og medarbejdere skal høres", "årsplan for 2025", "Aarhus Kommune"]) {
      expect(text).toContain(words);
    }
  });
});

describe("annotated decks", () => {
  it("reads a typed note and a filled-in form field where they are on the page, not comments or hidden notes", async () => {
    const doc = await extractPdf(pdf("messy/annotated.pdf"));
    expect(texts(doc.pages[0]!.lines)).toEqual(["Note fra mødet", "Formular med felter og noter", "Kommunens svar"]);
    // the note: 14 pt, at the top left of its box (400, 300 to 700, 380 in the page's own space, y up)
    expect(doc.pages[0]!.lines[0]).toMatchObject({ fontSize: 14, x: 402, y: 41 });
  });
});

describe("files that only look like PDFs", () => {
  it("says what a file named .pdf looks like when it is not one", async () => {
    const html = await errorOf(new Uint8Array(Buffer.from("\n<!DOCTYPE html><html><body>404 Not Found</body></html>")));
    expect(html.code).toBe("not_pdf");
    expect(html.message).toBe("the file is not a PDF (no %PDF- header; it looks like an HTML page, such as a download's error page)");
    const zip = await errorOf(new Uint8Array(Buffer.from("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "latin1")));
    expect(zip.message).toMatch(/it looks like a ZIP archive, such as a \.pptx/);
    expect((await errorOf(pdf("bad/not-a-pdf.pdf"))).message).toBe("the file is not a PDF (no %PDF- header)");
  });

  it("a PDF cut short in its second page: the first page is read, the second says why it has nothing", async () => {
    const doc = await extractPdf(pdf("messy/cut-short.pdf"));
    expect(texts(doc.pages[0]!.lines)).toEqual(firstSlide);
    expect(doc.pages[0]!.reason).toBeUndefined();
    expect(doc.pages[1]!.lines).toEqual([]);
    expect(doc.pages[1]!.reason).toMatch(/^damaged page \(.*\); its content may be lost: the file ends before its %%EOF marker: it was probably cut short/);
  });

  it("a PDF cut short before any text says so", async () => {
    const cut = await errorOf(pdf("bad/truncated.pdf"));
    expect(cut.code).toBe("corrupt");
    expect(cut.message).toMatch(/ends before its %%EOF marker: it was probably cut short/);
    // garbage ending in %%EOF is damaged, but nothing says it was cut short
    const ended = await errorOf(new Uint8Array(Buffer.concat([pdf("bad/garbage.pdf"), Buffer.from("\n%%EOF\n")])));
    expect(ended.code).toBe("corrupt");
    expect(ended.message).not.toMatch(/cut short/);
  });
});

describe("the OCR resolution", () => {
  const picture = (pictureDpi: number) => ({ pictureArea: 1, pictureDpi, paths: 0, blank: false, invisibleText: 0, pictures: [] });

  it("a slide: its picture's resolution, at least 150 dpi, at most 2400 pixels wide; no picture: 2400 pixels", () => {
    const slide = { width: 720, height: 405 };
    expect(ocrDpiFor(picture(96), slide)).toBe(150);
    expect(ocrDpiFor(picture(200), slide)).toBe(200);
    // 600 dpi (6000 pixels) or 300 dpi (3000) drawn at 2400 pixels
    expect(ocrDpiFor(picture(600), slide)).toBe(240);
    expect(ocrDpiFor(picture(300), slide)).toBe(240);
    expect(ocrDpiFor({ pictureArea: 0, paths: 3, blank: false, invisibleText: 0, pictures: [] }, slide)).toBe(240);
    // a larger slide (1024 × 768 pt) of a 3072-pixel picture: 2400 pixels too, not its 216 dpi
    expect(ocrDpiFor(picture(216), { width: 1024, height: 768 })).toBe(169);
  });

  it("a portrait page (a document, a scan of one): at most 3000 pixels high", () => {
    const a4 = { width: 595, height: 842 };
    expect(ocrDpiFor(picture(300), a4)).toBe(257);
    expect(ocrDpiFor(picture(200), a4)).toBe(200);
    expect(ocrDpiFor({ pictureArea: 0, paths: 3, blank: false, invisibleText: 0, pictures: [] }, a4)).toBe(257);
  });

  it("a slide without a picture: enough for its smallest text, between 150 dpi and 2400 pixels; a picture's resolution first", () => {
    const slide = { width: 720, height: 405 };
    const none = { pictureArea: 0, paths: 3, blank: false, invisibleText: 0, pictures: [] };
    expect(ocrDpiFor(none, slide, 10)).toBe(202); // 28 pixels per em
    expect(ocrDpiFor(none, slide, 24)).toBe(150);
    expect(ocrDpiFor(none, slide, 6)).toBe(240);
    expect(ocrDpiFor(none, slide, undefined)).toBe(240);
    expect(ocrDpiFor(picture(200), slide, 24)).toBe(200);
    const line = (text: string, fontSize?: number) => ({ text, ...(fontSize ? { fontSize } : {}) });
    // single marks and lines without a size do not count
    expect(smallestTextSize([line("Velkommen", 28), line("•", 4), line("Side 3", 10), line("ukendt")])).toBe(10);
    expect(smallestTextSize([line("7", 8)])).toBeUndefined();
  });

  it("a page a few points wide (some exporters' units): the picture's own pixels, up to 2400 on the long side", () => {
    // 1500 pixels on a page 21.6 pt wide: 5000 dpi; at 300 dpi it would be 90 pixels, nothing to read
    const tiny = { width: 21.6, height: 12.2 };
    expect(ocrDpiFor(picture(5000), tiny)).toBe(5000);
    expect(ocrDpiFor(picture(20000), tiny)).toBe(8000);
    expect(ocrDpiFor({ pictureArea: 0, paths: 3, blank: false, invisibleText: 0, pictures: [] }, tiny)).toBe(8000);
  });
});
