// The word lists that say a word is common rather than telling, each defined once. They answer different
// questions and disagree on purpose: a list sized for one job (a frequency prior over all of Danish, words that
// never make a key term, the few words an agenda match can ignore) is wrong for another.
import { createRequire } from "node:module";
import { words as naturalEnglishStopwords } from "natural/lib/natural/util/stopwords.js";
import slideStopwords from "../data/stopwords.json" with { type: "json" };

const require = createRequire(import.meta.url);

let iso: Set<string> | undefined;

/**
 * Danish stop words (`stopwords-iso`, lower case): the most frequent words of the language. The Danish repair
 * weighs readings with them and counts them to tell Danish text.
 */
export function danishStopwords(): Set<string> {
  iso ??= new Set((require("stopwords-iso") as Record<string, string[]>).da);
  return iso;
}

/**
 * Words never taken as a deck's key term, as written (callers fold them as they fold the text): the Snowball
 * Danish stop list plus words common on slides (data/stopwords.json), and natural's English stop words.
 */
export const KEYTERM_STOPWORDS: readonly string[] = [...slideStopwords.da, ...naturalEnglishStopwords];

/** Words that carry no topic, skipped when matching slide titles to agenda items (Danish and English). */
export const AGENDA_STOPWORDS: ReadonlySet<string> = new Set(
  ("i og at af til for med på en et den det de der som om fra er eller men nu vi jeg du han hun man ikke så har kan skal " +
    "the of and to in for a an on at or but from by with is are be as it this that our we you")
    .split(" "),
);

/**
 * Words that end a line which the next line continues: a sentence or heading does not stop on them (Danish,
 * Norwegian and English conjunctions, prepositions, articles and possessives).
 */
export const CONTINUING_WORDS: ReadonlySet<string> = new Set(
  ("og i af til for med på en et den det de der som om fra eller men at hvis når mellem under over hos ved " +
    "samt både efter uden gennem mod blandt vores jeres deres sin sit sine din dit dine av å mellom " +
    "the of and to in for a an on at or but from by with into than that which " +
    "about your our their its my through between without within across against during via both").split(" "),
);

/** Common Danish words that English rarely has: evidence that a text is Danish whatever its letters. */
export const DANISH_NOT_ENGLISH_WORDS: ReadonlySet<string> = new Set(
  ("og er det den der de et til med som af har ikke kan vi skal om fra eller hvor hvad hvordan jeg sig var blev bliver vil ved " +
    "efter alle deres mellem hos dette disse hvis bare meget mere skulle kunne ville nye andre vores jeres sammen kommune kommunen " +
    "borgere borgerne arbejde samt mod blandt uden").split(" "),
);

/** Common Danish words as an English OCR writes them: the æ/ø/å read as a, e, o, g, ee, ae. */
export const OCR_DAMAGED_DANISH_WORDS: ReadonlySet<string> = new Set(
  ("pa nar ogsa sa fa ma bade gar star far forst forste mal ar arets ogsa hgj hoj faelles feelles vaere veere vaeret veeret naeste " +
    "neeste saerlig serlig stgrre sterre storre bgrn born ggre gore fgr tveers tvaers tvers lgsning losning " +
    "lgsninger losninger lose loser mgde mode sporgsmal spgrgsmal okonomi gkonomi okonomisk gkonomisk").split(" "),
);
