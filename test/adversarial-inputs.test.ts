// Hostile inputs to discovery and reading (issue 16, items 8, 9, 16, 17): FIFOs and devices, huge folders,
// names that are not UTF-8, files over the size limit. Each case is generated here and bounded in time.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverInputs, ioPath } from "../pipeline/discover.ts";
import { readInput } from "../pipeline/read-input.ts";
import { tempDir } from "./helpers.ts";

const fifo = (path: string) => execFileSync("mkfifo", [path]);

describe("only regular files are read", () => {
  it("gives /dev/zero and a FIFO named as inputs an error record, without reading them", { timeout: 10_000 }, async () => {
    const dir = tempDir();
    fifo(join(dir, "pipe.txt"));
    const { files, errors } = await discoverInputs(["/dev/zero", join(dir, "pipe.txt")]);
    expect(files).toEqual([]);
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ["unreadable", "cannot read /dev/zero: not a regular file (a character device)"],
      ["unreadable", `cannot read ${join(dir, "pipe.txt")}: not a regular file (a FIFO)`],
    ]);
  });

  it("reads a FIFO or a device never: the read is refused at once, with the reason", { timeout: 10_000 }, async () => {
    const dir = tempDir();
    fifo(join(dir, "pipe.txt"));
    // without a non-blocking open, opening a FIFO with no writer blocks forever
    expect(await readInput(join(dir, "pipe.txt"))).toEqual({ ok: false, error: { code: "unreadable", message: "not a regular file (a FIFO)" } });
    expect(await readInput("/dev/zero")).toEqual({ ok: false, error: { code: "unreadable", message: "not a regular file (a character device)" } });
  });

  it("refuses a file over the size limit, and follows a symbolic link to a regular file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "big.txt"), "x".repeat(3000));
    symlinkSync(join(dir, "big.txt"), join(dir, "link.txt"));
    const over = await readInput(join(dir, "big.txt"), 2048);
    expect(over.ok).toBe(false);
    expect(!over.ok && over.error.code).toBe("limit_exceeded");
    expect(!over.ok && over.error.message).toMatch(/over the limit of 0\.0 MB/);
    const read = await readInput(join(dir, "link.txt"), 3000);
    expect(read.ok && read.bytes.length).toBe(3000);
  });
});

describe("folders", () => {
  it("skips symbolic links, FIFOs and sockets inside a folder, and reports each once", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.txt"), "A deck\n");
    symlinkSync(join(dir, "a.txt"), join(dir, "b.txt"));
    fifo(join(dir, "c.txt"));
    const { files, skipped, errors } = await discoverInputs([dir]);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.source)).toEqual(["a.txt"]);
    expect(skipped.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: join(dir, "b.txt"), kind: "symbolic link" },
      { path: join(dir, "c.txt"), kind: "FIFO" },
    ]);
  });

  it("walks a subfolder of 130,000 files without overflowing the stack", { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const sub = join(dir, "many");
    mkdirSync(sub);
    for (let i = 0; i < 130_000; i++) writeFileSync(join(sub, `${i}.txt`), "");
    writeFileSync(join(dir, "top.txt"), "");
    const { files, errors } = await discoverInputs([dir]);
    expect(errors).toEqual([]);
    expect(files.length).toBe(130_001);
    expect(files[0]!.source).toBe("many/0.txt");
  });

  it("reads a file whose name is not valid UTF-8 by its bytes", async () => {
    const dir = tempDir();
    const name = Buffer.concat([Buffer.from(dir + "/"), Buffer.from([0x66, 0xe6, 0x6c, 0x2e, 0x74, 0x78, 0x74])]); // "fæl.txt" in Latin-1
    writeFileSync(name, "Fælles mål\n");
    const { files, errors } = await discoverInputs([dir]);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.source)).toEqual(["f\uFFFDl.txt"]);
    const read = await readInput(ioPath(files[0]!));
    expect(read.ok && Buffer.from(read.bytes).toString()).toBe("Fælles mål\n");
  });
});

describe("--jobs", () => {
  it("is lowered to the cores and to what memory holds, with the reason", async () => {
    const { clampJobs } = await import("../pipeline/thread-runner.ts");
    expect(clampJobs(64, { cores: 2, memoryMb: 24_000 }, 2048)).toEqual({ jobs: 2, reason: "--jobs 64 lowered to 2: this machine has 2 cores" });
    expect(clampJobs(16, { cores: 32, memoryMb: 8000 }, 2048)).toEqual({ jobs: 2, reason: "--jobs 16 lowered to 2: 2 threads at --worker-memory 2048 MB use three quarters of this machine's 8000 MB" });
    expect(clampJobs(2, { cores: 2, memoryMb: 24_000 }, 2048)).toEqual({ jobs: 2 });
    expect(clampJobs(4, { cores: 8, memoryMb: 1000 }, 2048)).toMatchObject({ jobs: 1 });
  });
});
