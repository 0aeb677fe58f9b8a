// Line assembly: positioned text runs in, lines in reading order out. Columns are kept apart by a recursive
// XY cut (split at a vertical gutter when the two sides read as separate columns, else at the widest
// horizontal gap); inside a block, runs on one baseline form a line, and wide gaps split it into cells so
// segmentation can rebuild table columns. Hyphenation and wrapped lines are left to the normalizer.
import type { Line } from "../types.ts";
import type { TextRun } from "./text-layer.ts";
import { CONTROL_CHARACTER } from "../../language/controls.ts";
import { joinLines } from "../../language/join-lines.ts";
import { isDanishWord, isEnglish } from "../../language/danish/lexicon.ts";

const CONTROLS = new RegExp(CONTROL_CHARACTER.source, "gu");

interface Box extends TextRun {
  top: number;
  bottom: number;
  right: number;
}

/**
 * A gap wider than this many line heights splits a line into cells (table columns, "left … right" footers): the
 * text layer measures a line by its font size, OCR by its row height.
 */
export const CELL_GAP = 1.5;
/** A gap narrower than this many font sizes joins two runs without a space (kerning splits). */
const SPACE_GAP = 0.12;

/**
 * A run drawn again over one already read (fake bold, a shadow) is offset by at most this many font sizes: less
 * than a line's height, so the same text on the next line is not a copy.
 */
const SAME_PLACE = 0.5;

export function assembleLines(input: TextRun[]): Line[] {
  const runs = withoutDoubles(input.map(clean).filter((r) => r.text.trim()));
  // a tagged table's cells are read as its producer says, row by row; the rest by layout
  const inTable = (r: TextRun) => r.tag?.row !== undefined && r.tag.cell !== undefined && !r.rotated;
  const boxes = runs.filter((r) => !r.rotated && !inTable(r)).map(toBox);
  // a tagged page's structure tree: its paragraphs are read whole, and its order where the layout cannot tell
  const tree = boxes.some((b) => b.tag?.unit !== undefined) ? { credible: treeAgreesWithLayout(boxes) } : undefined;
  const blocks = xyCut(boxes, 0, tree).map(rowsOf);
  // a producer that writes a run a word (an OCR layer) leaves word spaces between runs: no gutter is told by them
  const gutters = wordPerRun(boxes) ? undefined : narrowGutters(blocks.flat());
  const lines = titleInLargestType(withTables(blocks.flatMap((rows) => rows.map((row) => toLine(row, gutters))), taggedTables(runs.filter(inTable).map(toBox))));
  // rotated or vertical text (margin labels, watermarks): one line per run, after the page's text
  const rotated = runs.filter((r) => r.rotated).sort((a, b) => a.y - b.y || a.x - b.x);
  return [...lines, ...rotated.map((r) => ({ text: r.text.trim(), fontSize: round(r.fontSize), x: round(r.x), y: round(r.y), width: round(r.width) }))];
}

/**
 * The run's text without control characters (pdf.js gives U+0000 for glyphs it cannot map, such as emoji drawn
 * from a font without a Unicode table), and with a private-use or symbol-font bullet (Wingdings, Symbol) at its
 * start read as a bullet.
 */
function clean(r: TextRun): TextRun {
  // white space inside a run (a tab would split it into cells) is a space
  const text = r.text.replace(CONTROLS, "").replace(/\s/g, " ").replace(/^[\uF000-\uF0FF\uE000-\uE0FF](?=\s|$)/u, "•");
  return text === r.text ? r : { ...r, text };
}

/**
 * Text drawn twice at (nearly) the same place (fake bold, a shadow) kept once. A copy need not be cut into runs
 * as the first drawing was (`await axios` over `await` and `axios`, or a shadow of a title's first words): a run
 * is a copy when its letters are those of the runs it lies over (case aside), in about the same font size, at
 * the place where those letters are drawn; and runs that lie within a later, longer drawing of their text are
 * dropped for it.
 */
