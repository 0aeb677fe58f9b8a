// The worker thread of an OCR worker (ocr-pool.ts passes this file as tesseract.js's documented `workerPath`
// option): tesseract.js's own Node worker script, but loading the LSTM-only build of its WebAssembly core.
// tesseract.js 7's Node worker asks its getCore for a core by engine mode yet is handed a boolean (`lstmOnly`),
// so it always loads the build that also carries the legacy engine (larger, and what it would not need). The
// pool only ever asks for the LSTM engine (OEM 1, the `best_int` models of lang-data.ts), which the LSTM-only
// build runs. Everything else (the message handling, the FS and cache adapter) is tesseract.js's, unchanged.
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { parentPort } from "node:worker_threads";

if (!parentPort) throw new Error("extractors/pdf/tesseract-worker.ts runs as tesseract.js's worker thread");
const port = parentPort;

/** Requires a module as tesseract.js itself resolves it (its dependencies need not be ours). */
const fromTesseract = createRequire(createRequire(import.meta.url).resolve("tesseract.js/package.json"));

interface Progress {
  progress(status: { status: string; progress: number }): void;
}
interface WorkerScript {
  dispatchHandlers(packet: unknown, send: (message: unknown) => void): void;
  setAdapter(adapter: Record<string, unknown>): void;
}

const worker = fromTesseract("./src/worker-script/index.js") as WorkerScript;
const cache = fromTesseract("./src/worker-script/node/cache.js") as Record<string, unknown>;
const features = fromTesseract("wasm-feature-detect") as { simd(): Promise<boolean>; relaxedSimd(): Promise<boolean> };

/** The name of the LSTM-only core this machine runs fastest: with relaxed SIMD, SIMD, or neither. */
async function lstmCoreName(): Promise<string> {
  if (await features.relaxedSimd()) return "tesseract-core-relaxedsimd-lstm";
  if (await features.simd()) return "tesseract-core-simd-lstm";
  return "tesseract-core-lstm";
}

let core: unknown;
/** tesseract.js's adapter `getCore(oem, corePath, res)`: the LSTM-only core, whatever it is passed. */
async function getCore(_oem: unknown, _corePath: unknown, res: Progress): Promise<unknown> {
  if (!core) {
    const name = await lstmCoreName();
    // the core's name in the status tesseract.js's logger is given (what was loaded can be checked)
    res.progress({ status: `loading tesseract core ${name}`, progress: 0 });
    core = fromTesseract(`tesseract.js-core/${name}`);
    res.progress({ status: `loading tesseract core ${name}`, progress: 1 });
  }
  return core;
}

port.on("message", (packet) => worker.dispatchHandlers(packet, (message) => port.postMessage(message)));
worker.setAdapter({ getCore, gunzip: gunzipSync, fetch: globalThis.fetch, ...cache });
