// What a page draws besides text, from its operator list: how much of the page pictures cover, at what
// resolution, and whether it draws anything at all. Decides whether a page with little text needs OCR, and
// the resolution to render it at.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import { loadPdfJs } from "./open.ts";

export interface PictureStats {
  /** Share of the page covered by pictures, 0..1 (overlaps counted once per picture, capped at 1). */
  pictureArea: number;
  /** Resolution (pixels per inch) of the largest picture, when there is one. */
  pictureDpi?: number;
  /** Vector paths drawn (outlined text, diagrams). */
  paths: number;
  /** Nothing is drawn: no pictures, no paths, no text. */
  blank: boolean;
}

type Matrix = [number, number, number, number, number, number];

export async function pictureStats(page: PDFPageProxy): Promise<PictureStats> {
  const { OPS, Util } = await loadPdfJs();
  const list = await page.getOperatorList();
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const pageArea = Math.abs((x1 - x0) * (y1 - y0)) || 1;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let area = 0, largest = 0, dpi: number | undefined, paths = 0, texts = 0;
  const picture = (pixelsWide: number | undefined) => {
    const a = Math.min(1, Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) / pageArea);
    area += a;
    const widthPt = Math.hypot(ctm[0], ctm[1]);
    if (a > largest && pixelsWide && widthPt > 0) {
      largest = a;
      dpi = (pixelsWide * 72) / widthPt;
    }
  };
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save: stack.push(ctm); break;
      case OPS.restore: ctm = stack.pop() ?? ctm; break;
      case OPS.transform: ctm = Util.transform(ctm, args) as Matrix; break;
      case OPS.paintFormXObjectBegin: stack.push(ctm); if (Array.isArray(args?.[0])) ctm = Util.transform(ctm, args[0]) as Matrix; break;
      case OPS.paintFormXObjectEnd: ctm = stack.pop() ?? ctm; break;
      case OPS.paintImageXObject: case OPS.paintImageXObjectRepeat: picture(args?.[1] as number | undefined); break;
      case OPS.paintInlineImageXObject: picture((args?.[0] as { width?: number } | undefined)?.width); break;
      case OPS.paintImageMaskXObject: picture((args?.[0] as { width?: number } | undefined)?.width); break;
      case OPS.constructPath: paths++; break;
      case OPS.showText: case OPS.showSpacedText: texts++; break;
    }
  });
  return { pictureArea: Math.min(1, area), ...(dpi ? { pictureDpi: dpi } : {}), paths, blank: area === 0 && paths === 0 && texts === 0 };
}
