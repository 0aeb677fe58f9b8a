// The per-page decision: keep the text layer, or OCR the page, and why (the page's `reason`).
import type { ExtractOptions } from "../types.ts";
import type { PictureStats } from "./pictures.ts";
import { wrongLanguageOcr } from "./wrong-language.ts";

export type OcrMode = "auto" | "always" | "never";

/** Fewer letters than this in an invisible layer (an OCR program's) over pictures: the OCR missed the rest. */
const SCARCE_OCR_LETTERS = 60;
/**
 * Fewer letters than this on a page mostly covered by pictures: no usable text layer (a slide exported as a
 * picture, a screenshot with a page number), so the page is OCR'd whole. With more, the layer is kept (a title
 * over a photo, a caption under a screenshot) and the pictures are read apart.
 */
const LAYER_LETTERS = 12;
/** Pictures covering this share of the page are a scan or a slide exported as a picture. */
const PICTURE_PAGE = 0.3;

/** What is wrong with a text layer, judged from its text alone, or undefined when it is usable. */
export function textLayerProblem(text: string, danishDamage?: ExtractOptions["danishDamage"]): string | undefined {
  const visible = text.replace(/\s+/g, "");
  const letters = (visible.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return visible.length ? "unusable glyphs (no letters in the text layer)" : "no text layer";
  const bad = (visible.match(/[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F]/gu) ?? []).length + 6 * (visible.match(/\(cid:\d+\)/g) ?? []).length;
  if (bad > 0.1 * visible.length) return "unusable glyphs (private-use or unmapped characters)";
  if (visible.length >= 20 && letters < 0.3 * visible.length) return "unusable glyphs (few letters in the text layer)";
  const words = text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  if (words.length >= 10 && words.filter(isWordLike).length < 0.4 * words.length) return "unusable text layer (mostly non-words)";
  const wrong = wrongLanguageOcr(text, danishDamage);
  if (wrong) return `wrong-language OCR layer (Danish without æ/ø/å${wrong.examples.length ? `: ${wrong.examples.join(", ")}` : ""})`;
  return undefined;
}

/** Too little text for what the page shows: a picture covering much of the page and only a few letters. */
export function inkProblem(text: string, pictures: PictureStats): string | undefined {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const enough = pictures.invisibleText > 0.5 ? SCARCE_OCR_LETTERS : LAYER_LETTERS;
  if (letters < enough && pictures.pictureArea >= PICTURE_PAGE) {
    return `too little text for the ink (${letters} letters, pictures cover ${Math.round(100 * pictures.pictureArea)}% of the page)`;
  }
  return undefined;
}

/** Few enough letters that the page's pictures must be looked at. */
export function isScarce(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length < SCARCE_OCR_LETTERS;
}

/**
 * A token that reads as a word or a number; code and paths (`add(element)`, `TreeSet/TreeMap`, `O(logn)`,
 * `System.out`) by their parts between brackets, slashes, dots and operators, each of which must read so: a
 * born-digital slide of code or a table of complexities is no garbled glyph mapping.
 */
function isWordLike(w: string): boolean {
  const parts = w.split(/[()[\]{}/\\._:=<>,;+*]+/u).filter(Boolean);
  return parts.length > 1 ? parts.every(isWordPart) : isWordPart(w);
}

function isWordPart(w: string): boolean {
  if (/^\p{N}+([.,:/-]\p{N}+)*%?$/u.test(w)) return true;
  if (!/^[\p{L}'’.-]+$/u.test(w)) return false;
  if (w.length > 3 && !/[aeiouyæøåéèêáàóòúüöä]/i.test(w)) return false;
  return !/\p{Ll}\p{Lu}\p{Ll}?\p{Lu}/u.test(w);
}