function withoutDoubles(runs: TextRun[]): TextRun[] {
  const kept: (TextRun | undefined)[] = [];
  // kept runs by baseline, a bucket a point
  const byLine = new Map<number, number[]>();
  const near = (r: TextRun) => {
    const reach = SAME_PLACE * r.fontSize;
    const out: number[] = [];
    for (let y = Math.floor(r.y - reach); y <= Math.ceil(r.y + reach); y++) {
      for (const k of byLine.get(y) ?? []) {
        const o = kept[k];
        if (o && o.rotated === r.rotated && Math.abs(o.y - r.y) <= reach && sameSize(o, r) && o.x < r.x + r.width && r.x < o.x + o.width) out.push(k);
      }
    }
    return out.sort((a, b) => kept[a]!.x - kept[b]!.x);
  };
  for (const r of runs) {
    if (r.rotated) {
      kept.push(r);
      continue;
    }
    const under = near(r);
    if (under.length && drawnOver(r, under.map((k) => kept[k]!))) continue;
    // runs the new one draws again, longer (the first drawing cut in pieces): the longer one stands for them
    for (const k of under) if (drawnOver(kept[k]!, [r])) kept[k] = undefined;
    const y = Math.round(r.y);
    (byLine.get(y) ?? byLine.set(y, []).get(y)!).push(kept.length);
    kept.push(r);
  }
  return kept.filter((r): r is TextRun => r !== undefined);
}

const sameSize = (a: TextRun, b: TextRun) => Math.abs(a.fontSize - b.fontSize) <= 0.15 * Math.max(a.fontSize, b.fontSize);

/**
 * Whether `r`'s letters (white space aside) are those of `over` (runs on its baseline, left to right) where `r`
 * starts: the letters of `over` are placed at even steps across each run's width, and `r` must start within
 * SAME_PLACE of a font size of the letter its text starts with.
 */
function drawnOver(r: TextRun, over: TextRun[]): boolean {
  // case aside: an all-caps style draws the same text in capitals
  const text = r.text.replace(/\s+/g, "").toLowerCase();
  if (!text) return false;
  // the letters of the runs below with the x each is drawn at
  let letters = "";
  const xs: number[] = [];
  for (const o of over) {
    const chars = [...o.text];
    const step = o.width / (chars.length || 1);
    chars.forEach((c, i) => {
      if (/\s/.test(c)) return;
      // one code point for one (a letter whose lower case is longer, `İ`, keeps its own)
      const lower = c.toLowerCase();
      letters += [...lower].length === 1 ? lower : c;
      xs.push(o.x + i * step);
    });
  }
  const reach = SAME_PLACE * Math.max(r.fontSize, ...over.map((o) => o.fontSize));
  for (let at = letters.indexOf(text); at >= 0; at = letters.indexOf(text, at + 1)) {
    // a code point's place in `letters` (an emoji is two UTF-16 units)
    const index = [...letters.slice(0, at)].length;
    if (Math.abs(xs[index]! - r.x) <= reach) return true;
  }
  return false;
}

function toBox(r: TextRun): Box {
  return { ...r, top: r.y - 0.8 * r.fontSize, bottom: r.y + 0.2 * r.fontSize, right: r.x + r.width };
}

/**
 * Blocks of text in reading order. On a tagged page (`tree`), two sides of a gutter are also columns when the
 * tree parts them and reading them row by row would cut a paragraph of one side apart; and a part of the page
 * whose rows would interleave the tree's paragraphs (text boxes drawn over each other, columns with no clean
 * gutter) is read as the tree groups it, each group by layout.
 */
function xyCut(boxes: Box[], depth: number, tree?: TreeOrder): Box[][] {
  if (boxes.length <= 1 || depth > 40) return [boxes];
  const em = median(boxes.map((b) => b.fontSize));
  for (const gap of gapsOf(boxes.map((b) => [b.x, b.right]), Math.max(em, 6)).sort((a, b) => b.width - a.width)) {
    const left = boxes.filter((b) => b.right <= gap.start + 0.01);
    const right = boxes.filter((b) => b.right > gap.start + 0.01);
    if (readAsColumns(left, right) || (tree && treeColumns(left, right))) return [...xyCut(left, depth + 1, tree), ...xyCut(right, depth + 1, tree)];
  }
  const widest = gapsOf(boxes.map((b) => [b.top, b.bottom]), 0.9 * em).sort((a, b) => b.width - a.width)[0];
  if (widest) {
    const above = boxes.filter((b) => b.bottom <= widest.start + 0.01);
    const below = boxes.filter((b) => b.bottom > widest.start + 0.01);
    return [...xyCut(above, depth + 1, tree), ...xyCut(below, depth + 1, tree)];
  }
  // no gap parts them: where the layout can tell no more, the tree's groups
  const groups = tree && treeGroups(boxes, tree);
  if (groups) return groups.flatMap((g) => xyCut(g, depth + 1, tree));
  return [boxes];
}

