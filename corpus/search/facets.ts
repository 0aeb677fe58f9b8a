// Facet counts: how the records a query and filters select fall into kinds, languages, decks, speakers, years
// and the taxonomy's concepts. Counted over every matching record (not just one page of hits), selected as the
// ranked search selects them (query.ts `selectRecords`), so a facet's count is the number of hits its filter gives.
import type { SearchIndex } from "./fts-index.ts";
import { conceptsWithNarrower, namesPerson, selectRecords, type SearchFilters } from "./query.ts";

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


/**
 * What the facets need of every record and deck, in typed arrays, read once per open index: counting 500,000
 * records in SQL reads each row's JSON with it (the records table holds both) and takes seconds; counting here
 * takes milliseconds. The filters are applied as `selectRecords`'s SQL applies them (test/web.test.ts checks
 * every count against the search's own hits).
 */
interface FacetTable {
  decks: { source: string; id: string; title: string | null; date: string | null; author: string | null }[];
  /** Record index by rowid (-1: none). */
  byRowid: Int32Array;
  deck: Int32Array;
  kind: Uint8Array;
  kinds: string[];
  lang: Uint16Array;
  langs: string[];
  /** A quote's speaker (index into `speakers`), -1 for none. */
  speaker: Int32Array;
  speakers: string[];
  /** The record's concepts: `conceptCodes[conceptStart[i] .. conceptStart[i + 1])`, indexes into `concepts`. */
  conceptStart: Int32Array;
  conceptCodes: Int32Array;
  concepts: string[];
  /** The labels the records' tags gave each concept (a filter may name a concept by its label). */
  conceptLabels: Set<string>[];
  /** The stored taxonomy. */
  taxonomy: ConceptRow[];
}

const tables = new WeakMap<SearchIndex, FacetTable>();

function facetTable(db: SearchIndex): FacetTable {
  const cached = tables.get(db);
  if (cached) return cached;
  const decks = db.prepare("SELECT source, id, title, date, json_extract(json, '$.author') AS author FROM decks ORDER BY source").all() as unknown as FacetTable["decks"];
  const deckIndex = new Map(decks.map((d, i) => [d.source, i]));
  const coder = (list: string[]) => {
    const map = new Map<string, number>();
    return (value: string) => {
      let code = map.get(value);
      if (code === undefined) map.set(value, (code = list.push(value) - 1));
      return code;
    };
  };
  const rows = db.prepare(`SELECT rowid AS id, source, kind, lang, CASE WHEN kind = 'quote' THEN json_extract(json, '$.attribution.speaker') END AS speaker
    FROM records ORDER BY rowid`).all() as { id: number; source: string; kind: string; lang: string; speaker: string | null }[];
  const n = rows.length;
  const taxonomy = (db.prepare("SELECT id, labels, broader FROM concepts ORDER BY rowid").all() as { id: string; labels: string; broader: string }[])
    .map((r): ConceptRow => ({ id: r.id, labels: JSON.parse(r.labels) as string[], broader: JSON.parse(r.broader) as string[] }));
  const t: FacetTable = {
    decks, byRowid: new Int32Array((rows.at(-1)?.id ?? 0) + 1).fill(-1), deck: new Int32Array(n), kind: new Uint8Array(n), kinds: [],
    lang: new Uint16Array(n), langs: [], speaker: new Int32Array(n), speakers: [], conceptStart: new Int32Array(n + 1), conceptCodes: new Int32Array(0),
    concepts: [], conceptLabels: [], taxonomy,
  };
  const [kindCode, langCode, speakerCode, conceptCode] = [coder(t.kinds), coder(t.langs), coder(t.speakers), coder(t.concepts)];
  rows.forEach((r, i) => {
    t.byRowid[r.id] = i;
    t.deck[i] = deckIndex.get(r.source) ?? -1;
    t.kind[i] = kindCode(r.kind);
    t.lang[i] = langCode(r.lang);
    t.speaker[i] = r.speaker === null ? -1 : speakerCode(r.speaker);
  });
  const tags = db.prepare("SELECT record, concept, label FROM record_concepts ORDER BY record").all() as { record: number; concept: string; label: string }[];
  t.conceptCodes = new Int32Array(tags.length);
  let at = 0;
  for (let i = 0, k = 0; i < n; i++) {
    t.conceptStart[i] = at;
    const rowid = rows[i]!.id;
    while (k < tags.length && tags[k]!.record < rowid) k++;
    for (; k < tags.length && tags[k]!.record === rowid; k++) {
      const code = conceptCode(tags[k]!.concept);
      (t.conceptLabels[code] ??= new Set()).add(asciiLower(tags[k]!.label));
      t.conceptCodes[at++] = code;
    }
  }
  t.conceptStart[n] = at;
  tables.set(db, t);
  return t;
}

