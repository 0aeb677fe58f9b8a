// The pages, as functions from data to HTML: search, deck, people, concepts, and an error page. Every piece of
// corpus text goes through the `html` template (html.ts), which escapes it. No page needs JavaScript.
import type { CorpusRecord, Deck, SlideInfo } from "../model/schema.ts";
import type { SearchHit } from "../corpus/search/query.ts";
import type { ConceptCount, FacetValue, Facets } from "../corpus/search/facets.ts";
import type { DeckRef, Person } from "../corpus/search/browse.ts";
import { html, type Html } from "./html.ts";
import { repairSpans } from "./repairs.ts";
import { PAGE_SIZE, searchQueryString, toggleFacet, type MultiFacet, type SearchState } from "./search-state.ts";

/** Marks put around highlighted words by the search (control characters: never in a record's text as shown). */
export const MARK: [string, string] = ["\u0001", "\u0002"];

type Section = "search" | "people" | "concepts" | "deck";

/** The frame of every page: title, navigation, the stylesheet. */
export function layout(title: string, section: Section, body: Html, corpusName: string): Html {
  const nav = (href: string, label: string, key: Section) => html`<a href="${href}"${key === section ? html` aria-current="page"` : ""}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · slidecorpus</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="top"><span class="brand">slidecorpus</span> <span class="corpus">${corpusName}</span>
<nav>${nav("/", "Search", "search")} ${nav("/people", "People", "people")} ${nav("/concepts", "Concepts", "concepts")}</nav></header>
<main>
${body}
</main>
</body>
</html>
`;
}

export const deckUrl = (deck: Pick<Deck, "id" | "source">): string => `/deck/${encodeURIComponent(deck.id)}?source=${encodeURIComponent(deck.source)}`;
const recordUrl = (deck: Pick<Deck, "id" | "source">, record: Pick<CorpusRecord, "id">) => `${deckUrl(deck)}#r-${encodeURIComponent(record.id)}`;
const searchUrl = (state: SearchState) => `/${searchQueryString(state)}`;
const emptyState = (): SearchState => ({ q: "", concept: [], kind: [], deck: [], lang: [], speaker: [], page: 1 });

/** The search page: query box, facets, hits, paging. */
export function searchPage(state: SearchState, hits: SearchHit[], facets: Facets, error?: string, hasThumbnail: (source: string, slide: number) => boolean = () => false): Html {
  const pages = Math.max(1, Math.ceil(facets.total / PAGE_SIZE));
  const hidden = (["concept", "kind", "deck", "lang", "speaker"] as const).flatMap((f) => state[f].map((v) => html`<input type="hidden" name="${f}" value="${v}">`));
  const first = (state.page - 1) * PAGE_SIZE + 1;
  return html`<form class="query" method="get" action="/" role="search">
<input type="search" name="q" value="${state.q}" placeholder='words, "a phrase", prefix*, a OR b, -word' aria-label="Query" autofocus>
${hidden}${state.year ? html`<input type="hidden" name="year" value="${state.year}">` : ""}
<button type="submit">Search</button>
</form>
${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<div class="results">
<aside class="facets" aria-label="Facets">
${chosenFacets(state)}
${conceptFacet(state, facets.concept)}
${facet(state, "kind", "Kind", facets.kind)}
${facet(state, "lang", "Language", facets.lang)}
${facet(state, "speaker", "Speaker", facets.speaker)}
${facet(state, "year", "Year", facets.year)}
${facet(state, "deck", "Deck", facets.deck)}
</aside>
<section class="hits" aria-label="Hits">
<p class="total" data-total="${facets.total}">${facets.total === 0 ? "No matching records" : html`${first}–${first + hits.length - 1} of ${facets.total} record${facets.total === 1 ? "" : "s"}`}</p>
<ol class="hits" start="${first}">
${hits.map((hit) => hitItem(hit, hasThumbnail(hit.record.source, hit.record.slide)))}
</ol>
${pages > 1 ? html`<nav class="paging" aria-label="Pages">
${state.page > 1 ? html`<a rel="prev" href="${searchUrl({ ...state, page: state.page - 1 })}">← previous</a>` : ""}
<span>page ${state.page} of ${pages}</span>
${state.page < pages ? html`<a rel="next" href="${searchUrl({ ...state, page: state.page + 1 })}">next →</a>` : ""}
</nav>` : ""}
</section>
</div>`;
}