/** What the page's structure tree may decide: `credible`, its order is a reading order (treeIsCredible). */
interface TreeOrder {
  credible: boolean;
}

/**
 * Whether the tree's order reads as a reading order rather than the order things were drawn in: it reads the
 * blocks the layout parts (by its gaps alone) in the layout's order, the page's title (tagged so) first, and no
 * paragraph before one wholly above it in its column. PowerPoint writes its tree in drawing order (a sensitivity
 * label before the title, a text box added last read last wherever it stands); a word processor, a browser
 * (Marp) or a careful author write a reading order. Where both agree on the blocks, the tree is trusted inside
 * one, where the layout cannot tell.
 */
function treeAgreesWithLayout(boxes: Box[]): boolean {
  const block = new Map<number, number>();
  xyCut(boxes, 0).forEach((leaf, k) => {
    for (const b of leaf) if (b.tag?.unit !== undefined && !block.has(b.tag.unit)) block.set(b.tag.unit, k);
  });
  const units = new Map<number, { order: number; top: number; bottom: number; left: number; right: number; title: boolean }>();
  for (const b of boxes) {
    const u = b.tag?.unit;
    if (u === undefined || b.tag!.order === undefined) continue;
    const had = units.get(u);
    if (!had) units.set(u, { order: b.tag!.order, top: b.top, bottom: b.bottom, left: b.x, right: b.right, title: !!b.tag!.title });
    else Object.assign(had, { order: Math.min(had.order, b.tag!.order), top: Math.min(had.top, b.top), bottom: Math.max(had.bottom, b.bottom), left: Math.min(had.left, b.x), right: Math.max(had.right, b.right) });
  }
  const list = [...units.values()].sort((a, b) => a.order - b.order);
  if (list.findIndex((u) => u.title) > 0) return false;
  const blocks = [...units.entries()].sort((a, b) => a[1].order - b[1].order).map(([u]) => block.get(u)!);
  if (blocks.some((k, i) => i > 0 && k < blocks[i - 1]!)) return false;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [first, later] = [list[i]!, list[j]!];
      if (later.bottom <= first.top && later.left < first.right && first.left < later.right) return false;
    }
  }
  return true;
}

/**
 * Whether reading the rows one by one cuts a paragraph of the tree apart: another paragraph's text on a row from
 * its first to its last, beside it (not set inside one of its lines, as a formula drawn apart in a sentence).
 */
function cutsUnits(rows: Row[]): boolean {
  const spans = new Map<number, [number, number]>();
  rows.forEach((row, k) => {
    for (const r of row.runs) {
      const u = r.tag?.unit;
      if (u === undefined) continue;
      const span = spans.get(u);
      if (span) span[1] = k;
      else spans.set(u, [k, k]);
    }
  });
  for (const [u, [from, to]] of spans) {
    if (to === from) continue;
    for (let k = from; k <= to; k++) {
      const runs = rows[k]!.runs;
      const mine = runs.filter((r) => r.tag?.unit === u);
      const inside = (r: Box) => mine.some((m) => m.right <= r.x) && mine.some((m) => m.x >= r.right);
      if (runs.some((r) => r.tag?.unit !== undefined && r.tag.unit !== u && !inside(r))) return true;
    }
  }
  return false;
}

/**
 * Two sides of a gutter the tree parts (no paragraph on both), starting at about the same height, that a read row
 * by row would cut apart. A side that starts well above the other (a title over a diagram's labels) is left to
 * the layout, which parts it by its gaps first.
 */
