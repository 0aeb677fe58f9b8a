// The tag stage: concepts from a taxonomy for each record's text, with the words that matched.
//
// A label matches when its words' keys (folded, Snowball-stemmed; see text-match.ts) equal consecutive words
// of the text: `styringen` matches `styring`, `faelles værdier` matches `fælles værdier`. Danish labels also
// match inside compounds, as the first part (`tillids|relationer`, `velfærds|udviklingen`, with the linking
// -s- or -e-) or as the last part (`frikommune|forsøg`), but only when the rest of the compound is itself a
// Danish word, so `effekt` does not match `effektiviseringer` and `styring` does not match `overstyrende`.
// The most specific match wins: a word that matches a label whole is not taken apart (`forandringsledelse` is
// change management only), and the words of a matched phrase are not matched again by other concepts
// (`økonomisk styring` is financial management, not also styring); broader concepts come from the taxonomy.
import type { ConceptTag } from "../../model/schema.ts";
import { isFoldedDanishWord } from "../../language/danish/base-words.ts";
import { defaultTaxonomy, type Concept, type Taxonomy } from "./taxonomy.ts";
import { foldSpellings } from "../../language/fold.ts";
import { stemFolded, stemLanguageOf, type StemLanguage } from "../../language/match.ts";
import { tokenize, type Token } from "../../language/tokenize.ts";

/** Tags one record's text; `taxonomy` is the taxonomy it tags with (the search index keeps its labels and hierarchy). */
export type Tagger = ((text: string, lang: string) => ConceptTag[]) & { taxonomy?: Taxonomy };

export interface TaggerOptions {
  /** Match Danish labels inside compounds (default true; never for text whose language is `en`). */
  compounds?: boolean;
}

interface LabelEntry {
  concept: Concept;
  /** Keys of the label's words, in the label's language. */
  keys: string[];
}

/** Shortest folded label that is looked for inside compounds: shorter ones (`led`, `mål`) hide in too many words. */
const MIN_COMPOUND_LABEL = 5;
/** Shortest rest of a compound: `tillids|relationer` yes, `vision|ær` no. */
const MIN_COMPOUND_PART = 3;
const LINKS = ["", "s", "e"];

/**
 * A tagger for the given taxonomy (default: the shipped governance taxonomy). Build it once and reuse it:
 * building indexes every label.
 */
export function createTagger(taxonomy: Taxonomy = defaultTaxonomy(), options: TaggerOptions = {}): Tagger {
  const index = indexLabels(taxonomy);
  const compounds = options.compounds !== false;
  const compoundCache = new Map<string, Concept[]>();
  const splitCompound = (folded: string): Concept[] => {
    let hit = compoundCache.get(folded);
    if (!hit) {
      if (compoundCache.size > 50_000) compoundCache.clear();
      hit = compoundConcepts(folded, index);
      compoundCache.set(folded, hit);
    }
    return hit;
  };

  const tagger: Tagger = (text, lang) => {
    const tokens = tokenize(text);
    if (tokens.length === 0) return [];
    const folded = tokens.map((t) => foldSpellings(t.text));
    const keys: Record<StemLanguage, string[]> = {
      da: folded.map((f) => stemFolded(f, "da")),
      en: folded.map((f) => stemFolded(f, "en")),
    };
    const found = new Map<string, { concept: Concept; first: number; matched: string[]; spans: [number, number][] }>();
    /** Records a match of tokens from..to; a match inside a longer one of the same concept adds nothing. */
    const add = (concept: Concept, from: number, to: number) => {
      const tag = found.get(concept.id) ?? { concept, first: from, matched: [], spans: [] };
      found.set(concept.id, tag);
      if (tag.spans.some(([a, b]) => a <= from && to <= b)) return;
      tag.spans.push([from, to]);
      const words = spanText(text, tokens[from]!, tokens[to]!);
      if (!tag.matched.includes(words)) tag.matched.push(words);
    };
    const whole = new Set<number>();
    const phraseOf = new Map<number, string>();
    for (let i = 0; i < tokens.length; i++) {
      // Longest labels first, in either language, so a phrase is recorded before the single words inside it.
      const candidates = (["da", "en"] as const)
        .flatMap((language) => (index.byFirstKey[language].get(keys[language][i]!) ?? []).map((entry) => ({ language, entry })))
        .sort((a, b) => b.entry.keys.length - a.entry.keys.length);
      for (const { language, entry } of candidates) {
        const n = entry.keys.length;
        if (i + n > tokens.length) continue;
        if (!entry.keys.every((k, j) => keys[language][i + j] === k && (j === 0 || adjacent(text, tokens[i + j - 1]!, tokens[i + j]!)))) continue;
        // A word inside another concept's phrase belongs to that phrase: `learning culture` is not also learning.
        if (range(i, n).every((j) => phraseOf.has(j) && phraseOf.get(j) !== entry.concept.id)) continue;
        add(entry.concept, i, i + n - 1);
        for (const j of range(i, n)) {
          whole.add(j);
          if (n > 1 && !phraseOf.has(j)) phraseOf.set(j, entry.concept.id);
        }
      }
    }
    if (compounds && lang !== "en") {
      tokens.forEach((_, i) => {
        if (whole.has(i) || folded[i]!.length < MIN_COMPOUND_LABEL + MIN_COMPOUND_PART) return;
        for (const concept of splitCompound(folded[i]!)) add(concept, i, i);
      });
    }
    return [...found.values()]
      .sort((a, b) => a.first - b.first)
      .map(({ concept, matched }) => ({ id: concept.id, label: labelFor(concept, lang), matched }));
  };
  tagger.taxonomy = taxonomy;
  return tagger;
}

