// The in-flight journal (`.slidecorpus/inflight.jsonl`): which documents this process is working on, so that a
// document that kills the whole process (an abort in native code, the OOM killer, a SIGKILL) is known on the next
// run, instead of killing every nightly run the same way. A worker thread that dies is caught by the pool and
// recorded (`worker_crashed`); this is for the deaths nothing in the process survives.
//
// One JSON line per event, appended (journal.ts): `start` (flushed to disk before the document is handed to a
// worker), `end` (its result committed, or the run stopped it), `exit` (the process ended by itself: what was in
// flight did not kill it), `run` (a run opened the journal). At open, the documents started and never ended by a run that
// neither exited nor ended them died with the process: each is a *suspect*, with the number of deaths it was in
// flight for. The journal is then rewritten (atomically) as one `suspect` line each, and appends go on from there.
// A torn last line (the death itself) is ignored.
import { join } from "node:path";
import { JournalWriter } from "./journal.ts";
import { readJournal } from "./jsonl.ts";

/** A document that was in flight when a process died, and the content it was. */
export interface Suspect {
  source: string;
  sha256: string;
  /** Deaths of the process it was in flight for. */
  crashes: number;
  /** It was the only document in flight at the last death (processed alone, as suspects are). */
  alone: boolean;
}

type Line =
  | { op: "run"; pid: number; at: string }
  | { op: "suspect"; source: string; sha256: string; crashes: number; alone: boolean }
  | { op: "start"; source: string; sha256: string; alone: boolean }
  | { op: "end"; source: string }
  | { op: "exit" };

export const INFLIGHT_FILE = "inflight.jsonl";

export class InflightJournal {
  readonly path: string;
  private readonly suspects: Map<string, Suspect>;
  private journal!: JournalWriter;
  private readonly onExit = () => this.exitSync();

  private constructor(path: string, suspects: Map<string, Suspect>) {
    this.path = path;
    this.suspects = suspects;
  }

  /**
   * Loads the journal of the state folder `stateDir`, folds the deaths it shows into the suspects, rewrites it and
   * opens it for appending. `committed(source, sha256)` says whether that content's result is in the store: a
   * document whose result was committed before the death (its `end` line lost with it) is not a suspect.
   */
  static async open(stateDir: string, committed: (source: string, sha256: string) => boolean): Promise<InflightJournal> {
    const path = join(stateDir, INFLIGHT_FILE);
    const suspects = new Map<string, Suspect>();
    let running = new Map<string, { sha256: string; alone: boolean }>();
    // The process that wrote the lines since the last `run` died: what it had in flight was there at its death.
    const died = () => {
      for (const [source, { sha256, alone }] of running) {
        if (committed(source, sha256)) continue;
        const before = suspects.get(source);
        const crashes = (before?.sha256 === sha256 ? before.crashes : 0) + 1;
        suspects.set(source, { source, sha256, crashes, alone: alone && running.size === 1 });
      }
      running = new Map();
    };
    for (const line of await readJournal<Line>(path)) {
      if (line.op === "run") died();
      else if (line.op === "suspect") suspects.set(line.source, { source: line.source, sha256: line.sha256, crashes: line.crashes, alone: line.alone });
      else if (line.op === "start") running.set(line.source, { sha256: line.sha256, alone: line.alone });
      else if (line.op === "end") {
        running.delete(line.source);
        suspects.delete(line.source);
      } else if (line.op === "exit") running = new Map();
    }
    died();
    const journal = new InflightJournal(path, suspects);
    journal.journal = await JournalWriter.create(path, journal.rows({ op: "run", pid: process.pid, at: new Date().toISOString() }));
    // process.exit() (a second Ctrl-C) and an uncaught error end the process without a crash of a document
    process.once("exit", journal.onExit);
    return journal;
  }

  /** The suspects, in the order they were found. */
  list(): Suspect[] {
    return [...this.suspects.values()];
  }

  suspect(source: string): Suspect | undefined {
    return this.suspects.get(source);
  }

  /** Forgets the suspects `keep` rejects (their file is no longer an input). */
  retain(keep: (source: string) => boolean): void {
    for (const source of this.suspects.keys()) if (!keep(source)) this.suspects.delete(source);
  }

  /** Notes a document as in flight; resolves once the line is on disk. `alone`: nothing else is in flight. */
  start(source: string, sha256: string, alone: boolean): Promise<void> {
    return this.journal.append({ op: "start", source, sha256, alone } satisfies Line, true);
  }

  /** The document's result is committed (or the run stopped it): it is in flight no more, and no suspect. */
  end(source: string): Promise<void> {
    this.suspects.delete(source);
    // not flushed: a lost `end` is found committed in the store at the next open
    return this.journal.append({ op: "end", source } satisfies Line, false);
  }

  /**
   * Ends the run: what was in flight did not crash the process. The journal is rewritten with the suspects left
   * (the ones this run did not reach).
   */
  async close(): Promise<void> {
    process.off("exit", this.onExit);
    await this.journal.rewrite(() => this.rows({ op: "exit" }));
    await this.journal.close();
  }

  /** The journal rewritten: one `suspect` line each, then `last`. */
  private rows(last: Line): Line[] {
    return [...this.list().map((s): Line => ({ op: "suspect", ...s })), last];
  }

  /** On process exit (synchronous): the process ended by itself. */
  private exitSync(): void {
    try {
      this.journal.appendSync({ op: "exit" } satisfies Line);
    } catch {
      // the next run then treats what was in flight as suspects: processed alone first, no harm done
    }
  }
}
