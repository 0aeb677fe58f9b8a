// The folder listing is the architecture: each room may import only the rooms before it in the flow
// model → language → extractors → normalizers → corpus/segment → corpus/enrich → corpus/store →
// corpus/search, corpus/export → pipeline → bin, and never a room after it.
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
  ["model", "language", "extractors", "normalizers", "corpus", "pipeline", "bin", "scripts"].flatMap(sources).concat("index.ts");

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
