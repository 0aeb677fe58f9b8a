import type { ExtractOptions } from "../../extractors/types.ts";
import { UsageError, intOption, type Options } from "../command.ts";

export const extractOptionDefs: Options = {
  ocr: { type: "string" },
  "picture-ocr": { type: "string" },
  lang: { type: "string" },
  password: { type: "string" },
  "page-timeout": { type: "string" },
  "ocr-workers": { type: "string" },
};

export const extractHelp = [
  "--ocr auto|always|never  PDF pages: OCR when the text layer is missing or bad (default auto)",
  "--picture-ocr auto|never  PDF pages that keep their text layer: OCR pictures that may hold text, as picture_text (default auto)",
  "--lang <langs>       OCR languages (default: one model by the deck's text, dan, eng or dan+eng)",
  "--password <pw>      password for encrypted PDFs",
  "--page-timeout <s>   abandon a page after this many seconds (default 60); the rest of the deck goes on",
  "--ocr-workers <n>    tesseract workers per OCR pool (default: cores, within a quarter of the memory; ingest: one pool all its threads share)",
];

export function extractOptions(values: Record<string, unknown>): ExtractOptions {
  const ocr = values.ocr;
  if (ocr !== undefined && ocr !== "auto" && ocr !== "always" && ocr !== "never") {
    throw new UsageError(`--ocr must be auto, always or never, got "${ocr}"`);
  }
  const pictureOcr = values["picture-ocr"];
  if (pictureOcr !== undefined && pictureOcr !== "auto" && pictureOcr !== "never") {
    throw new UsageError(`--picture-ocr must be auto or never, got "${pictureOcr}"`);
  }
  const timeout = intOption(values["page-timeout"], "page-timeout");
  const ocrWorkers = intOption(values["ocr-workers"], "ocr-workers");
  return {
    ...(ocr ? { ocr } : {}),
    ...(pictureOcr ? { pictureOcr } : {}),
    ...(typeof values.lang === "string" ? { lang: values.lang } : {}),
    ...(typeof values.password === "string" ? { password: values.password } : {}),
    ...(timeout ? { pageTimeoutMs: timeout * 1000 } : {}),
    ...(ocrWorkers ? { ocrWorkers } : {}),
  };
}
