// Facet counts: how the records a query and filters select fall into kinds, languages, decks, speakers, years
// and the taxonomy's concepts. Counted over every matching record (not just one page of hits), selected as the
// ranked search selects them (query.ts `selectRecords`), so a facet's count is the number of hits its filter gives.
import { TOP_RANKED, type SearchIndex } from "./fts-index.ts";
import { bestOf, hitsOf, matchRows, namesPerson, reachable, selectRecords, type ParsedQuery, type SearchFilters, type SearchHit } from "./query.ts";

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
  /** Record index by rowid (-1: none), and each record's rowid and slide (ranking's tie-breaks). */
  byRowid: Int32Array;
  rowid: Int32Array;
  slide: Int32Array;
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
  /**
   * Every record's index in rank order without words (source, slide, rowid), and a score of 0 for each: a query
   * without words ranks by place alone, so its page is the first of its hits.
   */
  all: Int32Array;
  unranked: Float64Array;
  /** Each deck's title (its source when it has none) by source. */
  titles: Map<string, string>;
  /** The matches of recent queries (FTS5 expression → record indexes and scores), least recent first. */
  recent: Map<string, Matches>;
  /**
   * Frequent words' best hits ranked at write time (FTS5 expression → them, of every kind and per kind (by kind
   * code), or null when none are stored), as read.
   */
  top: Map<string, { all: TopRanked; kinds: Map<number, TopRanked> } | null>;
}

/** A frequent word's best hits (of every kind, or of one), from the index's `top_ranked` table (fts-index.ts `rankFrequentTerms`). */
interface TopRanked {
  /** Record indexes in rank order. */
  order: Int32Array;
  /** Their bm25 scores, by record index (these only: a corpus-sized array per cached word would be megabytes). */
  score: Map<number, number>;
  /** Whether these are all the query's matches (fewer than were stored at most). */
  complete: boolean;
}

interface Matches {
  candidates: Int32Array;
  score: Float64Array | undefined;
}

