// The messages of an ingest on a job queue (pipeline/queue/): a document job sent by the coordinator, and the
// result a worker sends back. Both travel as JSON through Redis, between machines that may run different
// slidecorpus versions: each carries the version and the settings stamp, and the coordinator refuses a result
// whose stamps are not its own. The outcome itself is checked only for its shape's envelope (`ok`, and `error` on
// a failure): re-parsing every record would reorder keys, and the corpus must stay byte-identical to a local run.
import { z } from "zod";
import { ErrorRecord } from "./schema.ts";

/** One document to process, as a queue job's data. */
export const QueueJobData = z.object({
  version: z.string().describe("The coordinator's slidecorpus version: a worker of another version does not process the job"),
  stamp: z.string().describe("Digest of the run's settings (and the version); the settings themselves are stored once per run under it"),
  source: z.string().describe("The document's name in the corpus"),
  sha256: z.string().describe("SHA-256 of the bytes (hex), checked by the worker"),
  bytes: z.string().describe("The document's bytes, base64"),
});
export type QueueJobData = z.infer<typeof QueueJobData>;

/** What a worker sends back for a job: the outcome, stamped with who made it and how. */
export const QueueResult = z.object({
  version: z.string().describe("The worker's slidecorpus version"),
  stamp: z.string().describe("The settings stamp the worker processed the document with"),
  worker: z.string().describe("The worker's name (host:pid unless named)"),
  outcome: z.union([
    // checked in place (z.custom): a parse copies what it checks, and the deck and its records need no copy
    z.looseObject({
      ok: z.literal(true),
      deck: z.custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "expected an object"),
      records: z.custom<unknown[]>((v) => Array.isArray(v), "expected an array"),
    }),
    z.looseObject({ ok: z.literal(false), error: ErrorRecord }),
  ]).describe("The document's records, or why it has none (pipeline/runner.ts DocumentOutcome)"),
});
export type QueueResult = z.infer<typeof QueueResult>;
