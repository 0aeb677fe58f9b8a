// Splits plain text into slides.
//
// Form feeds, when present, are the page breaks (what `pdftotext` writes). Text that lost its form feeds
// (copied out of a viewer, or with each form feed turned into a space, as in the bundled fixtures) is split on:
//   1. a line that starts with exactly one space followed by text, or is a single space: where a form feed
//      stood at the start of a page's first line;
//   2. a run of three or more blank lines, except between a lone heading and the bullet list it introduces
//      (a slide's text boxes are often set apart by blank runs too; a bullet list does not open a slide).
// Leading and trailing blank lines of each slide are dropped; slides with no text are dropped.

export interface SplitOptions {
  /** Minimum run of blank lines that separates two slides when there are no form feeds. Default 3. */
  blankRun?: number;
}

export function splitSlides(text: string, options: SplitOptions = {}): string[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  const raw = normalized.includes("\f") ? normalized.split("\f") : splitWithoutFormFeeds(normalized, options.blankRun ?? 3);
  return raw.map(trimBlankLines).filter((s) => s.trim().length > 0);
}

function splitWithoutFormFeeds(text: string, blankRun: number): string[] {
  const lines = text.split("\n");
  const slides: string[][] = [[]];
  // whether the current slide has a line of text yet (kept as it grows: asking the slide each line is quadratic)
  let hasText = false;
  let blanks = 0;
  const current = () => slides[slides.length - 1]!;
  const open = () => {
    slides.push([]);
    hasText = false;
  };
  for (const line of lines) {
    const formFeedMark = hasText && /^ (?! )/.test(line);
    if (line.trim() === "") {
      if (line === " " && hasText) {
        open();
        blanks = 0;
        continue;
      }
      blanks++;
      current().push("");
      continue;
    }
    if (formFeedMark || (blanks >= blankRun && hasText && !introducesList(current(), line))) open();
    blanks = 0;
    current().push(formFeedMark ? line.slice(1) : line);
    hasText = true;
  }
  return slides.map((s) => s.join("\n"));
}

const BULLET = /^\s*(?:[-–•*▪●◦]|\d{1,2}[.)])\s+\S/u;

/** `line` opens a bullet list and the slide so far is one short heading (`Frisættende ledelse`): they go together. */
function introducesList(slide: string[], line: string): boolean {
  if (!BULLET.test(line)) return false;
  const text = slide.filter((l) => l.trim() !== "");
  return text.length === 1 && text[0]!.length <= 60 && !BULLET.test(text[0]!) && !/[.:;,]\s*$/.test(text[0]!);
}

function trimBlankLines(slide: string): string {
  const lines = slide.split("\n").map((l) => l.replace(/[ \r]+$/u, ""));
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from]!.trim() === "") from++;
  while (to > from && lines[to - 1]!.trim() === "") to--;
  return lines.slice(from, to).join("\n");
}
