// Tables: tab-separated rows (plain text), and rows whose text runs line up in columns (PDF positions, or
// text laid out with runs of spaces as `pdftotext -layout` writes it). Empty cells are kept.
import type { Table } from "../../model/schema.ts";
import type { Cell } from "../../model/document.ts";
import type { SlideLine } from "./layout.ts";
import { noiseReason } from "./noise.ts";
import { cellCodeScore, monospaceDesign } from "./code.ts";
import { bulletMarker } from "./bullets.ts";
import { joinLines } from "../../language/join-lines.ts";

export interface FoundTable {
  /** Indexes into the lines given. */
  from: number;
  to: number;
  table: Table;
}

export interface Run {
  text: string;
  x: number;
  width: number;
}

/** Fewest rows (header included) a table has. */
const MIN_ROWS = 2;
/** Most rows read as one table (bounds the work on long runs of lines that are not a table). */
const MAX_ROWS = 300;
/** Two PDF text runs closer than this many font sizes are one cell. */
const CELL_GAP_EM = 0.6;
/** A run that is only a list marker or item number: the line is a list item, not a table row. */
const LONE_MARKER = /^(?:[*\-–•▪◦»«·●○■□▫➢►▶✓✔→o\uF000-\uF0FF]|\d{1,2}[.)]|[a-z]\))$/u;

/**
 * Tables among the lines, none over a line in `taken` (code). One pass: each candidate reads the lines from `k`
 * up to the next taken line (`end`, found once for each stretch of free lines, not per line).
 */
export function findTables(lines: SlideLine[], taken: ReadonlySet<number> = new Set(), source: { ocr?: boolean } = {}): FoundTable[] {
  const found: FoundTable[] = [];
  // a fixed-pitch font the slide is set in says nothing; rows in one on a slide that is not are code or its output
  const slide: Slide = { lines, end: 0, designMonospace: monospaceDesign(lines), ocr: source.ocr !== false };
  let k = 0;
  while (k < lines.length) {
    if (taken.has(k)) {
      k++;
      continue;
    }
    if (slide.end <= k) {
      slide.end = k;
      while (slide.end < lines.length && !taken.has(slide.end)) slide.end++;
    }
    const table = stackedTableAt(slide, k) ?? tabTableAt(slide, k) ?? columnTableAt(slide, k);
    // rows that are lines of text set side by side (two text boxes, a list whose gaps vary) are no table
    if (table?.table && textBesideText(lines, table.from, table.to)) delete table.table;
    if (table?.table) found.push(table as FoundTable);
    // rows that line up but are no table (a diagram, code, prose in columns) hold no smaller table either
    k = table ? table.to + 1 : k + 1;
  }
  return found;
}

/** A line next to a table's rows, in the same size and no further from them than line spacing, goes on from them. */
const SAME_SIZE_RATIO = 1.2;
/** Columns standing apart by more than this many times the wider one's width (and `WIDE_GAP_EM`) are text boxes. */
const WIDE_GAP_RATIO = 3;
const WIDE_GAP_EM = 6;
/** A cell of this many words or more may be a line of prose that wraps. */
const PROSE_LINE_WORDS = 4;

/**
 * PDF rows that are lines of text set side by side, not a table's rows:
 * - a line just above or under them, at line spacing and in their size, that goes on from them: a row of the same
 *   two-column list whose gap the extractor did not see (`.docx Microsoft Word` over `.csv | Microsoft Excel`:
 *   the rows are a piece of the list), or a column's paragraph going on (two columns of prose whose first lines
 *   share a baseline; the text under `Developer A | Developer B` goes on in its column);
 * - rows under the first set at line spacing (no cell padding) in columns that stand far apart, more than three
 *   times the wider one's width: two text boxes at the slide's sides (`Project 1` over `= 1st year` over
 *   `PhD project`, and the same on the right), each a short paragraph.
 * Lines without positions (plain text) are never judged so.
 */
