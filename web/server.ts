// `slidecorpus serve`: a read-only HTTP server over one corpus folder (Node's http, no framework). Pages and the
// JSON API read the corpus's search index; nothing is read by a path taken from the URL (decks and records are
// looked up by id), nothing is written, and every response carries a Content-Security-Policy that allows no
// script at all and styles and images only from this server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { SearchIndex } from "../corpus/search/fts-index.ts";
import { openCorpusIndex, SearchError, type SearchHit } from "../corpus/search/query.ts";
import { searchWithFacets, taxonomyCounts, type Facets } from "../corpus/search/facets.ts";
import { decksWithId, deckRecords, deckRef, people, recordWithId, sourcesWithId } from "../corpus/search/browse.ts";
import type { Html } from "./html.ts";
import { conceptsPage, deckPage, deckUrl, errorPage, layout, MARK, peoplePage, searchPage } from "./pages.ts";
import { filtersOf, PAGE_SIZE, searchState } from "./search-state.ts";
import { STYLESHEET } from "./style.ts";
import { ThumbnailFiles } from "./thumbnails.ts";

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-origin",
};

export interface ServeOptions {
  /** The corpus folder (the --out of ingest). */
  corpus: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** How many recent search answers are kept (default 256; 0 keeps none and reuses no query's matches: every request searches). */
  cache?: number;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The corpus's index, open read-only, reopened when index.sqlite is replaced or updated (a new ingest into the
 * folder while it is served).
 */
export class CorpusIndex {
  readonly corpus: string;
  private db: SearchIndex | undefined;
  private stamp = "";
  /** Recent search answers by URL, for the open index only (emptied when it is reopened), least recent first. */
  private readonly answers = new Map<string, Promise<Reply>>();
  /** The decks' thumbnails (which slides have one), for the open index only. */
  readonly thumbnails: ThumbnailFiles;
  /** How many answers are kept; 0 also turns off the reuse of recent queries' matches (facets.ts). */
  readonly cacheSize: number;

  constructor(corpus: string, cacheSize = 256) {
    this.corpus = corpus;
    this.cacheSize = cacheSize;
    this.thumbnails = new ThumbnailFiles(corpus);
  }

  /** A search answer for `key` from the cache, or made by `make` and kept (the index must be current: call `get` first). */
  cached(key: string, make: () => Promise<Reply>): Promise<Reply> {
    const hit = this.answers.get(key);
    if (hit) {
      this.answers.delete(key);
      this.answers.set(key, hit);
      return hit;
    }
    const reply = make();
    if (this.cacheSize > 0) {
      this.answers.set(key, reply);
      reply.catch(() => this.answers.delete(key));
      if (this.answers.size > this.cacheSize) this.answers.delete(this.answers.keys().next().value!);
    }
    return reply;
  }

  async get(): Promise<SearchIndex> {
    const s = await stat(join(this.corpus, "index.sqlite")).catch(() => undefined);
    const stamp = s ? `${s.ino}:${s.mtimeMs}:${s.size}` : "none";
    if (!this.db || stamp !== this.stamp) {
      const db = await openCorpusIndex(this.corpus, (reason) => process.stderr.write(`slidecorpus: ${reason}\n`));
      taxonomyCounts(db); // reads what the facets count, once per opened index (seconds on 500,000 records)
      this.close();
      this.db = db;
      this.stamp = stamp;
      this.answers.clear();
      this.thumbnails.clear();
    }
    return this.db;
  }

