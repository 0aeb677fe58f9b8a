// A page's text layer as positioned runs: pdf.js text items mapped to top-left page coordinates in points.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import type { TextItem as PdfTextItem } from "pdfjs-dist/types/src/display/api.js";
import { annotationLines } from "./annotations.ts";
import { loadPdfJs } from "./open.ts";
import { pageOperatorList } from "./operator-list.ts";
import { structureTags, type StructTag } from "./structure.ts";

/** One run of text as the PDF draws it. Coordinates in points from the page's top-left corner. */
export interface TextRun {
  text: string;
  /** Left edge. */
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  fontSize: number;
  /** Not horizontal (rotated or vertical text): kept out of column and line analysis. */
  rotated: boolean;
  /** Set in a fixed-pitch font (pdf.js's font flags or name): code, mostly. */
  monospace?: boolean;
  /**
   * Drawn in a symbol font (dingbats, Beamer's AMS symbols): a lone glyph of it reads as a letter it is not
   * (Beamer's bullet triangle is `I` in MSAM10). Set only where a run is a lone letter or digit.
   */
  symbolFont?: boolean;
  /** What the PDF's structure tree says of the run (a tagged PDF): title, table cell, list item. */
  tag?: StructTag;
}

/** Fonts of pictographs and symbols, by the name the PDF gives them (after a subset's `ABCDEF+` prefix). */
const SYMBOL_FONT = /^(?:[A-Z]{6}\+)?(?:MSAM|CMSY|Wingdings|Webdings|ZapfDingbats|Dingbats|Symbol|Marlett|MT-Extra)/i;

export interface TextLayer {
  runs: TextRun[];
  width: number;
  height: number;
}

type Matrix = [number, number, number, number, number, number];

/**
 * The runs in the page's reading orientation: pdf.js's viewport (top-left origin, the page's /Rotate applied),
 * turned by the quarter turns that make most of the text run left to right. A deck rotated with /Rotate 90
 * (by a viewer or `qpdf --rotate`) has its text running down the displayed page; a landscape slide stored as
 * a rotated portrait page has it upright. Either way the lines are read as the text is written, like pdftotext.
 */
export async function readTextLayer(page: PDFPageProxy): Promise<TextLayer> {
  const { Util } = await loadPdfJs();
  const viewport = page.getViewport({ scale: 1 });
  // a damaged annotation list costs the notes, never the page's text
  const [content, notes] = await Promise.all([page.getTextContent({ includeMarkedContent: true }), annotationLines(page).catch(() => [])]);
  // each text item's innermost marked-content id: its element in the structure tree, if the PDF is tagged
  const marked = new Map<PdfTextItem, string>();
  const open: (string | null)[] = [];
  const items: PdfTextItem[] = [];
  for (const item of content.items) {
    if ("str" in item) {
      if (!item.str || !item.str.trim()) continue;
      items.push(item);
      const id = open.findLast((m) => m !== null);
      if (id) marked.set(item, id);
    } else if (item.type === "endMarkedContent") open.pop();
    else open.push(item.type === "beginMarkedContentProps" && item.id ? item.id : null);
  }
  const tags = marked.size ? await structureTags(page) : undefined;
  // typed notes and form fields as runs of their own (their width estimated at half an em a character)
  for (const n of notes) items.push({ str: n.text, transform: [n.fontSize, 0, 0, n.fontSize, n.x, n.y], width: 0.5 * n.fontSize * n.text.length } as PdfTextItem);
  const view = viewport.transform as Matrix;
  const turns = readingTurns(items.map((item) => ({ direction: direction(Util.transform(view, item.transform) as Matrix), chars: item.str.length })));
  const upright = turns % 2 ? { width: viewport.height, height: viewport.width } : { width: viewport.width, height: viewport.height };
  const [va, vb, vc, vd, ve, vf] = Util.transform(turn(turns, viewport.width, viewport.height), view) as Matrix;
  const runs: TextRun[] = [];
  const styles = (content.styles ?? {}) as Record<string, { fontFamily?: string }>;
  // a lone letter or digit may be a symbol font's glyph: the fonts' names are known once the page's operators are read
  const lone = items.filter((i) => LONE_GLYPH.test(i.str)).map((i) => i.fontName);
  const fonts = lone.length ? await symbolFonts(page, lone).catch(() => undefined) : undefined;
  for (const item of items) {
    const { str, transform, width, fontName } = item;
    const tag = tags?.get(marked.get(item) ?? "");
    const [a, b, c, d, e, f] = transform as Matrix;
    // item transform in reading space (top-left origin, y down)
    const ta = va * a + vc * b, tb = vb * a + vd * b;
    const tc = va * c + vc * d, td = vb * c + vd * d;
    const x = va * e + vc * f + ve, y = vb * e + vd * f + vf;
    const fontSize = Math.hypot(tc, td);
    const rotated = Math.abs(tb) > 0.1 * Math.abs(ta) || ta <= 0;
    const monospace = styles[fontName]?.fontFamily === "monospace";
    const symbolFont = fonts?.has(fontName) && LONE_GLYPH.test(str);
    runs.push({
      text: str, x, y, width: Math.abs(width * Math.hypot(va, vb)), fontSize: fontSize || Math.hypot(ta, tb), rotated,
      ...(monospace ? { monospace } : {}), ...(symbolFont ? { symbolFont } : {}), ...(tag ? { tag } : {}),
    });
  }
  return { runs, ...upright };
}

const LONE_GLYPH = /^\s*[\p{L}\p{N}]\s*$/u;

/** Of the pdf.js font ids `ids`, those of symbol fonts (reading the page's operators loads the fonts and their names). */
async function symbolFonts(page: PDFPageProxy, ids: string[]): Promise<Set<string>> {
  // pdf.js keeps the fonts an operator list loaded for the whole document (its ids are the document's): a page
  // whose fonts an earlier page's list loaded is not read again (the list parses the page's content a second
  // time and copies each new font's program to this side)
  const objs = page.commonObjs as unknown as { has(id: string): boolean; get(id: string): unknown };
  const unique = new Set(ids);
  if ([...unique].some((id) => !objs.has(id))) await pageOperatorList(page);
  const out = new Set<string>();
  for (const id of unique) {
    const name = objs.has(id) ? (objs.get(id) as { name?: unknown } | undefined)?.name : undefined;
    if (typeof name === "string" && SYMBOL_FONT.test(name)) out.add(id);
  }
  return out;
}

/** The quarter turns (0-3, clockwise on the page, y down) of a run's writing direction. */
function direction(m: Matrix): number {
  return (Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2)) + 4) % 4;
}

/** The writing direction of most of the text (by characters; upright when tied). */
export function readingTurns(runs: { direction: number; chars: number }[]): number {
  const chars = [0, 0, 0, 0];
  for (const r of runs) chars[r.direction]! += r.chars;
  return chars.reduce((best, n, i) => (n > chars[best]! ? i : best), 0);
}

/** Turns a w × h page (y down) back by `turns` quarter turns, so text in that direction runs left to right. */
function turn(turns: number, w: number, h: number): Matrix {
  switch (turns) {
    case 1: return [0, -1, 1, 0, 0, w]; // (x, y) -> (y, w - x)
    case 2: return [-1, 0, 0, -1, w, h]; // (x, y) -> (w - x, h - y)
    case 3: return [0, 1, -1, 0, h, 0]; // (x, y) -> (h - y, x)
    default: return [1, 0, 0, 1, 0, 0];
  }
}
