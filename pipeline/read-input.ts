// Reads one input file's bytes, the only way an ingest reads its inputs: regular files only (after following a
// symbolic link), and no more than a limit. The file is opened without blocking (a FIFO with no writer would
// block the open forever) and checked on the open descriptor, so a file swapped for a FIFO or a device after
// discovery is still refused; a file that grows while it is read is read up to its size at open.
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import type { ErrorRecord } from "../model/schema.ts";
import { entryKind } from "./discover.ts";

/** Default largest input read: 2 GiB (a deck is rarely above 200 MB; a buffer cannot hold much more). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 ** 3;

export type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; error: Pick<ErrorRecord, "code" | "message"> };

export async function readInput(path: string | Buffer, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    return { ok: false, error: { code: "unreadable", message: (err as NodeJS.ErrnoException).code ?? (err as Error).message } };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, error: { code: "unreadable", message: `not a regular file (a ${entryKind(info)})` } };
    if (info.size > maxBytes) {
      return { ok: false, error: { code: "limit_exceeded", message: `the file is ${mb(info.size)}, over the limit of ${mb(maxBytes)} (--max-file-size)` } };
    }
    const bytes = new Uint8Array(info.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break; // cut short while being read: what is there
      at += bytesRead;
    }
    return { ok: true, bytes: at === bytes.length ? bytes : bytes.subarray(0, at) };
  } catch (err) {
    return { ok: false, error: { code: "unreadable", message: (err as NodeJS.ErrnoException).code ?? (err as Error).message } };
  } finally {
    await handle.close();
  }
}

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MB`;