function treeColumns(left: Box[], right: Box[]): boolean {
  const units = (side: Box[]) => new Set(side.flatMap((b) => (b.tag?.unit !== undefined ? [b.tag.unit] : [])));
  const l = units(left), r = units(right);
  if (!l.size || !r.size || [...r].some((u) => l.has(u))) return false;
  const top = (side: Box[]) => Math.min(...side.map((b) => b.top));
  if (Math.abs(top(left) - top(right)) > 1.5 * median([...left, ...right].map((b) => b.fontSize))) return false;
  return cutsUnits(rowsOf([...left, ...right]));
}

/**
 * The boxes as the tree groups them (the children of the element that holds them all: shapes, list items), when
 * a read row by row would cut its paragraphs apart; undefined when it would not. Runs outside the tree (a bullet
 * drawn as an artifact) go with the nearest run of the tree on their line. The groups in the tree's order where
 * it is credible, else from the top down (the one starting higher first, then the one further left).
 */
function treeGroups(boxes: Box[], tree: TreeOrder): Box[][] | undefined {
  const tagged = boxes.filter((b) => b.tag?.path && b.tag.order !== undefined);
  if (tagged.length < 2 || !cutsUnits(rowsOf(boxes))) return undefined;
  const first = tagged[0]!.tag!.path!;
  let common = first.length;
  for (const b of tagged) {
    const path = b.tag!.path!;
    let k = 0;
    while (k < common && k < path.length && path[k] === first[k]) k++;
    common = k;
  }
  const keyOf = (b: Box) => (b.tag!.path!.length > common ? `e${b.tag!.path![common]}` : `c${b.tag!.order}`);
  const groups = new Map<string, Box[]>();
  for (const b of tagged) (groups.get(keyOf(b)) ?? groups.set(keyOf(b), []).get(keyOf(b))!).push(b);
  if (groups.size < 2) return undefined;
  const isTagged = new Set(tagged);
  for (const b of boxes) {
    if (isTagged.has(b)) continue;
    const sameLine = tagged.filter((t) => Math.abs(t.y - b.y) <= 0.4 * Math.max(t.fontSize, b.fontSize));
    const near = (sameLine.length ? sameLine : tagged).reduce((n, t) => (distance(t, b) < distance(n, b) ? t : n));
    groups.get(keyOf(near))!.push(b);
  }
  const order = (g: Box[]) => Math.min(...g.flatMap((b) => (b.tag?.order !== undefined ? [b.tag.order] : [])));
  const list = [...groups.values()];
  if (tree.credible) return list.sort((a, b) => order(a) - order(b));
  // from the top down: groups whose first lines are on one line (within 0.4 of a font size) from left to right
  const topmost = (g: Box[]) => g.reduce((t, b) => (b.y < t.y ? b : t));
  const byTop = list.map((g) => ({ g, top: topmost(g), left: Math.min(...g.map((b) => b.x)) })).sort((a, b) => a.top.y - b.top.y);
  let band = 0;
  const bands = byTop.map((e, i) => (i > 0 && e.top.y - byTop[i - 1]!.top.y > 0.4 * Math.max(e.top.fontSize, byTop[i - 1]!.top.fontSize) ? ++band : band));
  return byTop.map((e, i) => ({ ...e, band: bands[i]! })).sort((a, b) => a.band - b.band || a.left - b.left).map((e) => e.g);
}

/** Distance between two boxes (0 when they overlap). */
function distance(a: Box, b: Box): number {
  const dx = Math.max(0, a.x - b.right, b.x - a.right), dy = Math.max(0, a.top - b.bottom, b.top - a.bottom);
  return Math.hypot(dx, dy);
}

/** Gaps at least `min` wide between the union of the intervals. */
function gapsOf(intervals: [number, number][], min: number): { start: number; width: number }[] {
  const sorted = intervals.slice().sort((a, b) => a[0] - b[0]);
  const gaps: { start: number; width: number }[] = [];
  let end = sorted[0]?.[1] ?? 0;
  for (const [s, e] of sorted.slice(1)) {
    if (s - end >= min) gaps.push({ start: end, width: s - end });
    end = Math.max(end, e);
  }
  return gaps;
}