/** How many queries' matches are kept per open index (a frequent word's: 100,000 matches, 1.2 MB). */
const RECENT_MATCHES = 16;

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
  // Read in a few aggregated rows, not one JS object per record (that alone takes seconds on 500,000 records):
  // per deck, its records' rowid, slide, kind and language as one space-separated string (kinds and language
  // codes hold no spaces), and its quotes' speakers as JSON; the JSON of other records is never read.
  const perDeck = db.prepare(`SELECT source, count(*) AS n, group_concat(rowid || ' ' || slide || ' ' || kind || ' ' || lang, ' ') AS rows,
    json_group_array(json_array(rowid, json_extract(json, '$.attribution.speaker'))) FILTER (WHERE kind = 'quote') AS quotes
    FROM records GROUP BY source`).all() as { source: string; n: number; rows: string; quotes: string | null }[];
  const n = perDeck.reduce((sum, d) => sum + d.n, 0);
  const maxRowid = (db.prepare("SELECT coalesce(max(rowid), 0) AS m FROM records").get() as { m: number }).m;
  const taxonomy = (db.prepare("SELECT id, labels, broader FROM concepts ORDER BY rowid").all() as { id: string; labels: string; broader: string }[])
    .map((r): ConceptRow => ({ id: r.id, labels: JSON.parse(r.labels) as string[], broader: JSON.parse(r.broader) as string[] }));
  const t: FacetTable = {
    decks, byRowid: new Int32Array(maxRowid + 1).fill(-1), rowid: new Int32Array(n), slide: new Int32Array(n), deck: new Int32Array(n),
    kind: new Uint8Array(n), kinds: [], lang: new Uint16Array(n), langs: [], speaker: new Int32Array(n).fill(-1), speakers: [],
    conceptStart: new Int32Array(n + 1), conceptCodes: new Int32Array(0), concepts: [], conceptLabels: [], taxonomy,
    titles: new Map(decks.map((d) => [d.source, d.title ?? d.source])), recent: new Map(), top: new Map(),
    all: Int32Array.from({ length: n }, (_, i) => i), unranked: new Float64Array(n),
  };
  const [kindCode, langCode, speakerCode, conceptCode] = [coder(t.kinds), coder(t.langs), coder(t.speakers), coder(t.concepts)];
  let i = 0;
  for (const d of perDeck) {
    const deck = deckIndex.get(d.source) ?? -1;
    const fields = d.rows.split(" ");
    if (fields.length !== d.n * 4) throw new Error(`${d.source}: a record's kind or language holds a space; the index is not one slidecorpus wrote`);
    for (let f = 0; f + 3 < fields.length; f += 4, i++) {
      const rowid = Number(fields[f]);
      t.byRowid[rowid] = i;
      t.rowid[i] = rowid;
      t.slide[i] = Number(fields[f + 1]);
      t.kind[i] = kindCode(fields[f + 2]!);
      t.lang[i] = langCode(fields[f + 3]!);
      t.deck[i] = deck;
    }
    for (const [rowid, speaker] of JSON.parse(d.quotes ?? "[]") as [number, string | null][]) {
      if (typeof speaker === "string") t.speaker[t.byRowid[rowid]!] = speakerCode(speaker);
    }
  }
  // each concept's records (through the concept index: no sort), then per record its concepts
  const tagged = db.prepare(`SELECT concept, group_concat(record, ' ') AS records FROM record_concepts INDEXED BY record_concepts_concept
    GROUP BY concept`).all() as { concept: string; records: string }[];
  const lists = tagged.map((c) => ({ code: conceptCode(c.concept), records: Int32Array.from(c.records.split(" "), (r) => t.byRowid[Number(r)] ?? -1) }));
  const perRecord = new Int32Array(n + 1);
  for (const { records } of lists) for (const r of records) if (r >= 0) perRecord[r + 1]!++;
  for (let r = 0; r < n; r++) t.conceptStart[r + 1] = t.conceptStart[r]! + perRecord[r + 1]!;
  t.conceptCodes = new Int32Array(t.conceptStart[n]!);
  const fill = t.conceptStart.slice(0, n);
  for (const { code, records } of lists) for (const r of records) if (r >= 0) t.conceptCodes[fill[r]!++] = code;
  // (`record > -1` makes SQLite scan the table in key order with a small DISTINCT tree: 6x faster than by concept)
  for (const { concept, label } of db.prepare("SELECT DISTINCT concept, label FROM record_concepts WHERE record > -1").all() as { concept: string; label: string }[]) {
    (t.conceptLabels[conceptCode(concept)] ??= new Set()).add(asciiLower(label));
  }
  const place = (a: number, b: number) => t.deck[a]! - t.deck[b]! || t.slide[a]! - t.slide[b]! || t.rowid[a]! - t.rowid[b]!;
  // read in that order already (the records' (source, slide) index); sorted if not
  if (t.all.some((i, k) => k > 0 && place(t.all[k - 1]!, i) > 0)) t.all.sort(place);
  tables.set(db, t);
  return t;
}

/** SQLite's NOCASE: ASCII letters only. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The records the query matches (every record for a query without words), as indexes, with their bm25 scores by
 * index when `ranked` (0 without words). One pass over the full-text index; the filters are applied by `selected`.
 */
function matches(db: SearchIndex, t: FacetTable, parsed: ParsedQuery, ranked: boolean, reuse: boolean): Matches {
  if (!parsed.match) return { candidates: t.all, score: ranked ? t.unranked : undefined };
  const key = `${ranked}\u0000${parsed.match}`;
  const kept = reuse ? t.recent.get(key) : undefined;
  if (kept) {
    t.recent.delete(key);
    t.recent.set(key, kept);
    return kept;
  }
  const { ids, scores } = matchRows(db, parsed.match, ranked);
  const candidates = new Int32Array(ids.length);
  const score = ranked ? new Float64Array(t.deck.length) : undefined;
  let n = 0;
  for (let k = 0; k < ids.length; k++) {
    const i = t.byRowid[ids[k]!] ?? -1;
    if (i < 0) continue;
    candidates[n++] = i;
    if (score) score[i] = scores![k]!;
  }
  const found = { candidates: candidates.subarray(0, n), score };
  if (reuse) {
    t.recent.set(key, found);
    if (t.recent.size > RECENT_MATCHES) t.recent.delete(t.recent.keys().next().value!);
  }
  return found;
}

/**
 * The best hits stored for a query's FTS5 expression at write time, if it is a frequent word's: of every kind, or
 * of the `kinds` given (a kind filter: their stored lists merged in rank order).
 */
