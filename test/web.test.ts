// The web view in process: escaping, where repairs are, facet counts against the search's own hits, and the
// server's answers (safety headers, read-only, ids only, XSS as text). test/serve-browser.test.ts drives it in Chromium.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CorpusRecord, Deck } from "../model/schema.ts";
import { processDocument } from "../pipeline/process.ts";
import { createTagger } from "../corpus/enrich/tag.ts";
import { defaultTaxonomy } from "../corpus/enrich/taxonomy.ts";
import { openIndex, writeIndex, type SearchIndex } from "../corpus/search/fts-index.ts";
import { searchIndex, type SearchFilters } from "../corpus/search/query.ts";
import { best, facetCounts, searchWithFacets, taxonomyCounts, type ConceptCount } from "../corpus/search/facets.ts";
import { people } from "../corpus/search/browse.ts";
import { escapeHtml, html } from "../web/html.ts";
import { repairSpans } from "../web/repairs.ts";
import { searchQueryString, searchState, toggleFacet } from "../web/search-state.ts";
import { CONTENT_SECURITY_POLICY, serve, type RunningServer } from "../web/server.ts";
import { seed000, seed003, tempDir } from "./helpers.ts";
import { XSS_DECK } from "./xss-deck.ts";

/** A tag the deck's payloads would make if they were put in as markup; an event handler attribute in any tag. */
const UNSAFE_TAG = /<(script|img|svg|b)\b/i;
const EVENT_ATTRIBUTE = /<[^>]*\son[a-z]+\s*=/i;

/** Ingests texts into a corpus folder in process: processed, tagged with the default taxonomy, indexed. */
async function makeCorpus(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const tag = createTagger();
  const decks: Deck[] = [];
  const records: CorpusRecord[] = [];
  for (const [source, content] of Object.entries(files)) {
    const r = await processDocument(typeof content === "string" ? Buffer.from(content) : content, source);
    if (!r.ok) throw new Error(`${source}: ${r.error.message}`);
    decks.push(r.deck);
    for (const rec of r.records) records.push({ ...rec, concepts: tag(rec.text, rec.lang) });
  }
  writeFileSync(join(dir, "decks.jsonl"), decks.map((d) => JSON.stringify(d) + "\n").join(""));
  writeFileSync(join(dir, "records.jsonl"), records.map((d) => JSON.stringify(d) + "\n").join(""));
  expect(await writeIndex(join(dir, "index.sqlite"), decks, records, defaultTaxonomy())).toBe(true);
}

