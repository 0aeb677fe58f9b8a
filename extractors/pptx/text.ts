// DrawingML text bodies (`p:txBody`, `a:txBody`): paragraphs with their level, bullet and soft line breaks.
import { attr, child, kids, tagOf, textOf, type XmlNode } from "../archive/xml.ts";

export interface Paragraph {
  text: string;
  level: number;
  /** `buChar`/`buAutoNum` on the paragraph, `none` for `buNone`, undefined when inherited. */
  bullet?: "char" | "number" | "none";
  /** The auto-number scheme (`arabicPeriod`, …) and start. */
  numbering?: { scheme: string; start: number };
  /** Left margin in points (`a:pPr marL`), when the paragraph sets it. */
  marginLeft?: number;
  /** Font size in points of its first sized run. */
  fontSize?: number;
}

export const EMU_PER_POINT = 12700;

export function paragraphs(txBody: XmlNode | undefined): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of kids(txBody)) {
    if (tagOf(p) !== "a:p") continue;
    const pPr = child(p, "a:pPr");
    let text = "";
    let fontSize: number | undefined;
    for (const r of kids(p)) {
      const tag = tagOf(r);
      if (tag === "a:r" || tag === "a:fld") {
        text += textOf(child(r, "a:t"));
        const sz = attr(child(r, "a:rPr"), "sz");
        if (fontSize === undefined && sz) fontSize = Number(sz) / 100;
      } else if (tag === "a:br") text += "\n";
    }
    // a soft break (a:br, or the vertical tab PowerPoint writes for it) stays inside the paragraph
    text = text.replace(/[\n\v\r]+/g, " ").replace(/\t/g, " ").replace(/ {2,}/g, " ").trim();
    const bullet = child(pPr, "a:buNone") ? "none" : child(pPr, "a:buAutoNum") ? "number" : child(pPr, "a:buChar") ? "char" : undefined;
    const auto = child(pPr, "a:buAutoNum");
    const marL = attr(pPr, "marL");
    out.push({
      text,
      level: Number(attr(pPr, "lvl") ?? 0) || 0,
      ...(bullet ? { bullet } : {}),
      ...(auto ? { numbering: { scheme: attr(auto, "type") ?? "arabicPeriod", start: Number(attr(auto, "startAt") ?? 1) || 1 } } : {}),
      ...(marL !== undefined ? { marginLeft: Number(marL) / EMU_PER_POINT } : {}),
      ...(fontSize !== undefined ? { fontSize } : {}),
    });
  }
  return out;
}

/** Which levels of a list style (`a:lstStyle`, `p:bodyStyle`) set `buNone` or a bullet, by level 0..8. */
export function listBullets(lstStyle: XmlNode | undefined): Map<number, "none" | "char" | "number"> {
  const out = new Map<number, "none" | "char" | "number">();
  for (const lvl of kids(lstStyle)) {
    const m = /^a:lvl(\d)pPr$/.exec(tagOf(lvl) ?? "");
    if (!m) continue;
    const b = child(lvl, "a:buNone") ? "none" : child(lvl, "a:buAutoNum") ? "number" : child(lvl, "a:buChar") ? "char" : undefined;
    if (b) out.set(Number(m[1]) - 1, b);
  }
  return out;
}

/** The marker a numbered paragraph shows (`3.`, `c)`), as PowerPoint draws it. */
export function numberLabel(scheme: string, n: number): string {
  const alpha = (k: number) => String.fromCharCode(96 + (((k - 1) % 26) + 1));
  const base = /^alphaLc/.test(scheme) ? alpha(n) : /^alphaUc/.test(scheme) ? alpha(n).toUpperCase() : String(n);
  if (/ParenBoth$/.test(scheme)) return `(${base})`;
  if (/ParenR$/.test(scheme)) return `${base})`;
  if (/Plain$/.test(scheme)) return base;
  return `${base}.`;
}
