// The journal writer (corpus/store/journal.ts) on its own: the one append/rewrite primitive of the manifest and the
// in-flight journal. Lines in the order appended, durable ones flushed before they resolve, appends made while a
// flush is under way written and flushed together (group commit), rewrites that see every append made before.
import { readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { JournalWriter } from "../corpus/store/journal.ts";
import { readJournal } from "../corpus/store/jsonl.ts";
import { tempDir } from "./helpers.ts";

const rowsOf = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as unknown);

/** The prototype of node:fs/promises FileHandle, to count its flushes and writes. */
async function fileHandlePrototype(): Promise<{ datasync(): Promise<void>; write(...args: unknown[]): Promise<unknown> }> {
  const fh = await open(join(tempDir(), "probe"), "w");
  await fh.close();
  return Object.getPrototypeOf(fh) as { datasync(): Promise<void>; write(...args: unknown[]): Promise<unknown> };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the journal writer", () => {
  it("writes its first rows, then appends in order; a rewrite replaces the file and appends go on in the new one", async () => {
    const path = join(tempDir(), "j.jsonl");
    const j = await JournalWriter.create(path, [{ op: "header" }, { op: "put", n: 0 }]);
    expect(rowsOf(path)).toEqual([{ op: "header" }, { op: "put", n: 0 }]);
    await j.append({ op: "put", n: 1 });
    await j.append({ op: "put", n: 2 }, false);
    expect(rowsOf(path)).toEqual([{ op: "header" }, { op: "put", n: 0 }, { op: "put", n: 1 }, { op: "put", n: 2 }]);
    await j.rewrite(() => [{ op: "header" }, { op: "put", n: 2 }]);
    await j.append({ op: "put", n: 3 });
    await j.close();
    expect(rowsOf(path)).toEqual([{ op: "header" }, { op: "put", n: 2 }, { op: "put", n: 3 }]);
    expect(await readJournal(path)).toEqual(rowsOf(path));
  });

  it("appends made while a flush is under way go out together: one write and one flush for many durable lines, in order", async () => {
    const proto = await fileHandlePrototype();
    const path = join(tempDir(), "j.jsonl");
    const j = await JournalWriter.create(path, []);
    const datasync = proto.datasync;
    let flushing: (() => void) | undefined;
    const underWay = new Promise<void>((resolve) => (flushing = resolve));
    // a slow disk: each flush takes 50 ms
    const flushes = vi.spyOn(proto, "datasync").mockImplementation(async function (this: unknown) {
      flushing?.();
      await new Promise((r) => setTimeout(r, 50));
      return datasync.call(this);
    });
    const writes = vi.spyOn(proto, "write");
    const first = j.append({ n: 0 });
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await underWay;
    const more = Array.from({ length: 49 }, (_, i) => j.append({ n: i + 1 }));
    await first;
    expect(firstDone).toBe(true);
    expect(rowsOf(path)).toEqual([{ n: 0 }]); // the others wait for the flush under way
    await Promise.all(more);
    expect(rowsOf(path)).toEqual(Array.from({ length: 50 }, (_, n) => ({ n })));
    expect(writes).toHaveBeenCalledTimes(2);
    expect(flushes).toHaveBeenCalledTimes(2);
    // appends made in one go, with nothing under way, are one write too
    await Promise.all([j.append({ n: 50 }), j.append({ n: 51 }), j.append({ n: 52 })]);
    expect(writes).toHaveBeenCalledTimes(3);
    expect(flushes).toHaveBeenCalledTimes(3);
    await j.close();
  });

  it("flushes only for durable lines, and a batch with one durable line is flushed whole", async () => {
    const proto = await fileHandlePrototype();
    const path = join(tempDir(), "j.jsonl");
    const j = await JournalWriter.create(path, []);
    const flushes = vi.spyOn(proto, "datasync");
    await Promise.all([j.append({ n: 1 }, false), j.append({ n: 2 }, false)]);
    expect(flushes).not.toHaveBeenCalled();
    await Promise.all([j.append({ n: 3 }, false), j.append({ n: 4 }, false), j.append({ n: 5 })]);
    expect(flushes).toHaveBeenCalled();
    expect(rowsOf(path)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    await j.close();
  });

  it("a rewrite sees the appends made before it, and the appends made after it land in the new file", async () => {
    const path = join(tempDir(), "j.jsonl");
    const j = await JournalWriter.create(path, []);
    const state: number[] = [];
    const put = (n: number) => {
      state.push(n);
      return j.append({ n });
    };
    const before = [put(1), put(2)];
    const rewritten = j.rewrite(() => state.map((n) => ({ n, compacted: true })));
    const after = put(3);
    await Promise.all([...before, rewritten, after]);
    await j.close();
    // the snapshot was taken when the rewrite ran: it may hold 3 as well, and 3's own line follows it (last wins)
    const rows = rowsOf(path) as { n: number; compacted?: boolean }[];
    expect(rows.filter((r) => r.compacted).map((r) => r.n).slice(0, 2)).toEqual([1, 2]);
    expect(rows.at(-1)).toEqual({ n: 3 });
  });

  it("a failed write rejects the lines written with it, and the journal goes on; appends after close reject", async () => {
    const proto = await fileHandlePrototype();
    const path = join(tempDir(), "j.jsonl");
    const j = await JournalWriter.create(path, []);
    await j.append({ n: 1 });
    vi.spyOn(proto, "write").mockRejectedValueOnce(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
    await expect(j.append({ n: 2 })).rejects.toThrow(/ENOSPC/);
    await j.append({ n: 3 });
    expect(rowsOf(path)).toEqual([{ n: 1 }, { n: 3 }]);
    await j.close();
    await expect(j.append({ n: 4 })).rejects.toThrow(/closed/);
    expect(rowsOf(path)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("appendSync adds a flushed line at once, for an exit handler", async () => {
    const path = join(tempDir(), "j.jsonl");
    const j = await JournalWriter.create(path, [{ op: "run" }]);
    await j.append({ op: "start" });
    j.appendSync({ op: "exit" });
    expect(rowsOf(path)).toEqual([{ op: "run" }, { op: "start" }, { op: "exit" }]);
    await j.close();
  });
});
