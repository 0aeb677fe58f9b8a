// A frequent word's first pages are ranked when the index is written (fts-index.ts `rankFrequentTerms`, the
// `top_ranked` table) and taken from there by the in-memory search (facets.ts): the hits must be exactly those of
// the full bm25 ranking (query.ts `searchIndex`), page by page and with filters, also after an incremental sync
// that adds, changes and removes decks (every score moves with the corpus's statistics).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CorpusRecord, Deck, RecordKind } from "../model/schema.ts";
import { processDocument } from "../pipeline/process.ts";
import { createTagger } from "../corpus/enrich/tag.ts";
import { defaultTaxonomy } from "../corpus/enrich/taxonomy.ts";
import { openIndex, setTopRankedMin, syncIndex, TOP_RANKED, writeIndex, type DeckIdentity } from "../corpus/search/fts-index.ts";
import { parseQuery, searchIndex, type SearchFilters } from "../corpus/search/query.ts";
import { facetCounts, searchWithFacets } from "../corpus/search/facets.ts";
import { seed000, seed003, tempDir } from "./helpers.ts";

type Part = { deck: Deck; records: CorpusRecord[] };
const tag = createTagger();

async function part(source: string, content: string | Buffer): Promise<Part> {
  const r = await processDocument(typeof content === "string" ? Buffer.from(content) : content, source);
  if (!r.ok) throw new Error(`${source}: ${r.error.message}`);
  return { deck: r.deck, records: r.records.map((rec) => ({ ...rec, concepts: tag(rec.text, rec.lang) })) };
}

/** Small decks sharing words with the seeds at different rates, so frequent words have many near-tied scores. */
const extra = (i: number) =>
  `Deck ${i}\n\n${"Ledelse og tillid i kommunen. ".repeat(1 + (i % 3))}\nStyring ${i % 2 ? "og ledelse" : "uden tillid"} i praksis\n\n` +
  `Fælles ${i % 4 ? "ledelse" : "styring"} af medarbejdere\n`;

const WORDS = ["ledelse", "tillid", "styring", "kommune", "medarbejdere", "faelles"];
const BASES: SearchFilters[] = [
  {}, { kind: ["bullet"] }, { lang: ["da"] }, { concept: ["Styring"] }, { kind: ["quote"] }, { kind: ["title", "bullet"] },
  { kind: ["bullet", "quote", "paragraph"], lang: ["da"] }, { kind: ["heading"] },
];

/** Compares the in-memory search with the full SQL ranking for the frequent words, page by page; returns how many
 * word/filter/page triples had stored best hits to use. */
function compare(path: string): number {
  const db = openIndex(path, { readOnly: true });
  try {
    const stored = new Map((db.prepare("SELECT match, ranked FROM top_ranked WHERE kind = ''").all() as { match: string; ranked: string }[]).map((r) => [r.match, JSON.parse(r.ranked) as [number, number][]]));
    const rowidOf = (h: { record: { id: string } }) => Number((db.prepare("SELECT rowid AS id FROM records WHERE id = ?").get(h.record.id) as { id: number }).id);
    let used = 0;
    for (const word of WORDS) {
      const top = stored.get(parseQuery(word).match!);
      for (const base of BASES) {
        const all = searchIndex(db, word, { ...base, limit: 100_000, mark: ["[", "]"] });
        for (const [offset, limit] of [[0, 3], [2, 5], [0, 20], [all.length - 2, 10], [0, 100_000]] as const) {
          const at = Math.max(0, offset);
          const page = searchWithFacets(db, word, base, { offset: at, limit, mark: ["[", "]"], reuseMatches: false });
          expect([word, base, at, page.hits]).toEqual([word, base, at, all.slice(at, at + limit)]);
          expect(page.facets).toEqual(facetCounts(db, word, base));
          if (top && (!Object.keys(base).length ? at + limit <= top.length : false)) used++;
        }
      }
      // the stored best hits are the first of the full ranking, with its scores, of every kind and of each kind
      if (top) {
        const full = searchIndex(db, word, { limit: TOP_RANKED });
        expect([word, top]).toEqual([word, full.map((h) => [rowidOf(h), h.score])]);
        const kinds = db.prepare("SELECT kind, ranked FROM top_ranked WHERE match = ? AND kind != ''").all(parseQuery(word).match!) as { kind: string; ranked: string }[];
        const matched = new Set(searchIndex(db, word, { limit: 100_000 }).map((h) => h.record.kind));
        expect(new Set(kinds.map((k) => k.kind))).toEqual(matched);
        for (const { kind, ranked } of kinds) {
          const ofKind = searchIndex(db, word, { kind: [kind as RecordKind], limit: TOP_RANKED });
          expect([word, kind, JSON.parse(ranked)]).toEqual([word, kind, ofKind.map((h) => [rowidOf(h), h.score])]);
        }
      }
    }
    return used;
  } finally {
    db.close();
  }
}

