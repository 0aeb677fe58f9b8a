// Tesseract's result as lines: its blocks, paragraphs and lines in its reading order, positions converted
// from pixels to points, words split into cells at wide gaps like the text layer, and the mean confidence.
import type { Page as TessPage } from "tesseract.js";
import type { Line } from "../types.ts";
import { CELL_GAP } from "./lines.ts";

export interface OcrText {
  lines: Line[];
  /** Mean word confidence weighted by word length, 0..1; undefined when no word was found. */
  confidence?: number;
}

export function ocrLines(page: TessPage, dpi: number): OcrText {
  const pt = (px: number) => Math.round((px * 72 * 100) / dpi) / 100;
  const lines: Line[] = [];
  let weight = 0, sum = 0;
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.filter((w) => w.text.trim());
        if (words.length === 0) continue;
        const height = Math.max(1, line.rowAttributes?.rowHeight || line.bbox.y1 - line.bbox.y0);
        const cells: { text: string; x: number; width: number; right: number }[] = [];
        for (const w of words) {
          const cell = cells.at(-1);
          if (cell && w.bbox.x0 - cell.right < CELL_GAP * height) {
            cell.text += " " + w.text.trim();
            cell.right = w.bbox.x1;
          } else {
            cells.push({ text: w.text.trim(), x: w.bbox.x0, width: 0, right: w.bbox.x1 });
          }
          const n = w.text.trim().length;
          weight += n;
          sum += n * w.confidence;
        }
        lines.push({
          text: cells.map((c) => c.text).join("\t"),
          fontSize: pt(height),
          x: pt(line.bbox.x0),
          y: pt(line.baseline?.y0 ?? line.bbox.y1),
          width: pt(line.bbox.x1 - line.bbox.x0),
          cells: cells.map((c) => ({ text: c.text, x: pt(c.x), width: pt(c.right - c.x) })),
        });
      }
    }
  }
  return weight ? { lines, confidence: Math.round((sum / weight) * 10) / 1000 } : { lines };
}