/**
 * Two sides of a gutter are columns (read one after the other) when their lines do not line up, or when both
 * hold running text; several short cells on shared baselines are a table, read row by row.
 */
function readAsColumns(left: Box[], right: Box[]): boolean {
  const l = rowsOf(left), r = rowsOf(right);
  if (l.length < 2 || r.length < 2) return false;
  const [few, many] = l.length <= r.length ? [l, r] : [r, l];
  const aligned = few.filter((row) => many.some((o) => Math.abs(o.y - row.y) <= 0.3 * Math.min(o.fontSize, row.fontSize))).length;
  if (aligned / few.length < 0.5) return true;
  const words = (rows: Row[]) => median(rows.map((row) => row.runs.map((b) => b.text).join(" ").split(/\s+/).filter(Boolean).length));
  return Math.min(words(l), words(r)) >= 3;
}

interface Row {
  y: number;
  fontSize: number;
  runs: Box[];
}

/**
 * Runs sharing a baseline (within 0.4 of the larger font size, so raised footnote marks stay on their line),
 * top to bottom, each row's runs left to right; a row's baseline is that of its main text.
 */
function rowsOf(boxes: Box[]): Row[] {
  const rows: Row[] = [];
  for (const b of boxes.slice().sort((p, q) => p.y - q.y || p.x - q.x)) {
    // two text boxes drawn over each other (a title's wrapped line over a bullet) share a baseline, not a line
    const row = rows.slice(-2).reverse().find((r) => b.y - r.y <= 0.4 * Math.max(b.fontSize, r.fontSize) && !overlapsOtherSize(b, r));
    if (row) {
      row.runs.push(b);
      // the row's baseline is its largest text's, not that of a raised small letter that started it
      if (b.fontSize > row.fontSize) Object.assign(row, { y: b.y, fontSize: b.fontSize });
    } else rows.push({ y: b.y, fontSize: b.fontSize, runs: [b] });
  }
  for (const row of rows) {
    row.runs.sort((p, q) => p.x - q.x);
    row.fontSize = dominantSize(row.runs);
    const main = row.runs.filter((r) => round(r.fontSize) === row.fontSize).sort((p, q) => q.text.length - p.text.length)[0];
    if (main) row.y = main.y;
  }
  // of two such rows, the bigger text (the heading) reads first
  for (let k = 0; k + 1 < rows.length; k++) {
    const [a, b] = [rows[k]!, rows[k + 1]!];
    if (Math.abs(b.y - a.y) <= 0.4 * Math.max(a.fontSize, b.fontSize) && b.fontSize > a.fontSize) [rows[k], rows[k + 1]] = [b, a];
  }
  return rows;
}

/**
 * A run over a run of the row in a clearly different font size (not a single letter), beside one in twice or
 * half its size, or with the row's nearest run a cell's width away and in a clearly different size (neither a
 * lone mark): text of two boxes (a title's wrapped line, a bullet or a label, a title beside a list) that happen
 * to share a baseline.
 */
function overlapsOtherSize(b: Box, row: Row): boolean {
  const ratioTo = (r: Box) => Math.max(r.fontSize, b.fontSize) / Math.min(r.fontSize, b.fontSize);
  const gapTo = (r: Box) => Math.max(b.x - r.right, r.x - b.right);
  const nearest = row.runs.reduce((n, r) => (gapTo(r) < gapTo(n) ? r : n));
  if (ratioTo(nearest) >= 1.4 && gapTo(nearest) >= CELL_GAP * Math.max(nearest.fontSize, b.fontSize) && nearest.text.trim().length > 1 && b.text.trim().length > 1) return true;
  return row.runs.some((r) => {
    const ratio = ratioTo(r);
    // a smaller letter raised or lowered into a word (the A of the LaTeX logo) is part of it
    const small = r.fontSize < b.fontSize ? r : b;
    const over = b.x < r.right - 1 && r.x < b.right - 1 && !/^\p{L}$/u.test(small.text.trim());
    return (ratio >= 1.4 && over) || (ratio >= 2 && r.text.trim().length > 1 && b.text.trim().length > 1);
  });
}

