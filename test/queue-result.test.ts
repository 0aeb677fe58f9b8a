// The result a queue worker sends back (model/queue.ts QueueResult), as the coordinator checks it: the envelope is
// checked, the deck and its records are checked in place (not copied: the coordinator keeps the worker's own
// object, and a copy per deck would be garbage the size of the corpus).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QueueResult } from "../model/queue.ts";
import { inProcessRunner } from "../pipeline/in-process-runner.ts";
import { seed000 } from "./helpers.ts";

describe("QueueResult", async () => {
  const runner = inProcessRunner();
  const bytes = new Uint8Array(readFileSync(seed000));
  const outcome = await runner.run({ source: "seed.txt", bytes, sha256: "0".repeat(64), settings: {} }).finally(() => runner.close());
  // as it arrives: JSON through Redis
  const result = () => JSON.parse(JSON.stringify({ version: "1", stamp: "s", worker: "w:1", outcome })) as Record<string, unknown> & { outcome: Record<string, unknown> };

  it("accepts a worker's result and checks its deck and records without copying them", () => {
    expect(outcome.ok).toBe(true);
    const value = result();
    const parsed = QueueResult.safeParse(value);
    expect(parsed.success).toBe(true);
    const got = parsed.data!.outcome as { deck: unknown; records: unknown[] };
    expect(got.records.length).toBeGreaterThan(0);
    expect(got.records).toBe(value.outcome.records);
    expect(got.deck).toBe(value.outcome.deck);
  });

  it("refuses a result whose deck is not an object or whose records are not a list", () => {
    for (const change of [{ deck: [] }, { deck: null }, { deck: "x" }, { records: {} }, { records: "[]" }, { records: undefined }, { ok: "true" }]) {
      const value = result();
      expect(QueueResult.safeParse({ ...value, outcome: { ...value.outcome, ...change } }).success, JSON.stringify(change)).toBe(false);
    }
    expect(QueueResult.safeParse({ ...result(), stamp: 1 }).success).toBe(false);
  });

  it("accepts a failure with an error record, and refuses one without", () => {
    const error = { source: "seed.txt", stage: "extract", code: "internal", message: "boom" };
    expect(QueueResult.safeParse({ ...result(), outcome: { ok: false, error } }).success).toBe(true);
    expect(QueueResult.safeParse({ ...result(), outcome: { ok: false } }).success).toBe(false);
  });
});