function hitItem(hit: SearchHit, thumbnail: boolean): Html {
  const { record, deck } = hit;
  return html`<li class="hit" data-record="${record.id}">
<a class="preview" href="${recordUrl(deck, record)}" tabindex="-1" aria-hidden="true">${thumbnail ? thumbImage(deck, record.slide, "small") : textCard([record])}</a>
<div class="where"><a class="deck" href="${recordUrl(deck, record)}">${deck.title ?? deck.source}</a> · <span class="slide">slide ${record.slide}</span> · <span class="kind">${record.kind}</span>${deck.date ? html` · <span class="date">${deck.date}</span>` : ""}</div>
<p class="snippet">${marked(hit.snippet)}</p>
${record.attribution ? html`<p class="attribution">— ${record.attribution.text}</p>` : ""}
</li>`;
}

/** A snippet with the search's marks as <mark> elements, the rest as text. */
function marked(snippet: string): Html[] {
  const out: Html[] = [];
  let open = false;
  for (const part of snippet.split(/([\u0001\u0002])/)) {
    if (part === MARK[0]) open = true;
    else if (part === MARK[1]) open = false;
    else if (part) out.push(open ? html`<mark>${part}</mark>` : html`${part}`);
  }
  return out;
}

function chosenFacets(state: SearchState): Html {
  const chosen: [MultiFacet | "year", string][] = [
    ...(["concept", "kind", "lang", "speaker", "deck"] as const).flatMap((f) => state[f].map((v): [MultiFacet, string] => [f, v])),
    ...(state.year ? [["year", state.year] as ["year", string]] : []),
  ];
  if (!chosen.length) return html``;
  return html`<section class="facet chosen"><h2>Chosen</h2><ul>
${chosen.map(([f, v]) => html`<li><a class="remove" href="${searchUrl(toggleFacet(state, f, v))}" title="remove">${f}: ${v} ✕</a></li>`)}
</ul><a href="${searchUrl({ ...emptyState(), q: state.q })}">clear all</a></section>`;
}

function facet(state: SearchState, name: MultiFacet | "year", title: string, values: FacetValue[]): Html {
  if (!values.length) return html``;
  const isChosen = (v: string) => (name === "year" ? state.year === v : state[name].includes(v));
  return html`<section class="facet" data-facet="${name}"><h2>${title}</h2><ul>
${values.map((v) => html`<li${isChosen(v.value) ? html` class="active"` : ""}><a href="${searchUrl(toggleFacet(state, name, v.value))}" data-value="${v.value}">${v.label}</a> <span class="count">${v.count}</span></li>`)}
</ul></section>`;
}

function conceptFacet(state: SearchState, concepts: ConceptCount[]): Html {
  if (!concepts.length) return html``;
  const tree = (nodes: ConceptCount[]): Html => html`<ul>${nodes.map((c) => html`<li${state.concept.includes(c.id) ? html` class="active"` : ""}>
<a href="${searchUrl(toggleFacet(state, "concept", c.id))}" data-value="${c.id}" title="${c.labels.join(" · ")}">${c.labels[0] ?? c.id}</a> <span class="count">${c.count}</span>${c.narrower.length ? tree(c.narrower) : ""}</li>`)}</ul>`;
  return html`<section class="facet" data-facet="concept"><h2>Concept</h2>${tree(concepts)}</section>`;
}

/** A slide's thumbnail (served by deck id and slide number). */
function thumbImage(deck: Pick<Deck, "id" | "source">, slide: number, size: "small" | "large"): Html {
  const src = `/thumb/${encodeURIComponent(deck.id)}/${slide}?source=${encodeURIComponent(deck.source)}`;
  return html`<img class="thumb ${size}" src="${src}" alt="slide ${slide}" loading="lazy" decoding="async">`;
}

/** A slide without a thumbnail, as a small card of its records' text: its title first, a few lines. */
function textCard(records: CorpusRecord[]): Html {
  // a slide's own text, title first; its notes when it has nothing else (a hit in the notes)
  const own = [...records.filter((r) => r.kind === "title"), ...records.filter((r) => r.kind !== "title" && r.kind !== "note")];
  const shown = (own.length ? own : records).slice(0, 4);
  const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
  return html`<span class="thumb text-card" role="img" aria-label="slide text">${shown.length
    ? shown.map((r) => html`<span class="${r.kind === "title" ? "card-title" : "card-line"}">${cut(r.text, r.kind === "title" ? 120 : 100)}</span>`)
    : html`<span class="card-line empty">no text</span>`}</span>`;
}

