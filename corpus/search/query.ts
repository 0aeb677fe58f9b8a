// Searching a corpus: a query in, ranked records with highlighted snippets out.
//
// Every query word is folded and stemmed exactly as the index folded and stemmed the text (text-match.ts), and
// looked for in the three indexed forms: the folded words, their stems, and the record's concepts. Ranking is
// FTS5's bm25, with a whole-word match counting more than a stem match, and a stem match more than a concept.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CorpusRecord, Deck, RecordKind } from "../../model/schema.ts";
import { fillIndex, openIndex, type SearchIndex } from "./fts-index.ts";
import { hasFts5, NO_FTS5 } from "./sqlite.ts";
import { foldedCompoundParts } from "../../language/danish/base-words.ts";
import { foldSpellings } from "../../language/fold.ts";
import { stemFolded, stemLanguageOf } from "../../language/match.ts";
import { tokenize } from "../../language/tokenize.ts";
import { readJsonl } from "../store/jsonl.ts";

export interface SearchFilters {
  /** Records tagged with any of these concepts (id or preferred label) or a narrower one. */
  concept?: string[];
  /** Records of any of these kinds. */
  kind?: RecordKind[];
  /** Records of these decks: deck id, source path, source path prefix (a folder), or title. */
  deck?: string[];
  /** Records in any of these languages (ISO 639-1). */
  lang?: string[];
  /** Decks dated on or after this ISO date (`2017`, `2017-03`, `2017-03-02`); undated decks are left out. */
  from?: string;
  /** Decks dated on or before this ISO date; `2017` includes all of 2017. */
  to?: string;
  /**
   * Records said by this person or given in a deck by them: a quote's attributed speaker or the deck's author
   * (`Højberg`, `Niels Hojberg`: every word given must be in the name, in any case or spelling of æ/ø/å).
   */
  speaker?: string[];
}

export interface SearchOptions extends SearchFilters {
  /** The corpus folder written by ingest (holds index.sqlite, or at least records.jsonl and decks.jsonl). */
  corpus: string;
  /** Most hits returned (default 20). */
  limit?: number;
  /** Hits skipped before the first returned (paging; default 0). */
  offset?: number;
  /** Marks around highlighted words in `snippet` (default `**` and `**`). */
  mark?: [open: string, close: string];
  /** Told why index.sqlite could not be used (another index version, damaged) when the JSONL files are searched instead. */
  onFallback?: (reason: string) => void;
}

export interface SearchHit {
  record: CorpusRecord;
  deck: Pick<Deck, "id" | "source" | "title" | "date">;
  /** bm25 rank: lower is better (FTS5 convention); 0 when the query had no words, only filters. */
  score: number;
  /** The record's text (or a window of it, with `…`) with the matching words marked. */
  snippet: string;
  /** [start, end) offsets of the matching words in `record.text`. */
  highlights: [number, number][];
}

/** A query or filter that cannot be run, or a folder that holds no corpus. Exit code 2 in the CLI. */
export class SearchError extends Error {
  readonly code: "bad_query" | "no_corpus" | "no_fts5";
  constructor(code: "bad_query" | "no_corpus" | "no_fts5", message: string) {
    super(message);
    this.name = "SearchError";
    this.code = code;
  }
}

/**
 * Searches the corpus in `options.corpus` for `query`: words (all must match), `"quoted phrases"`, `word*` for
 * a prefix, `a OR b`, `-word` or `NOT word` to exclude. An empty query lists the records the filters select.
 */
export async function search(query: string, options: SearchOptions): Promise<SearchHit[]> {
  let db = await openCorpusIndex(options.corpus, options.onFallback);
  try {
    return searchIndex(db, query, options);
  } catch (err) {
    // index.sqlite opened but is damaged past its header: the JSONL files are the corpus, search them instead
    const file = join(options.corpus, "index.sqlite");
    if (!(err instanceof Error) || !isDamagedDatabase(err) || db.location() === null || !hasJsonl(options.corpus)) throw err;
    db.close();
    options.onFallback?.(`cannot use ${file} (${err.message.replace(/^.*: /, "")}); searching records.jsonl instead`);
    db = await jsonlIndex(options.corpus);
    return searchIndex(db, query, options);
  } finally {
    if (db.isOpen) db.close();
  }
}

