// Tables: tab-separated rows (plain text), and rows whose text runs line up in columns (PDF positions, or
// text laid out with runs of spaces as `pdftotext -layout` writes it). Empty cells are kept.
import type { Table } from "../../model/schema.ts";
import type { Cell } from "../../model/document.ts";
import type { SlideLine } from "./layout.ts";
import { noiseReason } from "./noise.ts";
import { codeScore } from "./code.ts";
import { bulletMarker } from "./bullets.ts";

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

/** Tables among the lines, none over a line in `taken` (code). */
export function findTables(lines: SlideLine[], taken: ReadonlySet<number> = new Set()): FoundTable[] {
  const found: FoundTable[] = [];
  let k = 0;
  while (k < lines.length) {
    const end = nextTaken(taken, k, lines.length);
    const free = lines.slice(0, end);
    const table = taken.has(k) ? undefined : (tabTableAt(free, k) ?? columnTableAt(free, k));
    if (table?.table) found.push(table as FoundTable);
    // rows that line up but are no table (a diagram, code, prose in columns) hold no smaller table either
    k = table ? table.to + 1 : k + 1;
  }
  return found;
}

/** The raw text of a line, with only line-end clutter removed (leading tabs are empty cells). */
function nextTaken(taken: ReadonlySet<number>, from: number, end: number): number {
  for (let k = from; k < end; k++) if (taken.has(k)) return k;
  return end;
}

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