function textBesideText(lines: SlideLine[], from: number, to: number): boolean {
  const rows = lines.slice(from, to + 1);
  if (!rows.every((l) => l.line.y !== undefined && l.line.fontSize !== undefined && l.line.cells?.length)) return false;
  const runs = rows.map(runsOf);
  const spans = columnSpans(runs.flat());
  if (spans.length < 2) return false;
  const goesOn = (neighbour: SlideLine | undefined, row: SlideLine, below: boolean): boolean => {
    const l = neighbour?.line;
    if (!l || l.y === undefined || l.fontSize === undefined || !l.cells?.length) return false;
    const em = row.line.fontSize!;
    if (Math.max(l.fontSize, em) > Math.min(l.fontSize, em) * SAME_SIZE_RATIO) return false;
    if (below ? neighbour.gapBefore : row.gapBefore) return false;
    const step = (below ? l.y - row.line.y! : row.line.y! - l.y) / em;
    if (step <= 0 || step > WRAP_STEP_EM) return false;
    const snap = COLUMN_SNAP_EM * em;
    const own = runsOf(neighbour);
    // a row of the same list whose cells the extractor joined: split where the columns start, each piece stands
    // in its column (a note under a table runs on past the first column's cells)
    if (own.length === 1) {
      const pieces = splitAcross(own[0]!, spans.map((s) => s.from), em);
      const inColumns = pieces.every((p) => {
        let c = 0;
        for (let k = 0; k < spans.length; k++) if (p.x >= spans[k]!.from - snap) c = k;
        return p.x >= spans[c]!.from - snap && (c === spans.length - 1 || p.x + p.width <= spans[c]!.to + snap);
      });
      if (pieces.length >= 2 && inColumns) return true;
    }
    // under the last row, a column's text going on: each run starts where a cell of the row does, a line of prose
    // (some words), and is no wider than that cell, as a paragraph's wrapped lines are (a note under a table is
    // no line of the short cell over it)
    const cells = runsOf(row);
    return below && own.length > 0 && own.length < spans.length && own.every((r) => cells.some((c) => Math.abs(c.x - r.x) <= snap && r.width <= c.width + em && c.text.split(/\s+/u).length >= PROSE_LINE_WORDS));
  };
  if (goesOn(lines[from - 1], rows[0]!, false) || goesOn(lines[to + 1], rows.at(-1)!, true)) return true;
  const body = rows.slice(1);
  const spaced = body.every((l, k) => {
    const prev = rows[k]!.line;
    const step = (l.line.y! - prev.y!) / l.line.fontSize!;
    return step > 0 && step < ROW_STEP_EM;
  });
  if (!spaced) return false;
  const em = Math.min(...rows.map((l) => l.line.fontSize!));
  return spans.slice(1).some((s, k) => {
    const left = spans[k]!;
    const gap = s.from - left.to;
    return gap > WIDE_GAP_EM * em && gap > WIDE_GAP_RATIO * Math.max(s.to - s.from, left.to - left.from);
  });
}

/** The lines of a slide a table is looked for in: those before `end` (the next line taken by code). */
interface Slide {
  lines: SlideLine[];
  end: number;
  designMonospace: boolean;
  /** The text may be OCR's (not known born-digital): a cell may be OCR debris. */
  ocr: boolean;
}

/** Lines in a fixed-pitch font on a slide not set in one: code, or a printout of its output (a DataFrame). */
function codeRows(slide: Slide, from: number, to: number): boolean {
  if (slide.designMonospace) return false;
  for (let k = from; k <= to; k++) if (slide.lines[k]!.line.monospace) return true;
  return false;
}

/** The raw text of a line, with only line-end clutter removed (leading tabs are empty cells). */

function rawText(l: SlideLine): string {
  return l.line.text.replace(/[ \r]+$/u, "");
}

function tabCells(l: SlideLine): string[] | undefined {
  const raw = rawText(l);
  if (!raw.includes("\t")) return undefined;
  const cells = raw.split("\t").map((c) => c.trim());
  return cells.length >= 2 ? cells : undefined;
}

/** Rows that line up; `table` undefined when they do not read as a table. */
type Candidate = Omit<FoundTable, "table"> & { table?: Table };

