// Language data shared between threads. A run's worker threads (pipeline/pool.ts) would each load and compile the
// Danish lexicon automaton, the English word list, the word pairs, the tagger's word list, the subtitle counts
// and the Europarl pair counts (~0.3-0.5 s and ~55 MB a thread). Instead the main thread builds each of them
// once, on the first thread's first need of it, as typed arrays in SharedArrayBuffers, and every thread reads that one copy: a thread asks for a
// data set by name and waits (Atomics.wait) for the main thread's answer, so the lookups that need the data stay
// synchronous. Nothing is loaded that no document asks for. Without a link to a main thread (a single process,
// the in-process runner) each data set is loaded where it is used, in the same form, as before.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { cachedTables } from "./table-cache.ts";

/** The data sets that can be shared. */
export type SharedName = "lexicon" | "english" | "bigrams" | "taggerWords" | "frequencies" | "pairCounts";

/** A thread's end of the link to the main thread's data: the port to ask on, and a counter the answer bumps. */
export interface SharedDataLink {
  port: MessagePort;
  answered: Int32Array;
}

/** The builders of the data sets in their shareable form (typed arrays), in shared memory when `shared`. */
const builders: Record<SharedName, () => Promise<(shared: boolean) => unknown>> = {
  lexicon: async () => (await import("./danish/lexicon.ts")).buildLexicon,
  english: async () => (await import("./danish/lexicon.ts")).buildEnglish,
  bigrams: async () => (await import("./danish/lexicon.ts")).buildBigrams,
  taggerWords: async () => (await import("./danish/base-words.ts")).buildTaggerWords,
  frequencies: async () => (await import("./danish/frequencies.ts")).buildFrequencies,
  pairCounts: async () => (await import("./danish/pair-counts.ts")).buildPairCounts,
};

/** How long a thread waits for the main thread's answer before it loads the data itself. */
const ANSWER_TIMEOUT_MS = 120_000;

let link: SharedDataLink | undefined;

/** Makes this thread ask the main thread for its language data (pipeline/worker.ts, from its workerData). */
export function useSharedData(l: SharedDataLink): void {
  l.port.unref();
  link = l;
}

/**
 * The data set `name`: the main thread's shared copy when this thread is linked to one, else `loadHere()`.
 * Blocks until the main thread answers (it loads the data the first time any thread asks).
 */
export function sharedOr<T>(name: SharedName, loadHere: () => T): T {
  const l = link;
  // built here, or read ready-made from the data cache when the CLI names one (language/table-cache.ts)
  if (!l) return cachedTables(name, false, loadHere);
  const before = Atomics.load(l.answered, 0);
  l.port.postMessage(name);
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  for (;;) {
    const got = receiveMessageOnPort(l.port);
    if (got) {
      const answer = got.message as { name: SharedName; data?: T };
      if (answer.name !== name) continue; // an answer this thread stopped waiting for
      return answer.data !== undefined ? answer.data : loadHere();
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      // the main thread is stuck: load here from now on rather than wait on it again
      link = undefined;
      return loadHere();
    }
    // woken by the answer's bump; once bumped (the message may be a moment behind, or the bump an older
    // answer's), a millisecond's wait before looking again rather than a busy loop
    const now = Atomics.load(l.answered, 0);
    Atomics.wait(l.answered, 0, now, now === before ? Math.min(left, 50) : 1);
  }
}

/**
 * The main thread's side: builds each data set the first time a linked thread asks for it and hands every thread
 * the same shared copy. One per worker pool; `close()` lets the copies go once the threads are gone.
 */
export class SharedDataServer {
  private readonly built = new Map<SharedName, Promise<unknown>>();
  private readonly ports = new Set<MessagePort>();

  /** A new link for one thread (pass it in workerData, with its port in the transfer list). */
  link(): SharedDataLink {
    const { port1, port2 } = new MessageChannel();
    const answered = new Int32Array(new SharedArrayBuffer(4));
    port1.on("message", (name: SharedName) => void this.answer(port1, answered, name));
    port1.unref();
    this.ports.add(port1);
    port1.once("close", () => this.ports.delete(port1));
    return { port: port2, answered };
  }

  /** The data set, built on first request (undefined when it cannot be: the thread then tries itself). */
  data(name: SharedName): Promise<unknown> {
    let p = this.built.get(name);
    if (!p) {
      const builder = builders[name];
      p = builder ? builder().then((build) => cachedTables(name, true, () => build(true))).catch(() => undefined) : Promise.resolve(undefined);
      this.built.set(name, p);
    }
    return p;
  }

  /** The names of the data sets built so far. */
  get loaded(): SharedName[] {
    return [...this.built.keys()];
  }

  private async answer(port: MessagePort, answered: Int32Array, name: SharedName): Promise<void> {
    const data = await this.data(name);
    try {
      port.postMessage({ name, data });
    } catch {
      port.postMessage({ name });
    }
    Atomics.add(answered, 0, 1);
    Atomics.notify(answered, 0);
  }

  close(): void {
    for (const port of this.ports) port.close();
    this.ports.clear();
    this.built.clear();
  }
}