/** An SQLite error that says the file is damaged (not a mistake in the query). */
function isDamagedDatabase(err: Error): boolean {
  return /database disk image is malformed|file is not a database|database corruption|SQLITE_CORRUPT/i.test(err.message);
}

function hasJsonl(corpus: string): boolean {
  return existsSync(join(corpus, "records.jsonl")) && existsSync(join(corpus, "decks.jsonl"));
}

/** An in-memory index of the corpus's JSONL files. */
async function jsonlIndex(corpus: string): Promise<SearchIndex> {
  const db = openIndex(":memory:");
  const deckList: Deck[] = [];
  for await (const deck of readJsonl<Deck>(join(corpus, "decks.jsonl"))) deckList.push(deck);
  await fillIndex(db, deckList, readJsonl<CorpusRecord>(join(corpus, "records.jsonl")));
  return db;
}

/**
 * Opens the corpus's index.sqlite, or builds one in memory from its JSONL files when there is none, or when the
 * file cannot be read as this version's index (written by another slidecorpus version, damaged): `onFallback`
 * is told why. The corpus files are what ingest guarantees; the index is derived from them.
 */
export async function openCorpusIndex(corpus: string, onFallback?: (reason: string) => void): Promise<SearchIndex> {
  if (!hasFts5()) throw new SearchError("no_fts5", NO_FTS5);
  const file = join(corpus, "index.sqlite");
  const haveJsonl = hasJsonl(corpus);
  if (existsSync(file)) {
    try {
      return openIndex(file, { readOnly: true });
    } catch (err) {
      if (!haveJsonl) throw err;
      onFallback?.(`cannot use ${file} (${(err as Error).message.replace(`${file}: `, "")}); searching records.jsonl instead`);
    }
  }
  if (!haveJsonl) {
    throw new SearchError("no_corpus", `${corpus} holds no corpus (no index.sqlite, records.jsonl or decks.jsonl); run slidecorpus ingest first`);
  }
  return jsonlIndex(corpus);
}


/** Which records a query and filters select: the SQL condition over `records r JOIN decks d`, and its parameters. */
export interface RecordSelection {
  parsed: ParsedQuery;
  /** Conditions, all of which must hold (empty: every record). */
  where: string[];
  params: (string | number)[];
  /** The concepts a concept filter means (`conceptsWithNarrower`), when there is one: computed once, for the SQL and for facets.ts. */
  concepts?: Set<string>;
}

/**
 * The SQL that selects the records a query and filters match, over `records r JOIN decks d ON d.source =
 * r.source` (joined with `records_fts` on `r.rowid` when `parsed.match` is set). Shared by the ranked search and
 * the facet counts (facets.ts), so both count the same records.
 */
