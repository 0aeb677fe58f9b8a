// Joining wrapped lines into one record text, with de-hyphenation: `organisa-` + `tionen` becomes
// `organisationen` when the joined word is a Danish (or English) word; otherwise the hyphen stays
// (`leder-` + `og medarbejderroller` keeps `leder- og`, `sosu-` + `assistent` keeps `sosu-assistent`).
import { isDanishWord, isEnglish } from "./danish/lexicon.ts";

const LEFT = /(\p{L}+)-$/u;
const RIGHT = /^(\p{Ll}[\p{L}]*)/u;

/** Joins lines that wrap one sentence into one string. */
export function joinLines(lines: string[]): string {
  const parts = lines.map((l) => l.trim()).filter(Boolean);
  let out = "";
  for (const part of parts) {
    if (!out) {
      out = part;
      continue;
    }
    const left = out.match(LEFT);
    const right = part.match(RIGHT);
    if (left && right && isWord(left[1]! + right[1]!)) out = out.slice(0, -1) + part;
    else out += " " + part;
  }
  return out;
}

/** Stripped of trailing punctuation, a Danish word, compound, or English word. */
function isWord(w: string): boolean {
  return isDanishWord(w) || isEnglish(w);
}
