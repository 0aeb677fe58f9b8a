// Tables: tab-separated rows (plain text), and rows whose text runs line up in columns (PDF positions, or
// text laid out with runs of spaces as `pdftotext -layout` writes it). Empty cells are kept.
import type { Table } from "../../model/schema.ts";
import type { SlideLine } from "./layout.ts";
import { noiseReason } from "./noise.ts";

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

export function findTables(lines: SlideLine[]): FoundTable[] {
  const found: FoundTable[] = [];
  let k = 0;
  while (k < lines.length) {
    const table = tabTableAt(lines, k) ?? columnTableAt(lines, k);
    if (table) {
      found.push(table);
      k = table.to + 1;
    } else k++;
  }
  return found;
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

function tabTableAt(lines: SlideLine[], start: number): FoundTable | undefined {
  const rows: string[][] = [];
  let j = start;
  while (j < lines.length && j - start < MAX_ROWS) {
    const cells = tabCells(lines[j]!);
    if (!cells) break;
    rows.push(cells);
    j++;
  }
  if (rows.length < MIN_ROWS || !rows.every(rowIsText)) return undefined;
  const width = Math.max(...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
  return { from: start, to: j - 1, table: { header: padded[0]!, rows: padded.slice(1) } };
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

function columnTableAt(lines: SlideLine[], start: number): FoundTable | undefined {
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
