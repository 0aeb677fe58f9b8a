// A pool of tesseract.js workers: created lazily on first use, at most `size` workers (default: the machine's
// cores), shared by every document in this thread. A job that runs over its time limit has its worker
// terminated (so nothing hangs) and is replaced on demand. `shutdownOcr()` ends the pool so the process can exit.
// tesseract.js itself is loaded when the first worker starts: a run whose pages all have a text layer never loads it.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Worker, Page as TessPage } from "tesseract.js";
import { DocumentError } from "../types.ts";
import { langFolder, parseLangs, removeLangFolder } from "./lang-data.ts";
import { remoteOcr, type OcrService } from "./ocr-link.ts";

export interface OcrJob {
  /** An image file's bytes (PGM, PNG, …). */
  image: Uint8Array;
  dpi: number;
  /** e.g. "dan+eng". */
  lang: string;
  timeoutMs: number;
  /** Names the job in a timeout message, e.g. "page 3". */
  label: string;
  /** Straighten a slanted image by its text lines first (default true: scans; a picture on a slide is upright). */
  straighten?: boolean;
  /** The job is no longer wanted (its document's thread is gone): dropped if it has not started. */
  signal?: AbortSignal;
}

/**
 * The OCR workers' thread script (tesseract.js's `workerPath`): tesseract.js's own with its LSTM-only core; the
 * source's under the TypeScript source (tests), the built one in dist/.
 */
