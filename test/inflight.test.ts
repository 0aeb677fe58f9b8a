// The in-flight journal (corpus/store/inflight.ts) on its own: which documents it finds in flight at a death, how it
// counts deaths, and what does not count as one. A death is a journal left open (never closed): the next open
// reads it as the process having died.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INFLIGHT_FILE, InflightJournal } from "../corpus/store/inflight.ts";
import { tempDir } from "./helpers.ts";

const never = () => false;

/** Opens the journal of a fresh (or given) state folder. */
async function openIn(dir: string, committed: (source: string, sha: string) => boolean = never) {
  mkdirSync(dir, { recursive: true });
  return InflightJournal.open(dir, committed);
}

describe("the in-flight journal", () => {
  it("finds the documents a dead process had in flight, and counts their deaths", async () => {
    const dir = tempDir("slidecorpus-inflight-");
    const a = await openIn(dir);
    expect(a.list()).toEqual([]);
    await a.start("a.pdf", "h1", false);
    await a.start("b.pdf", "h2", false);
    await a.start("c.pdf", "h3", false);
    await a.end("c.pdf"); // committed
    // the process dies here: no close()
    const b = await openIn(dir);
    expect(b.list()).toEqual([
      { source: "a.pdf", sha256: "h1", crashes: 1, alone: false },
      { source: "b.pdf", sha256: "h2", crashes: 1, alone: false },
    ]);
    // the next run takes the suspects one at a time: b is fine, a kills the process again, alone
    await b.start("b.pdf", "h2", true);
    await b.end("b.pdf");
    await b.start("a.pdf", "h1", true);
    const c = await openIn(dir);
    expect(c.list()).toEqual([{ source: "a.pdf", sha256: "h1", crashes: 2, alone: true }]);
    // recorded and committed by that run: no suspect any more, also after a clean close
    await c.end("a.pdf");
    await c.close();
    const d = await openIn(dir);
    expect(d.list()).toEqual([]);
    await d.close();
  });

  it("does not count a document twice in flight at one death as alone, nor old deaths of other content", async () => {
    const dir = tempDir("slidecorpus-inflight-");
    const a = await openIn(dir);
    await a.start("a.pdf", "h1", false);
    const b = await openIn(dir);
    expect(b.suspect("a.pdf")).toMatchObject({ crashes: 1 });
    // processed alone, but beside another document (a suspect's run does not do that; the journal still tells)
    await b.start("a.pdf", "h1", true);
    await b.start("z.pdf", "h9", false);
    const c = await openIn(dir);
    expect(c.suspect("a.pdf")).toMatchObject({ crashes: 2, alone: false });
    expect(c.suspect("z.pdf")).toMatchObject({ crashes: 1, alone: false });
    // the file changed: its new content's deaths start again from one
    await c.start("a.pdf", "h1-new", false);
    const d = await openIn(dir);
    expect(d.suspect("a.pdf")).toEqual({ source: "a.pdf", sha256: "h1-new", crashes: 1, alone: false });
    await d.close();
  });

  it("a process that ended by itself, or a result committed before the death, makes no suspect", async () => {
    const dir = tempDir("slidecorpus-inflight-");
    const a = await openIn(dir);
    await a.start("a.pdf", "h1", false);
    await a.close(); // a run stopped (Ctrl-C): what was in flight was stopped, it did not crash anything
    const again = await openIn(dir);
    expect(again.list()).toEqual([]);
    await again.close();

    const dir2 = tempDir("slidecorpus-inflight-");
    const b = await openIn(dir2);
    await b.start("a.pdf", "h1", false);
    await b.start("b.pdf", "h2", false);
    // the `exit` line process.exit() leaves (written synchronously from the exit handler)
    appendFileSync(join(dir2, INFLIGHT_FILE), '{"op":"exit"}\n');
    const again2 = await openIn(dir2);
    expect(again2.list()).toEqual([]);
    await again2.close();

    const dir3 = tempDir("slidecorpus-inflight-");
    const c = await openIn(dir3);
    await c.start("a.pdf", "h1", false);
    await c.start("b.pdf", "h2", false);
    // a's result reached the store, its `end` line did not reach the disk
    const committed = (source: string, sha: string) => source === "a.pdf" && sha === "h1";
    const again3 = await openIn(dir3, committed);
    expect(again3.list().map((s) => s.source)).toEqual(["b.pdf"]);
    await again3.close();
  });

  it("ignores a line torn by the death and garbage, and forgets suspects that are no longer inputs", async () => {
    const dir = tempDir("slidecorpus-inflight-");
    writeFileSync(join(dir, INFLIGHT_FILE), '{"op":"run","pid":1,"at":"x"}\n{"op":"start","source":"a.pdf","sha256":"h1","alone":false}\n{"op":"start","sou');
    const a = await openIn(dir);
    expect(a.list().map((s) => s.source)).toEqual(["a.pdf"]);
    a.retain((source) => source !== "a.pdf");
    await a.close();
    const b = await openIn(dir);
    expect(b.list()).toEqual([]);
    // rewritten at each open: one line per suspect, then the run's own line
    const lines = readFileSync(join(dir, INFLIGHT_FILE), "utf8").split("\n").filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { op: string }).op)).toEqual(["run"]);
    await b.close();
  });
});
