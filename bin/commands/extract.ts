import { extractorFor, supportedExtensions, shutdownExtractors } from "../../extractors/registry.ts";
import { DocumentError } from "../../extractors/types.ts";
import { detectDanishDamage, normalizeExtractedDeck } from "../../normalizers/index.ts";
import { readInput } from "../../pipeline/read-input.ts";
import { UsageError, type Command } from "../command.ts";
import { extractHelp, extractOptionDefs, extractOptions } from "./shared.ts";

export const extractCommand: Command = {
  name: "extract",
  summary: "Print the text of each slide after normalization, slides separated by a form feed (like pdftotext).",
  usage: "slidecorpus extract <file> [--raw] [--json] [options]",
  help: ["--raw                print the text before normalization", "--json               print per page { page, method, confidence, reason, hidden, lines } (lines with the role and level the format gives)", ...extractHelp],
  options: { raw: { type: "boolean" }, json: { type: "boolean" }, ...extractOptionDefs },
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError("extract needs exactly one file");
    const path = positionals[0]!;
    const read = await readInput(path);
    if (!read.ok) throw new DocumentError(read.error.code, `cannot read ${path}: ${read.error.message}`);
    const bytes = read.bytes;
    const extractor = extractorFor(path);
    if (!extractor) throw new DocumentError("unsupported", `no extractor for ${path} (supported: ${supportedExtensions().join(", ")})`);
    const doc = await extractor.extract(bytes, path, { danishDamage: detectDanishDamage, ...extractOptions(values) }).finally(shutdownExtractors);
    const raw = doc.pages.map((p) => p.lines.map((l) => l.text).join("\n"));
    const texts = values.raw === true ? raw : normalizeExtractedDeck(doc.pages).normalized.map((n) => n.text);
    if (values.json === true) {
      const pages = doc.pages.map((p, i) => ({
        page: p.page, method: p.method, confidence: p.confidence ?? null, reason: p.reason ?? null, ...(p.hidden ? { hidden: true } : {}),
        lines: p.lines.length ? texts[i]!.split("\n").map((text, j) => ({ ...p.lines[j], text })) : [],
      }));
      process.stdout.write(JSON.stringify({ format: doc.format, encoding: doc.encoding, pages }, null, 2) + "\n");
    } else {
      process.stdout.write(texts.join("\f") + "\n");
    }
    return 0;
  },
};
