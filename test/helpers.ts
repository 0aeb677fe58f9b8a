// Shared test helpers: run the CLI from its TypeScript source, make temp folders, read JSONL.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const fixture = (...p: string[]) => join(root, "fixtures", ...p);
export const seed000 = fixture("text", "000_9b0b97a4996a1ab6.txt");
export const seed003 = fixture("text", "003_8ed779def9d74a82.txt");

export function tempDir(prefix = "slidecorpus-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The arguments that run the CLI from source (`node bin/cli.ts`), never a prior dist/ build: Node strips the
 * types (by default from 22.18 and 23.6; before that it needs the flag, and its warning is silenced so stderr
 * stays what the CLI writes). Worker threads started from source load pipeline/worker.ts the same way.
 */
export const cliArgs: string[] = [
  ...((process.features as { typescript?: unknown }).typescript ? [] : ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"]),
  join(root, "bin", "cli.ts"),
];

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source. */
export function cli(args: string[], options: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [...cliArgs, ...args], {
    encoding: "utf8",
    input: options.input ?? "",
    cwd: options.cwd ?? root,
    env: { ...process.env, FORCE_COLOR: "0" },
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as T);
}
