// The corpus store in process (no CLI): atomic files, the manifest journal, the lock, and the store that commits,
// replaces, removes and recovers decks. Each test works in its own temporary folder.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AtomicFileWriter, isTempPath, removeTemps, replaceFile, tempPathFor, writeAtomic } from "../corpus/store/atomic.ts";
import { acquireLock, LockError, STALE_AFTER_MS } from "../corpus/store/lock.ts";
import { Manifest } from "../corpus/store/manifest.ts";
import { CorpusStore, DamagedPartError, type Part } from "../corpus/store/store.ts";
import { JournalLine, LockOwner } from "../model/store.ts";
import { processDocument } from "../pipeline/process.ts";
import { defaultTaxonomy } from "../corpus/enrich/default-taxonomy.ts";
import { loadSqlite } from "../corpus/search/sqlite.ts";
import { syncSearchIndex } from "../corpus/search/sync.ts";
import { root, seed000, seed003, tempDir } from "./helpers.ts";

/** A pid that is certainly not running: a child that has exited. */
const deadPid = (): number => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);

const temps = (dir: string) => readdirSync(dir).filter((n) => n.includes(".tmp"));

describe("atomic files", () => {
  it("one temp-name scheme: unique names beside the file, recognised by the clean-up", () => {
    const a = tempPathFor("/x/records.jsonl");
    const b = tempPathFor("/x/records.jsonl");
    expect(a).not.toBe(b);
    expect(a.startsWith(`/x/records.jsonl.tmp-${process.pid}-`)).toBe(true);
    for (const name of [a, b, "index.sqlite.tmp-41", "index.sqlite.tmp-41-3-journal", "lock.tmp-9-1"]) expect(isTempPath(name), name).toBe(true);
    for (const name of ["records.jsonl", "notes.tmp.txt", "index.sqlite-journal", "deck.tmp-a-1"]) expect(isTempPath(name), name).toBe(false);
  });

  it("writeAtomic replaces a file whole and leaves no temporary", async () => {
    const dir = tempDir();
    const path = join(dir, "f.json");
    await writeAtomic(path, "old\n");
    await writeAtomic(path, "new\n");
    expect(readFileSync(path, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["f.json"]);
  });

  it("a file being replaced shows its old content until the new one is complete; a failed build changes nothing", async () => {
    const dir = tempDir();
    const path = join(dir, "index.bin");
    writeFileSync(path, "old");
    const seen = await replaceFile(path, async (tmp) => {
      writeFileSync(tmp, "half");
      const during = readFileSync(path, "utf8");
      writeFileSync(tmp, "half and the rest");
      return during;
    });
    expect(seen).toBe("old");
    expect(readFileSync(path, "utf8")).toBe("half and the rest");
    await expect(replaceFile(path, async (tmp) => {
      writeFileSync(tmp, "broken");
      throw new Error("build failed");
    })).rejects.toThrow("build failed");
    expect(readFileSync(path, "utf8")).toBe("half and the rest");
    expect(readdirSync(dir)).toEqual(["index.bin"]);
  });

  it("a streamed file (over a MiB, flushed in parts) appears only when committed, and an abort leaves the old one", async () => {
    const dir = tempDir();
    const path = join(dir, "records.jsonl");
    writeFileSync(path, "old\n");
    const line = JSON.stringify({ text: "æøå ".repeat(100) }) + "\n";
    const w = await AtomicFileWriter.open(path);
    for (let i = 0; i < 4000; i++) await w.write(line);
    expect(readFileSync(path, "utf8")).toBe("old\n");
    expect(temps(dir)).toHaveLength(1);
    await w.commit();
    const text = readFileSync(path, "utf8");
    expect(Buffer.byteLength(text)).toBeGreaterThan(1 << 20);
    expect(text).toBe(line.repeat(4000));
    const aborted = await AtomicFileWriter.open(path);
    await aborted.write("never\n");
    await aborted.abort();
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(readdirSync(dir)).toEqual(["records.jsonl"]);
  });

  it("the clean-up removes the temporaries of dead processes and of this pid, not those of a live one", async () => {
    const dir = tempDir();
    const dead = deadPid();
    const names = {
      dead: `records.jsonl.tmp-${dead}-1`,
      deadLegacy: `index.sqlite.tmp-${dead}`,
      deadJournal: `index.sqlite.tmp-${dead}-2-journal`,
      ours: `run.json.tmp-${process.pid}-7`,
      live: `export.csv.tmp-${process.ppid}-1`,
      other: "notes.tmp.txt",
    };
    for (const n of Object.values(names)) writeFileSync(join(dir, n), "x");
    const removed = await removeTemps(dir);
    expect(removed.sort()).toEqual([names.dead, names.deadJournal, names.deadLegacy, names.ours].sort());
    expect(readdirSync(dir).sort()).toEqual([names.live, names.other].sort());
    expect(await removeTemps(join(dir, "missing"))).toEqual([]);
  });
});

describe("the manifest journal", () => {
  const entry = (source: string, part = `${source}.jsonl`) => ({
    source, sha256: "a".repeat(64), pipelineVersion: "1", ok: true, part, records: 3, slides: 2, ocrPages: 0, size: 10, mtimeMs: 1,
  });

  it("keeps puts and deletes across a reopen, compacted to a header and one line per entry in source order", async () => {
    const path = join(tempDir(), "manifest.jsonl");
    const m = await Manifest.open(path);
    await m.put(entry("b.txt"));
    await m.put(entry("a.txt"));
    await m.put(entry("c.txt"));
    await m.delete("c.txt");
    await m.put({ ...entry("a.txt"), records: 5 });
    await m.close();
    expect(readFileSync(path, "utf8").split("\n").filter(Boolean)).toHaveLength(6); // header + 5 appended changes
    const again = await Manifest.open(path);
    expect(again.sorted().map((e) => [e.source, e.records])).toEqual([["a.txt", 5], ["b.txt", 3]]);
    const lines = readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JournalLine.parse(JSON.parse(l)));
    expect(lines.map((l) => (l.op === "header" ? "header" : `${l.op} ${l.source}`))).toEqual(["header", "put a.txt", "put b.txt"]);
    await again.close();
  });

  it("ignores a line torn by a crash (that deck was not committed) and drops it from the rewritten journal", async () => {
    const path = join(tempDir(), "manifest.jsonl");
    const m = await Manifest.open(path);
    await m.put(entry("a.txt"));
    await m.close();
    appendFileSync(path, JSON.stringify({ op: "put", ...entry("b.txt") }).slice(0, 40));
    const again = await Manifest.open(path);
    expect([...again.sources()]).toEqual(["a.txt"]);
    expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
    expect(readFileSync(path, "utf8")).not.toContain("b.txt");
    await again.put(entry("c.txt"));
    await again.close();
    const third = await Manifest.open(path);
    expect([...third.sources()].sort()).toEqual(["a.txt", "c.txt"]);
    await third.close();
  });
});

