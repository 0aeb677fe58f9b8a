// The library API: `import { ingest, search, processDocument, normalizeText } from "slidecorpus"`.
export { ingest, type IngestOptions, type IngestSummary, type ProgressEvent } from "./pipeline/ingest.ts";
export type { Runner, RunOptions, DocumentJob, DocumentSettings, PageProgress } from "./pipeline/runner.ts";
export { threadRunner, type ThreadRunnerOptions } from "./pipeline/thread-runner.ts";
export { inProcessRunner, type InProcessRunnerOptions } from "./pipeline/in-process-runner.ts";
export { bullmqRunner, QueueRefusedError, type BullmqRunner, type BullmqRunnerOptions } from "./pipeline/queue/bullmq-runner.ts";
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions, type QueueWorkerEvent } from "./pipeline/queue/bullmq-worker.ts";
export { QueueJobData, QueueResult } from "./model/queue.ts";
export { RunSummary, CorpusTotals } from "./model/run.ts";
export { LockError } from "./corpus/store/lock.ts";
export type { StoreHooks } from "./corpus/store/store.ts";
export { processDocument, type ProcessOptions } from "./pipeline/process.ts";
export { segmentDeck, type SegmentOptions } from "./corpus/segment/index.ts";
export { normalizeText, normalizePages, joinLines, detectDanishDamage, type NormalizedText, type NormalizeOptions, type DanishDamage } from "./normalizers/index.ts";
export { extractorFor, registerExtractor, shutdownExtractors } from "./extractors/registry.ts";
export { shutdownOcr } from "./extractors/pdf/index.ts";
// The model: each shape a zod schema and, under the same name, its type (`DroppedLine.parse(x)`, `x: DroppedLine`).
export * from "./model/schema.ts";
export * from "./model/document.ts";
export * from "./model/segment.ts";
export * from "./model/store.ts";
export { search, searchIndex, SearchError, type SearchHit, type SearchOptions, type SearchFilters } from "./corpus/search/query.ts";
export { openIndex, replaceDeck, removeDeck, writeIndex, type SearchIndex } from "./corpus/search/fts-index.ts";
export { createTagger, type Tagger, type TaggerOptions } from "./corpus/enrich/tag.ts";
export { defaultTaxonomy, loadTaxonomy, parseTaxonomy, TaxonomyError, Taxonomy, Concept } from "./corpus/enrich/taxonomy.ts";
export { exportCorpus, openSearchMapping, type ExportFormat, type ExportOptions } from "./corpus/export/export.ts";