function tabTableAt(slide: Slide, start: number): Candidate | undefined {
  const lines = slide.lines;
  if (!tabCells(lines[start]!)) return undefined;
  const em = lines[start]!.line.fontSize ?? 12;
  const wrapped = wrappedRows(slide, start);
  if (wrapped) {
    const { rows: groups, to } = wrapped;
    const rows = groups.map((g) => g.flatMap((k) => tabCells(lines[k]!) ?? [lines[k]!.text]));
    if (groups.length >= MIN_ROWS && rows.every((r) => rowIsText(r, slide.ocr)) && !rows.some((r) => LONE_MARKER.test(r[0]!))) {
      if (codeRows(slide, start, to)) return { from: start, to };
      const width = Math.max(...groups.filter((g) => tabCells(lines[g[0]!]!)).map((g) => tabCells(lines[g[0]!]!)!.length));
      const cells = groups.map((g) => g.flatMap((k) => lines[k]!.line.cells!));
      const counts = groups.map((g) => lines[g[0]!]!.line.cells!.length);
      const placed = placeCells(cells, width, em, counts);
      // every cell starts where a column does, or is centred on it (a header's cells, centred in narrow columns):
      // boxes of a diagram do not line up so
      const linedUp = placed && placed.pieces.flat().every((p) => Math.abs(p.x - placed.starts[p.column]!) <= COLUMN_SNAP_EM * em || Math.abs(p.x + p.width / 2 - placed.centres[p.column]!) <= COLUMN_SNAP_EM * em);
      if (placed && linedUp && columnsAlign(placed.pieces, em) && looksTabular(placed.rows)) return { from: start, to, table: { header: placed.rows[0]!, rows: placed.rows.slice(1) } };
    }
  }
  const rows: string[][] = [];
  let j = start;
  while (j < slide.end && j - start < MAX_ROWS) {
    const cells = tabCells(lines[j]!);
    if (!cells) break;
    rows.push(cells);
    j++;
  }
  if (rows.length < MIN_ROWS || !rows.every((r) => rowIsText(r, slide.ocr)) || rows.some((r) => LONE_MARKER.test(r[0]!))) return undefined;
  if (codeRows(slide, start, j - 1)) return { from: start, to: j - 1 };
  const width = Math.max(...rows.map((r) => r.length));
  const positioned = lines.slice(start, j).map((l) => l.line.cells);
  const placedAll = positioned.every((c, k) => c && c.length === rows[k]!.length);
  // labels of a diagram stand where no column is, or two in one column
  if (placedAll && !cellsInColumns(positioned as Cell[][], width, em)) return { from: start, to: j - 1 };
  const placed = placedAll ? placeCells(positioned as Cell[][], width, em) : undefined;
  if (placed && !columnsAlign(placed.pieces, em)) return { from: start, to: j - 1 };
  if (placedAll && wrappedText(lines.slice(start, j), rows)) return { from: start, to: j - 1 };
  const padded = placed?.rows ?? rows.map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
  if (!looksTabular(padded)) return { from: start, to: j - 1 };
  return { from: start, to: j - 1, table: { header: padded[0]!, rows: padded.slice(1) } };
}

/**
 * Two rows where the second is the first's text wrapped: set at line spacing under it, every cell in lower case
 * (`Kjøre kontroller på | Analyse av` over `data | kontroller`: labels of boxes side by side, not a table).
 */
function wrappedText(lines: SlideLine[], rows: string[][]): boolean {
  if (rows.length !== 2) return false;
  const [a, b] = lines as [SlideLine, SlideLine];
  if (a.line.y === undefined || b.line.y === undefined) return false;
  const step = (b.line.y - a.line.y) / (a.line.fontSize ?? 12);
  const filled = rows[1]!.filter((c) => c.trim());
  return step <= WRAP_STEP_EM && filled.length > 0 && filled.every((c) => /^\p{Ll}/u.test(c.trim()));
}

/**
 * Each cell of each row stands in one column of the table (the span the widest rows' cells of that column
 * cover, widened by a little), and no two cells of a row in the same one: the labels of a tree or flow diagram
 * (`lower higher` over `lower higher ”HKG” lower higher`) stand between or across columns.
 */
function cellsInColumns(rows: Cell[][], width: number, em: number): boolean {
  const widest = rows.filter((r) => r.length === width);
  if (widest.length === 0) return true;
  const slack = (COLUMN_SNAP_EM * em) / 2;
  const spans = Array.from({ length: width }, (_, c) => ({
    from: Math.min(...widest.map((r) => r[c]!.x)) - slack,
    to: Math.max(...widest.map((r) => r[c]!.x + r[c]!.width)) + slack,
  }));
  return rows.every((row) => {
    const used = new Set<number>();
    for (const cell of row) {
      const cols = spans.flatMap((s, c) => (cell.x < s.to && cell.x + cell.width > s.from ? [c] : []));
      if (cols.length === 0) return false;
      // a cell drawn across columns (two the extractor joined) is split later; one column's cell is that column's
      if (cols.length === 1) {
        if (used.has(cols[0]!)) return false;
        used.add(cols[0]!);
      }
    }
    return true;
  });
}

/** A table's rows stand at most this many font sizes apart (rows with padding, cells that wrap). */
const MAX_ROW_STEP_EM = 6;
/** Baselines closer than this many font sizes are one baseline. */
const SAME_BASELINE_EM = 0.5;
/** Lines of one table differ in font size by at most this factor from the line above (a header, its body). */
const TABLE_SIZE_RATIO = 1.6;

/** How far below its baseline a line's letters reach, in font sizes: a cell's box, for rows told by overlap. */
const DESCENT_EM = 0.3;