export function selectRecords(db: SearchIndex, query: string, options: SearchFilters = {}): RecordSelection {
  const parsed = parseQuery(query);
  const where: string[] = [];
  const params: (string | number)[] = [];
  let concepts: Set<string> | undefined;
  if (parsed.match) {
    where.push("records_fts MATCH ?");
    params.push(parsed.match);
  }
  const anyOf = (values: string[] | undefined, sql: (v: string) => [string, string[]]) => {
    if (!values?.length) return;
    const parts = values.map(sql);
    where.push(`(${parts.map(([s]) => s).join(" OR ")})`);
    for (const [, p] of parts) params.push(...p);
  };
  anyOf(options.kind, (v) => ["r.kind = ?", [v]]);
  anyOf(options.lang, (v) => ["r.lang = ?", [v]]);
  anyOf(options.deck, (v) => ["(d.id = ? OR d.source = ? OR d.title = ? COLLATE NOCASE OR substr(d.source, 1, length(?) + 1) = ? || '/')", [v, v, v, v, v]]);
  if (options.speaker?.length) {
    db.function("slidecorpus_person", { deterministic: true }, (name, wanted) => (typeof name === "string" && typeof wanted === "string" && namesPerson(name, wanted) ? 1 : 0));
    anyOf(options.speaker, (v) => [
      "(slidecorpus_person(json_extract(r.json, '$.attribution.speaker'), ?) OR slidecorpus_person(json_extract(d.json, '$.author'), ?))",
      [v, v],
    ]);
  }
  if (options.concept?.length) {
    concepts = conceptsWithNarrower(db, options.concept);
    const ids = [...concepts];
    const labels = options.concept;
    where.push(`EXISTS (SELECT 1 FROM record_concepts c WHERE c.record = r.rowid AND (c.concept IN (${ids.map(() => "?").join(", ")})` +
      ` OR c.label COLLATE NOCASE IN (${labels.map(() => "?").join(", ")})))`);
    params.push(...ids, ...labels);
  }
  if (options.from !== undefined) {
    where.push("d.date >= ?");
    params.push(isoDate(options.from, "from"));
  }
  if (options.to !== undefined) {
    const to = isoDate(options.to, "to");
    where.push("substr(d.date, 1, ?) <= ?");
    params.push(to.length, to);
  }
  return { parsed, where, params, ...(concepts ? { concepts } : {}) };
}

/** The rank of a match: bm25 with a whole word counting more than a stem, and a stem more than a concept. */
export const BM25 = "bm25(records_fts, 1.0, 0.7, 0.4)";

/**
 * The rowids of the records an FTS5 expression matches, with their bm25 scores (`BM25`) when `scored`. `among`
 * (rowids) keeps those only: bm25 is then computed for them alone (`+rowid`: a filter on the rows FTS5 gives,
 * not a rowid lookup per value). The one reading of matches for the search in memory (facets.ts) and for the
 * rankings stored at write time (fts-index.ts).
 */
export function matchRows(db: SearchIndex, match: string, scored: boolean, among?: ArrayLike<number>): { ids: Int32Array; scores?: Float64Array } {
  const params: string[] = among ? [match, JSON.stringify(Array.from(among))] : [match];
  const where = `records_fts MATCH ?${among ? " AND +rowid IN (SELECT value FROM json_each(?))" : ""}`;
  try {
    if (!scored) {
      // the rowids alone as one string, parsed here: a third less time than a JS row per match (100,000 of them)
      const row = db.prepare(`SELECT group_concat(rowid, ' ') AS ids FROM records_fts WHERE ${where}`).get(...params) as { ids: string | null };
      return { ids: parseIds(row.ids ?? "") };
    }
    const statement = db.prepare(`SELECT rowid AS id, ${BM25} AS score FROM records_fts WHERE ${where}`);
    // rows as arrays (Node >= 24): half the time of an object per row on a frequent word's 100,000 matches
    const rows: [number, number][] = typeof statement.setReturnArrays === "function"
      ? (statement.setReturnArrays(true), statement.all(...params) as unknown as [number, number][])
      : (statement.all(...params) as { id: number; score: number }[]).map((r) => [r.id, r.score]);
    const ids = new Int32Array(rows.length);
    const scores = new Float64Array(rows.length);
    rows.forEach(([id, score], i) => {
      ids[i] = id;
      scores[i] = score;
    });
    return { ids, scores };
  } catch (err) {
    throw new SearchError("bad_query", `cannot run the query "${match}": ${(err as Error).message}`);
  }
}

/** Space-separated decimal rowids as numbers. */
function parseIds(text: string): Int32Array {
  const out = new Int32Array((text.length + 1) >> 1);
  let n = 0;
  let value = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (value >= 0) out[n++] = value;
      value = -1;
    } else {
      value = (value < 0 ? 0 : value * 10) + c - 48;
    }
  }
  if (value >= 0) out[n++] = value;
  return out.subarray(0, n);
}

