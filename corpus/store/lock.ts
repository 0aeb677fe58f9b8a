// One writer per output folder: a lock file holding the owner's pid, host and start time.
// The lock is created complete or not at all (written under the store's temporary-name scheme, then hard-linked
// into place, which fails if it exists), so a crash can never leave a half-written lock. A lock whose process is gone
// (same host, pid not running, or our own pid after a restart) is stale and taken over. The owner's pid means
// nothing on another host (an output folder on a network share), so the owner also refreshes the lock's
// modification time every minute: a lock from another host not refreshed for ten minutes is stale.
//
// Taking over a stale lock cannot race: only the holder of a second, short-lived lock (`<lock>.takeover`, created
// with O_EXCL) may remove the lock file, and it removes it only if it is still the very file (same inode, same
// content) found stale. Every other change to the lock is a create that fails when the file exists, or an owner
// removing its own lock. Two runs that find the same stale lock: one takes it over, the other is refused.
import { link, open, readFile, rm, stat, utimes } from "node:fs/promises";
import { readFileSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { LockOwner } from "../../model/store.ts";
import { fsyncDir, tempPathFor } from "./atomic.ts";

export type { LockOwner };

/** The output folder is held by another live run. */
export class LockError extends Error {
  readonly owner: LockOwner | undefined;
  readonly path: string;
  constructor(path: string, owner: LockOwner | undefined) {
    const who = owner ? `pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt}` : "an unknown process";
    const remote = owner && owner.hostname !== hostname() ? `; a lock from another host is taken over once not refreshed for ${STALE_AFTER_MS / 60_000} minutes` : "";
    super(`the output folder is in use by another ingest (${who}); if that process is gone, delete ${path}${remote}`);
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

/** How often the owner refreshes the lock's modification time. */
export const HEARTBEAT_MS = 60_000;
/** A lock from another host not refreshed for this long is stale (ten heartbeats: room for clock skew and stalls). */
export const STALE_AFTER_MS = 10 * HEARTBEAT_MS;

export async function acquireLock(dir: string, name = "lock"): Promise<Lock> {
  const path = join(dir, name);
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(owner) + "\n";
  let tookOver: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(path, owner)) {
      let released = false;
      const heartbeat = setInterval(() => {
        const now = new Date();
        utimes(path, now, now).catch(() => {});
      }, HEARTBEAT_MS).unref();
      return {
        path,
        owner,
        ...(tookOver ? { tookOver } : {}),
        // Only a lock that is still ours is removed: one taken over by another run is that run's.
        async release() {
          if (released) return;
          released = true;
          clearInterval(heartbeat);
          if ((await readFile(path, "utf8").catch(() => undefined)) === text) await rm(path, { force: true });
        },
        releaseSync() {
          if (released) return;
          released = true;
          clearInterval(heartbeat);
          let current: string | undefined;
          try {
            current = readFileSync(path, "utf8");
          } catch {
            current = undefined;
          }
          if (current === text) rmSync(path, { force: true });
        },
      };
    }
    const found = await readLock(path);
    if (found === "missing") continue;
    const current = found.owner;
    // An empty or garbage lock (a power loss): stale once no one has refreshed it for STALE_AFTER_MS.
    if (current === null ? found.age <= STALE_AFTER_MS : !isStale(current, found.age)) throw new LockError(path, current ?? undefined);
    if (!(await removeIfUnchanged(path, found))) continue;
    tookOver = current ?? { pid: 0, hostname: "(damaged lock)", startedAt: "" };
  }
  const last = await readOwner(path);
  throw new LockError(path, last && last !== "missing" ? last : undefined);
}

interface FoundLock {
  owner: LockOwner | null;
  text: string;
  ino: number;
  age: number;
}

/** The lock file as found: its owner (null when damaged), its exact text, inode and age; or "missing". */
async function readLock(path: string): Promise<FoundLock | "missing"> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return "missing";
  }
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return "missing";
  const owner = await readOwner(path, text);
  return { owner: owner === "missing" ? null : owner, text, ino: info.ino, age: Date.now() - info.mtimeMs };
}

/** How long a takeover may hold its guard before the guard itself counts as left by a dead process. */
const TAKEOVER_STALE_MS = 60_000;

/**
 * Removes the stale lock `found`, under the takeover guard, if the lock file is still that file. False when the
 * guard is held by another run (which is taking it over) or the file changed: the caller then looks again.
 */
async function removeIfUnchanged(path: string, found: FoundLock): Promise<boolean> {
  const guard = `${path}.takeover`;
  let handle;
  try {
    handle = await open(guard, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const age = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > TAKEOVER_STALE_MS) await rm(guard, { force: true });
    // another run is taking the lock over: give it the time to finish, then look at the lock again
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    return false;
  }
  try {
    await handle.close();
    const now = await readLock(path);
    if (now === "missing" || now.ino !== found.ino || now.text !== found.text) return false;
    await rm(path, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const tmp = tempPathFor(path);
  const file = await open(tmp, "w");
  try {
    await file.writeFile(JSON.stringify(owner) + "\n");
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(tmp, path);
    await fsyncDir(dirname(path));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * The lock's owner, null when the file holds no owner (damaged), or "missing". Read only when the lock is taken,
 * so zod is loaded then and not on an ordinary run.
 */
async function readOwner(path: string, known?: string): Promise<LockOwner | null | "missing"> {
  let text: string;
  try {
    text = known ?? (await readFile(path, "utf8"));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : null;
  }
  const { LockOwner } = await import("../../model/store.ts");
  try {
    const owner = LockOwner.safeParse(JSON.parse(text));
    return owner.success ? owner.data : null;
  } catch {
    return null;
  }
}

/** How long ago the lock was last refreshed, in ms (0 if it cannot be read: then it is not judged by age). */
async function ageOf(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * On the same host: a pid that is not running, or is ours (the pid was reused after a restart). On another host:
 * not refreshed for STALE_AFTER_MS (`age`, in ms).
 */
export function isStale(owner: LockOwner, age = 0): boolean {
  if (owner.hostname !== hostname()) return age > STALE_AFTER_MS;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
  // Running, but a process that started after the lock was taken is not its owner: the pid was reused.
  const started = processStartMs(owner.pid);
  const taken = Date.parse(owner.startedAt);
  return started !== undefined && Number.isFinite(taken) && started > taken + PID_START_SLACK_MS;
}

/** Room for the rounding of the start time read from /proc (boot time in whole seconds, clock ticks). */
const PID_START_SLACK_MS = 5_000;

/** When a process started, in ms since the epoch (Linux: /proc/<pid>/stat and the boot time), or undefined. */
export function processStartMs(pid: number): number | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields after the command name (which may hold spaces), from field 3 on: starttime is field 22
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]);
    // USER_HZ is 100 on every Linux platform Node supports
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
