// The folder listing is the architecture: each room may import only the rooms before it in the flow
// model → language → extractors → normalizers → corpus/segment → corpus/enrich → corpus/store →
// corpus/search, corpus/export → pipeline, web → bin, and never a room after it. And each exported name has one
// definition: a word primitive (fold, tokenize, a stop-word list, …) is defined once, or under two names that say
// how they differ.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./helpers.ts";

const ROOMS: [prefix: string, rank: number][] = [
  ["model/", 0],
  ["language/", 1],
  ["extractors/", 2],
  ["normalizers/", 3],
  ["corpus/segment/", 4],
  ["corpus/enrich/", 5],
  ["corpus/store/", 6],
  ["corpus/search/", 7],
  ["corpus/export/", 7],
  ["pipeline/", 8],
  ["web/", 8],
  ["bin/", 9],
  ["scripts/", 10],
  ["index.ts", 10],
];

function rankOf(path: string): number | undefined {
  return ROOMS.find(([prefix]) => path === prefix || path.startsWith(prefix))?.[1];
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.ts$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Every relative import of a file (static, dynamic and type-only), as paths from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specs.map((s) => relative(root, resolve(root, dirname(file), s)));
}

export const allSources = (): string[] =>
  ["model", "language", "extractors", "normalizers", "corpus", "pipeline", "web", "bin", "scripts"].flatMap(sources).concat("index.ts");

describe("the import graph", () => {
  it("places every source file in a room", () => {
    expect(allSources().filter((f) => rankOf(f) === undefined)).toEqual([]);
  });

  it("has no import against the flow", () => {
    const backEdges: string[] = [];
    for (const file of allSources()) {
      for (const target of importsOf(file)) {
        if (target.startsWith("data/") || target === "package.json") continue;
        const [from, to] = [rankOf(file)!, rankOf(target)];
        if (to === undefined || to > from) backEdges.push(`${file} → ${target}`);
      }
    }
    expect(backEdges).toEqual([]);
  });

  it("catches a back-edge (the check itself can fail)", () => {
    expect(rankOf("model/schema.ts")! < rankOf("corpus/store/store.ts")!).toBe(true);
    expect(importsOf("corpus/segment/index.ts").some((t) => t.startsWith("model/"))).toBe(true);
  });
});

/** The names a file defines and exports (function, const, let, class, type, interface, enum); re-exports are not definitions. */
function exportedDefinitions(text: string): Set<string> {
  const names = new Set<string>();
  const definition = /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|const|let|var|class|type|interface|enum)\s+([\p{L}_$][\p{L}\p{N}_$]*)/gmu;
  for (const m of text.matchAll(definition)) names.add(m[1]!);
  return names;
}

/** Each name defined and exported in more than one file, with those files. */
function namesDefinedTwice(texts: Map<string, string>): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const [file, text] of texts) for (const name of exportedDefinitions(text)) files.set(name, [...(files.get(name) ?? []), file]);
  return new Map([...files].filter(([, where]) => where.length > 1));
}

/** Names that may be defined in two files, each with the reason; the test fails once an entry is no longer needed. */
const SAME_NAME_ALLOWED: Record<string, string> = {
  // A lazy stand-in: the registry's extractor loads pdf.js and the OCR pool on the first call, then calls the
  // function of the same name and meaning in extract.ts (shutdownOcr: in ocr-pool.ts).
  extractPdf: "extractors/pdf/index.ts extractors/pdf/extract.ts",
  shutdownOcr: "extractors/pdf/index.ts extractors/pdf/ocr-pool.ts",
};

describe("exported names", () => {
  const texts = new Map(allSources().map((f) => [f, readFileSync(join(root, f), "utf8")]));

  it("are each defined in one source file", () => {
    const twice = [...namesDefinedTwice(texts)].filter(([name]) => !(name in SAME_NAME_ALLOWED)).map(([name, where]) => `${name}: ${where.join(", ")}`);
    expect(twice).toEqual([]);
  });

  it("allow a second definition only where it is still there", () => {
    const twice = namesDefinedTwice(texts);
    const allowed = Object.keys(SAME_NAME_ALLOWED).map((name) => `${name}: ${[...(twice.get(name) ?? [])].sort().join(" ")}`);
    expect(allowed).toEqual(Object.entries(SAME_NAME_ALLOWED).map(([name, files]) => `${name}: ${files.split(" ").sort().join(" ")}`));
  });

  it("catches a name defined in two files (the check itself can fail)", () => {
    const sample = new Map([
      ["language/a.ts", "export function fold(w: string) {}\nexport const STOP = new Set();\nexport { tokenize } from './b.ts';"],
      ["corpus/b.ts", "export const fold = (w: string) => w;\nexport interface Token {}\nexport function tokenize() {}"],
      ["corpus/c.ts", "export type Token = string;\nconst STOP = 1;"],
    ]);
    expect(Object.fromEntries(namesDefinedTwice(sample))).toEqual({ fold: ["language/a.ts", "corpus/b.ts"], Token: ["corpus/b.ts", "corpus/c.ts"] });
  });
});