/**
 * The `k` best of `items` in rank order (`worse(a, b) > 0`: a ranks after b), with a bounded heap: a page of a
 * frequent word's 100,000 matches without sorting them all.
 */
export function bestOf(items: ArrayLike<number>, worse: (a: number, b: number) => number, k: number): number[] {
  if (k <= 0) return [];
  // a max-heap of the best k so far, the worst of them on top
  const heap: number[] = [];
  const down = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let top = at;
      if (l < heap.length && worse(heap[l]!, heap[top]!) > 0) top = l;
      if (r < heap.length && worse(heap[r]!, heap[top]!) > 0) top = r;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top]!, heap[at]!];
      at = top;
    }
  };
  for (let n = 0; n < items.length; n++) {
    const i = items[n]!;
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0;) {
        const parent = (at - 1) >> 1;
        if (worse(heap[at]!, heap[parent]!) <= 0) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (worse(i, heap[0]!) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(worse);
}

/** Searches an open index. */
export function searchIndex(db: SearchIndex, query: string, options: Omit<SearchOptions, "corpus"> = {}): SearchHit[] {
  const { parsed, where, params } = selectRecords(db, query, options);
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  // The page's rows are chosen first and only then is their JSON read: a sort keeps every column it is given for
  // every matching row, and the JSON is most of a row.
  const page = parsed.match
    ? `SELECT r.rowid AS id, ${BM25} AS score
       FROM records_fts JOIN records r ON r.rowid = records_fts.rowid JOIN decks d ON d.source = r.source
       WHERE ${where.join(" AND ")} ORDER BY score, r.source, r.slide, r.rowid LIMIT ? OFFSET ?`
    : `SELECT r.rowid AS id, 0 AS score FROM records r JOIN decks d ON d.source = r.source
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY r.source, r.slide, r.rowid LIMIT ? OFFSET ?`;
  let chosen: { id: number; score: number }[];
  try {
    chosen = db.prepare(page).all(...params, limit, offset) as typeof chosen;
  } catch (err) {
    throw new SearchError("bad_query", `cannot run the query "${query}": ${(err as Error).message}`);
  }
  return hitsOf(db, parsed, chosen, options.mark ?? ["**", "**"]);
}

/**
 * The hits for records already chosen and ranked (`id` is the rowid): their JSON read, highlighted, snipped. Only
 * a page's rows are read; a ranked search in memory (facets.ts `searchWithFacets`) chooses them too.
 */
export function hitsOf(db: SearchIndex, parsed: ParsedQuery, chosen: { id: number; score: number }[], mark: [string, string]): SearchHit[] {
  if (!chosen.length) return [];
  const json = new Map((db.prepare(`SELECT r.rowid AS id, r.json AS record, d.json AS deck FROM records r JOIN decks d ON d.source = r.source
    WHERE r.rowid IN (${chosen.map(() => "?").join(", ")})`).all(...chosen.map((c) => c.id)) as { id: number; record: string; deck: string }[])
    .map((r) => [r.id, r]));
  const rows = chosen.flatMap((c) => {
    const row = json.get(c.id);
    return row ? [{ ...row, score: c.score }] : [];
  });
  const labels = new Map((db.prepare("SELECT id, labels FROM concepts").all() as { id: string; labels: string }[]).map((r) => [r.id, JSON.parse(r.labels) as string[]]));
  return rows.map((row) => {
    const record = JSON.parse(row.record) as CorpusRecord;
    const deck = JSON.parse(row.deck) as Deck;
    const highlights = highlightsOf(record, parsed, labels);
    return {
      record,
      deck: { id: deck.id, source: deck.source, ...(deck.title ? { title: deck.title } : {}), ...(deck.date ? { date: deck.date } : {}) },
      score: row.score,
      snippet: snippetOf(record.text, highlights, mark),
      highlights,
    };
  });
}

/**
 * The concepts a `--concept` filter means: the ones with that id or preferred label, and, through the stored
 * taxonomy's `broader` links, every narrower one (`styring` takes in New Public Management and budgetlov).
 */
/**
 * Whether `name` (`Niels Højberg`) is the person `wanted` names: every word of `wanted` is a word of `name`, across
 * case and the spellings of æ/ø/å (`højberg`, `Hojberg`, `niels hoejberg`).
 */
export function namesPerson(name: string, wanted: string): boolean {
  const words = new Set(foldedWords(name));
  const asked = foldedWords(wanted);
  return asked.length > 0 && asked.every((w) => words.has(w));
}

const foldedNames = new Map<string, string[]>();

/** The folded words of a name; names recur on every row a filter looks at (bounded cache). */
function foldedWords(name: string): string[] {
  let words = foldedNames.get(name);
  if (!words) {
    if (foldedNames.size > 10_000) foldedNames.clear();
    foldedNames.set(name, (words = tokenize(name).map((t) => foldSpellings(t.text))));
  }
  return words;
}

export function conceptsWithNarrower(db: SearchIndex, wanted: string[]): Set<string> {
  const rows = db.prepare("SELECT id, labels, broader FROM concepts").all() as { id: string; labels: string; broader: string }[];
  const ids = new Set<string>();
  // each wanted concept by id or by a preferred label in any language; one that names nothing is a mistake
  for (const w of wanted) {
    const f = foldSpellings(w);
    const found = rows.filter((row) => row.id === w || (JSON.parse(row.labels) as string[]).some((l) => foldSpellings(l) === f));
    if (!found.length && rows.length) {
      throw new SearchError("bad_query", `--concept "${w}" is not a concept of this corpus's taxonomy (give an id such as "${rows[0]!.id}" or a preferred label)`);
    }
    if (!found.length) ids.add(w); // an index without its taxonomy: the id as given
    for (const row of found) ids.add(row.id);
  }
  const children = new Map<string, string[]>();
  for (const row of rows) {
    for (const parent of JSON.parse(row.broader) as string[]) children.set(parent, [...(children.get(parent) ?? []), row.id]);
  }
  return reachable(ids, children);
}

/** `from` and every node reached from it along `edges` (a concept's narrower or broader ones), each once. */
export function reachable(from: Iterable<string>, edges: Map<string, string[]>): Set<string> {
  const seen = new Set(from);
  const queue = [...seen];
  while (queue.length) {
    for (const next of edges.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or undefined for a query without words. */
  match: string | undefined;
  /** What a word of the text must be to be highlighted. */
  folded: Set<string>;
  stems: Set<string>;
  prefixes: string[];
}

/** Turns the user's query into an FTS5 expression over the folded, stemmed and concept columns. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { match: undefined, folded: new Set(), stems: new Set(), prefixes: [] };
  const groups: string[][] = [];
  const exclude: string[] = [];
  let or = false;
  let not = false;
  for (const m of query.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    let negative = m[1] === "-" || not;
    let text = m[2] ?? m[3]!;
    if (m[3] !== undefined) {
      if (text === "AND") continue; // words must all match anyway
      if (text === "OR" || text === "NOT") {
        if (text === "OR") or = groups.length > 0;
        else not = true;
        continue;
      }
      if (text.startsWith("-") && text.length > 1) {
        negative = true;
        text = text.slice(1);
      }
    }
    not = false;
    const prefix = m[3] !== undefined && text.endsWith("*");
    const words = tokenize(text).map((t) => foldSpellings(t.text));
    if (words.length === 0) continue;
    const expression = termExpression(words, prefix);
    if (!negative) {
      for (const w of words) {
        parsed.folded.add(w);
        parsed.stems.add(stemFolded(w, "da"));
        parsed.stems.add(stemFolded(w, "en"));
      }
      if (prefix) parsed.prefixes.push(words.at(-1)!);
    }
    if (negative) exclude.push(expression);
    else if (or) groups.at(-1)!.push(expression);
    else groups.push([expression]);
    or = false;
  }
  if (groups.length === 0) {
    if (exclude.length) throw new SearchError("bad_query", `the query "${query}" only excludes words; add a word to look for`);
    if (query.trim()) throw new SearchError("bad_query", `the query "${query}" has no words to look for`);
    return parsed;
  }
  parsed.match = groups.map((g) => `(${g.join(" OR ")})`).join(" AND ") + (exclude.length ? ` NOT (${exclude.join(" OR ")})` : "");
  return parsed;
}

function termExpression(words: string[], prefix: boolean): string {
  const quote = (ws: string[]) => `"${ws.join(" ")}"`;
  if (prefix) return `(folded : ${quote(words)} * OR concepts : ${quote(words)} *)`;
  const alternatives = new Set([`folded : ${quote(words)}`]);
  for (const language of ["da", "en"] as const) alternatives.add(`stems : ${quote(words.map((w) => stemFolded(w, language)))}`);
  if (words.length === 1) {
    alternatives.add(`concepts : ${quote(words)}`);
    alternatives.add(`concepts : ${quote([stemFolded(words[0]!, "da")])}`);
  }
  return `(${[...alternatives].join(" OR ")})`;
}

/** Offsets of the record's words that the query matched, directly or through a concept's matched words. */
function highlightsOf(record: CorpusRecord, query: ParsedQuery, labels: Map<string, string[]>): [number, number][] {
  const danish = stemLanguageOf(record.lang) === "da";
  const hits = (w: string) => {
    const f = foldSpellings(w);
    return query.folded.has(f) || query.stems.has(stemFolded(f, "da")) || query.stems.has(stemFolded(f, "en")) || query.prefixes.some((p) => f.startsWith(p)) ||
      (danish && foldedCompoundParts(f).some((part) => query.stems.has(stemFolded(part, "da"))));
  };
  const conceptWords = new Set(
    record.concepts
      .filter((c) => [c.label, c.id, ...(labels.get(c.id) ?? [])].flatMap((l) => tokenize(l)).some((t) => hits(t.text)))
      .flatMap((c) => c.matched.flatMap((m) => tokenize(m).map((t) => t.text))),
  );
  return tokenize(record.text)
    .filter((t) => hits(t.text) || conceptWords.has(t.text))
    .map((t): [number, number] => [t.start, t.start + t.text.length]);
}

const SNIPPET = 180;

/** The text, or a window of about 180 characters around the first match, with the matches marked. */
export function snippetOf(text: string, highlights: [number, number][], mark: [string, string]): string {
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET) {
    const first = highlights[0]?.[0] ?? 0;
    start = Math.max(0, first - 60);
    if (start > 0) start = text.lastIndexOf(" ", start) + 1;
    end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), (highlights[0]?.[1] ?? start) + 1);
  }
  let out = "";
  let at = start;
  for (const [a, b] of highlights) {
    if (a < start || b > end) continue;
    out += text.slice(at, a) + mark[0] + text.slice(a, b) + mark[1];
    at = b;
  }
  out += text.slice(at, end);
  return (start > 0 ? "…" : "") + out.replace(/\s+/g, " ").trim() + (end < text.length ? "…" : "");
}

function isoDate(value: string, name: string): string {
  const m = /^\d{4}(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const valid = m && (!m[1] || (Number(m[1]) >= 1 && Number(m[1]) <= 12)) && (!m[2] || (Number(m[2]) >= 1 && Number(m[2]) <= new Date(Date.UTC(Number(value.slice(0, 4)), Number(m[1]), 0)).getUTCDate()));
  if (!valid) throw new SearchError("bad_query", `--${name} must be an ISO date (2017, 2017-03 or 2017-03-02), got "${value}"`);
  return value;
}
