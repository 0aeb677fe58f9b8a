// The batch: discover inputs, run each document through the stages on a queue, write the corpus.
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import PQueue from "p-queue";
import type { CorpusRecord, Deck, ErrorRecord } from "../corpus/schema.ts";
import { createTagger, type Tagger } from "../corpus/tag.ts";
import { writeCorpus } from "../corpus/write.ts";
import { shutdownExtractors } from "../extractors/registry.ts";
import type { ExtractOptions } from "../extractors/types.ts";
import type { NormalizeOptions } from "../normalizers/index.ts";
import { discoverInputs, type InputFile } from "./discover.ts";
import { processDocument, toErrorRecord } from "./process.ts";
import { PIPELINE_VERSION } from "./version.ts";

export interface IngestOptions {
  /** Output folder. */
  out: string;
  /** Documents processed at once. Default: the number of cores. */
  jobs?: number;
  extract?: ExtractOptions;
  normalize?: NormalizeOptions;
  tagger?: Tagger;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { type: "start"; total: number }
  | { type: "document"; source: string; ok: boolean; done: number; total: number; slides: number; error?: ErrorRecord };

export interface IngestSummary {
  inputs: number;
  processed: number;
  failed: number;
  records: number;
  slides: number;
  repairs: number;
  ms: number;
  pipelineVersion: string;
}

export async function ingest(inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { files, errors } = await discoverInputs(inputs);
  const tagger = options.tagger ?? createTagger();
  const queue = new PQueue({ concurrency: Math.max(1, options.jobs ?? availableParallelism()) });
  const decks: Deck[] = [];
  const records: CorpusRecord[][] = [];
  const emit = options.onProgress ?? (() => {});
  emit({ type: "start", total: files.length });
  let done = 0;
  const runOne = async (file: InputFile, index: number) => {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (err) {
      const error = toErrorRecord(err, file.source, "read");
      error.code = "unreadable";
      errors.push(error);
      emit({ type: "document", source: file.source, ok: false, done: ++done, total: files.length, slides: 0, error });
      return;
    }
    const result = await processDocument(bytes, file.source, { extract: options.extract, normalize: options.normalize, tagger });
    if (result.ok) {
      decks[index] = result.deck;
      records[index] = result.records;
    } else {
      errors.push(result.error);
    }
    emit({
      type: "document", source: file.source, ok: result.ok, done: ++done, total: files.length,
      slides: result.ok ? result.deck.slideCount : 0, ...(result.ok ? {} : { error: result.error }),
    });
  };
  try {
    await queue.addAll(files.map((f, i) => () => runOne(f, i)));
  } finally {
    await shutdownExtractors();
  }
  const okDecks = decks.filter(Boolean);
  const flat = records.filter(Boolean).flat();
  errors.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const summary: IngestSummary = {
    inputs: files.length,
    processed: okDecks.length,
    failed: errors.length,
    records: flat.length,
    slides: okDecks.reduce((n, d) => n + d.slideCount, 0),
    repairs: okDecks.reduce((n, d) => n + d.repairs, 0),
    ms: Math.round(performance.now() - started),
    pipelineVersion: PIPELINE_VERSION,
  };
  await writeCorpus(options.out, { records: flat, decks: okDecks, errors, run: summary });
  return summary;
}
