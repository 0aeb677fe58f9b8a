// OpenDocument presentations (.odp, .otp): `content.xml` pages with their presentation classes (title,
// subtitle, outline, notes), list levels, tables and groups, and `meta.xml` for the document properties.
// The same container and XML rules as PPTX (extractors/archive/).
import type { Extractor, ExtractedDocument, Line, LineRole, Page } from "../types.ts";
import { DocumentError } from "../types.ts";
import { isZip, openZip } from "../archive/zip.ts";
import { attr, child, decodeEntities, descendants, kids, parseXml, path, root, tagOf, textOf, type XmlNode } from "../archive/xml.ts";
import { altText, inReadingOrder, type Block, type Box } from "../archive/blocks.ts";
import { definedProperties, statedAuthor, statedDate, statedTitle } from "../archive/properties.ts";

export const odpExtractor: Extractor = {
  format: "odp",
  extensions: [".odp", ".otp"],
  async extract(bytes) {
    return readOdp(bytes);
  },
};

const MAX_GROUP_DEPTH = 32;

export function readOdp(bytes: Uint8Array): ExtractedDocument {
  if (!isZip(bytes)) throw new DocumentError("corrupt", "not an OpenDocument file (no ZIP signature)");
  const zip = openZip(bytes);
  const content = zip.text("content.xml");
  if (!content) throw new DocumentError("corrupt", "no content.xml: not an OpenDocument presentation");
  const doc = root(parseXml(content, "content.xml"));
  const hiddenStyles = new Set(
    kids(child(doc, "office:automatic-styles"))
      .filter((s) => attr(child(s, "style:drawing-page-properties"), "presentation:visibility") === "hidden")
      .map((s) => attr(s, "style:name")),
  );
  const pres = path(doc, "office:body", "office:presentation");
  if (!pres) throw new DocumentError("corrupt", "content.xml has no office:presentation: not a presentation");
  const pages: Page[] = [];
  for (const page of kids(pres)) {
    if (tagOf(page) !== "draw:page") continue;
    const blocks: Block[] = [];
    shapes(page, blocks, 0);
    const notes = descendants(child(page, "presentation:notes"), "draw:frame")
      .filter((f) => attr(f, "presentation:class") === "notes")
      .flatMap((f) => paragraphLines(child(f, "draw:text-box"), "notes"));
    const lines = inReadingOrder(blocks);
    pages.push({
      page: pages.length + 1,
      method: "text",
      lines: notes.length ? [...lines, ...(lines.length ? [{ text: "" }] : []), ...notes] : lines,
      ...(hiddenStyles.has(attr(page, "draw:style-name")) || attr(page, "presentation:visibility") === "hidden" ? { hidden: true } : {}),
    });
  }
  if (!pages.length) throw new DocumentError("empty", "the presentation has no slides");
  const stated = properties(zip.text("meta.xml"));
  return { format: "odp", pages, ...(stated ? { stated } : {}) };
}

function shapes(parent: XmlNode, blocks: Block[], depth: number): void {
  if (depth > MAX_GROUP_DEPTH) throw new DocumentError("limit_exceeded", `shapes grouped deeper than ${MAX_GROUP_DEPTH} levels`);
  for (const node of kids(parent)) {
    const tag = tagOf(node);
    if (tag === "draw:g") {
      shapes(node, blocks, depth + 1);
      continue;
    }
    if (tag === "presentation:notes" || !tag?.startsWith("draw:")) continue;
    const box = boxOf(node);
    const cls = attr(node, "presentation:class");
    const role = roleOf(cls);
    const table = child(node, "table:table");
    const image = child(node, "draw:image");
    let lines: Line[];
    if (table) lines = tableLines(table, box);
    else if (tag === "draw:frame" && child(node, "draw:text-box")) lines = paragraphLines(child(node, "draw:text-box"), role, box);
    else if (image) {
      const alt = altText(textOf(child(node, "svg:desc")) || textOf(child(node, "svg:title")));
      lines = alt ? [{ text: alt, role: "picture" }] : [];
    } else lines = paragraphLines(node, role, box);
    if (lines.some((l) => l.text)) blocks.push({ box, title: role === "title", footer: role === "footer", lines });
  }
}

function roleOf(cls: string | undefined): LineRole {
  if (cls === "title") return "title";
  if (cls === "subtitle") return "subtitle";
  if (cls === "header" || cls === "footer" || cls === "date-time" || cls === "page-number") return "footer";
  return "body";
}

