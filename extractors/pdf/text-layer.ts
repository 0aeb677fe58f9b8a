// A page's text layer as positioned runs: pdf.js text items mapped to top-left page coordinates in points.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import type { TextItem as PdfTextItem } from "pdfjs-dist/types/src/display/api.js";

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
}

export interface TextLayer {
  runs: TextRun[];
  width: number;
  height: number;
}

export async function readTextLayer(page: PDFPageProxy): Promise<TextLayer> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const [va, vb, vc, vd, ve, vf] = viewport.transform as [number, number, number, number, number, number];
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!("str" in item)) continue;
    const { str, transform, width } = item as PdfTextItem;
    if (!str || !str.trim()) continue;
    const [a, b, c, d, e, f] = transform as [number, number, number, number, number, number];
    // item transform in viewport space (top-left origin, y down)
    const ta = va * a + vc * b, tb = vb * a + vd * b;
    const tc = va * c + vc * d, td = vb * c + vd * d;
    const x = va * e + vc * f + ve, y = vb * e + vd * f + vf;
    const fontSize = Math.hypot(tc, td);
    const rotated = Math.abs(tb) > 0.1 * Math.abs(ta) || ta <= 0;
    runs.push({ text: str, x, y, width: Math.abs(width * Math.hypot(va, vb)), fontSize: fontSize || Math.hypot(ta, tb), rotated });
  }
  return { runs, width: viewport.width, height: viewport.height };
}