/** A cell of a line, with the line's baseline and font size. */
interface Item extends Cell {
  y: number;
  em: number;
  line: number;
}

/**
 * A PDF table whose cells come column by column (the extractor reads one column's cells top to bottom, then the
 * next column's; or a header's last cell after the rest of it): from `start`, the lines that stand within the
 * table's rows, going back up the page at least once, one of them a row of two or more cells. Rows are rebuilt
 * from the cells' positions: columns where the cells' horizontal spans overlap, a cell's wrapped lines (closer
 * than rows stand) joined, and rows where the cells' vertical extents overlap. Undefined when the lines are in
 * reading order (the other readers handle them) or do not make a grid of two or more cells in every row.
 */
function stackedTableAt(slide: Slide, start: number): Candidate | undefined {
  const lines = slide.lines;
  const first = lines[start]!.line;
  if (first.y === undefined || first.fontSize === undefined || !first.cells?.length || listItem(lines[start]!)) return undefined;
  let top = first.y, bottom = first.y, to = start, back = false, rowLine = !!tabCells(lines[start]!);
  for (let j = start + 1; j < slide.end && j - start < MAX_ROWS; j++) {
    const l = lines[j]!.line;
    const prev = lines[j - 1]!.line;
    if (l.y === undefined || l.fontSize === undefined || !l.cells?.length || listItem(lines[j]!)) break;
    if (l.fontSize * TABLE_SIZE_RATIO < prev.fontSize! || l.fontSize > prev.fontSize! * TABLE_SIZE_RATIO) break;
    const em = l.fontSize;
    if (l.y < top - em || l.y > bottom + MAX_ROW_STEP_EM * em) break;
    if (l.y < prev.y! - SAME_BASELINE_EM * em) back = true;
    if (tabCells(lines[j]!)) rowLine = true;
    top = Math.min(top, l.y);
    bottom = Math.max(bottom, l.y);
    to = j;
  }
  if (!back || !rowLine) return undefined;
  const grid = gridOf(lines, start, to);
  if (!grid) return undefined;
  // a line above the table (its caption, the slide's subtitle) makes a first row of one cell: read from after it
  if (grid.rows[0]!.filter((c) => c.text).length < 2) {
    const next = Math.min(...grid.rows.slice(1).flatMap((r) => r.flatMap((c) => c.lines)));
    const above = grid.rows[0]!.flatMap((c) => c.lines);
    return next > start && above.every((k) => k < next) ? stackedTableAt(slide, next) : undefined;
  }
  // and a line under it (a source, a note) a last row of one cell
  let rows = grid.rows;
  while (rows.length > MIN_ROWS && rows.at(-1)!.filter((c) => c.text).length < 2) rows = rows.slice(0, -1);
  const last = Math.max(...rows.flatMap((r) => r.flatMap((c) => c.lines)));
  if (grid.rows.slice(rows.length).some((r) => r.some((c) => c.lines.some((k) => k < last)))) return undefined;
  to = last;
  const texts = rows.map((r) => r.map((c) => c.text));
  if (rows.length < MIN_ROWS || texts.some((r) => r.filter(Boolean).length < 2) || !texts.every((r) => rowIsText(r, slide.ocr))) return undefined;
  // a text box beside a table is one cell down many rows: a column of the table has cells in two rows or more
  if (texts[0]!.some((_, c) => texts.filter((r) => r[c]).length < MIN_ROWS)) return undefined;
  const pieces = rows.map((r) => r.flatMap((c, column) => (c.text ? [{ text: c.text, x: c.x, width: c.width, column }] : [])));
  // when the lines make no table together, the other readers may still find one among them
  if (codeRows(slide, start, to) || !columnsAlign(pieces, first.fontSize) || !looksTabular(texts)) return undefined;
  return { from: start, to, table: { header: texts[0]!, rows: texts.slice(1) } };
}

/** A bulleted or numbered line: a list's item, not a table's row. */
function listItem(l: SlideLine): boolean {
  return !!bulletMarker(l.text) || LONE_MARKER.test(l.line.cells?.[0]?.text.trim() ?? "");
}

interface GridCell {
  text: string;
  x: number;
  width: number;
  /** Indexes of the lines the cell's text is on. */
  lines: number[];
}

/**
 * The cells of lines `from`..`to` in a grid: columns where their horizontal spans overlap; in each column, a
 * cell's wrapped lines joined when rows stand further apart than lines (else every baseline is a row); rows where
 * the cells' vertical extents overlap.
 */