interface LabelIndex {
  byFirstKey: Record<StemLanguage, Map<string, LabelEntry[]>>;
  /** Folded forms (and stems) of one-word Danish labels, as the first part of a compound. */
  modifiers: Map<string, Concept[]>;
  /** Stems of one-word Danish labels, as the last part of a compound. */
  heads: Map<string, Concept[]>;
}

function indexLabels(taxonomy: Taxonomy): LabelIndex {
  const index: LabelIndex = { byFirstKey: { da: new Map(), en: new Map() }, modifiers: new Map(), heads: new Map() };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };
  for (const concept of taxonomy.concepts) {
    const labels: [string, string][] = [
      ...Object.entries(concept.prefLabel),
      ...Object.entries(concept.altLabel ?? {}).flatMap(([lang, list]) => list.map((l): [string, string] => [lang, l])),
    ];
    for (const [lang, label] of labels) {
      const language = stemLanguageOf(lang);
      const words = tokenize(label).map((t) => foldSpellings(t.text));
      if (words.length === 0) continue;
      // Acronyms (NPM, FMU, KPI) match whole words only; stemming would turn them into other words' stems.
      const acronym = /^\p{Lu}{2,6}$/u.test(label.trim());
      const keys = words.map((w) => (acronym ? w : stemFolded(w, language)));
      push(index.byFirstKey[language], keys[0]!, { concept, keys });
      if (language === "da" && words.length === 1 && !acronym && words[0]!.length >= MIN_COMPOUND_LABEL) {
        push(index.modifiers, words[0]!, concept);
        if (keys[0]!.length >= MIN_COMPOUND_LABEL) push(index.modifiers, keys[0]!, concept);
        push(index.heads, keys[0]!, concept);
      }
    }
  }
  return index;
}

/** Concepts whose one-word Danish label is the first or last part of this folded compound. */
function compoundConcepts(word: string, index: LabelIndex): Concept[] {
  const out: Concept[] = [];
  const add = (list: Concept[] | undefined) => list?.forEach((c) => out.includes(c) || out.push(c));
  for (let i = MIN_COMPOUND_LABEL; i <= word.length - MIN_COMPOUND_PART; i++) {
    const concepts = index.modifiers.get(word.slice(0, i));
    if (!concepts) continue;
    for (const link of LINKS) {
      if (!word.startsWith(link, i)) continue;
      const rest = word.slice(i + link.length);
      if (rest.length >= MIN_COMPOUND_PART && isFoldedDanishWord(rest)) {
        add(concepts);
        break;
      }
    }
  }
  for (let i = MIN_COMPOUND_PART; i <= word.length - MIN_COMPOUND_LABEL; i++) {
    const concepts = index.heads.get(stemFolded(word.slice(i), "da"));
    if (!concepts) continue;
    const first = word.slice(0, i);
    const linked = LINKS.some((link) => link && first.endsWith(link) && first.length - 1 >= MIN_COMPOUND_PART && isFoldedDanishWord(first.slice(0, -1)));
    if (isFoldedDanishWord(first) || linked) add(concepts);
  }
  return out;
}

function range(from: number, length: number): number[] {
  return Array.from({ length }, (_, k) => from + k);
}

/** Words of a multi-word label must follow each other with only spaces or hyphens between them. */
function adjacent(text: string, a: Token, b: Token): boolean {
  return /^[\s\-‐–]*$/u.test(text.slice(a.start + a.text.length, b.start));
}

function spanText(text: string, first: Token, last: Token): string {
  return text.slice(first.start, last.start + last.text.length);
}

function labelFor(concept: Concept, lang: string): string {
  const labels = concept.prefLabel;
  return labels[lang] ?? labels[stemLanguageOf(lang)] ?? Object.values(labels)[0]!;
}
