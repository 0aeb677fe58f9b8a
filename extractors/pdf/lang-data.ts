// Tesseract trained data from the @tesseract.js-data/<lang> packages on disk, never from the network.
// tesseract.js reads every language from one folder (`langPath`), so the chosen languages' files are linked
// into a per-process temporary folder.
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DocumentError } from "../types.ts";

const require = createRequire(import.meta.url);
/** The LSTM "best, integer" models: what tesseract.js uses for its default engine, smaller and faster. */
const MODEL = "4.0.0_best_int";

let folder: string | undefined;
const linked = new Set<string>();

/** Languages of a `dan+eng` string, checked. */
export function parseLangs(lang: string): string[] {
  const langs = lang.split("+").map((l) => l.trim()).filter(Boolean);
  if (langs.length === 0 || langs.some((l) => !/^[a-z_]{3,8}$/i.test(l))) {
    throw new DocumentError("unsupported", `OCR languages must look like "dan+eng", got "${lang}"`);
  }
  return langs;
}

/** The trained-data file of one language, from its npm package. */
export function trainedDataFile(lang: string): string {
  let dir: string;
  try {
    dir = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch {
    throw new DocumentError("unsupported", `no OCR data for language "${lang}": install it with npm install @tesseract.js-data/${lang}`);
  }
  return join(dir, MODEL, `${lang}.traineddata.gz`);
}

/** A local folder holding `<lang>.traineddata.gz` for each language: tesseract.js's `langPath`. */
export function langFolder(langs: string[]): string {
  folder ??= mkdtempSync(join(tmpdir(), "slidecorpus-tessdata-"));
  for (const lang of langs) {
    if (linked.has(lang)) continue;
    symlinkSync(trainedDataFile(lang), join(folder, `${lang}.traineddata.gz`));
    linked.add(lang);
  }
  return folder;
}

export function removeLangFolder(): void {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  linked.clear();
}