function tabTableAt(lines: SlideLine[], start: number): Candidate | undefined {
  if (!tabCells(lines[start]!)) return undefined;
  const wrapped = wrappedRows(lines, start);
  if (wrapped) {
    const { rows: groups, to } = wrapped;
    const rows = groups.map((g) => g.flatMap((k) => tabCells(lines[k]!) ?? [lines[k]!.text]));
    if (groups.length >= MIN_ROWS && rows.every(rowIsText) && !rows.some((r) => LONE_MARKER.test(r[0]!))) {
      const width = Math.max(...groups.filter((g) => tabCells(lines[g[0]!]!)).map((g) => tabCells(lines[g[0]!]!)!.length));
      const cells = groups.map((g) => g.flatMap((k) => lines[k]!.line.cells!));
      const em = lines[start]!.line.fontSize ?? 12;
      const counts = groups.map((g) => lines[g[0]!]!.line.cells!.length);
      const aligned = alignRows(cells, width, em, counts);
      // every cell starts where a column does: boxes of a diagram do not line up so
      const widest = cells.filter((_, k) => counts[k] === width);
      const starts = Array.from({ length: width }, (_, c) => Math.min(...widest.map((r) => r[c]!.x)));
      const linedUp = cells.flat().every((c) => starts.some((x) => Math.abs(c.x - x) <= COLUMN_SNAP_EM * em));
      if (aligned && linedUp && looksTabular(aligned)) return { from: start, to, table: { header: aligned[0]!, rows: aligned.slice(1) } };
    }
  }
  const rows: string[][] = [];
  let j = start;
  while (j < lines.length && j - start < MAX_ROWS) {
    const cells = tabCells(lines[j]!);
    if (!cells) break;
    rows.push(cells);
    j++;
  }
  if (rows.length < MIN_ROWS || !rows.every(rowIsText) || rows.some((r) => LONE_MARKER.test(r[0]!))) return undefined;
  const width = Math.max(...rows.map((r) => r.length));
  const positioned = lines.slice(start, j).map((l) => l.line.cells);
  const placed = positioned.every((c, k) => c && c.length === rows[k]!.length);
  // labels of a diagram stand where no column is, or two in one column
  if (placed && !cellsInColumns(positioned as Cell[][], width, lines[start]!.line.fontSize ?? 12)) return { from: start, to: j - 1 };
  const aligned = placed ? alignRows(positioned as Cell[][], width, lines[start]!.line.fontSize ?? 12) : undefined;
  const padded = aligned ?? rows.map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
  if (!looksTabular(padded)) return { from: start, to: j - 1 };
  return { from: start, to: j - 1, table: { header: padded[0]!, rows: padded.slice(1) } };
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
function wrappedRows(lines: SlideLine[], start: number): { rows: number[][]; to: number } | undefined {
  const em = lines[start]!.line.fontSize;
  if (em === undefined || lines[start]!.line.y === undefined || !lines[start]!.line.cells) return undefined;
  const rows: number[][] = [[start]];
  const width = tabCells(lines[start]!)!.length;
  let wraps = 0, apart = 0, to = start;
  for (let j = start + 1; j < lines.length && j - start < MAX_ROWS; j++) {
    const l = lines[j]!;
    const prev = lines[j - 1]!;
    // a row may stand a gap below the one above (under a header); a wrapped line may not
    if ((l.gapBefore && !tabCells(l)) || l.line.y === undefined || !l.line.cells?.length || l.line.fontSize === undefined) break;
    const step = (l.line.y - prev.line.y!) / em;
    if (step <= 0) break;
    // a line with a cell in every column is a row of its own however close
    if (step <= WRAP_STEP_EM && (tabCells(l)?.length ?? 1) < width) {
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

function columnTableAt(lines: SlideLine[], start: number): Candidate | undefined {
  const rows: Run[][] = [];
  let j = start;
  while (j < lines.length && j - start < MAX_ROWS) {
    const runs = runsOf(lines[j]!);
    if (!isRow(runs)) break;
    rows.push(runs);
    j++;
  }
  if (rows.length < MIN_ROWS) return undefined;
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
  if (!table.every(rowIsText)) return undefined;
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

/** A row whose cells are words or numbers, not OCR debris. */
function rowIsText(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim());
  if (filled.length === 0) return false;
  return filled.every((c) => {
    if (c.trim().length <= 3) return true;
    const reason = noiseReason(c);
    return reason === undefined || (reason === "no letters" && /\d/.test(c) && !/[^\d\s.,:;%/()+–-]/u.test(c));
  });
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
 * of a diagram (a header repeating a cell, an index ruler 0 1 2 …, rows of quoted literals).
 */
export function looksTabular(rows: string[][]): boolean {
  const full = rows.filter((r) => r.filter((c) => c.trim()).length >= 2);
  if (full.length < MIN_ROWS) return false;
  const cells = rows.flat().filter((c) => c.trim());
  const words = cells.reduce((n, c) => n + c.trim().split(/\s+/u).length, 0);
  if (words / cells.length > MAX_MEAN_CELL_WORDS) return false;
  if (cells.some((c) => codeScore(c) >= 2)) return false;
  // boxes of questions or exclamations set side by side (`STØRRE TRANSPARENS?  ØGET KADENCE?`) are no table
  if (cells.length >= 4 && cells.every((c) => /[?!]$/u.test(c.trim()))) return false;
  if (rows.filter((r) => r.some((c) => bulletMarker(c) || /^[-–•▪]\s/u.test(c))).length * 2 >= rows.length) return false;
  const header = rows[0]!.filter((c) => c.trim()).map((c) => c.trim().toLowerCase());
  // diagram labels repeat (`next next next`, `lower higher lower higher`); a header row may repeat a value once
  if (new Set(header).size * 2 <= header.length) return false;
  if (header.length >= 3 && header.every((c, k) => /^\d+$/u.test(c) && (k === 0 || Number(c) === Number(header[k - 1]) + 1))) return false;
  if (rows.some((r) => r.filter((c) => c.trim()).length >= 2 && r.filter((c) => c.trim()).every((c) => QUOTED_LITERAL.test(c.trim())))) return false;
  // a sentence carried on in its column: a cell not ending a sentence over a cell starting in lower case
  let runOn = 0;
  for (let k = 1; k < rows.length; k++) {
    const prev = rows[k - 1]!;
    if (rows[k]!.some((c, col) => /^\p{Ll}/u.test(c.trim()) && (prev[col] ?? "").trim().split(/\s+/u).length >= 4 && !/[.!?:]$/u.test((prev[col] ?? "").trim()))) runOn++;
  }
  return runOn * 3 < Math.max(1, rows.length - 1);
}

/**
 * PDF rows placed column by column: the columns start where the rows with the most cells start theirs; a cell
 * of a shorter row goes to the column it starts in, and a cell drawn across the start of the next column (two
 * cells the extractor joined) is split at the word nearest that start.
 */
function alignRows(rows: Cell[][], width: number, em: number, counts: number[] = rows.map((r) => r.length)): string[][] | undefined {
  const widest = rows.filter((r, k) => counts[k] === width).map((r) => r.slice(0, width));
  if (!widest.length) return undefined;
  const starts = Array.from({ length: width }, (_, c) => Math.min(...widest.map((r) => r[c]!.x)));
  return rows.map((row) => {
    const out = Array<string>(width).fill("");
    for (const cell of row) {
      const pieces = splitAcross(cell, starts, em);
      for (const p of pieces) {
        let col = 0;
        for (let c = 0; c < width; c++) if (p.x >= starts[c]! - COLUMN_SNAP_EM * em) col = c;
        out[col] = out[col] ? `${out[col]} ${p.text}` : p.text;
      }
    }
    return out;
  });
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