/** Paragraphs and list items of a text container, one line each, list items with their level and a bullet. */
function paragraphLines(container: XmlNode | undefined, role: LineRole, box: Box = { x: 0, y: 0, w: 0, h: 0 }): Line[] {
  const out: Line[] = [];
  const walk = (node: XmlNode | undefined, level: number, inList: boolean) => {
    for (const k of kids(node)) {
      const tag = tagOf(k);
      if (tag === "text:p" || tag === "text:h") {
        const text = inlineText(k).replace(/\s+/g, " ").trim();
        const bullet = inList && role !== "title" && role !== "subtitle" && role !== "notes" && text ? "• " : "";
        out.push({
          text: bullet + text,
          role,
          x: box.x + level * 27,
          y: box.y + out.length * 20,
          ...(role === "body" ? { level: Math.max(0, level) } : {}),
        });
      } else if (tag === "text:list") walk(k, inList ? level + 1 : 0, true);
      else if (tag === "text:list-item" || tag === "text:list-header") walk(k, level, inList);
    }
  };
  walk(container, 0, false);
  while (out.length && !out.at(-1)!.text) out.pop();
  return out;
}

/** The text of a paragraph: spans and links, `text:s` spaces, tabs and soft line breaks as spaces. */
function inlineText(node: XmlNode): string {
  let s = "";
  for (const k of kids(node)) {
    if ("#text" in k) s += String(k["#text"]);
    const tag = tagOf(k);
    if (tag === "text:s") s += " ".repeat(Math.min(Number(attr(k, "text:c") ?? 1) || 1, 100));
    else if (tag === "text:tab" || tag === "text:line-break") s += " ";
    else if (tag === "text:span" || tag === "text:a" || tag === "text:bookmark-ref" || tag === "text:page-number") s += inlineText(k);
  }
  return s.includes("&") ? decodeEntities(s) : s;
}

function tableLines(table: XmlNode, box: Box): Line[] {
  const grid: string[][] = [];
  const covered = new Map<string, string>();
  for (const row of descendants(table, "table:table-row")) {
    const r = grid.length;
    const cells: string[] = [];
    for (const cell of kids(row)) {
      const tag = tagOf(cell);
      if (tag !== "table:table-cell" && tag !== "table:covered-table-cell") continue;
      const c = cells.length;
      if (tag === "table:covered-table-cell") {
        cells.push(covered.get(`${r},${c}`) ?? "");
        continue;
      }
      const text = paragraphLines(cell, "table").map((l) => l.text).filter(Boolean).join(" ");
      const cs = Number(attr(cell, "table:number-columns-spanned") ?? 1) || 1;
      const rs = Number(attr(cell, "table:number-rows-spanned") ?? 1) || 1;
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) if (i || j) covered.set(`${r + i},${c + j}`, text);
      cells.push(text);
    }
    grid.push(cells);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid
    .filter((r) => r.some(Boolean))
    .map((r, k) => {
      const cells = [...r, ...Array<string>(width - r.length).fill("")];
      return { text: cells.join("\t"), role: "table" as const, x: box.x, y: box.y + k * 20 };
    });
}

const UNIT_PT: Record<string, number> = { cm: 72 / 2.54, mm: 72 / 25.4, in: 72, pt: 1, pc: 12, px: 0.75 };

function length(v: string | undefined): number {
  const m = /^(-?[\d.]+)([a-z]*)$/.exec(v ?? "");
  return m ? Number(m[1]) * (UNIT_PT[m[2]!] ?? 1) : 0;
}

function boxOf(node: XmlNode): Box {
  return { x: length(attr(node, "svg:x")), y: length(attr(node, "svg:y")), w: length(attr(node, "svg:width")), h: length(attr(node, "svg:height")) };
}

function properties(xml: string | undefined) {
  if (!xml) return undefined;
  const meta = path(root(parseXml(xml, "meta.xml")), "office:meta");
  const field = (tag: string) => {
    const n = child(meta, tag);
    return n ? textOf(n) : undefined;
  };
  return definedProperties({
    title: statedTitle(field("dc:title")),
    author: statedAuthor(field("meta:initial-creator") ?? field("dc:creator")),
    date: statedDate(field("meta:creation-date")),
  });
}