describe("the lock", () => {
  const owner = (pid: number, host = hostname(), startedAt = new Date().toISOString()) => JSON.stringify({ pid, hostname: host, startedAt });

  it("is taken with this process as owner, leaves no temporary, and is gone once released", async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir);
    expect(LockOwner.parse(JSON.parse(readFileSync(lock.path, "utf8")))).toEqual({ pid: process.pid, hostname: hostname(), startedAt: lock.owner.startedAt });
    expect(lock.tookOver).toBeUndefined();
    expect(readdirSync(dir)).toEqual(["lock"]);
    await lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("is refused while a live process on this host holds it, or a lock from another host is fresh, or the file is damaged", async () => {
    const dir = tempDir();
    const path = join(dir, "lock");
    writeFileSync(path, owner(process.ppid));
    const refused = await acquireLock(dir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LockError);
    expect((refused as LockError).owner?.pid).toBe(process.ppid);
    writeFileSync(path, owner(123, "another-host.example"));
    await expect(acquireLock(dir)).rejects.toThrow(/another host is taken over once not refreshed for 10 minutes/);
    writeFileSync(path, "{\"pid\": \"12\"");
    const damaged = await acquireLock(dir).catch((e: unknown) => e);
    expect((damaged as LockError).owner).toBeUndefined();
    expect(readdirSync(dir)).toEqual(["lock"]);
  });

  it("is taken over when stale: its process is gone, or another host stopped refreshing it", async () => {
    const dir = tempDir();
    const path = join(dir, "lock");
    const dead = deadPid();
    writeFileSync(path, owner(dead));
    const lock = await acquireLock(dir);
    expect(lock.tookOver?.pid).toBe(dead);
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    lock.releaseSync();
    writeFileSync(path, owner(123, "another-host.example"));
    const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    utimesSync(path, old, old);
    const remote = await acquireLock(dir);
    expect(remote.tookOver).toMatchObject({ pid: 123, hostname: "another-host.example" });
    await remote.release();
  });

  it("is taken over when its pid was reused (the running process started after the lock was taken), and when left empty or garbage long ago", async () => {
    const dir = tempDir();
    const path = join(dir, "lock");
    // the parent process is running, but it started long after this lock was taken: another process has that pid now
    writeFileSync(path, owner(process.ppid, hostname(), "2000-01-01T00:00:00.000Z"));
    const reused = await acquireLock(dir);
    expect(reused.tookOver?.pid).toBe(process.ppid);
    await reused.release();
    for (const garbage of ["", "\u0000\u0000\u0000", '{"pid": 12']) {
      writeFileSync(path, garbage);
      await expect(acquireLock(dir), JSON.stringify(garbage)).rejects.toBeInstanceOf(LockError); // fresh: maybe being refreshed
      const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
      utimesSync(path, old, old);
      const lock = await acquireLock(dir);
      expect(JSON.parse(readFileSync(path, "utf8")).pid, JSON.stringify(garbage)).toBe(process.pid);
      await lock.release();
    }
  });

  it("is released only while it is still ours", async () => {
    const dir = tempDir();
    const path = join(dir, "lock");
    const lock = await acquireLock(dir);
    const other = owner(process.ppid);
    writeFileSync(path, other); // taken over by another run meanwhile
    await lock.release();
    expect(readFileSync(path, "utf8")).toBe(other);
    const again = await acquireLock(dir).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(LockError);
    rmSync(path);
    const sync = await acquireLock(dir);
    writeFileSync(path, other);
    sync.releaseSync();
    expect(readFileSync(path, "utf8")).toBe(other);
  });
});

