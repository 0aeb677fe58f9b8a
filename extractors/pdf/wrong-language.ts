// Is this text layer Danish read by an OCR that did not know Danish? Such a layer has Danish words but no
// æ/ø/å: "pa" for "på", "nar" for "når", "feelles" for "fælles", "Bgrn" for "Børn", "@" and "|" inside words.
// Two detectors vote, either is enough: the local one below (damaged stop words, ae/ee digraphs, junk inside
// words) and the lexicon-based check the caller passes as `danishDamage` (the normalizers' `detectDanishDamage`:
// words that become Danish only with æ/ø/å read back in). On the dev set (Danish slides through `tesseract -l eng`, one line per page) either one
// alone finds 51 and 44 of 82 lines, together 63, with no false alarm on 208 clean Danish and English pages.
// Norwegian and Swedish share the Danish function words and have æ/ø/å or ä/ö only in some words: a page of them
// without those letters is not damaged Danish (language/scandinavian.ts tells them apart).
import type { ExtractOptions } from "../types.ts";
import { DANISH_LETTER } from "../../language/fold.ts";
import { DANISH_NOT_ENGLISH_WORDS, OCR_DAMAGED_DANISH_WORDS } from "../../language/stopwords.ts";
import { isOtherScandinavian } from "../../language/scandinavian.ts";

/** More Norwegian or Swedish function words than Danish-only ones (at least two): the text is one of those. */
const isOtherNordic = (lower: string[]) => isOtherScandinavian(lower, { min: 2, ratio: 1 });

export interface WrongLanguageEvidence {
  /** Damaged words found, for the page's `reason`. */
  examples: string[];
}

/**
 * Evidence that the text is Danish OCR'd as English (or another language without æ/ø/å), or undefined.
 * Danish: at least one in ten words is a common Danish word. Damaged: no æ/ø/å at all, and either damaged
 * words, "ae"/"ee" for æ, or junk (`@`, `|`, digits) inside words, or so many words that Danish without
 * æ/ø/å is implausible.
 */
export function wrongLanguageOcr(text: string, danishDamage?: ExtractOptions["danishDamage"]): WrongLanguageEvidence | undefined {
  const words = text.match(/[\p{L}\p{N}@|]+/gu) ?? [];
  const lower = words.map((w) => w.toLowerCase()).filter((w) => /\p{L}/u.test(w));
  if (lower.length < 4) return undefined;
  if (lower.filter((w) => DANISH_LETTER.test(w)).length > 0.01 * lower.length) return undefined;
  const local = lower.length >= 6 ? localEvidence(words, lower) : undefined;
  if (local) return isOtherNordic(lower) ? undefined : local;
  // the lexicon costs milliseconds a page: only asked when some word looks Danish
  if (!danishDamage || !lower.some((w) => DANISH_NOT_ENGLISH_WORDS.has(w) || OCR_DAMAGED_DANISH_WORDS.has(w))) return undefined;
  const damage = danishDamage(text);
  return damage.damaged && !isOtherNordic(lower) ? { examples: [`${damage.broken} words that need æ/ø/å`] } : undefined;
}

function localEvidence(words: string[], lower: string[]): WrongLanguageEvidence | undefined {
  const danish = lower.filter((w) => DANISH_NOT_ENGLISH_WORDS.has(w)).length;
  const damaged = lower.filter((w) => OCR_DAMAGED_DANISH_WORDS.has(w));
  const junk = words.filter((w) => /\p{L}[@|0-9]+\p{L}/u.test(w) || /^\p{L}+[@|]$|^[@|]\p{L}+$/u.test(w));
  // æ read as "ae" or "ee" ("faerre", "feellesskab"); Danish spells "ee" only in plurals of -é words ("ideer")
  const digraphs = lower.filter((w) => /ae|ee(?!r(ne)?$)/.test(w));
  // damaged forms such as "far", "star", "mode" are English words too: only undamaged Danish words say "Danish"
  if (danish < 2 || danish / lower.length < 0.1) return undefined;
  const examples = [...new Set([...damaged, ...junk, ...digraphs])].slice(0, 5);
  if (examples.length === 0 && lower.length < 40) return undefined;
  return { examples };
}
