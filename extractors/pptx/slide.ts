// One slide's shapes as lines: placeholders with the type their layout and master give them, paragraphs with
// level and bullet, groups, tables with merged cells resolved, chart titles, SmartArt text and picture alt text,
// in reading order (title first, then top to bottom, left to right).
import type { Line, LineRole } from "../types.ts";
import { DocumentError } from "../types.ts";
import { attr, child, descendants, kids, path, root, tagOf, textOf, type XmlNode } from "../archive/xml.ts";
import { altText, inReadingOrder, type Block, type Box } from "../archive/blocks.ts";
import { EMU_PER_POINT, listBullets, numberLabel, paragraphs, type Paragraph } from "./text.ts";


export interface Placeholder {
  type?: string;
  idx?: string;
  box?: Box;
  bullets: Map<number, "none" | "char" | "number">;
}

/** The placeholders of a layout or master, by idx and by type. */
export interface PlaceholderLayer {
  byIdx: Map<string, Placeholder>;
  byType: Map<string, Placeholder>;
  /** Master only: `p:txStyles/p:bodyStyle` bullets by level. */
  bodyBullets?: Map<number, "none" | "char" | "number">;
}

/** Reads a part another part refers to (a chart, a SmartArt data part), by relationship id. */
export type PartReader = (relId: string) => XmlNode | undefined;

export interface SlideContent {
  lines: Line[];
  pictures: number;
  /** Each picture's image relationship (`a:blip r:embed`) and its box on the slide, in points. */
  images: { relId: string; box: Box }[];
}

const MAX_GROUP_DEPTH = 32;

export function placeholderLayer(doc: XmlNode[] | undefined): PlaceholderLayer {
  const layer: PlaceholderLayer = { byIdx: new Map(), byType: new Map() };
  const top = root(doc ?? []);
  if (!top) return layer;
  for (const sp of descendants(path(top, "p:cSld", "p:spTree"), "p:sp")) {
    const ph = path(sp, "p:nvSpPr", "p:nvPr", "p:ph");
    if (!ph) continue;
    const box = boxOf(path(sp, "p:spPr", "a:xfrm"));
    const p: Placeholder = {
      ...(attr(ph, "type") ? { type: attr(ph, "type")! } : {}),
      ...(attr(ph, "idx") ? { idx: attr(ph, "idx")! } : {}),
      ...(box ? { box } : {}),
      bullets: listBullets(path(sp, "p:txBody", "a:lstStyle")),
    };
    if (p.idx !== undefined) layer.byIdx.set(p.idx, p);
    const type = p.type ?? "body";
    if (!layer.byType.has(type)) layer.byType.set(type, p);
  }
  const bodyStyle = path(top, "p:txStyles", "p:bodyStyle");
  if (bodyStyle) layer.bodyBullets = listBullets(bodyStyle);
  return layer;
}

export function boxOf(xfrm: XmlNode | undefined): Box | undefined {
  const off = child(xfrm, "a:off");
  const ext = child(xfrm, "a:ext");
  if (!off) return undefined;
  return {
    x: Number(attr(off, "x") ?? 0) / EMU_PER_POINT,
    y: Number(attr(off, "y") ?? 0) / EMU_PER_POINT,
    w: Number(attr(ext, "cx") ?? 0) / EMU_PER_POINT,
    h: Number(attr(ext, "cy") ?? 0) / EMU_PER_POINT,
  };
}

type Transform = (b: Box) => Box;
const identity: Transform = (b) => b;