/** A gap between two runs of this many font sizes or more may part two columns of a table set close together. */
const NARROW_GAP = 0.5;
/** Two rows' gaps that overlap by this many font sizes are one gutter. */
const GUTTER_OVERLAP = 0.3;
/** Rows whose gaps are in line that make a gutter. */
const GUTTER_ROWS = 3;
/** Rows further apart than this many font sizes say nothing of each other's gutters. */
const GUTTER_REACH = 5;
/** A run that is a list marker (one character: `•`, `−`, `o`) or an item's number: the gap after it is an indent, not a gutter. */
const MARKER = /^(?:\S|\d{1,2}[.)]|\p{L}[.)]|[ivx]{1,4}[.)])$/u;
/** Columns a row is split into at narrow gutters, at least: a table's row, not a label and its text (`Phase 1:⇥…`). */
const GUTTER_CELLS = 3;

/** Runs that hold a word space: fewer than this share of the runs of two words' length or more, and the page is written a run a word. */
const SPACED_RUNS = 0.2;

/** The page's text is written a run a word (an OCR program's layer, some writers): few runs hold a space. */
function wordPerRun(runs: TextRun[]): boolean {
  const long = runs.filter((r) => r.text.trim().length >= 6);
  return long.filter((r) => /\S\s+\S/u.test(r.text.trim())).length < SPACED_RUNS * long.length;
}

/**
 * Gaps between runs narrower than a cell's gap (`Energy Saved` `$ Saved` in columns set close together) that part
 * two columns: where two other rows near it (GUTTER_REACH) have a gap between runs, or a cell's gap, over the same
 * place. Each row's gaps of NARROW_GAP font sizes or more between runs that are no list marker nor in a
 * fixed-pitch font, in rows with such gaps between three runs or more (a label and its text at a tab stop stay one
 * line's text); a gap is a gutter when two other rows have one overlapping it. Prose, set in one run a line, has none.
 */
function narrowGutters(rows: Row[]): Map<Row, { from: number; to: number }[]> {
  const gaps = rows.map((row) => {
    const out: { from: number; to: number }[] = [];
    row.runs.forEach((r, k) => {
      const prev = row.runs[k - 1];
      // a space of a fixed-pitch font is over half an em wide
      if (!prev || MARKER.test(prev.text.trim()) || prev.monospace || r.monospace) return;
      const size = Math.max(prev.fontSize, r.fontSize);
      if (r.x - prev.right >= NARROW_GAP * size) out.push({ from: prev.right, to: r.x });
    });
    return out;
  });
  const out = new Map<Row, { from: number; to: number }[]>();
  rows.forEach((row, k) => {
    const em = row.fontSize;
    const near = (j: number) => j !== k && Math.abs(rows[j]!.y - row.y) <= GUTTER_REACH * em;
    // a row of a table of three columns or more: two gaps of the row at least
    if (gaps[k]!.length < GUTTER_CELLS - 1) return;
    // two other rows near it with a gap over the same place: three rows' gaps in line are no chance
    const mine = gaps[k]!.filter((g) => g.to - g.from < CELL_GAP * em && gaps.filter((other, j) => near(j) && other.some((o) => Math.min(o.to, g.to) - Math.max(o.from, g.from) >= GUTTER_OVERLAP * em)).length >= GUTTER_ROWS - 1);
    if (mine.length) out.set(row, mine);
  });
  return out;
}