function gridOf(lines: SlideLine[], from: number, to: number): { rows: GridCell[][] } | undefined {
  const items: Item[] = [];
  for (let j = from; j <= to; j++) {
    const l = lines[j]!.line;
    for (const c of l.cells!) if (c.text.trim()) items.push({ text: c.text.trim(), x: c.x, width: c.width, y: l.y!, em: l.fontSize!, line: j });
  }
  const spans = columnSpans(items);
  if (spans.length < 2) return undefined;
  const columns = spans.map(() => [] as Item[]);
  for (const it of items) columns[Math.max(0, spans.findIndex((s) => it.x >= s.from && it.x <= s.to))]!.push(it);
  for (const c of columns) c.sort((a, b) => a.y - b.y);
  const steps = columns.flatMap((c) => c.slice(1).map((it, k) => (it.y - c[k]!.y) / c[k]!.em));
  const padded = steps.some((s) => s <= WRAP_STEP_EM) && steps.some((s) => s >= ROW_STEP_EM);
  // blocks: a cell's lines, with the vertical extent they cover
  const blocks: { column: number; items: Item[]; top: number; bottom: number }[] = [];
  columns.forEach((c, column) => {
    let block: (typeof blocks)[number] | undefined;
    for (const it of c) {
      const prev = block?.items.at(-1);
      if (block && prev && padded && (it.y - prev.y) / prev.em <= WRAP_STEP_EM) {
        block.items.push(it);
        block.bottom = it.y + DESCENT_EM * it.em;
      } else {
        block = { column, items: [it], top: it.y - (padded ? it.em : SAME_BASELINE_EM * it.em), bottom: it.y + (padded ? DESCENT_EM : SAME_BASELINE_EM) * it.em };
        blocks.push(block);
      }
    }
  });
  blocks.sort((a, b) => a.top - b.top);
  const bands: (typeof blocks)[] = [];
  let reach = -Infinity;
  for (const b of blocks) {
    if (b.top < reach) bands.at(-1)!.push(b);
    else bands.push([b]);
    reach = Math.max(b.top < reach ? reach : -Infinity, b.bottom);
  }
  const rows = bands.map((band) =>
    spans.map((_, column) => {
      const its = band.filter((b) => b.column === column).flatMap((b) => b.items);
      if (!its.length) return { text: "", x: 0, width: 0, lines: [] };
      // of the cell's text lines, the widest stands for its edges
      const widest = its.reduce((w, i) => (i.width > w.width ? i : w));
      return { text: joinLines(its.map((i) => i.text)), x: widest.x, width: widest.width, lines: its.map((i) => i.line) };
    }),
  );
  return { rows };
}

/** Baselines this many font sizes apart or closer are a cell's wrapped lines; rows stand further apart. */
const WRAP_STEP_EM = 1.3;
/** A row starts this many font sizes or more below the last line of the row above (its cells' padding). */
const ROW_STEP_EM = 1.5;

/**
 * A PDF table whose cells wrap (`Vanlig med⇥Rett linje⇥Lik for alle` / `konstantledd`): from `start`, the
 * lines of rows of two or more cells and the lines their cells go on in, grouped into rows by baseline. A line
 * set close under the one above (single line spacing) goes on the row above; rows stand further apart, as table
 * rows with padding do. Undefined when the lines hold no wrapped cell, or rows and wrapped lines are not told
 * apart by their spacing (then every line is a row of its own).
 */
function wrappedRows(slide: Slide, start: number): { rows: number[][]; to: number } | undefined {
  const lines = slide.lines;
  const em = lines[start]!.line.fontSize;
  if (em === undefined || lines[start]!.line.y === undefined || !lines[start]!.line.cells) return undefined;
  const rows: number[][] = [[start]];
  const width = tabCells(lines[start]!)!.length;
  let wraps = 0, apart = 0, to = start;
  for (let j = start + 1; j < slide.end && j - start < MAX_ROWS; j++) {
    const l = lines[j]!;
    const prev = lines[j - 1]!;
    // a row may stand a gap below the one above (under a header); a wrapped line may not
    if ((l.gapBefore && !tabCells(l)) || l.line.y === undefined || !l.line.cells?.length || l.line.fontSize === undefined) break;
    const step = (l.line.y - prev.line.y!) / em;
    if (step <= 0) break;
    // a line with a cell in every column is a row of its own however close, but for the header's wrapped line
    // (`Energy saved⇥Acres of` over `(kWh)⇥trees`: most cells go on in lower case or in brackets)
    if (step <= WRAP_STEP_EM && ((tabCells(l)?.length ?? 1) < width || (rows.length === 1 && goesOn(tabCells(l)!)))) {
      rows[rows.length - 1]!.push(j);
      wraps++;
    } else if ((step >= ROW_STEP_EM || step <= WRAP_STEP_EM) && tabCells(l)) {
      rows.push([j]);
      // rows told apart from wrapped lines by their spacing
      if (step >= ROW_STEP_EM) apart++;
    } else break;
    to = j;
  }
  if (!wraps || !apart) return undefined;
  return { rows, to };
}

