// Runs racing for one stale lock: several processes find the same lock left by a dead run at the same moment.
// Exactly one may take it over; before the takeover guard, a slower run's remove could delete the faster run's
// fresh lock, and both ran (2 of 20 tries).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, tempDir } from "./helpers.ts";

/** A child that waits until `startAt`, tries the lock, and holds it for `holdMs` when it gets it. */
const contender = `
import { acquireLock, LockError } from ${JSON.stringify(join(root, "corpus/store/lock.ts"))};
const [dir, startAt, holdMs] = process.argv.slice(-3);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
try {
  const lock = await acquireLock(dir);
  console.log("won");
  await new Promise((r) => setTimeout(r, Number(holdMs)));
  await lock.release();
} catch (err) {
  if (!(err instanceof LockError)) throw err;
  console.log("refused");
}
`;

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", contender, "--", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`contender exited ${code}`))));
  });
}

/** A pid that is not running on this host. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

describe("a stale lock found by several runs at once", () => {
  it("is taken over by exactly one of them, every time", async () => {
    const dir = tempDir("slidecorpus-lockrace-");
    for (let round = 0; round < 6; round++) {
      writeFileSync(join(dir, "lock"), JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: new Date(0).toISOString() }) + "\n");
      const startAt = String(Date.now() + 1500);
      const results = await Promise.all(Array.from({ length: 4 }, () => run([dir, startAt, "2500"])));
      expect(results.filter((r) => r === "won"), `round ${round}: ${results.join(", ")}`).toHaveLength(1);
      expect(results.filter((r) => r === "refused")).toHaveLength(3);
    }
  }, 120_000);
});