function toLine(row: Row, gutters?: Map<Row, { from: number; to: number }[]>): Line {
  const cells: { text: string; x: number; width: number }[] = [];
  const split = gutters?.get(row) ?? [];
  let prev: Box | undefined;
  for (const run of readRuns(row.runs)) {
    const cell = cells.at(-1);
    const gap = prev ? run.x - prev.right : Infinity;
    const size = prev ? Math.max(prev.fontSize, run.fontSize) : run.fontSize;
    const gutter = prev !== undefined && split.some((g) => g.from === prev!.right && g.to === run.x);
    if (cell && prev && gap < CELL_GAP * size && !gutter) {
      const glue = gap > SPACE_GAP * size && !/\s$/.test(cell.text) && !/^\s/.test(run.text) ? " " : "";
      cell.text += glue + run.text;
      cell.width = Math.max(cell.width, run.right - cell.x);
    } else {
      cells.push({ text: run.text, x: run.x, width: run.width });
    }
    prev = run;
  }
  const clean = cells
    .map((c) => ({ text: c.text.replace(/\s+/g, " ").trim(), x: round(c.x), width: round(c.width) }))
    .filter((c) => c.text);
  const first = row.runs[0]!;
  const right = Math.max(...row.runs.map((r) => r.right));
  // most of the row's letters in a fixed-pitch font
  const chars = (rs: Box[]) => rs.reduce((n, r) => n + r.text.trim().length, 0);
  const monospace = chars(row.runs.filter((r) => r.monospace)) * 2 > chars(row.runs);
  // the structure tree's word, when every run of the row says the same: the page's title
  const title = row.runs.every((r) => r.tag?.title);
  const level = row.runs[0]!.tag?.level;
  return {
    text: clean.map((c) => c.text).join("\t"),
    fontSize: round(row.fontSize),
    x: round(first.x),
    y: round(row.y),
    width: round(right - first.x),
    cells: clean,
    ...(monospace ? { monospace } : {}),
    ...(title ? { role: "title" as const } : level !== undefined ? { level } : {}),
  };
}

/**
 * The tagged tables' rows, a list of rows for each `Table` of the page in tree order: one line per `TR`, a cell
 * per `TD`/`TH` (left to right), a cell's runs in reading order (a wrapped cell is one cell, not a row more).
 */
function taggedTables(boxes: Box[]): Line[][] {
  const tables = new Map<number, Box[]>();
  for (const b of boxes) (tables.get(b.tag!.table ?? 0) ?? tables.set(b.tag!.table ?? 0, []).get(b.tag!.table ?? 0)!).push(b);
  return [...tables.values()].map(taggedTableRows);
}

function taggedTableRows(boxes: Box[]): Line[] {
  const rows = new Map<number, Box[]>();
  for (const b of boxes) (rows.get(b.tag!.row!) ?? rows.set(b.tag!.row!, []).get(b.tag!.row!)!).push(b);
  return [...rows.values()].map((runs) => {
    const cells = new Map<number, Box[]>();
    for (const b of runs) (cells.get(b.tag!.cell!) ?? cells.set(b.tag!.cell!, []).get(b.tag!.cell!)!).push(b);
    // cells in their row's order (an empty one keeps its place, so the columns line up), else left to right
    const cellLines = [...cells.values()]
      .map((c) => {
        const left = Math.min(...c.map((b) => b.x));
        return { text: cellText(c), x: round(left), width: round(Math.max(...c.map((b) => b.right)) - left), column: c[0]!.tag!.column ?? -1 };
      })
      .sort((a, b) => a.column - b.column || a.x - b.x);
    const texts: string[] = [];
    for (const c of cellLines) {
      while (c.column >= 0 && texts.length < c.column) texts.push("");
      texts.push(c.text);
    }
    const top = runs.reduce((a, b) => (b.y < a.y ? b : a));
    const right = Math.max(...runs.map((r) => r.right));
    const left = Math.min(...runs.map((r) => r.x));
    return {
      text: texts.join("\t"), fontSize: dominantSize(runs), x: round(left), y: round(top.y), width: round(right - left),
      cells: cellLines.map(({ text, x, width }) => ({ text, x, width })), role: "table" as const,
    };
  }).sort((a, b) => a.y - b.y);
}

/**
 * Of the lines a structure tree calls the title, those in the title's type: a producer that tags a whole title
 * slide as its heading (the speaker's name and role under the title) has the smaller lines read by layout.
 */
function titleInLargestType(lines: Line[]): Line[] {
  const titles = lines.filter((l) => l.role === "title");
  if (titles.length < 2) return lines;
  const largest = Math.max(...titles.map((l) => l.fontSize ?? 0));
  return lines.map((l) => (l.role === "title" && (l.fontSize ?? 0) < 0.8 * largest ? (({ role: _role, ...rest }) => rest)(l) : l));
}