/** Most of a line's cells go on from the line above: they start in lower case or with an opening bracket. */
function goesOn(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.filter((c) => /^[\p{Ll}(]/u.test(c)).length * 2 > filled.length;
}

/** Text runs of a line: PDF cells merged where they are closer than a space, or runs split by 2+ spaces. */
function runsOf(l: SlideLine): Run[] {
  const cells = l.line.cells;
  if (cells?.length) {
    const em = l.line.fontSize ?? 12;
    const sorted = [...cells].filter((c) => c.text.trim()).sort((a, b) => a.x - b.x);
    const runs: Run[] = [];
    for (const c of sorted) {
      const prev = runs[runs.length - 1];
      const gap = prev ? c.x - (prev.x + prev.width) : Infinity;
      if (prev && gap < em * CELL_GAP_EM) {
        prev.text = gap > em * 0.1 || /\s$/.test(prev.text) ? `${prev.text.trimEnd()} ${c.text.trim()}` : prev.text + c.text.trim();
        prev.width = c.x + c.width - prev.x;
      } else runs.push({ text: c.text.trim(), x: c.x, width: c.width });
    }
    return runs;
  }
  if (l.line.x !== undefined) return [];
  return spaceRuns(rawText(l));
}

/**
 * The runs of text split by two or more spaces (`a b  c` → `a b`, `c`), with their offsets; none when the
 * line has no such gap. One pass over the line (a regular expression for it overflows the stack on a line of
 * some megabytes).
 */
export function spaceRuns(raw: string): Run[] {
  if (!/\S {2,}\S/u.test(raw)) return [];
  const runs: Run[] = [];
  let start = -1;
  let end = -1;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw.charCodeAt(i);
    const blank = i === raw.length || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || (c > 0x7f && /\s/u.test(raw[i]!));
    if (!blank) {
      if (start < 0) start = i;
      end = i + 1;
      continue;
    }
    // a single space inside a run; anything else ends it
    if (start >= 0 && !(c === 0x20 && i + 1 < raw.length && raw[i + 1] !== " " && !/\s/u.test(raw[i + 1]!))) {
      runs.push({ text: raw.slice(start, end), x: start, width: end - start });
      start = -1;
    }
  }
  return runs;
}

function isRow(runs: Run[]): boolean {
  return runs.length >= 2 && !LONE_MARKER.test(runs[0]!.text);
}

function columnTableAt(slide: Slide, start: number): Candidate | undefined {
  const lines = slide.lines;
  const rows: Run[][] = [];
  let j = start;
  while (j < slide.end && j - start < MAX_ROWS) {
    const runs = runsOf(lines[j]!);
    if (!isRow(runs)) break;
    rows.push(runs);
    j++;
  }
  if (rows.length < MIN_ROWS) return undefined;
  if (codeRows(slide, start, j - 1)) return { from: start, to: j - 1 };
  const columns = columnSpans(rows.flat());
  const maxRuns = Math.max(...rows.map((r) => r.length));
  // runs that do not line up make more spans than any row has runs
  if (columns.length < 2 || columns.length > maxRuns) return undefined;
  const table = rows.map((runs) => {
    const cells = columns.map(() => [] as string[]);
    for (const r of runs) {
      const mid = r.x + r.width / 2;
      let c = columns.findIndex((s) => mid >= s.from && mid <= s.to);
      if (c < 0) c = columns.findIndex((s) => r.x < s.to && r.x + r.width > s.from);
      cells[Math.max(0, c)]!.push(r.text);
    }
    return cells.map((c) => c.join(" "));
  });
  if (!table.every((r) => rowIsText(r, slide.ocr))) return undefined;
  if (!looksTabular(table)) return { from: start, to: j - 1 };
  return { from: start, to: j - 1, table: { header: table[0]!, rows: table.slice(1) } };
}

/** Horizontal spans covered by runs, overlapping runs merged: one span per column. */
function columnSpans(runs: Run[]): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  for (const r of [...runs].sort((a, b) => a.x - b.x)) {
    const last = spans[spans.length - 1];
    if (last && r.x <= last.to) last.to = Math.max(last.to, r.x + r.width);
    else spans.push({ from: r.x, to: r.x + r.width });
  }
  return spans;
}

