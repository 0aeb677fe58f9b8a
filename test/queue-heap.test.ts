// The queue runner's bound on the old generation (pipeline/queue/bullmq-runner.ts boundOldGeneration): V8's
// growing factor is set while runners are open, once, reset when the last one closes, and a factor given to node
// on its command line (or 0) is left alone. What it does to the coordinator's memory is measured by
// bench/queue.bench.js (BENCH_PARTS=memory), not here.
import { afterEach, describe, expect, it } from "vitest";
import { boundOldGeneration } from "../pipeline/queue/bullmq-runner.ts";

const execArgv = [...process.execArgv];
afterEach(() => {
  process.execArgv.splice(0, process.execArgv.length, ...execArgv);
});

describe("the queue coordinator's bound on the old generation", () => {
  it("is set by the first holder and reset by the last one released, each release counting once", () => {
    const flags: string[] = [];
    const set = (f: string) => void flags.push(f);
    const a = boundOldGeneration(50, set);
    const b = boundOldGeneration(50, set);
    expect(flags).toEqual(["--heap-growing-percent=50"]);
    a();
    a(); // twice: still one release
    expect(flags).toEqual(["--heap-growing-percent=50"]);
    b();
    expect(flags).toEqual(["--heap-growing-percent=50", "--heap-growing-percent=0"]);
    const c = boundOldGeneration(30, set);
    c();
    expect(flags.slice(2)).toEqual(["--heap-growing-percent=30", "--heap-growing-percent=0"]);
  });

  it("leaves V8 alone when asked for 0, or when node was given its own growing factor", () => {
    const flags: string[] = [];
    const set = (f: string) => void flags.push(f);
    boundOldGeneration(0, set)();
    process.execArgv.push("--heap-growing-percent=20");
    boundOldGeneration(50, set)();
    process.execArgv.splice(-1, 1, "--heap_growing_percent", "20");
    boundOldGeneration(50, set)();
    expect(flags).toEqual([]);
  });
});