/**
 * A cell's runs in the order drawn: a space between words; the lines of a wrapped cell joined as wrapped lines
 * are (language/join-lines.ts: `Sagsbehand-` + `lingstid` is one word when it is a word, else the hyphen stays),
 * and a word broken with no hyphen to see (`Sagsbehand` + `lingstiden`) joined when it is a word and its first
 * piece is not (Danish or English word lists).
 */
function cellText(runs: Box[]): string {
  const lines: string[] = [];
  let text = "";
  runs.forEach((r, k) => {
    const prev = runs[k - 1];
    const size = Math.max(prev?.fontSize ?? 0, r.fontSize);
    const sameLine = prev && Math.abs(r.y - prev.y) <= 0.4 * size;
    if (prev && !sameLine) {
      lines.push(text);
      text = "";
    }
    const glue = !text || /\s$/.test(text) || /^\s/.test(r.text) || (sameLine && r.x - prev!.right <= SPACE_GAP * size) ? "" : " ";
    text += glue + r.text;
  });
  lines.push(text);
  // a word broken where its line breaks, at a soft hyphen (whose drawn `-` pdf.js does not give) or where the
  // column is too narrow for it: the word is whole again when its first piece is no word and the two are one
  const whole = lines.map((l) => l.replace(/\s+/g, " ").trim()).reduce<string[]>((out, l) => {
    const last = out.at(-1)?.replace(/\u00AD$/u, "");
    const head = last && /(\p{L}+)$/u.exec(last)?.[1];
    const tail = /^(\p{Ll}+)/u.exec(l)?.[1];
    if (head && tail && !isWord(head.toLowerCase()) && isWord((head + tail).toLowerCase())) out[out.length - 1] = last + l;
    else out.push(l);
    return out;
  }, []);
  return joinLines(whole).trim();
}

/**
 * The layout's lines with each tagged table's rows put where that table is: before the first line of the layout
 * below its top. Two tables that meet (side by side, or one right under the other) are kept apart by a blank
 * line, as segmentation reads consecutive rows as one table.
 */
function withTables(lines: Line[], tables: Line[][]): Line[] {
  let out = lines;
  for (const rows of tables.slice().sort((a, b) => a[0]!.y! - b[0]!.y!)) {
    const found = out.findIndex((l) => l.role !== "table" && l.text !== "" && (l.y ?? 0) > rows[0]!.y!);
    const at = found < 0 ? out.length : found;
    const apart = out[at - 1]?.role === "table" ? [{ text: "" }] : [];
    out = [...out.slice(0, at), ...apart, ...rows, ...out.slice(at)];
  }
  return out;
}

/** A run of single letters or digits spaced apart (`S L I D E`): pdf.js spaces the glyphs of letter-spaced text. */
const SPACED = /^[\p{L}\p{N}](?: [\p{L}\p{N}])+$/u;

/**
 * A row's runs as read: a symbol font's lone glyph at the start of a row is a bullet (Beamer's triangle is `I`
 * in MSAM10); letter-spaced words (`S L I D E` `0 2`) are joined when every gap in them is a single letter's:
 * runs of three or more spaced single characters, capitals and digits or at least four, and the shorter spaced
 * runs beside them. The PDF's own word spaces stay between the runs.
 */
function readRuns(runs: Box[]): Box[] {
  const pieces = (r: Box) => (SPACED.test(r.text.trim()) ? r.text.trim().split(" ") : []);
  const spaced = runs.map((r) => {
    const p = pieces(r);
    return p.length >= 4 || (p.length === 3 && p.every((c) => !/\p{Ll}/u.test(c)));
  });
  return runs.map((r, i) => {
    if (i === 0 && r.symbolFont && runs.length > 1) return { ...r, text: "•" };
    const beside = spaced[i - 1] || spaced[i + 1];
    return spaced[i] || (beside && pieces(r).length >= 2) ? { ...r, text: r.text.trim().replace(/ /g, "") } : r;
  });
}

/** The font size carrying most of the row's characters. */
function dominantSize(runs: Box[]): number {
  const weight = new Map<number, number>();
  for (const r of runs) weight.set(round(r.fontSize), (weight.get(round(r.fontSize)) ?? 0) + r.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]![0];
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

const round = (n: number) => Math.round(n * 100) / 100;

const isWord = (w: string) => isDanishWord(w) || isEnglish(w);
