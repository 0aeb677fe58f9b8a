// Runs racing for one stale lock: several processes find the same lock left by a dead run at the same moment.
// Exactly one may take it over; before the takeover guard, a slower run's remove could delete the faster run's
// fresh lock, and both ran (2 of 20 tries).
// The contenders are started once and told on stdin when to try (all at one moment, set once every one of them
// is ready) and when the winner may release; no fixed waits, the race itself is unchanged.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { root, tempDir } from "./helpers.ts";

/**
 * A child that answers commands on stdin: `try <dir> <startAt>` waits until the wall-clock time `startAt`, tries
 * the lock and says `won` (holding it) or `refused`; `release` releases a lock it holds and says `released`.
 */
const contender = `
import { createInterface } from "node:readline";
import { acquireLock, LockError } from ${JSON.stringify(join(root, "corpus/store/lock.ts"))};
let held;
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) {
  const [command, dir, startAt] = line.split(" ");
  if (command === "try") {
    await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
    try {
      held = await acquireLock(dir);
      console.log("won");
    } catch (err) {
      if (!(err instanceof LockError)) throw err;
      console.log("refused");
    }
  } else if (command === "release") {
    await held?.release();
    held = undefined;
    console.log("released");
  }
}
`;

interface Contender {
  /** Sends a command and resolves with the contender's answer to it. */
  ask(command: string): Promise<string>;
  end(): Promise<void>;
}

function start(): Promise<Contender> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", contender], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting: ((line: string) => void)[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const next = () => new Promise<string>((resolve, reject) => {
    waiting.push(resolve);
    void exited.then((code) => reject(new Error(`contender exited ${code}`)));
  });
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  const ready = next();
  return ready.then((line) => {
    expect(line).toBe("ready");
    return {
      ask: (command) => {
        const answer = next();
        child.stdin.write(command + "\n");
        return answer;
      },
      end: async () => {
        child.stdin.end();
        expect(await exited).toBe(0);
      },
    };
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
    const contenders = await Promise.all(Array.from({ length: 4 }, start));
    try {
      for (let round = 0; round < 6; round++) {
        writeFileSync(join(dir, "lock"), JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: new Date(0).toISOString() }) + "\n");
        // all four are ready and idle: they try at one moment, a little ahead so each has read the command
        const startAt = Date.now() + 100;
        const results = await Promise.all(contenders.map((c) => c.ask(`try ${dir} ${startAt}`)));
        // every answer is in, so the winner held the lock while each of the others tried
        expect(results.filter((r) => r === "won"), `round ${round}: ${results.join(", ")}`).toHaveLength(1);
        expect(results.filter((r) => r === "refused")).toHaveLength(3);
        expect(await Promise.all(contenders.map((c) => c.ask("release")))).toEqual(["released", "released", "released", "released"]);
      }
    } finally {
      await Promise.all(contenders.map((c) => c.end()));
    }
  }, 120_000);
});