/** A number with its unit (`468 km²`, `1.470 m³`, `12,5 %`, `37 °C`, `$533,576`): a table's cell, not debris. */
const QUANTITY = /^[-+]?(?:[$€£]\s?\d[\d.,  ]*|\d[\d.,  ]*\s?(?:[\p{L}°]{1,3}[²³]?|[%‰$€£]))$/u;

/** A row whose cells are words or numbers, not OCR debris (on a born-digital page, `ocr` false: not decorations). */
function rowIsText(cells: string[], ocr = true): boolean {
  const filled = cells.filter((c) => c.trim());
  if (filled.length === 0) return false;
  return filled.every((c) => {
    if (c.trim().length <= 3 || QUANTITY.test(c.trim())) return true;
    const reason = noiseReason(c, {}, { ocr });
    return reason === undefined || (reason === "no letters" && /\d/.test(c) && !/[^\d\s.,:;%/()+–-]/u.test(c));
  });
}

/** Fewest cells an index ruler has. */
const MIN_RULER = 3;
/** A token an array's box holds: a number, a letter or short word, a quoted literal (no spaces). */
const ARRAY_VALUE = /^\S{1,8}$/u;

/**
 * An index ruler: a row of whole numbers counting up by one from 0 or 1 (`0 1 2 … 10`), in every cell of the row
 * (trailing empty cells aside: a shorter ruler under a longer one). A row label (`Uge | 1 | 2 | 3`) or an empty
 * first cell over row labels makes it a table's header, and so does a count from elsewhere (years).
 */
export function indexRuler(row: string[]): boolean {
  const cells = row.map((c) => c.trim());
  while (cells.length && !cells.at(-1)) cells.pop();
  return cells.length >= MIN_RULER && cells.every((c, k) => /^\d+$/u.test(c) && Number(c) === Number(cells[0]) + k) && Number(cells[0]) <= 1;
}

/**
 * Rows that draw an array (or arrays), not a table: an index ruler, every other row a ruler too or a row of single
 * short values (`5 3 8 1`, `"CPH" "LAX"`), as a table tool draws an array's boxes over or under their indexes.
 */
export function arrayDiagram(rows: string[][]): boolean {
  if (!rows.some(indexRuler)) return false;
  return rows.every((r) => indexRuler(r) || r.every((c) => !c.trim() || ARRAY_VALUE.test(c.trim())));
}

