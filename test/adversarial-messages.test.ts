// Messages that name the cause (issue 16, items 12 and 16): damaged PDFs are `corrupt` with pdf.js's reason,
// UTF-16 without a byte-order mark is read, control characters never reach records or a terminal.
import { describe, expect, it } from "vitest";
import { printable } from "../bin/terminal.ts";
import { intOption, UsageError } from "../bin/command.ts";
import { decodeText } from "../extractors/text/decode.ts";
import { normalizePages } from "../normalizers/index.ts";
import { processDocument } from "../pipeline/process.ts";
import { pdfWith, stream } from "./hostile/generate.ts";

const pages = (kids: string, count: number, extra = "") => ({
  1: "<< /Type /Catalog /Pages 2 0 R >>",
  2: `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
  3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 720 540] /Contents 4 0 R ${extra} >>`,
  4: stream("", Buffer.from("", "latin1")),
});

describe("damaged PDFs", () => {
  it("calls a page tree that loops corrupt, with pdf.js's reason", { timeout: 60_000 }, async () => {
    const result = await processDocument(pdfWith(pages("3 0 R 2 0 R", 2)), "loop.pdf", { extract: { ocr: "never" } });
    expect(!result.ok && [result.error.code, result.error.message]).toEqual(["corrupt", "the PDF is damaged: page 2: damaged page (Pages tree contains circular reference.)"]);
  });

  it("calls 100,000 nested arrays corrupt", { timeout: 60_000 }, async () => {
    const result = await processDocument(pdfWith(pages("3 0 R", 1, `/X ${"[".repeat(100_000)}${"]".repeat(100_000)}`)), "deep.pdf", { extract: { ocr: "never" } });
    expect(!result.ok && result.error.code).toBe("corrupt");
    expect(!result.ok && result.error.message).toMatch(/^the PDF is damaged: page 1: damaged page \(/);
  });
});

describe("text encodings", () => {
  it("reads UTF-16 without a byte-order mark, either byte order", () => {
    const text = "Fælles mål\nfor året\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    expect(decodeText(le)).toEqual({ text, encoding: "utf-16le" });
    expect(decodeText(be)).toEqual({ text, encoding: "utf-16be" });
  });

  it("removes a NUL past the first 64 KiB from the text", () => {
    const [page] = normalizePages(["a".repeat(70_000) + "\u0000b"]);
    expect(page!.text).toBe("a".repeat(70_000) + "b");
  });
});

describe("control characters", () => {
  it("are removed from record text at normalization, terminal sequences whole", () => {
    const [page] = normalizePages(["Titel\x1b]0;pwned\x07 her\x1b[2J og \x1b[8mskjult\x1b[0m tekst\x1bP1|x\x1b\\ slut\tcelle"]);
    expect(page!.text).toBe("Titel her og skjult tekst slut\tcelle");
    expect(page!.changes.every((c) => c.rule === "unicode.control")).toBe(true);
  });

  it("are escaped in what is printed to a terminal, our own colours kept", () => {
    expect(printable("deck\x1b]0;x\x07.txt\n[1/1] FAILED")).toBe("deck\\x1b]0;x\\x07.txt\\n[1/1] FAILED");
    expect(printable("\x1b[1;33mord\x1b[0m \x1b[2J\x9b", ["\x1b[1;33m", "\x1b[0m"])).toBe("\x1b[1;33mord\x1b[0m \\x1b[2J\\x9b");
  });

  it("an integer option too large to be exact blames the option", () => {
    expect(() => intOption("99999999999999999999", "limit")).toThrow(new UsageError('--limit must be an integer >= 1, got "99999999999999999999"'));
  });
});

describe("a page that cannot be rendered", () => {
  const badFont = (text: string) => pdfWith({
    1: "<< /Type /Catalog /Pages 2 0 R >>",
    2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 720 540] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    4: stream("", Buffer.from(`BT /F1 24 Tf 72 480 Td (${text}) Tj ET`, "latin1")),
    // a font name with a NUL in it: the canvas refuses it ("Convert String to CString failed")
    5: "<< /Type /Font /Subtype /TrueType /BaseFont /Arial#00Bold /FirstChar 0 /LastChar 255 >>",
  });

  it("keeps its text layer, with the reason on the page, instead of failing the deck", { timeout: 60_000 }, async () => {
    const result = await processDocument(badFont("Fælles mål for siden"), "font.pdf", { extract: { ocr: "always" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records.map((r) => r.text)).toEqual(["Fælles mål for siden"]);
    expect(result.deck.slides[0]).toMatchObject({ method: "text", reason: expect.stringMatching(/^the page could not be rendered for OCR \(Convert String to CString failed\); kept the text layer/) });
  });
});
