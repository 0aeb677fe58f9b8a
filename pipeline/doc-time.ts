// Where a document's time went during a run: the runner's work on it, apart from the time it waited for a free
// worker. Summed over a run, waits would otherwise count many times over (ten decks queued behind one).

/** The moments (performance.now()) a document passed through `ingest`'s run step. */
export interface DocMarks {
  /** Taken up by the run step: from then on it holds a place in the line. */
  queued: number;
  /** The run step started reading it (after waiting for a place among the files being read). */
  taken?: number | undefined;
  /** Handed to the runner. */
  handed?: number | undefined;
  /** The runner started processing it (a worker was free); the hand-over when the runner does not say. */
  started?: number | undefined;
  /** The runner finished it, when the runner says (its outcome may reach the run step later). */
  ended?: number | undefined;
  /** Processed (the runner's outcome came), or, for a document that never reached the runner, reported. */
  done: number;
}

/**
 * A document's own time (`ms`): from when the runner started it to when it finished it (its outcome, unless the
 * runner says when it finished), or, for one that never reached the runner (unchanged, unreadable), the time
 * spent reading and hashing it. And the time it waited (`waitMs`): for a place, reading and hashing aside, and
 * for its outcome to be taken in after it was finished (a busy thread reads a worker's message late).
 */
export function docTimes(m: DocMarks): { ms: number; waitMs: number } {
  const taken = Math.min(m.taken ?? m.done, m.done);
  if (m.handed === undefined) return { ms: round(m.done - taken), waitMs: round(taken - m.queued) };
  const started = Math.min(Math.max(m.started ?? m.handed, m.handed), m.done);
  const ended = Math.min(Math.max(m.ended ?? m.done, started), m.done);
  return { ms: round(ended - started), waitMs: round(taken - m.queued + (started - m.handed) + (m.done - ended)) };
}

const round = (ms: number): number => Math.max(0, Math.round(ms));