function topRanked(db: SearchIndex, t: FacetTable, match: string, kinds: string[] | undefined): TopRanked | undefined {
  let stored = t.top.get(match);
  if (stored === undefined) {
    const read = (ranked: [number, number][]): TopRanked => {
      const order = new Int32Array(ranked.length);
      const score = new Map<number, number>();
      let n = 0;
      for (const [id, rank] of ranked) {
        const i = t.byRowid[id] ?? -1;
        if (i < 0) continue;
        order[n++] = i;
        score.set(i, rank);
      }
      return { order: order.subarray(0, n), score, complete: ranked.length < TOP_RANKED };
    };
    // every kind's first ('' sorts first), then each kind's
    const rows = db.prepare("SELECT kind, ranked FROM top_ranked WHERE match = ? ORDER BY kind").all(match) as { kind: string; ranked: string }[];
    stored = rows[0]?.kind === "" ? { all: read(JSON.parse(rows[0].ranked) as [number, number][]), kinds: new Map() } : null;
    for (const row of rows.slice(1)) {
      const code = t.kinds.indexOf(row.kind);
      if (stored && code >= 0) stored.kinds.set(code, read(JSON.parse(row.ranked) as [number, number][]));
    }
    if (t.top.size >= RECENT_MATCHES * 4) t.top.clear();
    t.top.set(match, stored);
  }
  if (!stored) return undefined;
  if (!kinds?.length) return stored.all;
  // a kind without a stored list has no matches: an empty, complete one
  const none: TopRanked = { order: new Int32Array(0), score: new Map(), complete: true };
  return mergeRanked(t, [...new Set(kinds)].map((k) => stored.kinds.get(t.kinds.indexOf(k)) ?? none));
}

/**
 * Stored rankings of disjoint sets of records (one per kind) as one, in rank order: exact as long as no list that
 * holds only the best of its records has run out (what came after its last could rank next).
 */
function mergeRanked(t: FacetTable, lists: TopRanked[]): TopRanked {
  if (lists.length === 1) return lists[0]!;
  const order: number[] = [];
  const score = new Map<number, number>();
  const at = lists.map(() => 0);
  for (;;) {
    let pick = -1;
    let pickScore = 0;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      if (at[l]! >= list.order.length) {
        if (!list.complete) return { order: Int32Array.from(order), score, complete: false };
        continue;
      }
      const i = list.order[at[l]!]!;
      const s = list.score.get(i)!;
      if (pick < 0 || rankWorse(t, s, pickScore, i, lists[pick]!.order[at[pick]!]!) < 0) [pick, pickScore] = [l, s];
    }
    if (pick < 0) return { order: Int32Array.from(order), score, complete: true };
    const i = lists[pick]!.order[at[pick]!++]!;
    order.push(i);
    score.set(i, pickScore);
  }
}

/** How `a` (score `sa`) ranks against `b` (score `sb`): lower score first, then source (decks are in source order), slide, rowid. */
function rankWorse(t: Pick<FacetTable, "deck" | "slide" | "rowid">, sa: number, sb: number, a: number, b: number): number {
  return sa - sb || t.deck[a]! - t.deck[b]! || t.slide[a]! - t.slide[b]! || t.rowid[a]! - t.rowid[b]!;
}

/**
 * The indexes of the records the query and filters select, as `selectRecords` selects them, with their bm25 scores
 * when `ranked`. A query narrowed by filters to fewer than half its matches is ranked on the selected records only
 * (bm25 is most of a frequent word's cost: 100,000 matches, a few thousand of one kind).
 */
