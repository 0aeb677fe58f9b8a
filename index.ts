// The library API: `import { ingest, processDocument, normalizeText } from "slidecorpus"`.
export { ingest, type IngestOptions, type IngestSummary, type ProgressEvent } from "./pipeline/ingest.ts";
export { processDocument, type DocumentResult, type DocumentFailure, type ProcessOptions } from "./pipeline/process.ts";
export { normalizeText, normalizePages, joinLines, detectDanishDamage, type NormalizedText, type NormalizeOptions, type DanishDamage } from "./normalizers/index.ts";
export { extractorFor, registerExtractor } from "./extractors/registry.ts";
export * from "./corpus/schema.ts";