export const tesseractWorkerPath = fileURLToPath(new URL(`./tesseract-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url));

let tesseractModule: Promise<typeof import("tesseract.js")> | undefined;
/** tesseract.js, loaded on first use. */
const tesseract = () => (tesseractModule ??= import("tesseract.js"));

interface Slot {
  worker: Worker;
  lang: string;
  busy: boolean;
  /** Ends the worker when it has been idle for the pool's idle time. */
  idle?: NodeJS.Timeout;
}

/**
 * A worker idle this long (ms) is ended: it holds its model and the largest picture it read (tesseract's WASM
 * heap never shrinks, ~100 MB after start, ~190 MB after a 7-megapixel page); starting one again costs ~0.3 CPU-s.
 */
export const OCR_IDLE_MS = 5000;

export class OcrPool implements OcrService {
  readonly size: number;
  private slots: Slot[] = [];
  private starting = 0;
  private waiting: (() => void)[] = [];
  private closed = false;

  private readonly idleMs: number;

  constructor(size = availableParallelism(), { idleMs = OCR_IDLE_MS }: { idleMs?: number } = {}) {
    this.size = Math.max(1, Math.floor(size));
    this.idleMs = idleMs;
  }

  /** The number of live workers. */
  get workers(): number {
    return this.slots.length;
  }

  async recognize(job: OcrJob): Promise<TessPage> {
    const slot = await this.acquire(job.lang, job.signal);
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        reject(new DocumentError("timeout", `${job.label}: OCR took longer than ${job.timeoutMs / 1000} s and was abandoned`));
      }, job.timeoutMs);
    });
    // Promise.race below handles the rejection; this keeps it from ever being reported as unhandled
    timeout.catch(() => {});
    try {
      const work = (async () => {
        const { PSM } = await tesseract();
        // debug_file: tesseract prints warnings ("Estimating resolution as …") to stderr otherwise
        await slot.worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: String(Math.round(job.dpi)), debug_file: "/dev/null" });
        // abandoned meanwhile: the worker is being terminated, and tesseract.js throws out of reach if it is used
        if (abandoned) throw new Error("abandoned");
        // rotateAuto: a page scanned at a slant is straightened by the angle of its text lines first; past a few
        // degrees tesseract reads next to nothing of it (a 7° scan: 1 word of 18), and it costs little
        return slot.worker.recognize(Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength), { rotateAuto: job.straighten ?? true }, { blocks: true, text: false });
      })();
      // the time limit covers setting the parameters too; the abandoned work's own failure is of no interest
      work.catch(() => {});
      const result = await Promise.race([work, timeout]);
      this.release(slot);
      return result.data;
    } catch (err) {
      // the worker may still be busy with the abandoned page, or broken: never reuse it
      await this.discard(slot);
      throw err instanceof DocumentError ? err : new DocumentError("internal", `${job.label}: OCR failed (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) clearTimeout(s.idle);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => {})));
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async acquire(lang: string, signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new DocumentError("internal", "the OCR pool was shut down");
      if (signal?.aborted) throw new DocumentError("internal", "the OCR job was withdrawn");
      const idle = this.slots.filter((s) => !s.busy);
      // only a worker of exactly the languages asked for: one of more languages (dan+eng for a dan job) reads
      // differently, and which worker is idle depends on timing, so the records would too
      const same = idle.find((s) => s.lang === lang);
      if (same) return this.take(same);
      if (this.slots.length + this.starting < this.size) return this.start(lang);
      const other = idle[0];
      if (other) {
        this.take(other);
        try {
          // the worker reads its languages from the folder it was started with: link the new ones there first
          langFolder(parseLangs(lang));
          await other.worker.reinitialize(lang, (await tesseract()).OEM.LSTM_ONLY);
        } catch (err) {
          // a worker that could not load the model is not used again (nor left busy for ever)
          await this.discard(other);
          throw err;
        }
        other.lang = lang;
        return other;
      }
      await new Promise<void>((resolve) => {
        // a withdrawn job stops waiting (and wakes no one else: it took no turn)
        const withdrawn = () => {
          const at = this.waiting.indexOf(wake);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve();
        };
        const wake = () => {
          signal?.removeEventListener("abort", withdrawn);
          resolve();
        };
        this.waiting.push(wake);
        signal?.addEventListener("abort", withdrawn, { once: true });
      });
    }
  }

  private async start(lang: string): Promise<Slot> {
    this.starting++;
    try {
      const { createWorker, OEM } = await tesseract();
      const worker = await createWorker(parseLangs(lang), OEM.LSTM_ONLY, {
        langPath: langFolder(parseLangs(lang)),
        cacheMethod: "none",
        gzip: true,
        // tesseract.js's worker script with the LSTM-only core (tesseract-worker.ts)
        workerPath: tesseractWorkerPath,
      });
      const slot = { worker, lang, busy: true };
      this.slots.push(slot);
      return slot;
    } finally {
      this.starting--;
    }
  }

  private take(slot: Slot): Slot {
    clearTimeout(slot.idle);
    slot.busy = true;
    return slot;
  }

  private release(slot: Slot): void {
    slot.busy = false;
    // unref'd: an idle worker never keeps the process alive waiting to be ended
    slot.idle = setTimeout(() => {
      if (!slot.busy && this.slots.includes(slot)) void this.discard(slot);
    }, this.idleMs).unref();
    this.waiting.shift()?.();
  }

  private async discard(slot: Slot): Promise<void> {
    clearTimeout(slot.idle);
    this.slots = this.slots.filter((s) => s !== slot);
    await slot.worker.terminate().catch(() => {});
    this.waiting.shift()?.();
  }
}

let pool: OcrPool | undefined;

/** This thread's own pool, created on first use with `size` workers (later sizes are ignored until shutdown). */
export function ocrPool(size?: number): OcrPool {
  pool ??= new OcrPool(size);
  return pool;
}

/**
 * The pool this thread's OCR goes to: the main thread's (ocr-link.ts) when this is a linked worker thread, else
 * this thread's own (ocrPool).
 */
export function ocrService(size?: number): OcrService {
  return remoteOcr() ?? ocrPool(size);
}

/** Terminates this thread's OCR workers (if any were started), so the process can exit. */
export async function shutdownOcr(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await p.close();
  removeLangFolder();
}
