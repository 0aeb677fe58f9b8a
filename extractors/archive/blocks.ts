// Shapes of a slide (PPTX, ODP) as blocks of lines, put in reading order.
import type { Line } from "../types.ts";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Block {
  box: Box;
  /** The title placeholder, read first. */
  title: boolean;
  /** A footer placeholder, read last. */
  footer?: boolean;
  lines: Line[];
}

/** The title first, then top to bottom (rows within 6 pt), then left to right, footers last; a blank line between shapes. */
export function inReadingOrder(blocks: Block[]): Line[] {
  const rank = (b: Block) => (b.title ? 0 : b.footer ? 2 : 1);
  const sorted = [...blocks].sort((a, b) => rank(a) - rank(b) || (Math.abs(a.box.y - b.box.y) > 6 ? a.box.y - b.box.y : a.box.x - b.box.x));
  const lines: Line[] = [];
  for (const b of sorted) {
    if (lines.length) lines.push({ text: "" });
    lines.push(...b.lines);
  }
  return lines;
}

/** A picture's description, unless it is only the file name, path or default name it was inserted with. */
export function altText(descr: string | undefined): string | undefined {
  const d = descr?.replace(/\s+/g, " ").trim();
  if (!d || /^(.*[\\/])?[^\\/]*\.(jpe?g|png|gif|bmp|tiff?|emf|wmf|svg|webp)$/i.test(d) || /^[a-z]:\\/i.test(d)) return undefined;
  if (/^(picture|image|graphic|grafik|billede|bild)\s*\d+$/i.test(d) || /^google shape;\d+;\w+$/i.test(d)) return undefined;
  return d;
}
