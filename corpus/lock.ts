// One writer per output folder: a lock file holding the owner's pid, host and start time.
// The lock is created complete or not at all (written to a temporary name, then hard-linked into place,
// which fails if it exists), so a crash can never leave a half-written lock. A lock whose process is gone
// (same host, pid not running, or our own pid after a restart) is stale and taken over.
import { link, readFile, rm, writeFile } from "node:fs/promises";
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** The output folder is held by another live run. */
export class LockError extends Error {
  readonly owner: LockOwner | undefined;
  readonly path: string;
  constructor(path: string, owner: LockOwner | undefined) {
    const who = owner ? `pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt}` : "an unknown process";
    super(`the output folder is in use by another ingest (${who}); if that process is gone, delete ${path}`);
    this.name = "LockError";
    this.owner = owner;
    this.path = path;
  }
}

export interface Lock {
  path: string;
  owner: LockOwner;
  /** Took over a stale lock left by a run that died. */
  tookOver?: LockOwner;
  release(): Promise<void>;
  /** For exit handlers, where nothing async can run. */
  releaseSync(): void;
}

export async function acquireLock(dir: string, name = "lock"): Promise<Lock> {
  const path = join(dir, name);
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  let tookOver: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(path, owner)) {
      let released = false;
      return {
        path,
        owner,
        ...(tookOver ? { tookOver } : {}),
        async release() {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
        releaseSync() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    }
    const current = await readOwner(path);
    if (current === "missing") continue;
    if (!current || !isStale(current)) throw new LockError(path, current || undefined);
    tookOver = current;
    await rm(path, { force: true });
  }
  const last = await readOwner(path);
  throw new LockError(path, last && last !== "missing" ? last : undefined);
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(owner) + "\n");
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function readOwner(path: string): Promise<LockOwner | null | "missing"> {
  try {
    const owner = JSON.parse(await readFile(path, "utf8")) as LockOwner;
    return typeof owner.pid === "number" ? owner : null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : null;
  }
}

/** Only decidable on the same host: a pid that is not running, or is ours (the pid was reused after a restart). */
export function isStale(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