export function slideContent(spTree: XmlNode | undefined, layout: PlaceholderLayer, master: PlaceholderLayer, readPart: PartReader): SlideContent {
  const blocks: Block[] = [];
  let pictures = 0;
  const images: SlideContent["images"] = [];
  const walk = (tree: XmlNode | undefined, transform: Transform, depth: number) => {
    if (depth > MAX_GROUP_DEPTH) throw new DocumentError("limit_exceeded", `shapes grouped deeper than ${MAX_GROUP_DEPTH} levels`);
    for (const node of kids(tree)) {
      const tag = tagOf(node);
      if (tag === "p:sp") {
        const b = shapeBlock(node, layout, master, transform);
        if (b) blocks.push(b);
      } else if (tag === "p:grpSp") {
        walk(node, compose(transform, groupTransform(path(node, "p:grpSpPr", "a:xfrm"))), depth + 1);
      } else if (tag === "p:graphicFrame") {
        const b = frameBlock(node, transform, readPart);
        if (b) blocks.push(b);
      } else if (tag === "p:pic") {
        pictures++;
        const descr = altText(attr(path(node, "p:nvPicPr", "p:cNvPr"), "descr"));
        const box = boxOf(path(node, "p:spPr", "a:xfrm"));
        const embed = attr(path(node, "p:blipFill", "a:blip"), "r:embed");
        if (embed) images.push({ relId: embed, box: transform(box ?? { x: 0, y: 0, w: 0, h: 0 }) });
        if (descr) blocks.push({ box: transform(box ?? { x: 0, y: 0, w: 0, h: 0 }), title: false, lines: [{ text: descr, role: "picture" }] });
      } else if (tag === "mc:AlternateContent") {
        // the first choice is what the writing application shows; the fallback repeats it for older readers
        walk(child(node, "mc:Choice") ?? child(node, "mc:Fallback"), transform, depth + 1);
      }
    }
  };
  walk(spTree, identity, 0);
  return { lines: inReadingOrder(blocks), pictures, images };
}


function shapeBlock(sp: XmlNode, layout: PlaceholderLayer, master: PlaceholderLayer, transform: Transform): Block | undefined {
  const paras = paragraphs(child(sp, "p:txBody"));
  if (!paras.some((p) => p.text)) return undefined;
  const ph = path(sp, "p:nvSpPr", "p:nvPr", "p:ph");
  let role: LineRole | undefined;
  let box = boxOf(path(sp, "p:spPr", "a:xfrm"));
  let inherited: Map<number, "none" | "char" | "number">[] = [];
  if (ph) {
    const idx = attr(ph, "idx");
    const fromLayout = (idx !== undefined ? layout.byIdx.get(idx) : undefined) ?? layout.byType.get(attr(ph, "type") ?? "body");
    const type = attr(ph, "type") ?? fromLayout?.type ?? "body";
    const fromMaster = master.byType.get(masterType(type));
    box ??= fromLayout?.box ?? fromMaster?.box;
    role = roleOf(type);
    inherited = [fromLayout?.bullets, fromMaster?.bullets, role === "body" ? master.bodyBullets : undefined].filter((m): m is Map<number, "none" | "char" | "number"> => !!m);
  }
  // a text box is body text: it is not a placeholder, but the file says it is text
  role ??= "body";
  const at = transform(box ?? { x: 0, y: 0, w: 0, h: 0 });
  const lines: Line[] = [];
  const counters = new Map<number, number>();
  let y = at.y;
  for (const p of paras) {
    const size = p.fontSize ?? 18;
    if (!p.text) {
      counters.clear();
      lines.push({ text: "" });
      y += size * 1.2;
      continue;
    }
    const bullet = role === "title" || role === "subtitle" || role === "footer" ? "none" : bulletOf(p, inherited);
    let marker = "";
    if (bullet === "char") marker = "• ";
    else if (bullet === "number") {
      const n = counters.get(p.level) ?? p.numbering?.start ?? 1;
      counters.set(p.level, n + 1);
      marker = numberLabel(p.numbering?.scheme ?? "arabicPeriod", n) + " ";
    }
    for (const [level] of counters) if (level > p.level) counters.delete(level);
    lines.push({
      text: marker + p.text,
      x: at.x + (p.marginLeft ?? p.level * 27),
      y,
      ...(p.fontSize !== undefined ? { fontSize: p.fontSize } : {}),
      role,
      ...(role === "body" ? { level: p.level } : {}),
    });
    y += size * 1.2;
  }
  while (lines.length && !lines.at(-1)!.text) lines.pop();
  return { box: at, title: role === "title", footer: role === "footer", lines };
}

function bulletOf(p: Paragraph, inherited: Map<number, "none" | "char" | "number">[]): "none" | "char" | "number" {
  if (p.bullet) return p.bullet;
  for (const m of inherited) {
    const b = m.get(p.level);
    if (b) return b;
  }
  return "none";
}

function masterType(type: string): string {
  if (type === "ctrTitle" || type === "title") return "title";
  if (type === "dt" || type === "ftr" || type === "sldNum" || type === "hdr") return type;
  return "body";
}

