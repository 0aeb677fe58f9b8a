// The corpus store's own files (corpus/store/): what the output folder's `.slidecorpus/` holds besides the
// corpus. Readers of the corpus never see them; they are the store's crash-safe bookkeeping.
import { z } from "zod";
import { CorpusRecord, Deck, ErrorRecord } from "./schema.ts";
import { Thumbnail } from "./document.ts";

/** What a deck's results were made from: equal identities mean equal results (and equal search index rows). */
export const DeckIdentity = Deck.pick({ source: true, sha256: true, pipelineVersion: true });
export type DeckIdentity = z.infer<typeof DeckIdentity>;

/** The first line of a part file, and the key of a manifest entry: the deck's identity and its outcome. */
export const PartHeader = DeckIdentity.extend({
  ok: z.boolean().describe("The document was processed (the part holds its deck and records) or failed (its error)"),
});
export type PartHeader = z.infer<typeof PartHeader>;

/** Where an outcome was made, for the log, when the runner knows (the queue runner: a worker's name). */
const madeBy = { worker: z.string().optional().describe("The worker that processed the document (queue runs); never stored") };

/** A document processed: its deck and records. */
export const DocumentResult = z.object({
  ok: z.literal(true), deck: Deck, records: z.array(CorpusRecord),
  thumbnails: z.array(Thumbnail).optional().describe("Page thumbnails (PDF, when asked for): kept beside the part, not in it"),
  ...madeBy,
});
export type DocumentResult = z.infer<typeof DocumentResult>;

/** A document that failed, and why (never a thrown error: a bad document never stops a batch). */
export const DocumentFailure = z.object({ ok: z.literal(false), error: ErrorRecord, ...madeBy });
export type DocumentFailure = z.infer<typeof DocumentFailure>;

/** What processing one document gives, wherever it ran (a thread, a process, another machine). */
export const DocumentOutcome = z.discriminatedUnion("ok", [DocumentResult, DocumentFailure]);
export type DocumentOutcome = z.infer<typeof DocumentOutcome>;

/**
 * One deck's results, as committed: a part file is the header line, then the deck and one line per record, or
 * the error.
 */
export const Part = z.discriminatedUnion("ok", [
  PartHeader.extend(DocumentResult.omit({ worker: true }).shape),
  PartHeader.extend(DocumentFailure.omit({ worker: true }).shape),
]);
export type Part = z.infer<typeof Part>;

/** Which source was processed from which content, by which pipeline version, with what outcome. */
export const ManifestEntry = PartHeader.extend({
  part: z.string().describe("Part file name (in the store's parts folder) holding the deck's results"),
  records: z.number().int().nonnegative(),
  slides: z.number().int().nonnegative(),
  ocrPages: z.number().int().nonnegative(),
  size: z.number().int().nonnegative().describe("File size when hashed: with `mtimeMs`, an unchanged pair lets a re-run skip reading the file"),
  mtimeMs: z.number().describe("File modification time when hashed"),
  checksum: z.string().regex(/^[0-9a-f]{64}$/).optional()
    .describe("SHA-256 of the part file's bytes, checked whenever the part is read (absent in entries written before it was kept)"),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

/** One line of the manifest journal (`manifest.jsonl`): its header, an entry recorded, or a source removed. */
export const JournalLine = z.discriminatedUnion("op", [
  z.object({ op: z.literal("header"), format: z.literal("slidecorpus-manifest"), version: z.literal(1) }),
  ManifestEntry.extend({ op: z.literal("put") }),
  ManifestEntry.pick({ source: true }).extend({ op: z.literal("del") }),
]);
export type JournalLine = z.infer<typeof JournalLine>;

/** The lock file's content: who holds the output folder. */
export const LockOwner = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string().describe("When the owner took the lock, ISO 8601"),
});
export type LockOwner = z.infer<typeof LockOwner>;
