// Is this text layer Danish read by an OCR that did not know Danish? Such a layer has Danish words but no
// æ/ø/å: "pa" for "på", "nar" for "når", "feelles" for "fælles", "Bgrn" for "Børn", "@" and "|" inside words.
// Two detectors vote, either is enough: the local one below (damaged stop words, ae/ee digraphs, junk inside
// words) and the lexicon-based check the caller passes as `danishDamage` (the normalizers' `detectDanishDamage`:
// words that become Danish only with æ/ø/å read back in). On the dev set (Danish slides through `tesseract -l eng`, one line per page) either one
// alone finds 51 and 44 of 82 lines, together 63, with no false alarm on 208 clean Danish and English pages.
// Norwegian and Swedish share the Danish function words (og, er, det, som, ikke) and have æ/ø/å or ä/ö only in
// some words: a page of them without those letters is not damaged Danish. Their own function words (stopwords-iso's
// Norwegian and Swedish lists, less the Danish ones: `av`, `blir`, `hva`, `mellom`, `inte`, `och`, `från`) outvoting
// the Danish-only ones (`af`, `blev`, `hvad`, `mellem`) say so.
import { createRequire } from "node:module";
import type { ExtractOptions } from "../types.ts";

const require = createRequire(import.meta.url);
let nordic: { other: Set<string>; danishOnly: Set<string> } | undefined;

/** Norwegian and Swedish function words that are not Danish words, and the Danish ones they do not share. */
function nordicWords(): { other: Set<string>; danishOnly: Set<string> } {
  if (nordic) return nordic;
  const lists = require("stopwords-iso") as Record<string, string[]>;
  const both = new Set([...(lists.no ?? []), ...(lists.nb ?? []), ...(lists.sv ?? [])]);
  // not Danish function words (a rare Danish word such as the interjection `av` still counts)
  const danish = new Set(lists.da ?? []);
  const other = new Set([...both].filter((w) => /^\p{L}+$/u.test(w) && !DAMAGED.has(w) && !DANISH.has(w) && !danish.has(w)));
  const danishOnly = new Set([...DANISH].filter((w) => !both.has(w)));
  return (nordic = { other, danishOnly });
}

/** More Norwegian or Swedish function words than Danish-only ones: the text is one of those, not Danish. */
export function isOtherNordic(lower: string[]): boolean {
  const { other, danishOnly } = nordicWords();
  const theirs = lower.filter((w) => other.has(w)).length;
  return theirs >= 2 && theirs > lower.filter((w) => danishOnly.has(w)).length;
}

/** Common Danish words that English rarely has: evidence that a text is Danish whatever its letters. */
const DANISH = new Set(
  ("og er det den der de et til med som af har ikke kan vi skal om fra eller hvor hvad hvordan jeg sig var blev bliver vil ved " +
    "efter alle deres mellem hos dette disse hvis bare meget mere skulle kunne ville nye andre vores jeres sammen kommune kommunen " +
    "borgere borgerne arbejde samt mod blandt uden").split(" "),
);

/** Danish words as an English OCR writes them: the æ/ø/å read as a, e, o, g, ee, ae. */
const DAMAGED = new Set(
  ("pa nar ogsa sa fa ma bade gar star far forst forste mal ar arets ogsa hgj hoj faelles feelles vaere veere vaeret veeret naeste " +
    "neeste saerlig serlig stgrre sterre storre bgrn born ggre gore fgr tveers tvaers tvers lgsning losning " +
    "lgsninger losninger lose loser mgde mode sporgsmal spgrgsmal okonomi gkonomi okonomisk gkonomisk").split(" "),
);

const SPECIAL = /[æøåÆØÅ]/;

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
  if (lower.filter((w) => SPECIAL.test(w)).length > 0.01 * lower.length) return undefined;
  const local = lower.length >= 6 ? localEvidence(words, lower) : undefined;
  if (local) return isOtherNordic(lower) ? undefined : local;
  // the lexicon costs milliseconds a page: only asked when some word looks Danish
  if (!danishDamage || !lower.some((w) => DANISH.has(w) || DAMAGED.has(w))) return undefined;
  const damage = danishDamage(text);
  return damage.damaged && !isOtherNordic(lower) ? { examples: [`${damage.broken} words that need æ/ø/å`] } : undefined;
}

function localEvidence(words: string[], lower: string[]): WrongLanguageEvidence | undefined {
  const danish = lower.filter((w) => DANISH.has(w)).length;
  const damaged = lower.filter((w) => DAMAGED.has(w));
  const junk = words.filter((w) => /\p{L}[@|0-9]+\p{L}/u.test(w) || /^\p{L}+[@|]$|^[@|]\p{L}+$/u.test(w));
  // æ read as "ae" or "ee" ("faerre", "feellesskab"); Danish spells "ee" only in plurals of -é words ("ideer")
  const digraphs = lower.filter((w) => /ae|ee(?!r(ne)?$)/.test(w));
  // damaged forms such as "far", "star", "mode" are English words too: only undamaged Danish words say "Danish"
  if (danish < 2 || danish / lower.length < 0.1) return undefined;
  const examples = [...new Set([...damaged, ...junk, ...digraphs])].slice(0, 5);
  if (examples.length === 0 && lower.length < 40) return undefined;
  return { examples };
}