const METADATA_SOURCE = { slide: "from the title slide", properties: "from the document's properties" } as const;

/** A deck: its metadata and where each field came from, then every slide in order with its records. */
export function deckPage(deck: Deck, records: CorpusRecord[], sameFile: DeckRef[], thumbnails: Set<number> = new Set()): Html {
  const bySlide = new Map<number, CorpusRecord[]>();
  for (const r of records) bySlide.set(r.slide, [...(bySlide.get(r.slide) ?? []), r]);
  const infos = new Map(deck.slides.map((s) => [s.slide, s]));
  const slides = Array.from({ length: Math.max(deck.slideCount, ...bySlide.keys()) }, (_, i) => i + 1);
  const field = (label: string, value: string | number | undefined, from?: keyof NonNullable<Deck["metadataSource"]>) =>
    value === undefined || value === "" ? "" : html`<dt>${label}</dt><dd data-field="${label}">${value}${from && deck.metadataSource?.[from] ? html` <span class="source">${METADATA_SOURCE[deck.metadataSource[from]]}</span>` : ""}</dd>`;
  return html`<article class="deck">
<h1>${deck.title ?? deck.source}</h1>
${deck.subtitle ? html`<p class="subtitle">${deck.subtitle}</p>` : ""}
<dl class="metadata">
${field("Title", deck.title, "title")}${field("Author", deck.author, "author")}${field("Role", deck.role)}${field("Organisation", deck.organisation)}
${field("Event", deck.event)}${field("Date", deck.date, "date")}${field("Language", deck.lang)}${field("Source", deck.source)}${field("Format", deck.format)}
${field("Slides", deck.slideCount)}${field("Repairs", deck.repairs)}${field("Key terms", deck.keyterms?.join(", "))}${field("Deck id", deck.id)}${field("Pipeline", deck.pipelineVersion)}
</dl>
${sameFile.length ? html`<p class="same-file">The same file is also at: ${sameFile.map((d) => html`<a href="${deckUrl(d)}">${d.source}</a> `)}</p>` : ""}
${slides.map((n) => slideSection(deck, n, infos.get(n), bySlide.get(n) ?? [], thumbnails.has(n)))}
${deck.dropped?.length ? html`<details class="dropped"><summary>${deck.dropped.length} line${deck.dropped.length === 1 ? "" : "s"} kept out of the records</summary><ul>
${deck.dropped.map((d) => html`<li>slide ${d.slide}: <q>${d.text}</q> — ${d.reason}</li>`)}</ul></details>` : ""}
</article>`;
}

function slideSection(deck: Deck, n: number, info: SlideInfo | undefined, records: CorpusRecord[], thumbnail: boolean): Html {
  const own = records.filter((r) => r.kind !== "note");
  const notes = records.filter((r) => r.kind === "note");
  const section = records.find((r) => r.section)?.section;
  const method = info ? html`<span class="method" data-method="${info.method}">${info.method === "ocr" ? "OCR" : "text layer"}${info.confidence !== undefined ? html`, confidence ${Math.round(info.confidence * 100)}%` : ""}</span>` : "";
  return html`<section class="slide" id="slide-${n}" data-slide="${n}">
<header><h2>Slide ${n}</h2> ${method}${info?.hidden ? html` <span class="hidden-slide">hidden</span>` : ""}${section ? html` <span class="section">section${section.index ? html` ${section.index}` : ""}: ${section.title}</span>` : ""}
${info?.reason ? html`<span class="reason">${info.reason}</span>` : ""}</header>
<div class="slide-body">
<div class="preview">${thumbnail ? thumbImage(deck, n, "large") : textCard(records)}</div>
<div class="slide-records">
<div class="card">${own.length ? own.map(recordBlock) : html`<p class="empty">no text</p>`}</div>
${notes.length ? html`<aside class="notes"><h3>Notes</h3>${notes.map(recordBlock)}</aside>` : ""}
</div>
</div>
</section>`;
}

