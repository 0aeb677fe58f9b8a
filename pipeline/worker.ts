// A worker thread of the pool (pipeline/pool.ts): runs processDocument on the documents it is sent, one at a time.
// Everything that can hang or blow up on a hostile document happens here, where the pool can time it out,
// cap its memory, and replace the thread if it dies.
import { parentPort, workerData } from "node:worker_threads";
import { createTagger, type Tagger } from "../corpus/enrich/tag.ts";
import type { Taxonomy } from "../corpus/enrich/taxonomy.ts";
import { shutdownExtractors } from "../extractors/registry.ts";
import { useRemoteOcr, type OcrLink } from "../extractors/pdf/ocr-link.ts";
import { useSharedData, type SharedDataLink } from "../language/shared-data.ts";
import { processDocument } from "./process.ts";
import type { DocumentJob, DocumentOutcome } from "./runner.ts";

/** A document to process, as plain data. */
export interface WorkerTask {
  type: "task";
  id: number;
  job: DocumentJob;
}

export type WorkerMessage =
  | { type: "started"; id: number; at: number }
  | { type: "page"; id: number; page: number; method: "text" | "ocr" }
  | { type: "result"; id: number; result: DocumentOutcome; at: number };

/**
 * Now, on a clock the main thread shares (milliseconds since the epoch, to a fraction): the moments the document
 * started and ended here, which its messages may reach a busy main thread well after.
 */
const now = () => performance.timeOrigin + performance.now();

const port = parentPort;
if (!port) throw new Error("pipeline/worker.ts runs as a worker thread");
// the language data comes from the main thread's one shared copy (pool.ts), not loaded again here
// and OCR goes to the main thread's one pool
const links = workerData as { languageData?: SharedDataLink; ocr?: OcrLink } | undefined;
if (links?.languageData) useSharedData(links.languageData);
if (links?.ocr) useRemoteOcr(links.ocr);
// Taggers compile their taxonomy once; a run uses one taxonomy, so one cached tagger per thread.
let tagger: { key: string; tagger: Tagger } | undefined;
function taggerFor(taxonomy: Taxonomy | undefined): Tagger {
  const key = taxonomy ? JSON.stringify(taxonomy) : "";
  if (tagger?.key !== key) tagger = { key, tagger: createTagger(taxonomy) };
  return tagger.tagger;
}

port.on("message", (msg: WorkerTask | { type: "shutdown" }) => {
  if (msg.type === "shutdown") {
    void releaseThreadResources().finally(() => port.close());
    return;
  }
  void run(msg);
});

async function run({ id, job }: WorkerTask): Promise<void> {
  // The document's time limit starts now, not when the thread was asked to start (loading takes a while).
  port!.postMessage({ type: "started", id, at: now() } satisfies WorkerMessage);
  await testHooks(job.source);
  const result = await processDocument(job.bytes, job.source, {
    extract: { ...job.settings.extract, onPage: (p) => port!.postMessage({ type: "page", id, page: p.page, method: p.method } satisfies WorkerMessage) },
    normalize: job.settings.normalize,
    tagger: taggerFor(job.settings.taxonomy),
  });
  port!.postMessage({ type: "result", id, result, at: now() } satisfies WorkerMessage);
}

/** Per-thread resources held by the extractors (tesseract.js workers, when not the main thread's), released at shutdown. */
async function releaseThreadResources(): Promise<void> {
  await shutdownExtractors();
}

/**
 * Test-only behaviour, active only when the variable is set (each names sources, comma-separated, matched on the
 * path's end): SLIDECORPUS_TEST_HANG spins forever (a pathological document), SLIDECORPUS_TEST_CRASH throws an
 * uncaught error (a crashing native module), SLIDECORPUS_TEST_OOM allocates until the heap limit. And
 * SLIDECORPUS_TEST_DELAY_MS slows every document down so tests can kill a run in the middle.
 * SLIDECORPUS_TEST_KILL_PROCESS kills the whole process with SIGKILL (a queue worker's machine going down).
 */
async function testHooks(source: string): Promise<void> {
  const env = process.env;
  const named = (v: string | undefined) => !!v && v.split(",").some((n) => n && (source === n || source.endsWith(`/${n}`)));
  if (env.SLIDECORPUS_TEST_DELAY_MS) await new Promise((r) => setTimeout(r, Number(env.SLIDECORPUS_TEST_DELAY_MS)));
  if (named(env.SLIDECORPUS_TEST_KILL_PROCESS)) process.kill(process.pid, "SIGKILL");
  if (named(env.SLIDECORPUS_TEST_HANG)) for (;;);
  if (named(env.SLIDECORPUS_TEST_CRASH)) {
    setImmediate(() => {
      throw new Error(`test crash on ${source}`);
    });
    await new Promise(() => {});
  }
  if (named(env.SLIDECORPUS_TEST_OOM)) {
    const hog: number[][] = [];
    for (let i = 0; ; i++) hog.push(new Array<number>(1 << 20).fill(i));
  }
}
