// Joining wrapped lines into one record text, with de-hyphenation: `organisa-` + `tionen` becomes
// `organisationen` when the joined word is a Danish (or English) word; otherwise the hyphen stays
// (`leder-` + `og medarbejderroller` keeps `leder- og`, `sosu-` + `assistent` keeps `sosu-assistent`).
import { isDanishWord, isEnglish } from "./danish/lexicon.ts";

const LEFT = /(\p{L}+)-$/u;
const RIGHT = /^(\p{Ll}[\p{L}]*)/u;

/** Joins lines that wrap one sentence into one string. */
export function joinLines(lines: string[]): string {
  const parts = lines.map((l) => l.trim()).filter(Boolean);
  // pieces joined once at the end: growing one string and reading its end each time is quadratic
  const out: string[] = [];
  for (const part of parts) {
    const last = out.length ? out[out.length - 1]! : undefined;
    if (last === undefined) {
      out.push(part);
      continue;
    }
    const left = last.endsWith("-") ? last.slice(-100).match(LEFT) : null;
    const right = part.match(RIGHT);
    if (left && right && isWord(left[1]! + right[1]!)) out[out.length - 1] = last.slice(0, -1) + part;
    else out.push(" ", part);
  }
  return out.join("");
}

/** Stripped of trailing punctuation, a Danish word, compound, or English word. */
function isWord(w: string): boolean {
  return isDanishWord(w) || isEnglish(w);
}
