// The library API: `import { ingest, processDocument, normalizeText } from "slidecorpus"`.
export { ingest, type IngestOptions, type IngestSummary, type ProgressEvent } from "./pipeline/ingest.ts";
export { processDocument, type DocumentResult, type DocumentFailure, type ProcessOptions } from "./pipeline/process.ts";
export { normalizeText, normalizePages, type NormalizedText, type NormalizeOptions } from "./normalizers/index.ts";
export { extractorFor, registerExtractor, shutdownExtractors } from "./extractors/registry.ts";
export { shutdownOcr } from "./extractors/pdf/index.ts";
export * from "./corpus/schema.ts";
