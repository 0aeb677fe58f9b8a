// Facet counts: how the records a query and filters select fall into kinds, languages, decks, speakers, years
// and the taxonomy's concepts. Counted over every matching record (not just one page of hits), with the same SQL
// condition the ranked search uses (query.ts `selectRecords`), so a facet's count is the number of hits its filter gives.
import type { SearchIndex } from "./fts-index.ts";
import { selectRecords, type SearchFilters } from "./query.ts";

/** One value of a facet: what to filter by, what to show, and how many matching records have it. */
export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

/** A concept of the taxonomy with the matching records tagged with it or with a narrower concept. */
export interface ConceptCount {
  id: string;
  /** Its preferred labels, the first one shown. */
  labels: string[];
  count: number;
  /** Narrower concepts that have matching records. */
  narrower: ConceptCount[];
}

export interface Facets {
  /** Matching records. */
  total: number;
  /** The taxonomy's hierarchy, broadest first, only concepts with matches. */
  concept: ConceptCount[];
  kind: FacetValue[];
  lang: FacetValue[];
  /** Decks by number of matching records, at most `top`. */
  deck: FacetValue[];
  /** People (a quote's speaker or a deck's author) by number of matching records, at most `top`. */
  speaker: FacetValue[];
  /** The decks' years, newest first; `undated` not listed. */
  year: FacetValue[];
}

interface DeckFacts {
  title: string | null;
  date: string | null;
  author: string | null;
}

/** The decks' titles, dates and authors, read once per open index (a corpus's decks change only when it is reopened). */
const deckFactsCache = new WeakMap<SearchIndex, Map<string, DeckFacts>>();

function deckFacts(db: SearchIndex): Map<string, DeckFacts> {
  let facts = deckFactsCache.get(db);
  if (!facts) {
    const rows = db.prepare("SELECT source, title, date, json_extract(json, '$.author') AS author FROM decks").all() as unknown as ({ source: string } & DeckFacts)[];
    facts = new Map(rows.map((r) => [r.source, { title: r.title, date: r.date, author: r.author }]));
    deckFactsCache.set(db, facts);
  }
  return facts;
}

/** Counts the records `query` and `filters` select by each facet. `top` bounds the deck and speaker lists (default 15). */
export function facetCounts(db: SearchIndex, query: string, filters: SearchFilters = {}, top = 15): Facets {
  const { parsed, where, params } = selectRecords(db, query, filters);
  const from = parsed.match
    ? "records_fts JOIN records r ON r.rowid = records_fts.rowid JOIN decks d ON d.source = r.source"
    : "records r JOIN decks d ON d.source = r.source";
  const hits = `hits AS (SELECT r.rowid AS id, r.source AS source, r.kind AS kind, r.lang AS lang FROM ${from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""})`;

  // one pass over the hits gives kind, language, deck, and through the deck the year and the author
  const groups = db.prepare(`WITH ${hits} SELECT source, kind, lang, count(*) AS n FROM hits GROUP BY source, kind, lang`)
    .all(...params) as { source: string; kind: string; lang: string; n: number }[];
  const facts = deckFacts(db);
  const kind = new Map<string, number>();
  const lang = new Map<string, number>();
  const bySource = new Map<string, number>();
  let total = 0;
  for (const g of groups) {
    total += g.n;
    add(kind, g.kind, g.n);
    add(lang, g.lang, g.n);
    add(bySource, g.source, g.n);
  }
  const year = new Map<string, number>();
  const speaker = new Map<string, number>();
  for (const [source, n] of bySource) {
    const deck = facts.get(source);
    if (deck?.date) add(year, deck.date.slice(0, 4), n);
    if (deck?.author) add(speaker, deck.author, n);
  }
  // a quote counts for its speaker too, unless the speaker is its deck's author (counted once, as the filter does)
  const quotes = db.prepare(`WITH ${hits} SELECT h.source AS source, json_extract(r.json, '$.attribution.speaker') AS speaker, count(*) AS n
    FROM hits h JOIN records r ON r.rowid = h.id WHERE h.kind = 'quote' AND speaker IS NOT NULL GROUP BY h.source, speaker`)
    .all(...params) as { source: string; speaker: string; n: number }[];
  for (const q of quotes) if (facts.get(q.source)?.author !== q.speaker) add(speaker, q.speaker, q.n);

  return {
    total,
    concept: conceptCounts(db, hits, params),
    kind: values(kind),
    lang: values(lang),
    deck: values(bySource, (source) => facts.get(source)?.title ?? source).slice(0, top),
    speaker: values(speaker).slice(0, top),
    year: [...year].sort(([a], [b]) => b.localeCompare(a)).map(([value, count]) => ({ value, label: value, count })),
  };
}

