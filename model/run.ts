// run.json: the summary of the last ingest, written to the output folder (and returned by `ingest()`).
// Code that only writes it uses `import type`: a nightly re-run with nothing to do never loads zod.
import { z } from "zod";

const count = () => z.number().int().nonnegative();

/** What the corpus holds. */
export const CorpusTotals = z.object({
  decks: count().describe("Decks with records"),
  records: count().describe("Records in records.jsonl"),
  errors: count().describe("Error records in errors.jsonl"),
});
export type CorpusTotals = z.infer<typeof CorpusTotals>;

export const RunSummary = z.object({
  inputs: count().describe("Input files found"),
  processed: count().describe("Documents run through the pipeline this run, successfully"),
  skipped: count().describe("Unchanged documents not run again (their records, or error, stay)"),
  failed: count().describe("Failures this run: documents that failed, unreadable files, discovery errors"),
  removed: count().describe("Decks removed because their source file is gone"),
  unsupported: count().describe("Files in the input folders of a type slidecorpus does not read (named in the log as `unsupported` events; not errors)"),
  notRegular: count().optional().describe("Entries of input folders that are not regular files or folders (symbolic links, FIFOs, sockets, devices): not read, each logged once; absent when none"),
  records: count().describe("Records produced this run"),
  slides: count().describe("Slides (pages) processed this run"),
  ocrPages: count().describe("Pages read by OCR this run"),
  repairs: count().describe("Changes made by the normalizers this run"),
  workersReplaced: count().describe("Workers replaced after a timeout or crash"),
  ms: count().describe("Duration of the run in milliseconds"),
  documentMs: count().describe("The documents' own processing time summed (each document's `ms` in the log), in milliseconds; more than `ms` when documents ran in parallel"),
  waitMs: count().describe("The documents' time waiting for a free worker summed (each document's `waitMs` in the log), in milliseconds"),
  pipelineVersion: z.string().describe("The pipeline (package) version that ran"),
  corpus: CorpusTotals.describe("What the corpus holds after the run"),
  startedAt: z.iso.datetime().describe("When the run started (ISO 8601, UTC)"),
  finishedAt: z.iso.datetime().describe("When the run finished (ISO 8601, UTC)"),
});
export type RunSummary = z.infer<typeof RunSummary>;