/** A string literal: `"CPH"`, `”BER”` (array diagrams and code, not a table's cells). */
const QUOTED_LITERAL = /^["“”'„].*["“”']$/u;
/** Cells per row this many words long on average are prose set in columns, not a table's cells. */
const MAX_MEAN_CELL_WORDS = 6;
/** A cell drawn closer than this many font sizes to where a column starts in other rows belongs to it. */
const COLUMN_SNAP_EM = 1.5;

/**
 * Rows whose cells line up in columns and read as a table's: at least two rows with two or more cells, short
 * cells, no code, no list items side by side, no prose running on from row to row in its column, not the labels
 * of a diagram (a header repeating a cell, an array over or under its index ruler 0 1 2 …, rows of quoted literals).
 */
export function looksTabular(rows: string[][]): boolean {
  const full = rows.filter((r) => r.filter((c) => c.trim()).length >= 2);
  if (full.length < MIN_ROWS) return false;
  const cells = rows.flat().filter((c) => c.trim());
  const words = cells.reduce((n, c) => n + c.trim().split(/\s+/u).length, 0);
  if (words / cells.length > MAX_MEAN_CELL_WORDS) return false;
  if (cells.some((c) => cellCodeScore(c) >= 2)) return false;
  // boxes of questions or exclamations set side by side (`STØRRE TRANSPARENS?  ØGET KADENCE?`) are no table
  if (cells.length >= 4 && cells.every((c) => /[?!]$/u.test(c.trim()))) return false;
  if (rows.filter((r) => r.some((c) => bulletMarker(c) || /^[-–•▪]\s/u.test(c))).length * 2 >= rows.length) return false;
  const header = rows[0]!.filter((c) => c.trim()).map((c) => c.trim().toLowerCase());
  // diagram labels repeat (`next next next`, `lower higher lower higher`); a header row may repeat a value once
  if (new Set(header).size * 2 <= header.length) return false;
  if (arrayDiagram(rows)) return false;
  if (rows.some((r) => r.filter((c) => c.trim()).length >= 2 && r.filter((c) => c.trim()).every((c) => QUOTED_LITERAL.test(c.trim())))) return false;
  // a sentence carried on in its column: a cell not ending a sentence over a cell starting in lower case
  let runOn = 0;
  for (let k = 1; k < rows.length; k++) {
    const prev = rows[k - 1]!;
    if (rows[k]!.some((c, col) => /^\p{Ll}/u.test(c.trim()) && (prev[col] ?? "").trim().split(/\s+/u).length >= 4 && !/[.!?:]$/u.test((prev[col] ?? "").trim()))) runOn++;
  }
  return runOn * 3 < Math.max(1, rows.length - 1);
}

/** A cell (or the piece of one split across columns) and the column it went to. */
interface Piece extends Cell {
  column: number;
}

/**
 * PDF rows placed column by column: the columns start where the rows with the most cells start theirs; a cell
 * of a shorter row goes to the column it starts in, and a cell drawn across the start of the next column (two
 * cells the extractor joined) is split at the word nearest that start. The rows' texts, the pieces placed and
 * the columns' starts.
 */
function placeCells(rows: Cell[][], width: number, em: number, counts: number[] = rows.map((r) => r.length)): { rows: string[][]; pieces: Piece[][]; starts: number[]; centres: number[] } | undefined {
  const widest = rows.filter((r, k) => counts[k] === width).map((r) => r.slice(0, width));
  if (!widest.length) return undefined;
  const starts = Array.from({ length: width }, (_, c) => Math.min(...widest.map((r) => r[c]!.x)));
  // the middle of each column's cells in the widest rows
  const centres = Array.from({ length: width }, (_, c) => {
    const mids = widest.map((r) => r[c]!.x + r[c]!.width / 2).sort((a, b) => a - b);
    return mids[Math.floor(mids.length / 2)]!;
  });
  const pieces = rows.map((row) =>
    row.flatMap((cell) =>
      splitAcross(cell, starts, em).map((p) => {
        let column = 0;
        for (let c = 0; c < width; c++) if (p.x >= starts[c]! - COLUMN_SNAP_EM * em) column = c;
        return { ...p, column };
      }),
    ),
  );
  const texts = pieces.map((row) => {
    const out = Array<string>(width).fill("");
    for (const p of row) out[p.column] = out[p.column] ? `${out[p.column]} ${p.text}` : p.text;
    return out;
  });
  return { rows: texts, pieces, starts, centres };
}

/**
 * A table's columns are aligned: each cell of a column shares its left edge, centre or right edge (within
 * `COLUMN_SNAP_EM`) with another cell of that column (its body cells, when it has two or more: a header may be
 * centred over them). The boxes of a flow diagram, and two columns of prose under a header, stand where they fall.
 */
export function columnsAlign(rows: Piece[][], em: number): boolean {
  const byColumn = (from: number) => {
    const out = new Map<number, Piece[]>();
    for (const p of rows.slice(from).flat()) if (p.text.trim()) (out.get(p.column) ?? out.set(p.column, []).get(p.column)!).push(p);
    return out;
  };
  const all = byColumn(0);
  const body = byColumn(1);
  const snap = COLUMN_SNAP_EM * em;
  const edges = (p: Cell) => [p.x, p.x + p.width / 2, p.x + p.width];
  // a header may be centred over cells set flush left: a column's body cells, when it has two, decide
  for (const [column, every] of all) {
    const cells = (body.get(column)?.length ?? 0) >= 2 ? body.get(column)! : every;
    if (cells.length < 2) continue;
    for (const p of cells) {
      const mine = edges(p);
      if (!cells.some((q) => q !== p && edges(q).some((e, k) => Math.abs(e - mine[k]!) <= snap))) return false;
    }
  }
  return true;
}

function splitAcross(cell: Cell, starts: number[], em: number): Cell[] {
  const inside = starts.filter((x) => x > cell.x + COLUMN_SNAP_EM * em && x < cell.x + cell.width - em);
  if (!inside.length || cell.text.length < 2) return [cell];
  const perChar = cell.width / cell.text.length;
  const out: Cell[] = [];
  let rest = cell;
  for (const x of inside) {
    const want = (x - rest.x) / perChar;
    const spaces = [...rest.text.matchAll(/ /gu)].map((m) => m.index!);
    const at = spaces.sort((a, b) => Math.abs(a + 1 - want) - Math.abs(b + 1 - want))[0];
    if (at === undefined || Math.abs(at + 1 - want) * perChar > COLUMN_SNAP_EM * em) continue;
    out.push({ text: rest.text.slice(0, at), x: rest.x, width: at * perChar });
    rest = { text: rest.text.slice(at + 1), x: rest.x + (at + 1) * perChar, width: rest.width - (at + 1) * perChar };
  }
  return [...out, rest];
}