/** The whole stored taxonomy as a tree, each concept with the corpus's records tagged with it or a narrower one (0 for none). */
export function taxonomyCounts(db: SearchIndex): ConceptCount[] {
  return conceptCounts(db, "hits AS (SELECT rowid AS id FROM records)", [], true);
}

interface ConceptRow {
  id: string;
  labels: string[];
  broader: string[];
}

/** The stored taxonomy as a tree, each concept counting the hits tagged with it or a narrower concept (each record once). */
function conceptCounts(db: SearchIndex, hits: string, params: (string | number)[], keepEmpty = false): ConceptCount[] {
  const concepts = (db.prepare("SELECT id, labels, broader FROM concepts ORDER BY rowid").all() as { id: string; labels: string; broader: string }[])
    .map((r): ConceptRow => ({ id: r.id, labels: JSON.parse(r.labels) as string[], broader: JSON.parse(r.broader) as string[] }));
  const counts = new Map<string, number>();
  if (concepts.length) {
    // every (ancestor, concept) pair of the hierarchy, the concept itself included
    const parents = new Map(concepts.map((c) => [c.id, c.broader]));
    const pairs: [string, string][] = [];
    for (const c of concepts) for (const a of ancestorsOf(c.id, parents)) pairs.push([a, c.id]);
    const rows = db.prepare(`WITH ${hits}, closure(ancestor, concept) AS (VALUES ${pairs.map(() => "(?, ?)").join(", ")})
      SELECT cl.ancestor AS id, count(DISTINCT c.record) AS n FROM closure cl JOIN record_concepts c ON c.concept = cl.concept
      WHERE c.record IN (SELECT id FROM hits) GROUP BY cl.ancestor`).all(...params, ...pairs.flat()) as { id: string; n: number }[];
    for (const r of rows) counts.set(r.id, r.n);
  } else {
    // an index without its taxonomy: the tags as they are, flat
    const rows = db.prepare(`WITH ${hits} SELECT c.concept AS id, min(c.label) AS label, count(*) AS n FROM record_concepts c
      WHERE c.record IN (SELECT id FROM hits) GROUP BY c.concept`).all(...params) as { id: string; label: string; n: number }[];
    for (const r of rows) {
      concepts.push({ id: r.id, labels: [r.label], broader: [] });
      counts.set(r.id, r.n);
    }
  }
  const children = new Map<string, ConceptRow[]>();
  for (const c of concepts) for (const b of c.broader) children.set(b, [...(children.get(b) ?? []), c]);
  const tree = (c: ConceptRow, path: Set<string>): ConceptCount => ({
    id: c.id,
    labels: c.labels,
    count: counts.get(c.id) ?? 0,
    narrower: (children.get(c.id) ?? []).filter((n) => (keepEmpty || counts.has(n.id)) && !path.has(n.id)).map((n) => tree(n, new Set([...path, n.id])))
      .sort(byCount),
  });
  return concepts.filter((c) => c.broader.length === 0 && (keepEmpty || counts.has(c.id))).map((c) => tree(c, new Set([c.id]))).sort(byCount);
}

function ancestorsOf(id: string, parents: Map<string, string[]>): Set<string> {
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length) {
    for (const p of parents.get(queue.shift()!) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return seen;
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const byCount = (a: { count: number; id?: string; label?: string }, b: { count: number; id?: string; label?: string }) =>
  b.count - a.count || (a.id ?? a.label ?? "").localeCompare(b.id ?? b.label ?? "");

function values(map: Map<string, number>, label: (value: string) => string = (v) => v): FacetValue[] {
  return [...map].map(([value, count]) => ({ value, label: label(value), count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