describe("frequent words ranked at write time", () => {
  const dir = tempDir("slidecorpus-top-");
  const path = join(dir, "index.sqlite");
  const parts = new Map<string, Part>();

  beforeAll(async () => {
    parts.set("000.txt", await part("000.txt", readFileSync(seed000)));
    parts.set("003.txt", await part("003.txt", readFileSync(seed003)));
    // enough decks for a frequent word's matches of one kind to outnumber the stored best (TOP_RANKED)
    for (let i = 0; i < 240; i++) parts.set(`x${i}.txt`, await part(`x${i}.txt`, extra(i)));
    const list = [...parts.values()];
    await writeIndex(path, list.map((p) => p.deck), list.flatMap((p) => p.records), defaultTaxonomy());
    const db = openIndex(path);
    setTopRankedMin(db, 3); // a term of more than 3 records is frequent in this small corpus
    db.close();
  });

  it("stores the best hits of frequent words and pages through them exactly as the full ranking does", () => {
    const db = openIndex(path, { readOnly: true });
    const count = (db.prepare("SELECT count(*) AS n FROM top_ranked").get() as { n: number }).n;
    db.close();
    expect(count).toBeGreaterThan(10);
    // some kind's list holds only the best of its matches (merging several kinds must stop where it runs out)
    const lengths = (db2: ReturnType<typeof openIndex>) => (db2.prepare("SELECT json_array_length(ranked) AS n FROM top_ranked WHERE kind != ''").all() as { n: number }[]).map((r) => r.n);
    const ro = openIndex(path, { readOnly: true });
    expect(lengths(ro)).toContain(TOP_RANKED);
    ro.close();
    expect(compare(path)).toBeGreaterThan(10);
  });

  it("keeps them exact after an incremental sync that adds, changes and removes decks", async () => {
    const identities = () => [...parts.values()].map((p): DeckIdentity => ({ source: p.deck.source, sha256: p.deck.sha256, pipelineVersion: p.deck.pipelineVersion }));
    const before = openIndex(path, { readOnly: true });
    const ranked = (db: typeof before) => db.prepare("SELECT ranked FROM top_ranked WHERE match = ?").get(parseQuery("ledelse").match!) as { ranked: string };
    const old = ranked(before).ranked;
    before.close();
    parts.delete("x3.txt");
    parts.delete("x7.txt");
    parts.set("x1.txt", await part("x1.txt", "Ny ledelse\n\nLedelse, ledelse og ledelse: tillid\n"));
    parts.set("new.txt", await part("new.txt", "Tillid\n\nLedelse med tillid og styring\n\nMedarbejdere i kommunen\n"));
    const sync = await syncIndex(path, identities(), async (source) => parts.get(source), defaultTaxonomy());
    expect(sync).toMatchObject({ replaced: 2, removed: 2 });
    expect(sync?.rebuilt).toBeUndefined();
    const after = openIndex(path, { readOnly: true });
    expect(ranked(after).ranked).not.toBe(old); // rows and scores moved
    after.close();
    expect(compare(path)).toBeGreaterThan(10);
  });

  it("takes the first pages from the stored ranking (a changed stored ranking changes them)", () => {
    const db = openIndex(path);
    const match = parseQuery("ledelse").match!;
    const reverse = (kind: string) => {
      const row = db.prepare("SELECT ranked FROM top_ranked WHERE match = ? AND kind = ?").get(match, kind) as { ranked: string };
      const reversed = (JSON.parse(row.ranked) as [number, number][]).reverse();
      db.prepare("UPDATE top_ranked SET ranked = ? WHERE match = ? AND kind = ?").run(JSON.stringify(reversed), match, kind);
      return reversed;
    };
    const reversed = reverse("");
    const bullets = reverse("bullet");
    const hits = searchWithFacets(db, "ledelse", {}, { limit: 3 }).hits;
    // a kind filter takes its kind's own stored list
    const bulletHits = searchWithFacets(db, "ledelse", { kind: ["bullet"] }, { limit: 3 }).hits;
    db.close();
    expect(hits.map((h) => h.score)).toEqual(reversed.slice(0, 3).map(([, s]) => s));
    expect(bulletHits.map((h) => h.score)).toEqual(bullets.slice(0, 3).map(([, s]) => s));
  });
});
