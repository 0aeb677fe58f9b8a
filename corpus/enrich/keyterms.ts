// Key terms of a deck: the words that characterise it, by TF-IDF over its slides (natural's TfIdf).
// Each slide is a document, so a word scores by how often the deck uses it and how concentrated it is on
// some slides; words on every slide (the deck's footer, its organisation) score low. Computed from the deck
// alone, so a deck's key terms do not change when other decks are added to the corpus.
import TfIdf from "natural/lib/natural/tfidf/tfidf.js";
import { foldSpellings } from "../../language/fold.ts";
import { stemFolded } from "../../language/match.ts";
import { KEYTERM_STOPWORDS } from "../../language/stopwords.ts";
import { tokenize } from "../../language/tokenize.ts";

const STOP = new Set(KEYTERM_STOPWORDS.map(foldSpellings));

export interface KeytermOptions {
  /** How many terms (default 10). */
  count?: number;
}

/** The deck's key terms, best first, each in the spelling the deck uses most. Ties go alphabetically. */
export function keytermsOf(records: { slide: number; text: string }[], options: KeytermOptions = {}): string[] {
  const slides = new Map<number, string[]>();
  const spellings = new Map<string, Map<string, number>>();
  for (const record of records) {
    const keys = slides.get(record.slide) ?? [];
    slides.set(record.slide, keys);
    for (const token of tokenize(record.text)) {
      const word = token.text.toLowerCase();
      const folded = foldSpellings(word);
      if (folded.length < 4 || /\d/.test(folded) || STOP.has(folded)) continue;
      const key = stemFolded(folded, "da");
      keys.push(key);
      const forms = spellings.get(key) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      spellings.set(key, forms);
    }
  }
  const tfidf = new TfIdf();
  const documents = [...slides.values()];
  for (const keys of documents) tfidf.addDocument(keys);
  const score = new Map<string, number>();
  for (const key of spellings.keys()) {
    score.set(key, documents.reduce((sum, _, i) => sum + tfidf.tfidf(key, i), 0));
  }
  return [...score.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, options.count ?? 10)
    .map(([key]) => mostUsed(spellings.get(key)!));
}

function mostUsed(forms: Map<string, number>): string {
  return [...forms.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
}
