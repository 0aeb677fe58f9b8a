// A slide's lines as the segmentation stages see them: non-blank, with their index in the slide,
// whether a gap (blank line, or a vertical gap in a PDF) comes before them, and their indent.
import type { Line } from "../../model/document.ts";

export interface SlideLine {
  /** 0-based index of the line in the slide (blank lines counted), for `Segment.lines`. */
  i: number;
  /** The normalized text, trimmed. */
  text: string;
  /** The line as given, with its layout. */
  line: Line;
  /** Leading spaces in text, or the left edge in points in a PDF. */
  indent: number;
  /** A blank line or a vertical gap separates this line from the one before. */
  gapBefore: boolean;
}

/** Vertical distance between baselines beyond which two PDF lines are in different blocks, in line heights. */
const GAP_LINE_HEIGHTS = 1.6;

export function slideLines(lines: Line[]): SlideLine[] {
  const out: SlideLine[] = [];
  let blank = false;
  let prev: Line | undefined;
  lines.forEach((line, i) => {
    const text = line.text.replace(/\s+$/u, "");
    if (!text.trim()) {
      blank = true;
      return;
    }
    const indent = line.x ?? (/^[ \t]*/.exec(text)![0].replace(/\t/g, "    ").length);
    let gap = blank;
    if (!gap && prev && prev.y !== undefined && line.y !== undefined) {
      const height = Math.max(prev.fontSize ?? 12, line.fontSize ?? 12) * 1.2;
      gap = line.y - prev.y > height * GAP_LINE_HEIGHTS;
    }
    out.push({ i, text: text.trim(), line, indent, gapBefore: out.length > 0 && gap });
    blank = false;
    prev = line;
  });
  return out;
}

/** The body font size of a slide: the size most of its letters are set in. */
export function bodyFontSize(lines: SlideLine[]): number | undefined {
  const weight = new Map<number, number>();
  for (const l of lines) {
    if (l.line.fontSize === undefined) continue;
    const size = Math.round(l.line.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + l.text.length);
  }
  let best: number | undefined;
  for (const [size, w] of weight) if (best === undefined || w > weight.get(best)! || (w === weight.get(best)! && size < best)) best = size;
  return best;
}

/** The median font size of a slide's lines (those with one), undefined when none has one. */
export function medianFontSize(lines: SlideLine[]): number | undefined {
  const sizes = lines.map((l) => l.line.fontSize).filter((s): s is number => s !== undefined).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)];
}