function recordBlock(record: CorpusRecord): Html {
  const concepts = record.concepts.length
    ? html`<span class="concepts">${record.concepts.map((c) => html`<a class="concept" href="/?concept=${encodeURIComponent(c.id)}" title="matched: ${c.matched.join(", ")}">${c.label}</a>`)}</span>`
    : "";
  const body = record.table
    ? html`<table><thead><tr>${record.table.header.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${record.table.rows.map((row) => html`<tr>${row.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`
    : html`<span class="text">${withRepairs(record)}</span>`;
  return html`<div class="record kind-${record.kind}${record.level ? html` level-${Math.min(record.level, 4)}` : ""}" id="r-${record.id}" data-kind="${record.kind}">
<span class="kind">${record.kind}${record.agendaIndex ? html` ${record.agendaIndex}` : ""}${record.method === "ocr" ? " · OCR" : ""}</span> ${body}
${record.attribution ? html`<span class="attribution">— ${record.attribution.text}</span>` : ""}${concepts}</div>`;
}

/** A record's text with each repaired word marked; its original and the rule show on hover or focus. */
export function withRepairs(record: Pick<CorpusRecord, "text" | "changes">): Html[] {
  const out: Html[] = [];
  let at = 0;
  for (const span of repairSpans(record.text, record.changes)) {
    out.push(html`${record.text.slice(at, span.start)}`);
    const tip = span.changes.map((c) => html`<span class="change"><del>${c.from}</del> → <ins>${c.to}</ins> · <code>${c.rule}</code> · ${Math.round(c.confidence * 100)}%${c.reason ? html`<br><small>${c.reason}</small>` : ""}</span>`);
    const danish = span.changes.some((c) => c.rule.startsWith("danish."));
    out.push(html`<span class="repair${danish ? " danish" : ""}" tabindex="0" data-original="${span.changes.map((c) => c.from).join(" ")}">${record.text.slice(span.start, span.end)}<span class="tip" role="tooltip">${tip}</span></span>`);
    at = span.end;
  }
  out.push(html`${record.text.slice(at)}`);
  return out;
}

/** Speakers and authors with their decks and quotes. */
export function peoplePage(people: Person[]): Html {
  return html`<h1>People</h1>
<p>${people.length} speakers and authors: the decks they gave and what they are quoted as saying.</p>
${people.map((p) => html`<section class="person">
<h2><a href="/?speaker=${encodeURIComponent(p.name)}">${p.name}</a></h2>
${p.roles.length || p.organisations.length ? html`<p class="role">${[...p.roles, ...p.organisations].join(" · ")}</p>` : ""}
${p.decks.length ? html`<h3>Decks</h3><ul class="decks">${p.decks.map((d) => html`<li><a href="${deckUrl(d)}">${d.title ?? d.source}</a>${d.date ? html` <span class="date">${d.date}</span>` : ""}</li>`)}</ul>` : ""}
${p.quotes.length ? html`<h3>Quotes</h3><ul class="quotes">${p.quotes.map(({ record, deck }) => html`<li><blockquote>${record.text}</blockquote><a href="${recordUrl(deck, record)}">${deck.title ?? deck.source}, slide ${record.slide}</a></li>`)}</ul>` : ""}
</section>`)}`;
}

/** The taxonomy as a tree, each concept with its records' count and a link to them. */
export function conceptsPage(concepts: ConceptCount[]): Html {
  const tree = (nodes: ConceptCount[]): Html => html`<ul>${nodes.map((c) => html`<li data-concept="${c.id}">${c.count
    ? html`<a href="/?concept=${encodeURIComponent(c.id)}">${c.labels[0] ?? c.id}</a>`
    : html`<span class="none">${c.labels[0] ?? c.id}</span>`} <span class="count">${c.count}</span>${c.labels.length > 1 ? html` <span class="labels">${c.labels.slice(1).join(" · ")}</span>` : ""}${c.narrower.length ? tree(c.narrower) : ""}</li>`)}</ul>`;
  return html`<h1>Concepts</h1><p>The taxonomy, broader concepts above narrower ones; a count takes in the narrower concepts' records.</p><div class="taxonomy">${tree(concepts)}</div>`;
}

export function errorPage(status: number, message: string): Html {
  return html`<h1>${status === 404 ? "Not found" : "Cannot show this"}</h1><p class="error">${message}</p><p><a href="/">Search</a></p>`;
}
