// The in-process runner: documents go through the stages on the calling thread, without time or memory limits
// (a hanging document hangs the run). For a tagger that is a function (it cannot be sent to a thread), for
// debugging, and for tests that want one process.
import type { Tagger } from "../corpus/enrich/tag.ts";
import type { Taxonomy } from "../corpus/enrich/taxonomy.ts";
import type { Runner } from "./runner.ts";

export interface InProcessRunnerOptions {
  /** Tag with this function instead of a tagger built from the job's taxonomy. */
  tagger?: Tagger;
  /** Documents interleaved at once (they share the thread; OCR runs in its own workers). Default 1. */
  concurrency?: number;
}

export function inProcessRunner(options: InProcessRunnerOptions = {}): Runner {
  // The stages are loaded on first use: a run with nothing to process never pays their start-up.
  let stages: Promise<[typeof import("./process.ts"), typeof import("../corpus/enrich/tag.ts")]> | undefined;
  const load = () => (stages ??= Promise.all([import("./process.ts"), import("../corpus/enrich/tag.ts")]));
  // Taggers compile their taxonomy once; a run uses one taxonomy, so one cached tagger.
  let cached: { key: string; tagger: Tagger } | undefined;
  const taggerFor = (createTagger: (t?: Taxonomy) => Tagger, taxonomy: Taxonomy | undefined): Tagger => {
    if (options.tagger) return options.tagger;
    const key = taxonomy ? JSON.stringify(taxonomy) : "";
    if (cached?.key !== key) cached = { key, tagger: createTagger(taxonomy) };
    return cached.tagger;
  };
  return {
    concurrency: Math.max(1, options.concurrency ?? 1),
    workersReplaced: 0,
    async run(job, { onPage, onStart, signal } = {}) {
      signal?.throwIfAborted();
      const [{ processDocument }, { createTagger }] = await load();
      onStart?.();
      const outcome = await processDocument(job.bytes, job.source, {
        extract: {
          ...job.settings.extract,
          ...(signal ? { signal } : {}),
          ...(onPage ? { onPage: (p) => onPage({ page: p.page, method: p.method }) } : {}),
        },
        normalize: job.settings.normalize,
        tagger: taggerFor(createTagger, job.settings.taxonomy),
      });
      signal?.throwIfAborted();
      return outcome;
    },
    async close() {
      // Documents run here may have started OCR workers.
      if (stages) await (await import("../extractors/registry.ts")).shutdownExtractors();
    },
  };
}
