// Code on slides: lines set in a monospace font (PDF), or that read as code by their punctuation and keywords
// (`=`, `;`, `{}`, `()`, `import`, `def`, `\usepackage`, a `>>>` prompt). A run of such lines is one `code`
// segment, kept apart from bullets, tables and quotes; the pipeline keeps its text verbatim (never repaired).
import type { Line } from "../../model/document.ts";
import { medianFontSize, slideLines, type SlideLine } from "./layout.ts";

/** Keywords that open a line of code in common languages (Python, Java/C#/JS, shell, LaTeX, R); a shell prompt `$` before a command in lower case (`$ Saved` is a table's heading). */
const KEYWORD_START =
  /^(?:import\s+[\w.]+|from\s+[\w.]+\s+import\b|def\s+\w+\s*\(|class\s+\w+\s*[:({]|return\b|elif\b|else\s*[:{]|try\s*[:{]|except\b|for\s*\(|for\s+\w+(?:\s*,\s*\w+)*\s+in\s+\S.*:$|while\s*\(|if\s*\(|if\s+\S.*:$|(?:public|private|protected|static|final)\s+\w|(?:const|let|var)\s+\w+\s*=|function\s+\w*\s*\(|#include\b|package\s+[\w.]+;|using\s+[\w.]+;|print\s*\(|System\.out\.|\\[a-zA-Z]+(?:\[[^\]]*\])?\{|pip\s+install\b|conda\s+(?:install|create|activate)\b|git\s+(?:clone|commit|push|pull|add|checkout)\b|npm\s+(?:install|run)\b|cd\s+\S|\$\s+[a-z./~]|>>>\s|\.\.\.\s{2,}|\[[\w.-]+\]$)/u;
/** An assignment: `x = 10`, `String[] values = data[i].split(",")`, `points_add = 10`, `tusres <- f(x)`. */
const ASSIGNMENT = /^(?:[\w.]+(?:\[\])?\s+)?[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*(?:[-+*/]?=(?!=)|<-)\s*\S/u;
/** A call or member access glued to its parentheses: `foo(bar)`, `io.readData(`, `df.head()`. */
const CALL = /[A-Za-z_][\w.]*\((?:[^()]*)\)?/gu;
/** Identifiers in snake_case or camelCase with a lower-case start: `make_example_potion`, `readData`. */
const IDENTIFIER = /\b(?:[a-z]+_[a-z0-9_]+|[a-z]+[A-Z][a-zA-Z0-9]*)\b/gu;
/** Symbols prose seldom uses many of. */
const SYMBOLS = /[{}[\]();=<>\\|&_#$]/gu;
/** A word of prose: letters only, with end punctuation. */
const PLAIN_WORD = /^[\p{L}’'-]+[,.:;!?]?$/u;
/** This many plain words, most of the line, make a line with code in it prose (`Initialiser counter … 0;`). */
const PROSE_WORDS = 4;
/** Text this many times the slide's median font size is a heading, never code. */
const HEADING_SIZE = 1.3;
/** Share of a slide's lines in a fixed-pitch font from which that font is the slide's design, not code. */
const MOSTLY_MONOSPACE = 0.6;
/** List markers a slide uses for prose bullets (code never starts with them). */
const PROSE_BULLET = /^[•▪◦➢►▶✓✔‣⁃●○■□▫\uF000-\uF0FF]/u;

/** How strongly one line reads as code: 0 = prose, 1 = a hint, 2 or more = code on its own. */
export function codeScore(text: string): number {
  const t = text.trim();
  if (!t || PROSE_BULLET.test(t) || /^(?:https?:\/\/|www\.)\S+$/u.test(t)) return 0;
  let score = 0;
  const keyword = KEYWORD_START.test(t);
  // `Min = 24 hours` is a statement in words, `x = 10` an assignment
  const assignment = ASSIGNMENT.test(t) && !/(?:=|<-)\s*\S+\s+\p{L}{3,}[,.]?(?:\s|$)/u.test(t);
  const structural = keyword || /[;{]$|^[}\])]./u.test(t) || assignment;
  if (keyword) score += 2;
  if (/[;{]$|^[}\])]/u.test(t)) score += /^[}\])]+[;,]?$/u.test(t) ? 1 : 2;
  if (assignment) score += 2;
  if (/(?:==|!=|<=|>=|=>|::|&&|\|\||\+\+|\+=|->(?!\s*\p{L}{4,}))/u.test(t) && !/—>/u.test(t)) score += 1;
  const calls = t.match(CALL)?.length ?? 0;
  if (calls) score += calls >= 2 ? 2 : 1;
  if ((t.match(IDENTIFIER)?.length ?? 0) >= 1) score += 1;
  // a comment line: a hint, code only beside code
  if (/^(?:#|\/\/|%)\s/u.test(t)) score += 1;
  // a literal list or a string literal standing alone: `["13", "brewery"]`, `"Homepage" = [...]`
  if (/^\[\s*["“'\d].*\]$/u.test(t)) score += 2;
  const symbols = t.match(SYMBOLS)?.length ?? 0;
  if (symbols / t.length >= 0.08 && symbols >= 3) score += 1;
  // prose: many words and hardly any symbols, or mostly plain words (`compareTo() bruges til sortering`)
  const words = t.split(/\s+/u);
  const plain = words.filter((w) => PLAIN_WORD.test(w)).length;
  const prose = plain >= PROSE_WORDS && plain >= 0.6 * words.length;
  // capitals and an equals sign, no brackets: a heading or a notice (`UDSENDES KL = 1830`)
  const shouted = !/\p{Ll}/u.test(t) && !/[;(){}[\]]/u.test(t);
  if (!keyword && (shouted || (words.length >= 8 && symbols <= 1) || prose || (!structural && plain >= 3 && plain >= 0.5 * words.length))) score = Math.min(score, 1);
  return score;
}

/**
 * How strongly a line reads as code, cell by cell when it is laid out in cells set apart (tabs): its most
 * code-like cell's score. A row of a table in notation (`Find (contains(element))⇥O(log n)⇥O(1)`) has calls in
 * several cells, none of them code; a statement beside its comment is code in its own cell.
 */
function cellScore(text: string): number {
  const cells = text.split("\t").filter((c) => c.trim());
  if (cells.length < 2) return codeScore(text);
  return Math.max(...cells.map(cellCodeScore));
}

/**
 * How strongly a table's cell reads as code: a cell that names an operation in words with its call in brackets
 * (`Søgning (contains(element))`) is a label, a hint at most.
 */
export function cellCodeScore(cell: string): number {
  const score = codeScore(cell);
  return LABELLED_CALL.test(cell.trim()) ? Math.min(1, score) : score;
}

/** Words, the first capitalised, then a call in brackets: `Fjern (remove(element))`, `Opslag på index (get(index))`. */
const LABELLED_CALL = /^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+)*\s+\([^()]*\([^()]*\)[^()]*\)$/u;

/** At least half the line's words are plain words. */
function mostlyWords(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  return words.filter((w) => PLAIN_WORD.test(w)).length >= 0.5 * words.length;
}

/** Most of the slide is set in a fixed-pitch font: its design font, which says nothing of code. */
export function monospaceDesign(lines: SlideLine[]): boolean {
  return lines.filter((l) => l.line.monospace).length >= MOSTLY_MONOSPACE * lines.length;
}

export interface FoundCode {
  /** Indexes into the lines given. */
  from: number;
  to: number;
}

/**
 * Runs of code lines: lines in a monospace font, or lines that read as code, with the lines between and right
 * after them that continue the run (indented deeper, or a closing bracket). A single line is code only when it
 * reads as code on its own; a run needs a code line in it and at least half of its lines code-like.
 */
export function findCode(lines: SlideLine[]): FoundCode[] {
  const found: FoundCode[] = [];
  // a slide set mostly in a fixed-pitch font has it as its design font, which says nothing of code
  const mono = !monospaceDesign(lines);
  // a line in a fixed-pitch font that hints at code and is not mostly words is code; text set much bigger than
  // the slide's body (its title) is not
  const body = medianFontSize(lines);
  const scores = lines.map((l) => {
    if (body !== undefined && (l.line.fontSize ?? body) >= HEADING_SIZE * body) return 0;
    const score = cellScore(l.text);
    return mono && l.line.monospace && score >= 1 && !mostlyWords(l.text) ? Math.max(2, score) : score;
  });
  let k = 0;
  while (k < lines.length) {
    if (scores[k]! < 2) {
      k++;
      continue;
    }
    let from = k;
    // a line just above that hints at code and sits in the same block (a decorator, a comment)
    while (from > 0 && scores[from - 1]! >= 1 && !lines[from]!.gapBefore && !found.some((f) => f.to >= from - 1)) from--;
    let to = k;
    while (to + 1 < lines.length && !lines[to + 1]!.gapBefore && partOfRun(lines, scores, from, to + 1)) to++;
    const run = scores.slice(from, to + 1);
    const strong = run.filter((s) => s >= 2).length;
    if (strong * 2 >= run.length) {
      found.push({ from, to });
    }
    k = to + 1;
  }
  return found;
}

function partOfRun(lines: SlideLine[], scores: number[], from: number, j: number): boolean {
  if (scores[j]! >= 1) return true;
  const l = lines[j]!;
  if (PROSE_BULLET.test(l.text)) return false;
  if (l.line.monospace && lines[from]!.line.monospace && scores[from]! >= 2 && l.line.monospace) return true;
  // inside a block: indented deeper than its first line (a body), or a lone closing bracket or docstring quote
  return (l.indent > lines[from]!.indent + 0.5 && l.text.split(/\s+/u).length <= 8) || /^(?:[}\])]+[;,]?|"""|'''|```)$/u.test(l.text);
}

/**
 * The code's text, one line per line, each indented as laid out: leading spaces in text, or in a PDF the left
 * edge over the width of a character (the median over the lines, the font being fixed-pitch or near it).
 */
export function codeText(lines: SlideLine[]): string {
  const positioned = lines.every((l) => l.line.x !== undefined);
  if (!positioned) return lines.map((l) => l.line.text.replace(/\s+$/u, "").replace(/\t/gu, "    ")).join("\n");
  const widths = lines.filter((l) => l.line.width && l.text.length >= 4).map((l) => l.line.width! / l.text.length).sort((a, b) => a - b);
  const char = widths[Math.floor(widths.length / 2)] ?? 0;
  const left = Math.min(...lines.map((l) => l.line.x!));
  const column = (x: number) => (char > 0 ? Math.max(0, Math.round((x - left) / char)) : 0);
  return lines
    .map((l) => {
      // cells (a comment beside the code) at their own columns
      const cells = l.line.cells?.length ? l.line.cells : [{ text: l.text, x: l.line.x! }];
      let out = "";
      for (const c of cells) out += " ".repeat(Math.max(out ? 1 : 0, column(c.x) - out.length)) + c.text.trim();
      return out;
    })
    .join("\n");
}

/**
 * A code segment's text from the lines as extracted (before any normalizer ran), so code is kept verbatim:
 * `lines` are the page's extracted lines, `span` the segment's first and last line.
 */
export function verbatimCode(lines: Line[], span: readonly [number, number]): string {
  return codeText(slideLines(lines).filter((l) => l.i >= span[0] && l.i <= span[1]));
}
