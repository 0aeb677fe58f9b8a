// Language data shared between worker threads (language/shared-data.ts): the main thread builds each data set
// once, in shared memory, when a thread first asks for it, and a thread's lookups through that copy answer exactly
// as the data loaded in the thread itself does.
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { buildLexicon, buildBigrams } from "../language/danish/lexicon.ts";
import { dawgForms } from "../language/danish/dawg.ts";
import { createRequire } from "node:module";
import { buildStringTable, stringTableOfJson, tableIndex, type StringTable } from "../language/membership.ts";
import { dataPath } from "../language/paths.ts";
import { SharedDataServer, type SharedName } from "../language/shared-data.ts";
import { answers, type Lookup } from "./shared-data-lookups.ts";

describe("a string table", () => {
  it("finds every word at its index, a word listed twice at its last, and nothing else", () => {
    const words = ["kommune", "æble", "", "kommune", "Ørsted", "naïve", "a"];
    const t = buildStringTable(words, [1, 2, 3, 4, 5, 6, 7]);
    expect(words.map((w) => tableIndex(t, w))).toEqual([3, 1, 2, 3, 4, 5, 6]);
    expect(t.values![tableIndex(t, "Ørsted")]).toBe(5);
    for (const absent of ["kommun", "kommunen", "ørsted", "b", "æbl"]) expect(tableIndex(t, absent), absent).toBe(-1);
  });

  it("lives in shared memory when asked to, and answers the same", () => {
    const words = ["en", "to", "tre", "fire", "fem"];
    const local = buildStringTable(words), shared = buildStringTable(words, undefined, true);
    expect(local.units.buffer).toBeInstanceOf(ArrayBuffer);
    for (const a of [shared.units, shared.starts, shared.slots]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const w of [...words, "seks", "t", "fir"]) expect(tableIndex(shared, w)).toBe(tableIndex(local, w));
  });
});

describe("a string table of a JSON word list (read without a string per word)", () => {
  const same = (a: StringTable, b: StringTable) => {
    expect(a.units).toEqual(b.units);
    expect(a.starts).toEqual(b.starts);
    expect(a.slots).toEqual(b.slots);
  };
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

  it("is the table buildStringTable makes of the parsed English word list, also in shared memory", () => {
    const file = readFileSync(createRequire(import.meta.url).resolve("an-array-of-english-words"));
    const words = JSON.parse(file.toString("utf8")) as string[];
    expect(words.length).toBeGreaterThan(200_000);
    same(stringTableOfJson(file), buildStringTable(words));
    const shared = stringTableOfJson(file, true);
    expect(shared.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const w of ["house", "aardvark", "zyzzyva", words[12345]!]) expect(tableIndex(shared, w)).toBe(words.lastIndexOf(w));
    expect(tableIndex(shared, "kommunen")).toBe(-1);
  });

  it("finds a word listed twice at its last index, and takes escapes and other letters through JSON.parse", () => {
    for (const text of ['[ "to", "tre",\n"to", "", "a"]', '["æble", "to", "æble"]', '["a\\"b", "c\\u00e6"]', "[]"]) {
      same(stringTableOfJson(bytes(text)), buildStringTable(JSON.parse(text) as string[]));
    }
    expect(tableIndex(stringTableOfJson(bytes('["to", "tre", "to"]')), "to")).toBe(2);
    expect(tableIndex(stringTableOfJson(bytes('["a\\"b", "c\\u00e6"]')), "cæ")).toBe(1);
  });
});

describe("the shared lexicon automaton", () => {
  it("is the loaded automaton, in shared memory", () => {
    const shared = buildLexicon(true), local = buildLexicon(false);
    for (const a of [shared.roles, shared.first, shared.edges]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.roles).toEqual(local.roles);
    expect(shared.first).toEqual(local.first);
    expect(shared.edges).toEqual(local.edges);
  });

  it("holds the bigram words and pairs of the file", () => {
    const shared = buildBigrams(true);
    const [, wordLines] = gunzipSync(readFileSync(dataPath("danish", "bigrams.txt.gz"))).toString("utf8").split("\n\n");
    const first = wordLines!.split("\n")[0]!.split(" ");
    expect(tableIndex(shared.words, first[0]!)).toBe(0);
    expect(shared.words.values![0]).toBe(Number(first[1]));
    expect(shared.pairs.length).toBeGreaterThan(1000);
  });
});

// Words of every kind: lexicon forms (whole, cut, with a letter changed), compounds, English, OCR damage, case.
function sampleWords(): string[] {
  const forms: string[] = [];
  let i = 0;
  for (const [form] of dawgForms(buildLexicon(false))) if (i++ % 2999 === 0) forms.push(form);
  const variants = forms.flatMap((f) => [f, f.slice(0, -1), f.toUpperCase(), f[0]!.toUpperCase() + f.slice(1), f.replace(/[æøå]/g, "a"), f + "s"]);
  return [...variants, "velfærdsudviklingen", "tillidsrelationer", "frikommuneforsøg", "kommunen", "the", "Computer", "staircases", "ggre", "pa", "made", "DJØFisering", "", "x", "ørsted-møde", "vi", "bør", "gå", "nu", "det", "er", "en", "god", "løsning", "for", "kommunen", "og", "borgerne"];
}

describe("a worker thread linked to the main thread's data", () => {
  const server = new SharedDataServer();
  const workers: Worker[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
    server.close();
  });
  const spawn = () => {
    const link = server.link();
    const w = new Worker(new URL("./shared-data-worker.ts", import.meta.url), { workerData: { languageData: link }, transferList: [link.port] });
    workers.push(w);
    return (kind: Lookup, words: string[]) =>
      new Promise<unknown[]>((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
        w.postMessage({ kind, words });
      });
  };

  it("loads nothing until a thread asks, then only what it asks for", async () => {
    const ask = spawn();
    expect(server.loaded).toEqual([]);
    await ask("english", ["house"]);
    expect(server.loaded).toEqual(["english"]);
  });

  it("answers every lookup exactly as the data loaded in this thread does", async () => {
    const words = sampleWords();
    const ask = spawn();
    for (const kind of ["lexicon", "english", "bigrams", "taggerWords", "frequencies", "pairCounts"] as const) {
      const there = await ask(kind, words);
      expect(there, kind).toEqual(answers(kind, words));
    }
    expect(new Set(server.loaded)).toEqual(new Set<SharedName>(["lexicon", "english", "bigrams", "taggerWords", "frequencies", "pairCounts"]));
    // sanity: the sample exercises both answers
    expect(answers("english", words)).toContain(true);
    expect(answers("english", words)).toContain(false);
  }, 60_000);

  it("gives a second thread the same copy, built once", async () => {
    const before = await server.data("lexicon");
    const ask = spawn();
    const words = ["kommunen", "velfærdsudviklingen", "qqq"];
    expect(await ask("lexicon", words)).toEqual(answers("lexicon", words));
    expect(await server.data("lexicon")).toBe(before);
  });
});