function selected(
  db: SearchIndex, t: FacetTable, query: string, filters: SearchFilters, ranked = false, reuse = false, need = 0,
): { parsed: ParsedQuery; hits: Int32Array; score: Float64Array | undefined; top?: Pick<TopRanked, "order" | "score"> } {
  // checks the query and the filters as the search does, and gives the concepts a concept filter means
  const { parsed, concepts } = selectRecords(db, query, filters);
  // A frequent word's best hits were ranked when the index was written: when the filters keep `need` of them (or
  // they are all its matches), they are the first `need` hits of the full ranking (filtering keeps their order),
  // and only the matches' rowids are read, for the facets.
  const keep = narrower(t, filters, concepts);
  const top = ranked && parsed.match ? topRanked(db, t, parsed.match, filters.kind) : undefined;
  if (top) {
    const order = keep.narrow(top.order);
    if (order.length >= need || top.complete) {
      const { candidates } = matches(db, t, parsed, false, reuse);
      return { parsed, hits: keep.narrow(candidates), score: undefined, top: { order, score: top.score } };
    }
  }
  // the filters' selection of the matches, when it was made before they are ranked (the same records either way)
  let hits: Int32Array | undefined;
  if (ranked && parsed.match && keep.filtered) {
    const { candidates } = matches(db, t, parsed, false, reuse);
    hits = keep.narrow(candidates);
    if (hits.length * 2 < candidates.length) return { parsed, hits, score: scoresOf(db, t, parsed, hits) };
  }
  const { candidates, score } = matches(db, t, parsed, ranked, reuse);
  return { parsed, hits: hits ?? keep.narrow(candidates), score };
}

/** The bm25 scores of some of a query's matches (by record index), computed for those only. */
function scoresOf(db: SearchIndex, t: FacetTable, parsed: ParsedQuery, hits: Int32Array): Float64Array {
  const score = new Float64Array(t.deck.length);
  if (!hits.length) return score;
  const { ids, scores } = matchRows(db, parsed.match!, true, Array.from(hits, (i) => t.rowid[i]!));
  for (let k = 0; k < ids.length; k++) {
    const i = t.byRowid[ids[k]!] ?? -1;
    if (i >= 0) score[i] = scores![k]!;
  }
  return score;
}

/**
 * What the filters keep, made once per search (its tables are by deck, speaker and concept of the whole corpus):
 * `filtered` when any filter is set, and `narrow` giving the candidates kept.
 */