describe("the corpus store", () => {
  let seeds: Part[] = [];
  beforeAll(async () => {
    seeds = [];
    for (const [source, path] of [["a/seed0.txt", seed000], ["b/seed3.txt", seed003]] as const) {
      const r = await processDocument(readFileSync(path), source);
      if (!r.ok) throw new Error(r.error.message);
      seeds.push({ source, sha256: r.deck.sha256, pipelineVersion: r.deck.pipelineVersion, ok: true, deck: r.deck, records: r.records });
    }
  });
  const stat = { size: 100, mtimeMs: 5 };
  const partFiles = (store: CorpusStore) => readdirSync(store.partsDir);

  it("commits a deck durably: its part reads back whole, and the corpus files list it", async () => {
    const out = tempDir();
    const committed: string[] = [];
    const store = await CorpusStore.open(out, { deckCommitted: (p) => void committed.push(p.source) });
    for (const part of seeds) await store.commit(part, stat);
    expect(committed).toEqual(["a/seed0.txt", "b/seed3.txt"]);
    expect(await store.readPart("a/seed0.txt")).toEqual(seeds[0]);
    expect(store.entry("b/seed3.txt")).toMatchObject({ ok: true, records: seeds[1]!.records.length, slides: seeds[1]!.deck.slideCount, size: 100, mtimeMs: 5 });
    const { assembled, totals } = await store.assemble([]);
    expect(assembled).toBe(true);
    expect(totals).toEqual({ decks: 2, records: seeds[0]!.records.length + seeds[1]!.records.length, errors: 0 });
    const records = readFileSync(join(out, "records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { source: string });
    expect(records.map((r) => r.source)).toEqual([...seeds[0]!.records, ...seeds[1]!.records].map((r) => r.source));
    expect(readFileSync(join(out, "decks.jsonl"), "utf8")).toBe(seeds.map((p) => JSON.stringify(p.ok && p.deck) + "\n").join(""));
    expect((await store.assemble([])).assembled).toBe(false); // nothing changed: nothing rewritten
    await store.close();
    expect(temps(out)).toEqual([]);
  });

  it("writes U+2028/U+2029 escaped in parts and corpus files, so every line reader reads them whole", async () => {
    const out = tempDir();
    const store = await CorpusStore.open(out);
    const seed = seeds[0]! as Extract<Part, { ok: true }>;
    const odd: Part = { ...seed, records: seed.records.map((r, i) => (i === 0 ? { ...r, text: `a\u2028b\u2029c` } : r)) };
    await store.commit(odd, stat);
    await store.assemble([]);
    const text = readFileSync(join(out, "records.jsonl"), "utf8");
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(text.split("\n")[0]!).text).toBe("a\u2028b\u2029c");
    expect(await store.readPart(odd.source)).toEqual(odd);
    await store.close();
  });

  it("replaces a deck's results with new content, and removes a deck, deleting their part files", async () => {
    const out = tempDir();
    const removed: string[] = [];
    const store = await CorpusStore.open(out, { deckRemoved: (s) => void removed.push(s) });
    await store.commit(seeds[0]!, stat);
    const first = store.entry("a/seed0.txt")!.part;
    const failed: Part = { source: "a/seed0.txt", sha256: "b".repeat(64), pipelineVersion: seeds[0]!.pipelineVersion, ok: false,
      error: { source: "a/seed0.txt", stage: "extract", code: "corrupt", message: "bad bytes", sha256: "b".repeat(64) } };
    await store.commit(failed, stat);
    expect(store.entry("a/seed0.txt")!.part).not.toBe(first);
    expect(partFiles(store)).toEqual([store.entry("a/seed0.txt")!.part]);
    expect(await store.readPart("a/seed0.txt")).toEqual(failed);
    expect(store.totals()).toEqual({ decks: 0, records: 0, errors: 1 });
    await store.remove("a/seed0.txt");
    expect(removed).toEqual(["a/seed0.txt"]);
    expect(store.size).toBe(0);
    expect(partFiles(store)).toEqual([]);
    await store.close();
    const reopened = await CorpusStore.open(out);
    expect(reopened.size).toBe(0);
    await reopened.close();
  });

  it("refuses, before writing anything, a commit whose manifest entry breaks the model", async () => {
    const out = tempDir();
    const store = await CorpusStore.open(out);
    await expect(store.commit({ ...seeds[0]!, sha256: "not a hash" } as Part, stat)).rejects.toThrow();
    expect(partFiles(store)).toEqual([]);
    expect(store.size).toBe(0);
    await store.close();
  });

  it("recovers at open: a lost part drops its entry, an orphan part and a torn manifest line are ignored and removed", async () => {
    const out = tempDir();
    const store = await CorpusStore.open(out);
    for (const part of seeds) await store.commit(part, stat);
    const lost = store.entry("a/seed0.txt")!.part;
    await store.close();
    rmSync(join(store.partsDir, lost));
    writeFileSync(join(store.partsDir, "orphan.jsonl"), "{}\n");
    appendFileSync(join(store.stateDir, "manifest.jsonl"), '{"op":"put","source":"c.txt","sha');
    const reopened = await CorpusStore.open(out);
    expect(reopened.recovered).toEqual(["a/seed0.txt"]);
    expect([...reopened.sources()]).toEqual(["b/seed3.txt"]);
    expect(partFiles(reopened)).toEqual([reopened.entry("b/seed3.txt")!.part]);
    expect(await reopened.readPart("b/seed3.txt")).toEqual(seeds[1]);
    expect(readFileSync(join(reopened.stateDir, "manifest.jsonl"), "utf8")).not.toContain("c.txt");
    await reopened.close();
  });

  it("removes at open the temporaries a killed process left in the output folder, schema/ and the state folder", async () => {
    const out = tempDir();
    const dead = deadPid();
    mkdirSync(join(out, "schema"));
    mkdirSync(join(out, ".slidecorpus", "parts"), { recursive: true });
    const left = [`records.jsonl.tmp-${dead}-1`, `schema/record.schema.json.tmp-${dead}-2`, `.slidecorpus/manifest.jsonl.tmp-${dead}-3`,
      `.slidecorpus/lock.tmp-${dead}-4`, `.slidecorpus/parts/x.jsonl.tmp-${dead}-5`];
    for (const name of left) writeFileSync(join(out, name), "half");
    await (await CorpusStore.open(out)).close();
    for (const name of left) expect(existsSync(join(out, name)), name).toBe(false);
  });

  it("a rebuild of index.sqlite killed midway (SIGKILL) leaves its temporary, which the store's start-up removes", async () => {
    const out = tempDir();
    // the rebuild runs in a child process, stopped while it fills the new index, and is killed there
    const script = `
      const { syncIndex } = await import(${JSON.stringify(pathToFileURL(join(root, "corpus/search/fts-index.ts")).href)});
      setInterval(() => {}, 1000);
      await syncIndex(${JSON.stringify(join(out, "index.sqlite"))}, [{ source: "a.txt", sha256: "0".repeat(64), pipelineVersion: "v" }], async () => {
        process.stdout.write("filling\\n");
        return new Promise(() => {});
      });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("filling") && resolve());
      void exited.then((code) => reject(new Error(`the rebuild ended (${String(code)}) before it was killed`)));
    });
    child.kill("SIGKILL");
    await exited;
    expect(readdirSync(out).filter((n) => n.startsWith("index.sqlite.tmp-"))).toHaveLength(1);
    expect(existsSync(join(out, "index.sqlite"))).toBe(false);
    await (await CorpusStore.open(out)).close();
    expect(temps(out)).toEqual([]);
  });

  it("checks each part as it is read: a damaged one (garbage appended, cut, a record edited, the header damaged) is discarded and named, never assembled", async () => {
    const damages: [string, (text: string) => string][] = [
      ["garbage appended", (t) => t + '{"id":"forged"}\n'],
      ["cut short", (t) => t.slice(0, Math.floor(t.length / 2))],
      ["a record edited", (t) => t.replace(/"text":"(.)/, (_m, c: string) => `"text":"${c === "X" ? "Y" : "X"}`)],
      ["header damaged", (t) => "\u0000garbage" + t.slice(t.indexOf("\n"))],
    ];
    for (const [what, damage] of damages) {
      const out = tempDir();
      const removed: string[] = [];
      const store = await CorpusStore.open(out, { deckRemoved: (s) => void removed.push(s) });
      for (const part of seeds) await store.commit(part, stat);
      await store.assemble([]);
      const before = readFileSync(join(out, "records.jsonl"), "utf8");
      const partPath = join(store.partsDir, store.entry("a/seed0.txt")!.part);
      writeFileSync(partPath, damage(readFileSync(partPath, "utf8")));
      const error = await store.assemble([], undefined, { force: true }).catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(DamagedPartError);
      expect((error as DamagedPartError).damaged.map((d) => d.source), what).toEqual(["a/seed0.txt"]);
      // discarded: the entry and the file are gone (the deck is processed again), the corpus files untouched
      expect(store.entry("a/seed0.txt"), what).toBeUndefined();
      expect(existsSync(partPath), what).toBe(false);
      expect(removed, what).toEqual(["a/seed0.txt"]);
      expect(readFileSync(join(out, "records.jsonl"), "utf8"), what).toBe(before);
      expect(temps(out), what).toEqual([]);
      await store.assemble([]);
      expect(readFileSync(join(out, "records.jsonl"), "utf8"), what).not.toContain("seed0");
      await store.close();
    }
    // read one at a time (the search index's reads) it is checked too
    const out = tempDir();
    const store = await CorpusStore.open(out);
    await store.commit(seeds[1]!, stat);
    appendFileSync(join(store.partsDir, store.entry("b/seed3.txt")!.part), "garbage\n");
    await expect(store.readPart("b/seed3.txt")).rejects.toBeInstanceOf(DamagedPartError);
    expect(store.size).toBe(0);
    await store.close();
  });

  it("syncs the search index looking at it once per run, and reads the taxonomy's labels once per run, not per deck", async () => {
    const out = tempDir();
    const store = await CorpusStore.open(out);
    for (const part of seeds) await store.commit(part, stat);
    const taxonomy = defaultTaxonomy();
    const { DatabaseSync } = loadSqlite();
    const prepare = vi.spyOn(DatabaseSync.prototype, "prepare");
    /** What one sync did, and how often it ran a page check and read the stored labels. */
    const sync = async () => {
      prepare.mockClear();
      const result = await syncSearchIndex(store, taxonomy);
      const sql = prepare.mock.calls.map(([s]) => s);
      return { result, checks: sql.filter((s) => s.includes("quick_check")).length, labelReads: sql.filter((s) => s.includes("FROM concepts")).length };
    };
    const indexed = () => {
      const db = new DatabaseSync(join(out, "index.sqlite"), { readOnly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM records_fts").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    try {
      // missing: built, the labels read once for both decks
      expect(await sync()).toEqual({ result: { rebuilt: "missing", replaced: 2, removed: 0 }, checks: 0, labelReads: 1 });
      expect(indexed()).toBe(store.totals().records);
      // unchanged: one look, nothing written
      expect(await sync()).toEqual({ result: { replaced: 0, removed: 0 }, checks: 1, labelReads: 0 });
      // rows lost from the index: the one look finds the count wrong, and the index is rebuilt
      const db = new DatabaseSync(join(out, "index.sqlite"));
      const firstRows = "SELECT rowid FROM records ORDER BY rowid LIMIT 3";
      db.exec(`DELETE FROM records_fts WHERE rowid IN (${firstRows}); DELETE FROM records WHERE rowid IN (${firstRows});`);
      db.close();
      const lost = await sync();
      expect(lost).toMatchObject({ result: { replaced: 2, removed: 0 }, checks: 1, labelReads: 1 });
      expect(lost.result?.rebuilt).toBe(`${store.totals().records - 3} records indexed, ${store.totals().records} in the corpus`);
      expect(indexed()).toBe(store.totals().records);
      // one deck changed: updated in place, one look
      const [first] = seeds;
      await store.commit({ ...first!, sha256: "f".repeat(64) }, stat);
      expect(await sync()).toEqual({ result: { replaced: 1, removed: 0 }, checks: 1, labelReads: 1 });
      expect(await sync()).toEqual({ result: { replaced: 0, removed: 0 }, checks: 1, labelReads: 0 });
    } finally {
      prepare.mockRestore();
      await store.close();
    }
  });

  it("writes the corpus files again when they differ from the stamp (cut, replaced by garbage of the same size), and always when forced", async () => {
    const out = tempDir();
    const store = await CorpusStore.open(out);
    for (const part of seeds) await store.commit(part, stat);
    await store.assemble([]);
    const files = ["records.jsonl", "decks.jsonl", "errors.jsonl", "schema/record.schema.json"];
    const good = new Map(files.map((f) => [f, readFileSync(join(out, f), "utf8")]));
    expect((await store.assemble([])).assembled).toBe(false);
    const damages: [string, (text: string) => string][] = [
      ["records.jsonl", (t) => t.slice(0, 100)],
      ["decks.jsonl", (t) => "x".repeat(Buffer.byteLength(t))],
      ["errors.jsonl", () => "{}\n"],
      ["schema/record.schema.json", (t) => t.replace("record", "r3cord")],
    ];
    for (const [file, damage] of damages) {
      writeFileSync(join(out, file), damage(good.get(file)!));
      expect((await store.assemble([])).assembled, file).toBe(true);
      for (const f of files) expect(readFileSync(join(out, f), "utf8"), `${file}: ${f}`).toBe(good.get(f));
    }
    expect((await store.assemble([])).assembled).toBe(false);
    expect((await store.assemble([], undefined, { force: true })).assembled).toBe(true);
    await store.close();
  });
});
