// Is a text Norwegian or Swedish rather than Danish? The æ/ø/å repair reads words it does not know as Danish
// with letters lost (`verdier` → `værdier`, `lage` → `læge`); on Norwegian or Swedish text it must not run.
// The evidence is function words that differ between the languages and that lost letters cannot make:
// Norwegian `av`, `etter`, `mellom`, `meg`; Swedish `och`, `att`, `inte`; Danish `af`, `efter`, `mellem`, `mig`.

const NORWEGIAN = new Set(["av", "etter", "mellom", "meg", "deg", "seg", "ble", "blir", "noe", "mye", "hva", "gjennom", "enn", "kva", "ikkje", "eit", "ein", "dere", "hvem", "hvorfor", "nå", "mer", "fått", "får", "gjøre", "bruke", "skrive", "lage"]);
const SWEDISH = new Set(["och", "att", "inte", "är", "jag", "hur", "från", "eller", "också", "vad", "när", "mycket", "efter", "sig", "kan", "ska", "detta", "denna", "sin"].filter((w) => !["efter", "sig", "kan", "eller"].includes(w)));
const DANISH = new Set(["af", "efter", "mellem", "mig", "dig", "sig", "blev", "bliver", "noget", "meget", "hvad", "gennem", "end", "hvorfor", "nu", "mere", "gøre", "bruge", "skrive", "lave", "ikke"].filter((w) => !["ikke", "hvorfor", "skrive"].includes(w)));

export interface ScandinavianEvidence {
  danish: number;
  norwegian: number;
  swedish: number;
}

/** Counts of the function words only Danish, only Norwegian and only Swedish use, in a text. */
export function scandinavianEvidence(text: string): ScandinavianEvidence {
  const e = { danish: 0, norwegian: 0, swedish: 0 };
  for (const w of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (DANISH.has(w)) e.danish++;
    if (NORWEGIAN.has(w)) e.norwegian++;
    if (SWEDISH.has(w)) e.swedish++;
  }
  return e;
}

/** The text reads as Norwegian or Swedish: three or more of their words, and twice the Danish ones. */
export function isOtherScandinavian(text: string): boolean {
  const e = scandinavianEvidence(text);
  const other = Math.max(e.norwegian, e.swedish);
  return other >= 3 && other >= 2 * e.danish;
}
