// PDFs through the command line: extract prints pages, ingest turns every bad PDF into an error record and
// keeps the good ones, and OCR works with the network off and lets the process exit.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, cliArgs, fixture, readJsonl, tempDir } from "./helpers.ts";

const pdf = (name: string) => fixture("pdf", name);

describe("slidecorpus extract deck.pdf", () => {
  it("prints the pages separated by form feeds", () => {
    const r = cli(["extract", pdf("text-danish.pdf"), "--raw"]);
    expect(r.status).toBe(0);
    const pages = r.stdout.replace(/\n$/, "").split("\f");
    expect(pages).toHaveLength(2);
    expect(pages[0]!.split("\n")[0]).toBe("Fælles løsninger på tværs");
    expect(pages[1]).toContain("Ældrepleje\t412\t437");
    // normalized output (the default) keeps the page structure
    expect(cli(["extract", pdf("text-danish.pdf")]).stdout.split("\f")).toHaveLength(2);
  });

  it("--json prints per page the method, confidence, reason and lines with their layout", () => {
    const r = cli(["extract", pdf("two-columns.pdf"), "--json"]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { format: string; pages: { page: number; method: string; confidence: null; reason: null; lines: { text: string; fontSize: number; x: number }[] }[] };
    expect(doc.format).toBe("pdf");
    expect(doc.pages[0]).toMatchObject({ page: 1, method: "text", confidence: null, reason: null });
    expect(doc.pages[0]!.lines[0]).toMatchObject({ text: "To spor i reformen", fontSize: 26, x: 48 });
    expect(doc.pages[0]!.lines[5]).toMatchObject({ text: "Medarbejderne får større", x: 380 });
  });

  it("--json shows a page without text with no lines; --ocr-workers takes a whole number of workers", () => {
    const r = cli(["extract", pdf("image-only.pdf"), "--json", "--ocr", "never"]);
    expect(JSON.parse(r.stdout).pages).toEqual([{ page: 1, method: "text", confidence: null, reason: null, lines: [] }]);
    const bad = cli(["extract", pdf("image-only.pdf"), "--ocr-workers", "0"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--ocr-workers must be an integer >= 1, got "0"/);
  });

  it("fails with the error code on a bad PDF", () => {
    expect(cli(["extract", pdf("bad/encrypted.pdf")]).stderr).toMatch(/^slidecorpus: encrypted: .*--password/);
    expect(cli(["extract", pdf("bad/encrypted.pdf"), "--password", "hemmelig", "--raw"]).stdout).toMatch(/^Fælles løsninger på tværs\n/);
    expect(cli(["extract", pdf("bad/garbage.pdf")]).stderr).toMatch(/^slidecorpus: corrupt: /);
  });
});

describe("start-up of one extract", () => {
  // A module-load hook lists every file the process imports: a born-digital deck read with OCR off pays for
  // neither tesseract.js nor the canvas add-on (pdf.js loads the add-on as it loads unless it is deferred).
  const dir = tempDir("slidecorpus-startup-");
  const hook = join(dir, "trace-loads.mjs");
  writeFileSync(hook, `import { registerHooks } from "node:module"; import { appendFileSync } from "node:fs";
registerHooks({ load(url, context, next) { appendFileSync(process.env.TRACE_LOADS, url + "\\n"); return next(url, context); } });`);
  const traced = (args: string[]) => {
    const trace = join(dir, "loaded.txt");
    rmSync(trace, { force: true });
    const r = spawnSync(process.execPath, [...cliArgs, ...args], {
      encoding: "utf8", timeout: 300_000,
      env: { ...process.env, FORCE_COLOR: "0", TRACE_LOADS: trace, NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` },
    });
    return { ...r, loaded: readFileSync(trace, "utf8") };
  };

  it("loads neither tesseract.js nor the canvas add-on for a text-layer PDF with --ocr never, and prints the same", () => {
    const r = traced(["extract", pdf("text-danish.pdf"), "--ocr", "never", "--json"]);
    expect(r.status).toBe(0);
    expect(r.loaded).toContain("/pdfjs-dist/legacy/build/pdf.mjs");
    expect(r.loaded).toContain("/extractors/pdf/extract.ts");
    expect(r.loaded).not.toContain("/tesseract.js/");
    expect(r.loaded).not.toContain("/@napi-rs/canvas/index.js");
    expect(r.stdout).toBe(cli(["extract", pdf("text-danish.pdf"), "--ocr", "never", "--json"]).stdout);
    expect(JSON.parse(r.stdout).pages[0].lines[0].text).toBe("Fælles løsninger på tværs");
  });

  it("loads both when a page goes to OCR (the deferred canvas draws it)", () => {
    const r = traced(["extract", pdf("image-only.pdf"), "--ocr-workers", "1"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("udvalget");
    expect(r.loaded).toContain("/tesseract.js/");
    expect(r.loaded).toContain("/@napi-rs/canvas/index.js");
  });
});

describe("slidecorpus ingest over good and broken PDFs", () => {
  it("writes one error record per bad file and the records of the good ones", () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    for (const f of ["text-danish.pdf", "two-columns.pdf", "bad/encrypted.pdf", "bad/truncated.pdf", "bad/garbage.pdf", "bad/not-a-pdf.pdf"]) {
      copyFileSync(pdf(f), join(inputs, basename(f)));
    }
    writeFileSync(join(inputs, "zero.pdf"), "");
    const out = join(dir, "out");
    const r = cli(["ingest", inputs, "--out", out, "--quiet"]);
    expect(r.status).toBe(1);
    const errors = readJsonl<{ source: string; code: string; stage: string }>(join(out, "errors.jsonl"));
    expect(errors.map((e) => [e.source, e.code, e.stage])).toEqual([
      ["encrypted.pdf", "encrypted", "extract"],
      ["garbage.pdf", "corrupt", "extract"],
      ["not-a-pdf.pdf", "not_pdf", "extract"],
      ["truncated.pdf", "corrupt", "extract"],
      ["zero.pdf", "empty", "extract"],
    ]);
    const decks = readJsonl<{ source: string; format: string; title: string; author: string; slides: { method: string }[] }>(join(out, "decks.jsonl"));
    expect(decks.map((d) => [d.source, d.format, d.slides.length])).toEqual([["text-danish.pdf", "pdf", 2], ["two-columns.pdf", "pdf", 1]]);
    expect(decks[0]!.author).toBe("Niels Højberg");
    const records = readJsonl<{ source: string; slide: number; text: string; method: string }>(join(out, "records.jsonl"));
    // the columns are read one after the other, never interleaved line by line
    const twoColumns = records.filter((x) => x.source === "two-columns.pdf").map((x) => x.text).join("\n");
    expect(twoColumns).toContain("til kommunen, uanset om det gælder skole, ældrepleje eller beskæftigelse.");
    expect(twoColumns).toContain("Medarbejderne får større frihed til at løse opgaven tæt på borgeren, med færre regler og mere tillid.");
    expect(twoColumns.indexOf("To spor i reformen")).toBe(0);
    expect(twoColumns.indexOf("beskæftigelse.")).toBeLessThan(twoColumns.indexOf("Medarbejderne"));
    expect(records.every((x) => x.method === "text")).toBe(true);
  });
});

describe("OCR with the network off", () => {
  // Loaded into the CLI process and into every worker thread (--require reaches workers): any attempt to
  // use the network is logged and fails.
  const guard = (log: string) => `
    const fs = require("node:fs"), net = require("node:net"), { isMainThread } = require("node:worker_threads");
    const note = (s) => fs.appendFileSync(${JSON.stringify(log)}, s + "\\n");
    note(isMainThread ? "guard: main thread" : "guard: worker thread");
    globalThis.fetch = async (url) => { note("network: fetch " + url); throw new Error("network is off"); };
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (...args) { note("network: connect " + JSON.stringify(args[0])); throw new Error("network is off"); };
  `;

  it("OCRs a picture-only page with the trained data on disk, and the process exits", () => {
    const dir = tempDir();
    const log = join(dir, "network.log");
    writeFileSync(join(dir, "guard.cjs"), guard(log));
    const env = { ...process.env, NODE_OPTIONS: `--require=${join(dir, "guard.cjs")}` };
    // the guard does catch a fetch
    spawnSync(process.execPath, ["-e", "fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/dan').catch(() => process.exit(3))"], { env });
    expect(readFileSync(log, "utf8")).toContain("network: fetch https://cdn.jsdelivr.net");
    writeFileSync(log, "");
    const args = ["extract", pdf("image-only.pdf"), "--raw", "--json", "--ocr-workers", "1"];
    const r = spawnSync(process.execPath, [...cliArgs, ...args], { env, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const [page] = (JSON.parse(r.stdout) as { pages: { page: number; method: string; confidence: number; reason: string; lines: { text: string; x: number }[] }[] }).pages;
    expect(page).toMatchObject({ page: 1, method: "ocr", reason: "no text layer" });
    expect(page!.confidence).toBeGreaterThan(0.8);
    expect(page!.lines.map((l) => l.text).join("\n") + "\n").toBe(readFileSync(pdf("image-only.gold"), "utf8"));
    expect(page!.lines[0]!.x).toBeGreaterThan(20);
    const notes = readFileSync(log, "utf8");
    expect(notes).toContain("guard: worker thread"); // the tesseract worker ran under the guard
    expect(notes).not.toContain("network:");
  });
});

describe("damaged files", () => {
  it("streams scrambled on disk: the process goes on (pdf.js leaves rejected promises behind) and reports what is left", () => {
    const r = cli(["extract", fixture("pdf", "messy/damaged-streams.pdf"), "--json"]);
    expect(r.stderr).not.toMatch(/Unhandled|XRefEntryException/);
    expect(r.status).toBe(0);
    // the page objects behind the scrambled streams are lost: pdf.js finds one page, with nothing on it
    expect(JSON.parse(r.stdout).pages).toEqual([{ page: 1, method: "text", confidence: null, reason: "blank page", lines: [] }]);
  });
});
