// Text that annotations put on a page: typed notes (FreeText, what a PDF editor's typewriter or text-box tool
// adds) and filled-in form fields. pdf.js's text content leaves annotations out; pdftotext reads them.
// Comments (sticky notes, popups) are not on the page and are left out; so are hidden annotations.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";

/** One line of annotation text, in the page's own space (PDF points, y up): its baseline's left end. */
export interface AnnotationLine {
  text: string;
  x: number;
  y: number;
  fontSize: number;
}

/** pdf.js's annotation data, the fields read here. */
interface AnnotationData {
  subtype?: string;
  annotationFlags?: number;
  rect?: number[];
  fieldType?: string;
  fieldValue?: unknown;
  password?: boolean;
  hidden?: boolean;
  multiLine?: boolean;
  textContent?: string[];
  contentsObj?: { str?: string };
  defaultAppearanceData?: { fontSize?: number };
}

const HIDDEN = 2, NO_VIEW = 32;

export async function annotationLines(page: PDFPageProxy): Promise<AnnotationLine[]> {
  const lines: AnnotationLine[] = [];
  for (const a of (await page.getAnnotations({ intent: "display" })) as AnnotationData[]) {
    if (!a.rect || a.rect.length !== 4 || a.hidden || (a.annotationFlags ?? 0) & (HIDDEN | NO_VIEW)) continue;
    const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
    const left = Math.min(x1, x2), top = Math.max(y1, y2), height = Math.abs(y2 - y1);
    const texts = shownText(a);
    if (!texts.length) continue;
    const fontSize = a.defaultAppearanceData?.fontSize || Math.min(12, 0.7 * height) || 12;
    // a one-line field's text sits in the middle of its box; a note's and a multi-line field's at the top
    const first = a.subtype === "Widget" && !a.multiLine ? top - (height + 0.7 * fontSize) / 2 : top - 2 - fontSize;
    texts.forEach((text, i) => lines.push({ text, x: left + 2, y: first - i * 1.2 * fontSize, fontSize }));
  }
  return lines;
}

function shownText(a: AnnotationData): string[] {
  let text = "";
  if (a.subtype === "FreeText") text = a.textContent?.join("\n") ?? a.contentsObj?.str ?? "";
  else if (a.subtype === "Widget" && !a.password && (a.fieldType === "Tx" || a.fieldType === "Ch")) {
    text = Array.isArray(a.fieldValue) ? a.fieldValue.join(", ") : typeof a.fieldValue === "string" ? a.fieldValue : "";
  }
  return text.split(/\r\n|\r|\n/).filter((l) => l.trim());
}
