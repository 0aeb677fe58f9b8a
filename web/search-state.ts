// The search page's state lives in its URL (a bookmark or the back button gives the same page, and it works
// without JavaScript): the query, the facets chosen, the page. Facets of one kind are alternatives (any of them),
// facets of different kinds must all hold.
import type { RecordKind } from "../model/schema.ts";
import type { SearchFilters } from "../corpus/search/query.ts";

export const PAGE_SIZE = 20;

/** The facets that can be chosen more than once. */
export const MULTI_FACETS = ["concept", "kind", "deck", "lang", "speaker"] as const;
export type MultiFacet = (typeof MULTI_FACETS)[number];

export interface SearchState {
  q: string;
  concept: string[];
  kind: string[];
  deck: string[];
  lang: string[];
  speaker: string[];
  /** A year (`2017`): decks dated in it. */
  year?: string;
  /** 1-based page of hits. */
  page: number;
}

/** The state a URL's query string gives; unknown parameters are ignored, a bad page number is page 1. */
export function searchState(params: URLSearchParams): SearchState {
  const list = (name: string) => [...new Set(params.getAll(name).map((v) => v.trim()).filter(Boolean))];
  const page = Number(params.get("page") ?? "1");
  const year = params.get("year")?.trim();
  return {
    q: params.get("q")?.trim() ?? "",
    concept: list("concept"),
    kind: list("kind"),
    deck: list("deck"),
    lang: list("lang"),
    speaker: list("speaker"),
    ...(year ? { year } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of a state (`?q=…&kind=quote`), without empty parts; page 1 is left out. */
export function searchQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of MULTI_FACETS) for (const v of state[facet]) params.append(facet, v);
  if (state.year) params.set("year", state.year);
  if (state.page > 1) params.set("page", String(state.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The state with one facet value chosen, or unchosen when it was; back to page 1. */
export function toggleFacet(state: SearchState, facet: MultiFacet | "year", value: string): SearchState {
  if (facet === "year") {
    const { year: _, ...rest } = state;
    return { ...rest, ...(state.year === value ? {} : { year: value }), page: 1 };
  }
  const values = state[facet].includes(value) ? state[facet].filter((v) => v !== value) : [...state[facet], value];
  return { ...state, [facet]: values, page: 1 };
}

/** The search filters a state asks for. */
export function filtersOf(state: SearchState): SearchFilters {
  const nonEmpty = (v: string[]) => (v.length ? v : undefined);
  return {
    concept: nonEmpty(state.concept),
    kind: nonEmpty(state.kind) as RecordKind[] | undefined,
    deck: nonEmpty(state.deck),
    lang: nonEmpty(state.lang),
    speaker: nonEmpty(state.speaker),
    ...(state.year ? { from: state.year, to: state.year } : {}),
  };
}
