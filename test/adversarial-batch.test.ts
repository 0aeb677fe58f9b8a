// The batch check of issue 16: the seeds with hostile inputs beside them (a deflate bomb, a picture of 1.6
// gigapixels, 3 million drawing operators, /dev/zero and a FIFO named as arguments, a 50 MB one-line text)
// complete in bounded time, the seeds are processed, and each hostile input gets an error record, while the
// process's resident memory stays under 1.5 GB. The run is watched: killed past its time or memory bound,
// so it cannot hang or starve CI.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliArgs, fixture, readJsonl, root, seed000, tempDir } from "./helpers.ts";
import { deflateBombPdf, imageBombPdf, operatorBombPdf } from "./hostile/generate.ts";

const RSS_LIMIT = 1.5 * 1024 ** 3;
const TIME_LIMIT_MS = 240_000;

/** Runs the CLI, sampling its resident memory; killed past the time or memory limit. */
function watched(args: string[]): Promise<{ status: number | null; stderr: string; peakRss: number; killed?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cliArgs, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: "0" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let peakRss = 0;
    let killed: string | undefined;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const sample = setInterval(() => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
        peakRss = Math.max(peakRss, kb * 1024);
        if (peakRss > RSS_LIMIT * 1.3) (killed = "memory"), child.kill("SIGKILL");
      } catch {
        // exited between samples
      }
    }, 50);
    const timer = setTimeout(() => ((killed = "time"), child.kill("SIGKILL")), TIME_LIMIT_MS);
    child.on("exit", (status) => {
      clearInterval(sample);
      clearTimeout(timer);
      resolve({ status, stderr, peakRss, ...(killed ? { killed } : {}) });
    });
  });
}

describe("a batch with hostile inputs", () => {
  it("processes the seeds and gives each hostile input an error record, in bounded time and memory", { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    execFileSync("mkdir", ["-p", inputs]);
    for (const seed of ["000_9b0b97a4996a1ab6.txt", "003_8ed779def9d74a82.txt"]) writeFileSync(join(inputs, seed), readFileSync(fixture("text", seed)));
    writeFileSync(join(inputs, "bomb.pdf"), await deflateBombPdf(768 * 1024 ** 2));
    writeFileSync(join(inputs, "operators.pdf"), await operatorBombPdf(3_000_000));
    writeFileSync(join(inputs, "line.txt"), "ord ".repeat(12_500_000));
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    const out = join(dir, "out");
    const run = await watched(["ingest", inputs, "/dev/zero", join(dir, "pipe.txt"), "--out", out, "--jobs", "2", "--worker-memory", "384", "--log", "json"]);
    expect(run.killed).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.peakRss).toBeLessThan(RSS_LIMIT);
    const decks = readJsonl<{ source: string }>(join(out, "decks.jsonl")).map((d) => d.source).sort();
    expect(decks).toEqual(["000_9b0b97a4996a1ab6.txt", "003_8ed779def9d74a82.txt"]);
    const errors = Object.fromEntries(readJsonl<{ source: string; code: string }>(join(out, "errors.jsonl")).map((e) => [e.source, e.code]));
    expect(errors).toEqual({
      "/dev/zero": "unreadable",
      [join(dir, "pipe.txt")]: "unreadable",
      "bomb.pdf": "limit_exceeded",
      "line.txt": "limit_exceeded",
      // its operators fill the heap and its buffers: whichever limit it reaches first stops it
      "operators.pdf": expect.stringMatching(/^(limit_exceeded|worker_crashed)$/),
    });
  });

  it("keeps the text of a page whose 1.6-gigapixel picture is never decoded", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "picture.pdf"), await imageBombPdf(40_000));
    const out = join(dir, "out");
    const run = await watched(["ingest", join(dir, "picture.pdf"), "--out", out, "--jobs", "1", "--worker-memory", "384", "--log", "json"]);
    expect(run.killed).toBeUndefined();
    expect(run.peakRss).toBeLessThan(RSS_LIMIT);
    const records = readJsonl<{ text: string }>(join(out, "records.jsonl"));
    expect(records.map((r) => r.text)).toContain("Text beside a huge picture");
  });
});

describe("what a batch logs about hostile names and entries", () => {
  it("logs links and FIFOs in a folder once each, counts them, escapes control characters, and warns of a lowered --jobs", { timeout: 120_000 }, () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    execFileSync("mkdir", ["-p", inputs]);
    writeFileSync(join(inputs, "a.txt"), readFileSync(seed000));
    writeFileSync(join(inputs, "evil\x1b]0;owned\x07\n[9] FAILED.txt"), readFileSync(seed000));
    symlinkSync(join(inputs, "a.txt"), join(inputs, "link.txt"));
    execFileSync("mkfifo", [join(inputs, "pipe.txt")]);
    const out = join(dir, "out");
    const run = cli(["ingest", inputs, "--out", out, "--log", "text", "--jobs", "64"]);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(run.stderr.split("\n").filter((l) => l.includes("FAILED"))).toEqual([expect.stringMatching(/^\[\d\/2\] processed .*evil\\x1b\]0;owned\\x07\\n\[9\] FAILED\.txt$/)]);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("skipped "))).toEqual([
      `skipped ${join(inputs, "link.txt")} (a symbolic link, not a regular file)`,
      `skipped ${join(inputs, "pipe.txt")} (a FIFO, not a regular file)`,
    ]);
    expect(run.stderr).toMatch(/^warning: --jobs 64 lowered to \d+: /m);
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ processed: 2, notRegular: 2 });
  });
});
