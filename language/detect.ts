// Language identification with franc, restricted to the languages slide decks here come in,
// returning ISO 639-1 codes.
import { franc } from "franc";

const ISO3_TO_1: Record<string, string> = { dan: "da", eng: "en", nob: "no", swe: "sv", deu: "de" };
const ONLY = Object.keys(ISO3_TO_1);

/** `und` when the text is too short or unclear. */
export function detectLanguage(text: string, minLength = 20): string {
  const code = franc(text, { only: ONLY, minLength });
  return ISO3_TO_1[code] ?? "und";
}
