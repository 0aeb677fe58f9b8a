// Progress of an ingest, for people and for log collectors: a one-line bar redrawn in place on a terminal,
// JSON lines (one object per event) for cron jobs and log shippers, or plain text lines.
import type { IngestSummary, ProgressEvent } from "../pipeline/ingest.ts";
import { printable } from "./terminal.ts";

export type LogMode = "bar" | "json" | "text" | "quiet";

export interface Reporter {
  event(e: ProgressEvent): void;
  summary(s: IngestSummary, out: string): void;
  /** An error that ends the run (e.g. the output folder is locked). */
  fatal(message: string): void;
}

interface Stream {
  write(s: string): unknown;
  columns?: number;
}

export function createReporter(mode: LogMode, stream: Stream = process.stderr, now: () => number = Date.now): Reporter {
  if (mode === "quiet") return { event() {}, summary() {}, fatal: (m) => void stream.write(`slidecorpus: ${m}\n`) };
  if (mode === "json") return jsonReporter(stream);
  const state = new BarState(now);
  let lastDraw = 0;
  const draw = (force = false) => {
    if (!force && now() - lastDraw < 100) return;
    lastDraw = now();
    // Never wider than the terminal, or the redraw would wrap and scroll.
    const width = stream.columns ? Math.max(20, stream.columns - 1) : 200;
    stream.write(`\r\x1b[K${state.line().slice(0, width)}`);
  };
  return {
    event(e) {
      state.update(e);
      if (mode === "text") {
        const line = textLine(e);
        if (line) stream.write(printable(line) + "\n");
      } else if ((e.type === "document" && e.status === "failed") || e.type === "input_error" || e.type === "damaged_part" || e.type === "unsupported" || e.type === "not_regular" || e.type === "warning") {
        stream.write(`\r\x1b[K${printable(textLine(e) ?? "")}\n`);
        draw(true);
      } else draw(e.type !== "page");
    },
    summary(s, out) {
      if (mode === "bar") stream.write("\r\x1b[K");
      stream.write(printable(summaryText(s, out)) + "\n");
    },
    fatal(m) {
      if (mode === "bar") stream.write("\r\x1b[K");
      stream.write(`slidecorpus: ${printable(m)}\n`);
    },
  };
}

export function summaryText(s: IngestSummary, out: string): string {
  return (
    `slidecorpus: ${s.processed} processed, ${s.skipped} skipped, ${s.failed} failed, ${s.removed} removed` +
    (s.unsupported ? `, ${s.unsupported} unsupported` : "") +
    (s.notRegular ? `, ${s.notRegular} not regular files skipped` : "") +
    "; " +
    `${count(s.slides, "slide")}, ${count(s.ocrPages, "OCR page")}, ${count(s.repairs, "repair")}, in ${(s.ms / 1000).toFixed(1)} s; ` +
    `corpus: ${count(s.corpus.decks, "deck")}, ${count(s.corpus.records, "record")}, ${count(s.corpus.errors, "error")} → ${out}`
  );
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function textLine(e: ProgressEvent): string | undefined {
  switch (e.type) {
    case "start":
      return e.lockTakenOver ? `took over a stale lock of pid ${e.lockTakenOver.pid} on ${e.lockTakenOver.hostname} (started ${e.lockTakenOver.startedAt})` : undefined;
    case "document":
      return `[${e.done}/${e.total}] ${e.status === "failed" ? `FAILED (${e.error?.code}: ${e.error?.message})` : e.status} ${e.source}${e.worker ? ` (worker ${e.worker})` : ""}`;
    case "input_error":
      return `FAILED (${e.error.code}: ${e.error.message}) ${e.error.source}`;
    case "removed":
      return `removed ${e.source} (source file is gone)`;
    case "damaged_part":
      return `discarded the damaged results of ${e.source} (${e.reason}); processing it again`;
    case "unsupported":
      return `unsupported (a file type slidecorpus does not read, left out) ${e.path}`;
    case "warning":
      return `warning: ${e.message}`;
    case "not_regular":
      return `skipped ${e.path} (a ${e.kind}, not a regular file)`;
    default:
      return undefined;
  }
}

function jsonReporter(stream: Stream): Reporter {
  const line = (o: object) => stream.write(JSON.stringify({ time: new Date().toISOString(), ...o }) + "\n");
  return {
    event(e) {
      switch (e.type) {
        case "page":
          return;
        case "input_error":
          return line({ event: "input_error", source: e.error.source, error: { code: e.error.code, stage: e.error.stage, message: e.error.message } });
        case "document": {
          const { type: _t, ok: _ok, error, ...rest } = e;
          return line({ event: "document", ...rest, ...(error ? { error: { code: error.code, stage: error.stage, message: error.message } } : {}) });
        }
        default: {
          const { type, ...rest } = e;
          return line({ event: type, ...rest });
        }
      }
    },
    summary: (s, out) => line({ event: "summary", out, ...s }),
    fatal: (message) => line({ event: "fatal", message }),
  };
}

class BarState {
  total = 0;
  done = 0;
  skipped = 0;
  failed = 0;
  pages = 0;
  ocrPages = 0;
  removed = 0;
  phase = "starting";
  private readonly started: number;
  private readonly pagesSeen = new Map<string, number>();
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
    this.started = now();
  }

  update(e: ProgressEvent): void {
    switch (e.type) {
      case "start":
        this.total = e.total;
        this.phase = "ingest";
        break;
      case "page":
        this.pages++;
        if (e.method === "ocr") this.ocrPages++;
        this.pagesSeen.set(e.source, (this.pagesSeen.get(e.source) ?? 0) + 1);
        break;
      case "document": {
        this.done = e.done;
        if (e.status === "skipped") this.skipped++;
        if (e.status === "failed") this.failed++;
        // Pages already counted as they finished are not counted again.
        const seen = this.pagesSeen.get(e.source) ?? 0;
        this.pagesSeen.delete(e.source);
        this.pages += Math.max(0, e.slides - seen);
        if (!seen) this.ocrPages += e.ocrPages;
        break;
      }
      case "input_error":
        this.failed++;
        break;
      case "removed":
        this.removed++;
        break;
      case "assemble":
        this.phase = "writing corpus files";
        break;
    }
  }

  line(): string {
    const elapsed = (this.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const width = 20;
    const filled = this.total ? Math.round((this.done / this.total) * width) : 0;
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const eta = rate > 0 && this.done < this.total ? ` · ETA ${clock((this.total - this.done) / rate)}` : "";
    const tail = this.phase === "writing corpus files" ? " · writing corpus files" : eta;
    return (
      `${bar} ${this.done}/${this.total} decks` +
      (this.skipped ? ` (${this.skipped} unchanged)` : "") +
      (this.failed ? ` · ${this.failed} failed` : "") +
      ` · ${this.pages} pages (${this.ocrPages} OCR) · ${rate.toFixed(1)} decks/s${tail}`
    );
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
