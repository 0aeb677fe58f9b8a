// The corpus survives what goes wrong around it (issue 16): an input folder that is empty or unmounted, a run that
// fails midway (a full disk). Spawns the CLI from source.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { inProcessIngest, readCorpus } from "./batch-helpers.ts";
import { cli, cliArgs, seed000, seed003, tempDir } from "./helpers.ts";

// The corpora the runs under test start from are made in this process (ingest() with the in-process runner).
const here = inProcessIngest();
afterAll(() => here.close());

async function twoDecks(): Promise<{ input: string; out: string }> {
  const dir = tempDir();
  const input = join(dir, "archive");
  mkdirSync(input);
  copyFileSync(seed000, join(input, "a.txt"));
  copyFileSync(seed003, join(input, "b.txt"));
  const out = join(dir, "out");
  expect(await here.run([input], out)).toMatchObject({ processed: 2, failed: 0 });
  return { input, out };
}

describe("the corpus is kept whole", () => {
  it("an empty input folder (an unmounted mount point) or one of unsupported files removes nothing: exit 5, unless --allow-mass-delete", async () => {
    const { out } = await twoDecks();
    const before = readCorpus(out);
    const empty = join(tempDir(), "mnt");
    mkdirSync(empty);
    const refused = cli(["ingest", empty, "--out", out, "--log", "text"]);
    expect(refused.status, refused.stderr).toBe(5);
    expect(refused.stderr).toMatch(/refusing to remove 2 of the corpus's 2 decks: the inputs hold no supported file .*--allow-mass-delete/);
    expect(readCorpus(out)).toEqual(before);
    writeFileSync(join(empty, "notes.xyz"), "not a deck");
    expect(cli(["ingest", empty, "--out", out, "--quiet"]).status).toBe(5);
    expect(readCorpus(out)).toEqual(before);
    const allowed = cli(["ingest", empty, "--out", out, "--quiet", "--allow-mass-delete"]);
    expect(allowed.status, allowed.stderr).toBe(1); // the folder itself is an input error (`empty`)
    expect(readCorpus(out)["records.jsonl"]).toBe("");
  });

  it("a run that fails (no space left on the device) exits 4 with one line, and leaves the previous corpus files intact", async () => {
    const { input, out } = await twoDecks();
    const before = readCorpus(out);
    copyFileSync(seed000, join(input, "c.txt"));
    // a full disk when records.jsonl is written again
    const preload = join(tempDir(), "enospc.mjs");
    writeFileSync(preload, `
      import fs from "node:fs/promises";
      import { syncBuiltinESMExports } from "node:module";
      const open = fs.open;
      fs.open = async (path, ...rest) => {
        if (String(path).includes("records.jsonl.tmp-")) {
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write", path: String(path) });
        }
        return open(path, ...rest);
      };
      syncBuiltinESMExports();`);
    const r = spawnSync(process.execPath, ["--import", preload, ...cliArgs, "ingest", input, "--out", out, "--quiet"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^slidecorpus: the run failed \(ENOSPC: no space left on device, write\); .*previous corpus files are intact/);
    expect(readCorpus(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => n.includes(".tmp"))).toEqual([]);
    // the next run goes on from there: the committed deck is kept
    const next = cli(["ingest", input, "--out", out, "--quiet"]);
    expect(next.status, next.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ processed: 0, skipped: 3, corpus: { decks: 3 } });
  });

  it("a damaged index.sqlite (pages overwritten past the header, rows deleted) is searched around from the JSONL, and rebuilt by the next ingest", async () => {
    const { input, out } = await twoDecks();
    const index = join(out, "index.sqlite");
    const hits = (r: { stdout: string }) => (JSON.parse(r.stdout) as { record: { id: string } }[]).map((h) => h.record.id).sort();
    const good = cli(["search", "tillid", "-c", out, "--json", "-n", "1000"]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stderr).toBe("");
    const expected = hits(good);
    expect(expected.length).toBeGreaterThan(0);
    const intact = readFileSync(index);
    // garbage over the second half of the file: the header and the first pages are whole
    const damaged = Buffer.from(intact);
    for (let i = Math.floor(damaged.length / 2); i < damaged.length; i++) damaged[i] = (i * 7919) & 0xff;
    writeFileSync(index, damaged);
    const fallback = cli(["search", "tillid", "-c", out, "--json", "-n", "1000"]);
    expect(fallback.status, fallback.stderr).toBe(0);
    expect(fallback.stderr).toMatch(/searching records\.jsonl instead/);
    expect(hits(fallback)).toEqual(expected);
    expect(await here.run([input], out)).toMatchObject({ failed: 0 });
    const after = cli(["search", "tillid", "-c", out, "--json", "-n", "1000"]);
    expect(after.stderr).toBe("");
    expect(hits(after)).toEqual(expected);
    // rows deleted: a well-formed index that holds fewer records than the manifest counts
    const db = new DatabaseSync(index);
    db.exec("DELETE FROM records WHERE rowid IN (SELECT rowid FROM records LIMIT 5)");
    db.close();
    expect(await here.run([input], out)).toMatchObject({ failed: 0 });
    const whole = new DatabaseSync(index, { readOnly: true });
    const count = (whole.prepare("SELECT count(*) AS n FROM records").get() as { n: number }).n;
    whole.close();
    expect(count).toBe(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).corpus.records);
    expect(hits(cli(["search", "tillid", "-c", out, "--json", "-n", "1000"]))).toEqual(expected);
  });
});
