// Pictures on a page that keeps its text layer: which may hold text worth reading, and what of their OCR to
// keep. A picture is read on its own, at its own resolution, only when it is large enough to hold a line of text
// and looks drawn rather than photographed; its lines are kept only when they read as words (tesseract's word
// confidence and the Danish and English word lists), and they become lines of their own role (`picture_text`,
// with the picture's box) after the page's text layer, never mixed into it.
import type { Page as TessPage } from "tesseract.js";
import { isDanishWord, isEnglish } from "../../language/danish/lexicon.ts";
import type { Line } from "../types.ts";
import type { Picture, Texture } from "./pictures.ts";

/** Smaller pictures (in pixels, or in points on the page) hold a logo or an icon, not text worth having. */
const MIN_PIXELS_WIDE = 160, MIN_PIXELS_HIGH = 40, MIN_POINTS = 60;
/** A picture with fewer (nearly) matching neighbouring pixels than this is a photo. */
const MIN_FLAT = 0.45;
/** … and one with fewer sharp edges than this has no text to read. */
const MIN_EDGES = 0.01;
/** … and one with fewer quiet rows (gaps between lines, margins) than this is not laid out as text. */
const MIN_QUIET = 0.1;
/**
 * Text taller than this many pixels is read at a smaller scale: tesseract reads lines of 20-40 pixels as well as
 * larger ones, and its time grows with the pixels (a screenshot from a high-resolution screen: 4× fewer).
 */
const MAX_LINE_PIXELS = 40;
/** At most this many pixels are read in one picture, the rest by shrinking it. */
const MAX_OCR_PIXELS = 3_000_000;
/** Tesseract's confidence (0-100) below which a word is not taken as read. */
const MIN_WORD_CONFIDENCE = 70;
/** Share of a line's words that must be dictionary words (or numbers) for the line to be kept. */
const MIN_WORD_SHARE = 0.6;

/** A picture large enough to hold text, on the page and in pixels. */
export function isLargeEnough(p: Picture): boolean {
  return p.pixelsWide >= MIN_PIXELS_WIDE && p.pixelsHigh >= MIN_PIXELS_HIGH && p.width >= MIN_POINTS && p.height >= MIN_POINTS / 4;
}

/**
 * Pixels that may hold text: mostly flat (drawn, not photographed) with sharp edges, in bands of rows (lines)
 * between quiet rows, at least one of them as tall as a line tesseract can read. Measured on the pictures of 14
 * real decks (93 sent to OCR): the 7 without such a band (icons, rules, borders, charts of thin strokes) gave 3
 * words (a logo's), at 0.5 CPU-s.
 */
export function mayHoldText(texture: Texture): boolean {
  return texture.flat >= MIN_FLAT && texture.edges >= MIN_EDGES && texture.quiet >= MIN_QUIET && texture.lineHeight > 0 && texture.textBands > 0;
}

/** The whole factor to shrink a picture by before OCR: its lines down to `MAX_LINE_PIXELS`, its size to `MAX_OCR_PIXELS`. */
export function ocrShrink(texture: Texture, width: number, height: number): number {
  const byLines = Math.floor(texture.lineHeight / MAX_LINE_PIXELS);
  const bySize = Math.ceil(Math.sqrt((width * height) / MAX_OCR_PIXELS));
  return Math.max(1, byLines, bySize);
}

/** The word check: a Danish or English dictionary word. */
export function isDictionaryWord(word: string): boolean {
  const w = word.toLowerCase();
  return isEnglish(w) || isDanishWord(w);
}

/**
 * The lines tesseract read in a picture that read as words, placed in the picture's box on the page (points from
 * the page's top-left corner), with role `picture_text` and the box. Words tesseract is unsure of are dropped;
 * a line is kept when most of its words of two letters or more are dictionary words or numbers.
 */
export function pictureLines(result: TessPage, picture: Picture, isWord: (w: string) => boolean = isDictionaryWord): Line[] {
  const sx = picture.width / picture.pixelsWide, sy = picture.height / picture.pixelsHigh;
  const box = { x: round(picture.x), y: round(picture.y), width: round(picture.width), height: round(picture.height) };
  const lines: Line[] = [];
  for (const block of result.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.filter((w) => w.text.trim() && w.confidence >= MIN_WORD_CONFIDENCE);
        const judged = words.map((w) => w.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter((w) => w.length >= 2);
        const good = judged.filter((w) => /^\p{N}+([.,:/-]\p{N}+)*$/u.test(w) || (/^\p{L}+(-\p{L}+)*$/u.test(w) && isWord(w)));
        if (!good.some((w) => /\p{L}{3}/u.test(w)) || good.length < MIN_WORD_SHARE * judged.length) continue;
        lines.push({
          text: words.map((w) => w.text.trim()).join(" "),
          fontSize: round(Math.max(1, line.bbox.y1 - line.bbox.y0) * sy),
          x: round(picture.x + line.bbox.x0 * sx),
          y: round(picture.y + (line.baseline?.y0 ?? line.bbox.y1) * sy),
          width: round((line.bbox.x1 - line.bbox.x0) * sx),
          role: "picture_text",
          box,
        });
      }
    }
  }
  return lines;
}

const round = (n: number) => Math.round(n * 100) / 100;
