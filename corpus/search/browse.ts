// Reading a corpus by its ids rather than by a query: a deck with its records in slide order, one record, the
// people who gave the decks or are quoted in them. All from the open search index, which holds every deck and record.
import type { CorpusRecord, Deck } from "../../model/schema.ts";
import { foldSpellings } from "../../language/fold.ts";
import { tokenize } from "../../language/tokenize.ts";
import type { SearchIndex } from "./fts-index.ts";

/** The decks with this id (identical files share an id; each has its own source), by source. */
export function decksWithId(db: SearchIndex, id: string): Deck[] {
  return (db.prepare("SELECT json FROM decks WHERE id = ? ORDER BY source").all(id) as { json: string }[]).map((r) => JSON.parse(r.json) as Deck);
}

/** The sources of the decks with this id (one file at several paths), in source order, without reading the decks. */
export function sourcesWithId(db: SearchIndex, id: string): string[] {
  return (db.prepare("SELECT source FROM decks WHERE id = ? ORDER BY source").all(id) as { source: string }[]).map((r) => r.source);
}

/** A deck's records in slide order, each slide's in reading order. */
export function deckRecords(db: SearchIndex, source: string): CorpusRecord[] {
  return (db.prepare("SELECT json FROM records WHERE source = ? ORDER BY slide, rowid").all(source) as { json: string }[])
    .map((r) => JSON.parse(r.json) as CorpusRecord);
}

/** One record by id, with its deck; undefined when the corpus has none. */
export function recordWithId(db: SearchIndex, id: string): { record: CorpusRecord; deck: Deck } | undefined {
  const row = db.prepare("SELECT r.json AS record, d.json AS deck FROM records r JOIN decks d ON d.source = r.source WHERE r.id = ?").get(id) as
    | { record: string; deck: string }
    | undefined;
  return row && { record: JSON.parse(row.record) as CorpusRecord, deck: JSON.parse(row.deck) as Deck };
}

/** A deck as a list entry. */
export type DeckRef = Pick<Deck, "id" | "source" | "title" | "date">;

/** A person of the corpus: the decks they gave (as author) and their quotes. */
export interface Person {
  name: string;
  roles: string[];
  organisations: string[];
  decks: DeckRef[];
  quotes: { record: CorpusRecord; deck: DeckRef }[];
}

/**
 * Every speaker and author, by name (names that differ only in case or the spelling of æ/ø/å are one person),
 * the people with most decks and quotes first.
 */
export function people(db: SearchIndex): Person[] {
  const byName = new Map<string, Person>();
  const person = (name: string) => {
    const key = tokenize(name).map((t) => foldSpellings(t.text)).join(" ");
    let p = byName.get(key);
    if (!p) byName.set(key, (p = { name, roles: [], organisations: [], decks: [], quotes: [] }));
    return p;
  };
  const note = (p: Person, role: string | undefined, organisation: string | undefined) => {
    if (role && !p.roles.includes(role)) p.roles.push(role);
    if (organisation && !p.organisations.includes(organisation)) p.organisations.push(organisation);
  };
  const decks = db.prepare("SELECT json FROM decks WHERE json_extract(json, '$.author') IS NOT NULL ORDER BY source").all() as { json: string }[];
  for (const row of decks) {
    const deck = JSON.parse(row.json) as Deck;
    const p = person(deck.author!);
    p.decks.push(deckRef(deck));
    note(p, deck.role, deck.organisation);
  }
  const quotes = db.prepare(`SELECT r.json AS record, d.json AS deck FROM records r JOIN decks d ON d.source = r.source
    WHERE r.kind = 'quote' AND json_extract(r.json, '$.attribution.speaker') IS NOT NULL ORDER BY r.source, r.slide, r.rowid`).all() as { record: string; deck: string }[];
  for (const row of quotes) {
    const record = JSON.parse(row.record) as CorpusRecord;
    const p = person(record.attribution!.speaker!);
    p.quotes.push({ record, deck: deckRef(JSON.parse(row.deck) as Deck) });
    note(p, record.attribution!.role, record.attribution!.organisation);
  }
  return [...byName.values()].sort((a, b) => b.decks.length + b.quotes.length - (a.decks.length + a.quotes.length) || a.name.localeCompare(b.name));
}

export function deckRef(deck: Deck): DeckRef {
  return { id: deck.id, source: deck.source, ...(deck.title ? { title: deck.title } : {}), ...(deck.date ? { date: deck.date } : {}) };
}