function narrower(t: FacetTable, filters: SearchFilters, concepts: Set<string> | undefined): { filtered: boolean; narrow: (candidates: Int32Array) => Int32Array } {
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
    const ids = concepts ?? new Set<string>();
    const labels = new Set(filters.concept.map(asciiLower));
    conceptOk = t.concepts.map((c, code) => ids.has(c) || [...(t.conceptLabels[code] ?? [])].some((l) => labels.has(l)));
  }
  const filtered = Boolean(kinds || langs || wanted || conceptOk || filters.deck?.length || filters.from !== undefined || filters.to !== undefined);
  const narrow = (candidates: Int32Array) => !filtered && !candidates.some((i) => t.deck[i]! < 0) ? candidates : candidates.filter((i) => {
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
  return { filtered, narrow };
}

/** Counts the records `query` and `filters` select by each facet. `top` bounds the deck and speaker lists (default 15). */
export function facetCounts(db: SearchIndex, query: string, filters: SearchFilters = {}, top = 15): Facets {
  const t = facetTable(db);
  return countFacets(t, selected(db, t, query, filters).hits, top);
}

/** One page of ranked hits and the facets of every hit. */
export interface SearchPage {
  hits: SearchHit[];
  facets: Facets;
}

/**
 * Searches as `searchIndex` does (the same hits in the same order: bm25, then source, slide and rowid) and counts
 * the facets, in one pass over the full-text index: the matches' rowids and scores are filtered and ranked here
 * with the facet data held in memory, keeping only the best `offset + limit` (a bounded heap), and only the page's
 * rows are read from SQLite. The first call on an open index reads the facet data (seconds on 500,000 records).
 * The matches of the last 16 queries are kept with the open index (paging, or choosing a facet, reuses them)
 * unless `reuseMatches` is false.
 */
export function searchWithFacets(
  db: SearchIndex, query: string, filters: SearchFilters = {},
  options: { limit?: number; offset?: number; mark?: [string, string]; top?: number; reuseMatches?: boolean } = {},
): SearchPage {
  const t = facetTable(db);
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  const { parsed, hits, score, top } = selected(db, t, query, filters, true, options.reuseMatches !== false, offset + limit);
  // without words every score is 0 and the hits are in rank order already (`all`); a frequent word's first pages
  // were ranked at write time (`top`)
  const page = top ? Array.from(top.order.subarray(offset, offset + limit))
    : parsed.match ? best(t, hits, score!, offset + limit).slice(offset) : Array.from(hits.subarray(offset, offset + limit));
  const scoreOf = top ? (i: number) => top.score.get(i)! : (i: number) => score![i]!;
  return {
    hits: hitsOf(db, parsed, page.map((i) => ({ id: t.rowid[i]!, score: scoreOf(i) })), options.mark ?? ["**", "**"]),
    facets: countFacets(t, hits, options.top ?? 15),
  };
}

/** The `k` best of `hits` in rank order: lower score first, then source (decks are in source order), slide, rowid. */
export function best(t: Pick<FacetTable, "deck" | "slide" | "rowid">, hits: Int32Array, score: Float64Array, k: number): number[] {
  return bestOf(hits, (a, b) => rankWorse(t, score[a]!, score[b]!, a, b), k);
}

/** Counts `hits` (record indexes) by each facet. */
function countFacets(t: FacetTable, hits: Int32Array, top: number): Facets {
  const kindCounts = new Int32Array(t.kinds.length);
  const langCounts = new Int32Array(t.langs.length);
  const deckCounts = new Int32Array(t.decks.length);
  const speakerCounts = new Int32Array(t.speakers.length);
  for (const i of hits) {
    kindCounts[t.kind[i]!]!++;
    langCounts[t.lang[i]!]!++;
    deckCounts[t.deck[i]!]!++;
    // a quote counts for its speaker too, unless the speaker is its deck's author (counted once, as the filter does)
    const s = t.speaker[i]!;
    if (s >= 0 && t.speakers[s] !== t.decks[t.deck[i]!]!.author) speakerCounts[s]!++;
  }
  const speaker = new Map<string, number>();
  speakerCounts.forEach((n, s) => n && add(speaker, t.speakers[s]!, n));
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
  const titles = t.titles;
  return {
    total: hits.length,
    concept: conceptTree(t, conceptCountsOf(t, hits), false),
    kind: values(counted(t.kinds, kindCounts)),
    lang: values(counted(t.langs, langCounts)),
    deck: values(bySource, (source) => titles.get(source) ?? source, top),
    speaker: values(speaker, undefined, top),
    year: [...year].sort(([a], [b]) => b.localeCompare(a)).map(([value, count]) => ({ value, label: value, count })),
  };
}

/** The whole stored taxonomy as a tree, each concept with the corpus's records tagged with it or a narrower one (0 for none). */
export function taxonomyCounts(db: SearchIndex): ConceptCount[] {
  const t = facetTable(db);
  return conceptTree(t, conceptCountsOf(t, t.all), true);
}

interface ConceptRow {
  id: string;
  labels: string[];
  broader: string[];
}

/** Per concept id, the records among `hits` tagged with it or a narrower concept, each record counted once. */
function conceptCountsOf(t: FacetTable, hits: Int32Array): Map<string, number> {
  const parents = new Map(t.taxonomy.map((c) => [c.id, c.broader]));
  const ids: string[] = [];
  const codes = new Map<string, number>();
  const codeOf = (id: string) => {
    let code = codes.get(id);
    if (code === undefined) codes.set(id, (code = ids.push(id) - 1));
    return code;
  };
  const ancestors = t.concepts.map((c) => Int32Array.from(reachable([c], parents), codeOf));
  const counts = new Int32Array(ids.length);
  const last = new Int32Array(ids.length).fill(-1); // the record last counted for each concept
  for (const i of hits) {
    for (let k = t.conceptStart[i]!; k < t.conceptStart[i + 1]!; k++) {
      for (const a of ancestors[t.conceptCodes[k]!]!) {
        if (last[a] === i) continue;
        last[a] = i;
        counts[a]!++;
      }
    }
  }
  return new Map(ids.map((id, code) => [id, counts[code]!] as const).filter(([, n]) => n > 0));
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

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const byCount = (a: { count: number; id?: string; label?: string }, b: { count: number; id?: string; label?: string }) =>
  b.count - a.count || (a.id ?? a.label ?? "").localeCompare(b.id ?? b.label ?? "");

function values(map: Map<string, number>, label: (value: string) => string = (v) => v, top = Infinity): FacetValue[] {
  let entries = [...map];
  if (entries.length > top) {
    // only values that can be among the top by count are labelled and compared by label (10,000 decks: 15 wanted)
    const least = entries.map(([, n]) => n).sort((a, b) => b - a)[top - 1]!;
    entries = entries.filter(([, n]) => n >= least);
  }
  return entries.map(([value, count]) => ({ value, label: label(value), count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, top);
}
