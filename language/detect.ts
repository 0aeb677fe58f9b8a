// Language identification with franc, restricted to the languages slide decks here come in,
// returning ISO 639-1 codes; for a deck and its records, franc's evidence is weighed with the lexicons'.
import { franc, francAll } from "franc";
import { isDanishWord, isEnglish } from "./danish/lexicon.ts";
import { lowerWords, readsOtherScandinavian, scandinavianEvidence } from "./scandinavian.ts";

const ISO3_TO_1: Record<string, string> = { dan: "da", eng: "en", nob: "no", swe: "sv", deu: "de" };
const ONLY = Object.keys(ISO3_TO_1);
const SCANDINAVIAN = new Set(["da", "no", "sv"]);

/** `und` when the text is too short or unclear. */
export function detectLanguage(text: string, minLength = 20): string {
  const code = franc(text, { only: ONLY, minLength });
  return ISO3_TO_1[code] ?? "und";
}

/**
 * Share of a text's Danish words, among its words of three or more letters that are not English words, above
 * which it is Danish rather than Norwegian or Swedish (Danish decks: 0.75–1; Norwegian ones about 0.5–0.7, their
 * `neste`, `spørsmål`, `hva` being no Danish words).
 */
const DANISH_SHARE = 0.8;
/** Fewest such words that tell. */
const MIN_WORDS = 4;
/** franc's runner-up within this of its best score is a close call the lexicons settle. */
const CLOSE = 0.9;

/** English function words no Danish text uses as such (`and` is a Danish word, but not one slides use). */
const ENGLISH_FUNCTION_WORDS = new Set("the and of with your our you is are this that what how why from into about will".split(" "));

interface LexiconEvidence {
  /** Words of three or more letters. */
  words: number;
  /** Danish words among those that are not English words, as a share of them. */
  danishShare: number;
  notEnglish: number;
  /** Words only English has (English, not Danish, or an English function word), and only Danish has. */
  englishOnly: number;
  danishOnly: number;
  /** Any æ, ø or å. */
  danishLetters: boolean;
  /** Every word of three or more letters is an English word. */
  allEnglish: boolean;
}

function lexiconEvidence(text: string): LexiconEvidence {
  const all = lowerWords(text);
  const words = all.filter((w) => w.length >= 3);
  let notEnglish = 0, danish = 0, englishOnly = 0, danishOnly = 0;
  for (const w of all) if (w.length < 3 && ENGLISH_FUNCTION_WORDS.has(w)) englishOnly++;
  for (const w of words) {
    const en = isEnglish(w), da = isDanishWord(w);
    if (!en) notEnglish++;
    if (!en && da) danish++;
    if (en && (!da || ENGLISH_FUNCTION_WORDS.has(w))) englishOnly++;
    if (da && !en) danishOnly++;
  }
  return { words: words.length, danishShare: notEnglish ? danish / notEnglish : 0, notEnglish, englishOnly, danishOnly, danishLetters: /[æøå]/iu.test(text), allEnglish: notEnglish === 0 };
}

/**
 * A deck's language from all its text: franc's answer, with the Scandinavian languages told apart by the
 * lexicons, which short decks need (franc reads a few Danish titles as Norwegian): text whose non-English words
 * are nearly all Danish dictionary words, with no more Norwegian or Swedish function words than Danish ones, is
 * Danish; text with clearly more Norwegian or Swedish function words is not.
 */
export function detectDeckLanguage(text: string): string {
  const ranked = francAll(text, { only: ONLY, minLength: 20 }).map(([code, score]) => [ISO3_TO_1[code] ?? "und", score] as const);
  const best = ranked[0]?.[0] ?? "und";
  const words = lowerWords(text);
  const e = lexiconEvidence(text);
  const scandinavian = scandinavianEvidence(words);
  // franc's answer is Scandinavian, or it has one close behind: the lexicons decide which
  const close = ranked.some(([code, score], k) => k > 0 && SCANDINAVIAN.has(code) && score >= CLOSE);
  if (SCANDINAVIAN.has(best) || (best === "und" && (e.danishLetters || scandinavian.danish > 0))) {
    if (readsOtherScandinavian(scandinavian)) return scandinavian.swedish > scandinavian.norwegian ? "sv" : "no";
    const danish = e.notEnglish >= MIN_WORDS && e.danishShare >= DANISH_SHARE && scandinavian.danish >= Math.max(scandinavian.norwegian, scandinavian.swedish);
    if (danish && (e.danishLetters || scandinavian.danish > 0 || best === "da")) return "da";
    if (best !== "und") return best;
  }
  if (best === "und" && e.englishOnly >= 2 && e.danishOnly === 0 && !e.danishLetters) return "en";
  return close && best === "und" ? "und" : best;
}

/**
 * A record's language in a deck of `deckLang`: franc's on text of 40 characters or more (a Scandinavian
 * reading in a Danish deck is Danish: franc tells them apart poorly on a sentence); a shorter record is in the
 * deck's language unless it is plainly English in a deck that is not (all its words English, two or more of them
 * English-only or English function words, none only Danish, no æ/ø/å: `Data security and governance` in a
 * Danish deck, not Norwegian `Sett inn tiltak`).
 */
export function detectRecordLanguage(text: string, deckLang: string): string {
  const lang = text.length >= 40 ? detectLanguage(text) : "und";
  if (lang !== "und") return deckLang === "da" && SCANDINAVIAN.has(lang) ? deckLang : lang;
  if (deckLang !== "en" && SCANDINAVIAN.has(deckLang)) {
    const e = lexiconEvidence(text);
    if (e.allEnglish && e.englishOnly >= 2 && e.danishOnly === 0 && !e.danishLetters && e.englishOnly >= e.words / 2) return "en";
  }
  return deckLang;
}