function roleOf(type: string): LineRole {
  if (type === "title" || type === "ctrTitle") return "title";
  if (type === "subTitle") return "subtitle";
  if (type === "dt" || type === "ftr" || type === "sldNum" || type === "hdr") return "footer";
  return "body";
}

function frameBlock(frame: XmlNode, transform: Transform, readPart: PartReader): Block | undefined {
  const box = transform(boxOf(child(frame, "p:xfrm")) ?? { x: 0, y: 0, w: 0, h: 0 });
  const data = path(frame, "a:graphic", "a:graphicData");
  const tbl = child(data, "a:tbl");
  if (tbl) {
    const rows = tableRows(tbl);
    if (!rows.length) return undefined;
    return {
      box,
      title: false,
      lines: rows.map((cells, r) => ({
        text: cells.join("\t"),
        role: "table" as const,
        x: box.x,
        y: box.y + r * 20,
        cells: cells.map((text, c) => ({ text, x: box.x + c * 100, width: 100 })),
      })),
    };
  }
  const chartId = attr(child(data, "c:chart"), "r:id");
  if (chartId) {
    const title = descendants(descendants(readPart(chartId), "c:title")[0], "a:t").map((t) => textOf(t)).join("").trim();
    return title ? { box, title: false, lines: [{ text: title, x: box.x, y: box.y, role: "body" }] } : undefined;
  }
  const dataId = attr(child(data, "dgm:relIds"), "r:dm");
  if (dataId) {
    const texts = descendants(readPart(dataId), "dgm:t").flatMap((t) => paragraphs(t).map((p) => p.text)).filter(Boolean);
    return texts.length ? { box, title: false, lines: texts.map((text, k) => ({ text, x: box.x, y: box.y + k * 20, role: "body" as const })) } : undefined;
  }
  return undefined;
}

/** A table's cells row by row, a merged cell's text repeated in every grid cell it covers. */
export function tableRows(tbl: XmlNode): string[][] {
  const grid: string[][] = [];
  for (const tr of kids(tbl)) {
    if (tagOf(tr) !== "a:tr") continue;
    const r = grid.length;
    const row: string[] = [];
    for (const tc of kids(tr)) {
      if (tagOf(tc) !== "a:tc") continue;
      const c = row.length;
      const own = paragraphs(child(tc, "a:txBody")).map((p) => p.text).filter(Boolean).join(" ");
      if (attr(tc, "hMerge") === "1" && c > 0) row.push(row[c - 1]!);
      else if (attr(tc, "vMerge") === "1" && r > 0) row.push(grid[r - 1]![c] ?? "");
      else row.push(own);
    }
    grid.push(row);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.filter((r) => r.some(Boolean)).map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
}

function groupTransform(xfrm: XmlNode | undefined): Transform {
  const off = boxOf(xfrm);
  const chOff = child(xfrm, "a:chOff");
  const chExt = child(xfrm, "a:chExt");
  if (!off || !chOff || !chExt) return identity;
  const cx = Number(attr(chOff, "x") ?? 0) / EMU_PER_POINT;
  const cy = Number(attr(chOff, "y") ?? 0) / EMU_PER_POINT;
  const cw = Number(attr(chExt, "cx") ?? 0) / EMU_PER_POINT;
  const ch = Number(attr(chExt, "cy") ?? 0) / EMU_PER_POINT;
  const sx = cw ? off.w / cw : 1;
  const sy = ch ? off.h / ch : 1;
  return (b) => ({ x: off.x + (b.x - cx) * sx, y: off.y + (b.y - cy) * sy, w: b.w * sx, h: b.h * sy });
}

function compose(outer: Transform, inner: Transform): Transform {
  return (b) => outer(inner(b));
}

/** The notes slide's text: its body placeholder's paragraphs. */
export function notesLines(notes: XmlNode | undefined): Line[] {
  const out: Line[] = [];
  for (const sp of descendants(path(notes, "p:cSld", "p:spTree"), "p:sp")) {
    const ph = path(sp, "p:nvSpPr", "p:nvPr", "p:ph");
    if (attr(ph, "type") !== "body") continue;
    for (const p of paragraphs(child(sp, "p:txBody"))) if (p.text) out.push({ text: p.text, role: "notes" });
  }
  return out;
}
