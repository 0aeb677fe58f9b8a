import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusRecord, jsonSchemas } from "../model/schema.ts";
import { root } from "./helpers.ts";

describe("corpus schema", () => {
  it("the JSON Schemas shipped in schema/ are the ones generated from the zod schemas (run `npm run schema`)", () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(join(root, "schema", name), "utf8")), name).toEqual(schema);
    }
  });

  it("rejects records with missing or wrong fields", () => {
    const good = { id: "a", deckId: "b", source: "x.txt", slide: 1, kind: "title", text: "T", changes: [], lang: "da", concepts: [] };
    expect(CorpusRecord.parse(good)).toEqual(good);
    expect(CorpusRecord.safeParse({ ...good, slide: 0 }).success).toBe(false);
    expect(CorpusRecord.safeParse({ ...good, kind: "banana" }).success).toBe(false);
    expect(CorpusRecord.safeParse({ ...good, changes: [{ from: "a", to: "b", offset: -1, rule: "r", confidence: 0.5 }] }).success).toBe(false);
  });
});