/** SQLite's NOCASE: ASCII letters only. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The indexes of the records the query and filters select, as `selectRecords` selects them. */
function selected(db: SearchIndex, t: FacetTable, query: string, filters: SearchFilters): Int32Array {
  const { parsed } = selectRecords(db, query, filters); // checks the query and the filters as the search does
  let candidates: Int32Array;
  if (parsed.match) {
    const ids = db.prepare("SELECT rowid AS id FROM records_fts WHERE records_fts MATCH ?").all(parsed.match) as { id: number }[];
    candidates = Int32Array.from(ids, (r) => t.byRowid[r.id] ?? -1).filter((i) => i >= 0);
  } else {
    candidates = Int32Array.from({ length: t.deck.length }, (_, i) => i);
  }
  const codes = (values: string[] | undefined, list: string[]) => (values?.length ? new Set(values.map((v) => list.indexOf(v))) : undefined);
  const kinds = codes(filters.kind, t.kinds);
  const langs = codes(filters.lang, t.langs);
  const deckOk = t.decks.map((d) => {
    if (filters.deck?.length && !filters.deck.some((v) => d.id === v || d.source === v || (d.title !== null && asciiLower(d.title) === asciiLower(v)) || d.source.startsWith(`${v}/`))) return false;
    if (filters.from !== undefined && !(d.date !== null && d.date >= filters.from)) return false;
    if (filters.to !== undefined && !(d.date !== null && d.date.slice(0, filters.to.length) <= filters.to)) return false;
    return true;
  });
  const wanted = filters.speaker?.length ? filters.speaker : undefined;
  const authorSays = wanted ? t.decks.map((d) => d.author !== null && wanted.some((w) => namesPerson(d.author!, w))) : [];
  const speakerSays = wanted ? t.speakers.map((s) => wanted.some((w) => namesPerson(s, w))) : [];
  let conceptOk: boolean[] | undefined;
  if (filters.concept?.length) {
    const ids = conceptsWithNarrower(db, filters.concept);
    const labels = new Set(filters.concept.map(asciiLower));
    conceptOk = t.concepts.map((c, code) => ids.has(c) || [...(t.conceptLabels[code] ?? [])].some((l) => labels.has(l)));
  }
  return candidates.filter((i) => {
    const deck = t.deck[i]!;
    if (deck < 0 || !deckOk[deck]) return false;
    if (kinds && !kinds.has(t.kind[i]!)) return false;
    if (langs && !langs.has(t.lang[i]!)) return false;
    if (wanted && !authorSays[deck] && !(t.speaker[i]! >= 0 && speakerSays[t.speaker[i]!])) return false;
    if (conceptOk) {
      let any = false;
      for (let k = t.conceptStart[i]!; k < t.conceptStart[i + 1]! && !any; k++) any = conceptOk[t.conceptCodes[k]!]!;
      if (!any) return false;
    }
    return true;
  });
}

/** Counts the records `query` and `filters` select by each facet. `top` bounds the deck and speaker lists (default 15). */
export function facetCounts(db: SearchIndex, query: string, filters: SearchFilters = {}, top = 15): Facets {
  const t = facetTable(db);
  const hits = selected(db, t, query, filters);
  const kindCounts = new Int32Array(t.kinds.length);
  const langCounts = new Int32Array(t.langs.length);
  const deckCounts = new Int32Array(t.decks.length);
  const speaker = new Map<string, number>();
  for (const i of hits) {
    kindCounts[t.kind[i]!]!++;
    langCounts[t.lang[i]!]!++;
    deckCounts[t.deck[i]!]!++;
    // a quote counts for its speaker too, unless the speaker is its deck's author (counted once, as the filter does)
    const s = t.speaker[i]!;
    if (s >= 0 && t.speakers[s] !== t.decks[t.deck[i]!]!.author) add(speaker, t.speakers[s]!, 1);
  }
  const year = new Map<string, number>();
  const bySource = new Map<string, number>();
  deckCounts.forEach((n, d) => {
    if (!n) return;
    const deck = t.decks[d]!;
    bySource.set(deck.source, n);
    if (deck.date) add(year, deck.date.slice(0, 4), n);
    if (deck.author) add(speaker, deck.author, n);
  });
  const counted = (names: string[], counts: Int32Array) => new Map(names.map((v, i) => [v, counts[i]!] as const).filter(([, n]) => n > 0));
  const titles = new Map(t.decks.map((d) => [d.source, d.title ?? d.source]));
  return {
    total: hits.length,
    concept: conceptTree(t, conceptCountsOf(t, hits), false),
    kind: values(counted(t.kinds, kindCounts)),
    lang: values(counted(t.langs, langCounts)),
    deck: values(bySource, (source) => titles.get(source) ?? source).slice(0, top),
    speaker: values(speaker).slice(0, top),
    year: [...year].sort(([a], [b]) => b.localeCompare(a)).map(([value, count]) => ({ value, label: value, count })),
  };
}

/** The whole stored taxonomy as a tree, each concept with the corpus's records tagged with it or a narrower one (0 for none). */
export function taxonomyCounts(db: SearchIndex): ConceptCount[] {
  const t = facetTable(db);
  return conceptTree(t, conceptCountsOf(t, Int32Array.from({ length: t.deck.length }, (_, i) => i)), true);
}

interface ConceptRow {
  id: string;
  labels: string[];
  broader: string[];
}

/** Per concept id, the records among `hits` tagged with it or a narrower concept, each record counted once. */
function conceptCountsOf(t: FacetTable, hits: Int32Array): Map<string, number> {
  const parents = new Map(t.taxonomy.map((c) => [c.id, c.broader]));
  const ancestors = t.concepts.map((c) => [...ancestorsOf(c, parents)]);
  const counts = new Map<string, number>();
  const last = new Map<string, number>();
  for (const i of hits) {
    for (let k = t.conceptStart[i]!; k < t.conceptStart[i + 1]!; k++) {
      for (const a of ancestors[t.conceptCodes[k]!]!) {
        if (last.get(a) === i) continue;
        last.set(a, i);
        add(counts, a, 1);
      }
    }
  }
  return counts;
}

/** The stored taxonomy as a tree with the given counts; only concepts with records unless `keepEmpty`. */
function conceptTree(t: FacetTable, counts: Map<string, number>, keepEmpty: boolean): ConceptCount[] {
  const concepts = [...t.taxonomy];
  // an index without its taxonomy: the tags as they are, flat
  if (!concepts.length) for (const [id] of counts) concepts.push({ id, labels: [...(t.conceptLabels[t.concepts.indexOf(id)] ?? [id])], broader: [] });
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
