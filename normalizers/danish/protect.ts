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