  close(): void {
    if (this.db?.isOpen) this.db.close();
    this.db = undefined;
  }
}

/** A response: status, content type, body. */
interface Reply {
  status: number;
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

const htmlReply = (status: number, page: Html): Reply => ({ status, type: "text/html; charset=utf-8", body: page.value });
const jsonReply = (status: number, value: unknown): Reply => ({ status, type: "application/json; charset=utf-8", body: JSON.stringify(value) });

/** Answers one GET request: a function of the URL and the corpus index. */
export async function route(url: URL, index: CorpusIndex): Promise<Reply> {
  const path = url.pathname;
  const name = basename(resolve(index.corpus));
  const page = (status: number, title: string, section: Parameters<typeof layout>[1], body: Html) => htmlReply(status, layout(title, section, body, name));
  const api = path.startsWith("/api/");
  const notFound = (what: string) => (api ? jsonReply(404, { error: "not_found", message: what }) : page(404, "Not found", "search", errorPage(404, what)));
  try {
    if (path === "/style.css") return { status: 200, type: "text/css; charset=utf-8", body: STYLESHEET, headers: { "cache-control": "max-age=3600" } };
    const segments = path.split("/").slice(1).map((s) => decodeURIComponent(s));
    if (path === "/" || path === "/api/search") {
      const db = await index.get();
      return index.cached(`${path}?${url.searchParams}`, async () => {
        const state = searchState(url.searchParams);
        const limit = api ? Math.min(100, Math.max(1, Number(url.searchParams.get("limit")) || PAGE_SIZE)) : PAGE_SIZE;
        const filters = filtersOf(state);
        let error: string | undefined;
        let hits: SearchHit[] = [];
        let facets: Facets;
        try {
          ({ hits, facets } = searchWithFacets(db, state.q, filters, { limit, offset: (state.page - 1) * limit, mark: api ? ["**", "**"] : MARK, reuseMatches: index.cacheSize > 0 }));
        } catch (err) {
          if (!(err instanceof SearchError)) throw err;
          if (api) return jsonReply(400, { error: err.code, message: err.message });
          error = err.message;
          facets = { total: 0, concept: [], kind: [], lang: [], deck: [], speaker: [], year: [] };
        }
        if (api) return jsonReply(200, { query: state.q, filters: { ...state, page: undefined }, page: state.page, pageSize: limit, total: facets.total, hits, facets });
        const thumbed = new Map<string, Set<number>>();
        for (const source of new Set(hits.map((h) => h.record.source))) thumbed.set(source, await index.thumbnails.slides(db, source));
        const hasThumbnail = (source: string, slide: number) => thumbed.get(source)?.has(slide) === true;
        return page(error ? 400 : 200, state.q ? `${state.q}` : "Search", "search", searchPage(state, hits, facets, error, hasThumbnail));
      });
    }
    if ((segments[0] === "deck" || (segments[0] === "api" && segments[1] === "deck")) && segments.length === (api ? 3 : 2)) {
      const db = await index.get();
      const decks = decksWithId(db, segments.at(-1)!);
      const source = url.searchParams.get("source");
      const deck = source === null ? decks[0] : decks.find((d) => d.source === source);
      if (!deck) return notFound(`no deck ${segments.at(-1)}${source === null ? "" : ` at ${source}`} in this corpus`);
      const records = deckRecords(db, deck.source);
      if (api) return jsonReply(200, { deck, records });
      const thumbed = await index.thumbnails.slides(db, deck.source);
      return page(200, deck.title ?? deck.source, "deck", deckPage(deck, records, decks.filter((d) => d !== deck).map(deckRef), thumbed));
    }
    if (segments[0] === "thumb" && segments.length === 3) {
      // a slide's thumbnail, by deck id and slide number (and the deck's source, when one file is at two)
      const db = await index.get();
      const sources = sourcesWithId(db, segments[1]!);
      const wanted = url.searchParams.get("source");
      const source = wanted === null ? sources[0] : sources.find((s) => s === wanted);
      const slide = /^[1-9]\d{0,5}$/.test(segments[2]!) ? Number(segments[2]) : undefined;
      const image = source !== undefined && slide !== undefined ? await index.thumbnails.image(db, source, slide) : undefined;
      if (!image) return { status: 404, type: "text/plain; charset=utf-8", body: "no such thumbnail\n" };
      return { status: 200, type: image.type, body: image.bytes, headers: { "cache-control": "private, max-age=3600" } };
    }
    if ((segments[0] === "record" || (segments[0] === "api" && segments[1] === "record")) && segments.length === (api ? 3 : 2)) {
      const found = recordWithId(await index.get(), segments.at(-1)!);
      if (!found) return notFound(`no record ${segments.at(-1)} in this corpus`);
      if (api) return jsonReply(200, found);
      return { status: 303, type: "text/plain; charset=utf-8", body: "", headers: { location: `${deckUrl(found.deck)}#r-${encodeURIComponent(found.record.id)}` } };
    }
    if (path === "/people" || path === "/api/people") {
      const list = people(await index.get());
      return api ? jsonReply(200, { people: list }) : page(200, "People", "people", peoplePage(list));
    }
    if (path === "/concepts" || path === "/api/concepts") {
      const tree = taxonomyCounts(await index.get());
      return api ? jsonReply(200, { concepts: tree }) : page(200, "Concepts", "concepts", conceptsPage(tree));
    }
    return notFound(`nothing at ${path}`);
  } catch (err) {
    if (err instanceof URIError) return notFound("a badly encoded address");
    throw err;
  }
}

/** Whether a request's Host header names this machine (a page elsewhere cannot reach a loopback server by a rebound name). */
function localHost(header: string | undefined): boolean {
  if (!header) return false;
  const host = header.startsWith("[") ? header.slice(0, header.indexOf("]") + 1) : header.replace(/:\d+$/, "");
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || /^127\./.test(host);

/** Starts the server; resolves once it listens, with its URL. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const index = new CorpusIndex(options.corpus, options.cache);
  await index.get(); // a folder that holds no corpus fails now, not on the first request
  const loopback = isLoopback(host);
  const server = createServer((req, res) => {
    handle(req, res, index, loopback).catch((err: unknown) => {
      process.stderr.write(`slidecorpus serve: ${(err as Error).stack ?? String(err)}\n`);
      if (!res.headersSent) send(res, req, { status: 500, type: "text/plain; charset=utf-8", body: "internal error\n" });
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 8080, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
        index.close();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, index: CorpusIndex, loopback: boolean): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, req, { status: 405, type: "text/plain; charset=utf-8", body: "read-only: only GET and HEAD\n", headers: { allow: "GET, HEAD" } });
  }
  if (loopback && !localHost(req.headers.host)) {
    return send(res, req, { status: 421, type: "text/plain; charset=utf-8", body: "this server answers only to localhost\n" });
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  send(res, req, await route(url, index));
}

function send(res: ServerResponse, req: IncomingMessage, reply: Reply): void {
  res.writeHead(reply.status, {
    ...SECURITY_HEADERS,
    "content-type": reply.type,
    "content-length": Buffer.byteLength(reply.body),
    "cache-control": "no-store",
    ...reply.headers,
  });
  res.end(req.method === "HEAD" ? undefined : reply.body);
}