describe("html", () => {
  it("escapes every value and keeps only markup it made itself", () => {
    const text = `<script>alert("x")</script> & 'q'`;
    expect(escapeHtml(text)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    const inner = html`<b>${text}</b>`;
    expect(html`<p title="${text}">${inner}${[text, 1]}${undefined}${false}</p>`.value).toBe(
      `<p title="${escapeHtml(text)}"><b>${escapeHtml(text)}</b>${escapeHtml(text)}1</p>`,
    );
    // a plain object that looks like markup is still text
    expect(html`${{ value: "<i>", toString: () => "<i>" }}`.value).toBe("&lt;i&gt;");
  });
});

describe("repairSpans", () => {
  it("finds each repaired word in the text the record ended with, after joined lines and a list marker", async () => {
    const r = await processDocument(Buffer.from("Ny kommunal styring\n\n5. Ny rammer om det feelles\nNiels Hojberg, Stadsdirekter i Aarhus Kommune\nFaelles vaerdier og hjaelp til oversaettelsen af loesninger\n"), "a.txt");
    if (!r.ok) throw new Error(r.error.message);
    const repaired = r.records.filter((rec) => rec.changes.some((c) => c.rule.startsWith("danish.")));
    expect(repaired.length).toBeGreaterThan(0);
    const words = repaired.flatMap((rec) => repairSpans(rec.text, rec.changes).map((s) => [rec.text.slice(s.start, s.end), s.changes.map((c) => c.from).join(" ")]));
    expect(words).toEqual(expect.arrayContaining([["fælles", "feelles"], ["Højberg", "Hojberg"]]));
    // every change of these records is found, at a place whose text is its replacement
    for (const rec of repaired) {
      const spans = repairSpans(rec.text, rec.changes);
      expect(spans.flatMap((s) => s.changes).length).toBe(rec.changes.filter((c) => c.to !== "").length);
      for (const s of spans) for (const c of s.changes) expect(rec.text.slice(s.start, s.end)).toContain(c.to);
    }
  });

  it("marks the whole word around a change inside it, and merges two changes of one word", () => {
    const changes = [
      { from: "ae", to: "æ", offset: 2, rule: "danish.x", confidence: 1 },
      { from: "oe", to: "ø", offset: 5, rule: "danish.x", confidence: 1 },
    ];
    // original "kaeboeg", text "kæbøg": both changes inside one word
    expect(repairSpans("ja kæbøg nej", [{ ...changes[0]!, offset: 4 }, { ...changes[1]!, offset: 7 }]))
      .toEqual([{ start: 3, end: 8, changes: [{ ...changes[0]!, offset: 4 }, { ...changes[1]!, offset: 7 }] }]);
    expect(repairSpans("ingen", changes)).toEqual([]);
  });
});

describe("search state in the URL", () => {
  it("round-trips and toggles facets", () => {
    const state = searchState(new URLSearchParams("q=tillid&kind=quote&kind=bullet&year=2017&page=3&junk=1"));
    expect(state).toEqual({ q: "tillid", concept: [], kind: ["quote", "bullet"], deck: [], lang: [], speaker: [], year: "2017", page: 3 });
    expect(searchState(new URLSearchParams(searchQueryString(state)))).toEqual(state);
    expect(toggleFacet(state, "kind", "quote")).toMatchObject({ kind: ["bullet"], page: 1 });
    expect(toggleFacet(state, "year", "2017").year).toBeUndefined();
    expect(searchState(new URLSearchParams("page=-2")).page).toBe(1);
  });
});

describe("a served corpus", () => {
  let dir: string;
  let db: SearchIndex;
  let server: RunningServer;
  const get = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);

  beforeAll(async () => {
    dir = join(tempDir(), "corpus");
    await makeCorpus(dir, { "000.txt": readFileSync(seed000), "003.txt": readFileSync(seed003), "xss.txt": XSS_DECK });
    db = openIndex(join(dir, "index.sqlite"), { readOnly: true });
    server = await serve({ corpus: dir, port: 0 });
  });
  afterAll(async () => {
    db?.close();
    await server?.close();
  });

  it("counts each facet value as the number of hits its filter gives", () => {
    const bases: SearchFilters[] = [{}, { kind: ["quote", "bullet"] }, { speaker: ["hojberg"] }, { concept: ["Styring"] }, { deck: ["Ledelse i en frisat kommune - Perspektiver og erfaringer"], from: "2020" }];
    for (const [query, base] of ["", "tillid", "ledelse OR styring"].flatMap((q) => bases.map((b) => [q, b] as const))) {
      const facets = facetCounts(db, query, base);
      const all = searchIndex(db, query, { ...base, limit: 100_000 });
      expect([query, base, facets.total]).toEqual([query, base, all.length]);
      if (!base.kind && !base.deck) expect(facets.total).toBeGreaterThan(0);
      const count = (filters: Parameters<typeof searchIndex>[2]) => searchIndex(db, query, { ...base, ...filters, limit: 100_000 }).length;
      for (const v of facets.kind) expect([v.value, count({ kind: [v.value as "quote"] })]).toEqual([v.value, v.count]);
      for (const v of facets.lang) expect(count({ lang: [v.value] })).toBe(v.count);
      for (const v of facets.deck) expect(count({ deck: [v.value] })).toBe(v.count);
      for (const v of facets.year) expect(count({ from: v.value, to: v.value })).toBe(v.count);
      for (const v of facets.speaker) expect([v.value, count({ speaker: [v.value] })]).toEqual([v.value, v.count]);
      const walk = (nodes: ConceptCount[]): void => {
        for (const c of nodes) {
          expect([c.id, count({ concept: [c.id] })]).toEqual([c.id, c.count]);
          walk(c.narrower);
        }
      };
      // (a concept within hits already filtered by a concept is an AND that one search filter cannot ask)
      if (!base.concept) walk(facets.concept);
    }
  });

  it("ranks in memory exactly as the SQL search does, page by page, with the same facets", () => {
    const bases: SearchFilters[] = [{}, { kind: ["quote", "bullet"] }, { speaker: ["hojberg"] }, { concept: ["Styring"] }, { lang: ["da"], from: "2000" }];
    let compared = 0;
    for (const [query, base] of ["", "tillid", "ledelse OR styring", "kommune*", "\"nye rammer\"", "styring -tillid"].flatMap((q) => bases.map((b) => [q, b] as const))) {
      const all = searchIndex(db, query, { ...base, limit: 100_000, mark: ["[", "]"] });
      for (const [offset, limit] of [[0, 5], [3, 4], [0, 100_000], [all.length - 2, 10]] as const) {
        const page = searchWithFacets(db, query, base, { offset: Math.max(0, offset), limit, mark: ["[", "]"] });
        expect([query, base, offset, page.hits]).toEqual([query, base, offset, all.slice(Math.max(0, offset), Math.max(0, offset) + limit)]);
        expect(page.facets).toEqual(facetCounts(db, query, base));
        compared += page.hits.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect(() => searchWithFacets(db, "-alene")).toThrow(/only excludes/);
  });

  it("keeps the best k of many by score, then deck, slide and rowid", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 2000;
    const t = { deck: Int32Array.from({ length: n }, () => Math.floor(random() * 20)), slide: Int32Array.from({ length: n }, () => Math.floor(random() * 5)), rowid: Int32Array.from({ length: n }, (_, i) => n - i) };
    const score = Float64Array.from({ length: n }, () => -Math.floor(random() * 30)); // many ties
    const hits = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const sorted = [...hits].sort((a, b) => score[a]! - score[b]! || t.deck[a]! - t.deck[b]! || t.slide[a]! - t.slide[b]! || t.rowid[a]! - t.rowid[b]!);
    for (const k of [0, 1, 7, 100, hits.length, hits.length + 5]) expect(best(t, hits, score, k)).toEqual(sorted.slice(0, k));
  });

  it("narrows every count when a facet is chosen, and keeps the hierarchy", () => {
    const all = facetCounts(db, "");
    const quotes = facetCounts(db, "", { kind: ["quote"] });
    expect(quotes.total).toBe(all.kind.find((k) => k.value === "quote")!.count);
    expect(quotes.total).toBeLessThan(all.total);
    expect(quotes.kind).toEqual([{ value: "quote", label: "quote", count: quotes.total }]);
    // a broader concept counts its narrower concepts' records: styring ⊇ økonomisk styring
    const styring = all.concept.find((c) => c.id === "styring")!;
    expect(styring.narrower.length).toBeGreaterThan(0);
    for (const n of styring.narrower) expect(n.count).toBeLessThanOrEqual(styring.count);
    // the whole taxonomy, even concepts without records
    const flat = (nodes: ConceptCount[]): ConceptCount[] => nodes.flatMap((c) => [c, ...flat(c.narrower)]);
    expect(new Set(flat(taxonomyCounts(db)).map((c) => c.id))).toEqual(new Set(defaultTaxonomy().concepts.map((c) => c.id)));
  });

  it("lists people with their decks and quotes", () => {
    const list = people(db);
    const hojberg = list.find((p) => p.name === "Niels Højberg")!;
    expect(hojberg.decks.map((d) => d.source)).toEqual(["000.txt"]);
    expect(hojberg.quotes.length).toBeGreaterThan(0);
    expect(list.find((p) => p.name === "Trine Quist")?.quotes[0]?.record.kind).toBe("quote");
  });

  it("serves pages with a strict Content-Security-Policy, and shows deck text as text", async () => {
    const res = await get("/?q=tillid");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src|unsafe/);
    const body = await res.text();
    expect(body).toContain("&lt;script&gt;window.__xss=1&lt;/script&gt;");
    expect(body).not.toMatch(UNSAFE_TAG);
    expect(body).not.toMatch(EVENT_ATTRIBUTE);
    const xss = searchIndex(db, "", { deck: ["xss.txt"], limit: 1 })[0]!.deck;
    const deck = await (await get(`/deck/${xss.id}`)).text();
    expect(deck).toContain("&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;");
    expect(deck).toContain("&lt;img src=x onerror=&quot;window.__xss=3&quot;&gt;");
    expect(deck).not.toMatch(UNSAFE_TAG);
    expect(deck).not.toMatch(EVENT_ATTRIBUTE);
  });

  it("answers the JSON API: search with facets and paging, a deck, a record", async () => {
    const page1 = await (await get("/api/search?q=ledelse&limit=3")).json() as { total: number; hits: { record: CorpusRecord }[]; facets: { kind: unknown[] } };
    const page2 = await (await get("/api/search?q=ledelse&limit=3&page=2")).json() as typeof page1;
    expect(page1.total).toBe(facetCounts(db, "ledelse").total);
    expect(page1.hits.map((h) => h.record.id)).toEqual(searchIndex(db, "ledelse", { limit: 3 }).map((h) => h.record.id));
    expect(page2.hits.map((h) => h.record.id)).toEqual(searchIndex(db, "ledelse", { limit: 6 }).slice(3).map((h) => h.record.id));
    expect(page1.facets.kind.length).toBeGreaterThan(0);
    const hit = page1.hits[0]!.record;
    const deck = await (await get(`/api/deck/${hit.deckId}`)).json() as { deck: Deck; records: CorpusRecord[] };
    expect(deck.deck.source).toBe(hit.source);
    expect(deck.records.map((r) => r.slide)).toEqual([...deck.records.map((r) => r.slide)].sort((a, b) => a - b));
    expect(deck.records.some((r) => r.id === hit.id)).toBe(true);
    expect(await (await get(`/api/record/${hit.id}`)).json()).toMatchObject({ record: { id: hit.id }, deck: { source: hit.source } });
    const bad = await get("/api/search?q=-alene");
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([400, "bad_query"]);
  });

  it("is read-only, answers only to localhost, and serves nothing by a path", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await get("/api/search", { method });
      expect([method, res.status, res.headers.get("allow")]).toEqual([method, 405, "GET, HEAD"]);
    }
    // a page elsewhere reaching this server through a name rebound to 127.0.0.1 (fetch cannot set Host)
    const status = await new Promise<number | undefined>((ok, fail) => {
      request(new URL("/", server.url), { headers: { host: "attacker.example" } }, (res) => {
        res.resume();
        ok(res.statusCode);
      }).on("error", fail).end();
    });
    expect(status).toBe(421);
    for (const path of ["/records.jsonl", "/index.sqlite", "/deck/..%2Frecords.jsonl", "/deck/%2e%2e/%2e%2e/etc/passwd", "/api/deck/nothere", "/record/%ZZ"]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('"deckId"');
    }
  });
});

describe("a served corpus that is ingested again", () => {
  it("keeps answers only for the index they came from", async () => {
    const dir = join(tempDir(), "corpus");
    await makeCorpus(dir, { "000.txt": readFileSync(seed000) });
    const server = await serve({ corpus: dir, port: 0 });
    try {
      const total = async () => ((await (await fetch(new URL("/api/search?q=tillid", server.url))).json()) as { total: number }).total;
      const before = await total();
      expect(before).toBeGreaterThan(0);
      expect(await total()).toBe(before); // answered again (from the cache)
      await makeCorpus(dir, { "000.txt": readFileSync(seed000), "003.txt": readFileSync(seed003) });
      const after = await total();
      const db = openIndex(join(dir, "index.sqlite"), { readOnly: true });
      try {
        expect(after).toBe(searchIndex(db, "tillid", { limit: 100_000 }).length);
      } finally {
        db.close();
      }
      expect(after).toBeGreaterThan(before);
    } finally {
      await server.close();
    }
  });
});
