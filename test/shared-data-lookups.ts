// The language lookups of test/shared-data.test.ts, asked in the test's thread and in a worker thread that reads
// the main thread's shared data (test/shared-data-worker.ts).
import { foldedCompoundParts, isFoldedDanishWord } from "../language/danish/base-words.ts";
import { subtitleCount } from "../language/danish/frequencies.ts";
import { contextEvidence, corpusCount, seenBeside } from "../language/danish/pair-counts.ts";
import { bigramId, compoundParts, frequency, isDanishWord, isEnglish, isPair, roleOf, startsADanishWord } from "../language/danish/lexicon.ts";

export type Lookup = "lexicon" | "english" | "bigrams" | "taggerWords" | "frequencies" | "pairCounts";

/** Every answer the lookups of `kind` give for `words`, in order. */
export function answers(kind: Lookup, words: string[]): unknown[] {
  switch (kind) {
    case "lexicon":
      return words.map((w) => [roleOf(w), isDanishWord(w), compoundParts(w) ?? null, startsADanishWord(w)]);
    case "english":
      return words.map((w) => isEnglish(w));
    case "bigrams":
      return words.map((w, i) => [bigramId(w), frequency(w), isPair(w, words[(i + 1) % words.length]!)]);
    case "taggerWords":
      return words.map((w) => [isFoldedDanishWord(w), foldedCompoundParts(w)]);
    case "frequencies":
      return words.map((w) => subtitleCount(w));
    case "pairCounts":
      return words.map((w, i) => {
        const [prev, next] = [words[i - 1] ?? "", words[i + 1] ?? ""].map((x) => x.toLowerCase());
        const word = w.toLowerCase();
        return [corpusCount(word), contextEvidence(prev, word, next), seenBeside(prev, word, next)];
      });
  }
}

