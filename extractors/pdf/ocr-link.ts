// One OCR pool per run, not one per worker thread: the main thread owns the tesseract.js workers (ocr-pool.ts),
// sized once from the cores and memory, and every document thread sends it its pictures over a MessagePort.
// `--jobs 2` then shares the OCR workers instead of starting a second set (each holds its model, ~100 MB), and a
// document can use every OCR worker the other threads leave idle. This module is light: the main thread loads
// tesseract.js (through ocr-pool.ts) only when the first picture arrives.
import { MessageChannel, type MessagePort } from "node:worker_threads";
import type { Page as TessPage } from "tesseract.js";
import type { ErrorCode } from "../../model/schema.ts";
import { DocumentError } from "../types.ts";
import type { OcrJob } from "./ocr-pool.ts";

/** What the extractors ask of OCR: a pool of `size` workers that reads one picture per call. */
export interface OcrService {
  readonly size: number;
  recognize(job: OcrJob): Promise<TessPage>;
}

type Request = { id: number; job: OcrJob };
type Answer = { id: number; page: TessPage } | { id: number; error: { code: ErrorCode; message: string } };

/** A thread's end of the main thread's pool: the port, and the pool's size. */
export interface OcrLink {
  port: MessagePort;
  size: number;
}

/** Extra time a thread gives the main thread's answer beyond the job's own limit (which the pool enforces). */
const ANSWER_GRACE_MS = 30_000;

/** The main thread's pool as a thread sees it. */
class RemoteOcr implements OcrService {
  readonly size: number;
  private readonly port: MessagePort;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (page: TessPage) => void; reject: (err: unknown) => void }>();

  constructor({ port, size }: OcrLink) {
    this.port = port;
    this.size = size;
    port.on("message", (answer: Answer) => {
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) port.unref();
      if ("page" in answer) p.resolve(answer.page);
      else p.reject(new DocumentError(answer.error.code, answer.error.message));
    });
    port.unref();
  }

  recognize(job: OcrJob): Promise<TessPage> {
    const id = ++this.nextId;
    return new Promise<TessPage>((resolve, reject) => {
      // the pool times the job out; this only covers a main thread that never answers
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new DocumentError("timeout", `${job.label}: OCR took longer than ${job.timeoutMs / 1000} s and was abandoned`));
      }, job.timeoutMs + ANSWER_GRACE_MS);
      this.pending.set(id, {
        resolve: (page) => (clearTimeout(timer), resolve(page)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      });
      // an answer is awaited: the port keeps the thread alive meanwhile
      this.port.ref();
      this.port.postMessage({ id, job } satisfies Request);
    });
  }
}

let remote: RemoteOcr | undefined;

/** Makes this thread's OCR go to the main thread's pool (pipeline/worker.ts, from its workerData). */
export function useRemoteOcr(link: OcrLink): void {
  remote = new RemoteOcr(link);
}

/** The main thread's pool when this thread is linked to one. */
export function remoteOcr(): OcrService | undefined {
  return remote;
}

/**
 * The main thread's side: one pool of `size` tesseract.js workers (started as pictures arrive) serving every
 * linked thread. A thread that goes away (its document timed out or crashed) has its waiting pictures dropped.
 */
export class OcrServer {
  readonly size: number;
  private readonly ports = new Set<MessagePort>();
  private used = false;

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
  }

  /** A new link for one thread (pass it in workerData, with its port in the transfer list). */
  link(): OcrLink {
    const { port1, port2 } = new MessageChannel();
    const gone = new AbortController();
    port1.on("message", (request: Request) => void this.serve(port1, request, gone.signal));
    port1.once("close", () => {
      gone.abort();
      this.ports.delete(port1);
    });
    port1.unref();
    this.ports.add(port1);
    return { port: port2, size: this.size };
  }

  private async serve(port: MessagePort, { id, job }: Request, gone: AbortSignal): Promise<void> {
    this.used = true;
    let answer: Answer;
    try {
      const { ocrPool } = await import("./ocr-pool.ts");
      answer = { id, page: await ocrPool(this.size).recognize({ ...job, signal: gone }) };
    } catch (err) {
      const e = err instanceof DocumentError ? err : new DocumentError("internal", `${job.label}: OCR failed (${err instanceof Error ? err.message : String(err)})`);
      answer = { id, error: { code: e.code, message: e.message } };
    }
    if (gone.aborted) return;
    try {
      port.postMessage(answer);
    } catch {
      // the thread is gone
    }
  }

  /** Ends the pool's workers (if any started) and the links. */
  async close(): Promise<void> {
    for (const port of this.ports) port.close();
    this.ports.clear();
    if (this.used) await (await import("./ocr-pool.ts")).shutdownOcr();
  }
}
