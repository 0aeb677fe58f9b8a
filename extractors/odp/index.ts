// OpenDocument presentations (.odp, .otp): `content.xml` pages with their presentation classes (title,
// subtitle, outline, notes), list levels with their list styles' numbering, tables and groups, and `meta.xml`
// for the document properties.
// The same container and XML rules as PPTX (extractors/archive/).
import type { Extractor, ExtractedDocument, Line, LineRole, Page } from "../types.ts";
import { DocumentError } from "../types.ts";
import { isZip, openZip } from "../archive/zip.ts";
import { attr, child, decodeEntities, descendants, kids, parseXml, path, root, tagOf, textOf, type XmlNode } from "../archive/xml.ts";
import { altText, inReadingOrder, type Block, type Box } from "../archive/blocks.ts";
import { definedProperties, statedAuthor, statedDate, statedTitle } from "../archive/properties.ts";
import { ocrPictureSlides, pictureSlideThumbnails, shutdownPictureOcr, type SlidePicture } from "../archive/picture-slides.ts";

export const odpExtractor: Extractor = {
  format: "odp",
  extensions: [".odp", ".otp"],
  async extract(bytes, _path, options) {
    const pictures: SlidePicture[] = [];
    const doc = readOdp(bytes, pictures);
    // slides that are pictures get a thumbnail (from the slides as read: OCR gives them lines)
    const thumbnails = options.thumbnails ? await pictureSlideThumbnails(doc.pages, pictures) : undefined;
    return { ...doc, pages: await ocrPictureSlides(doc.pages, pictures, options), ...(thumbnails ? { thumbnails } : {}) };
  },
  thumbnails: true,
  // a slide of pictures only is read by OCR: with `--ocr never` it is not
  settingsStamp: ({ ocr, lang }) => ({ ...(ocr === "never" ? { ocr } : {}), ...(lang && lang !== "dan+eng" ? { lang } : {}) }),
  shutdown: shutdownPictureOcr,
};

const MAX_GROUP_DEPTH = 32;

/** Reads a presentation; `pictures`, when given, collects each page's pictures for OCR (see archive/picture-slides.ts). */
export function readOdp(bytes: Uint8Array, pictures?: SlidePicture[]): ExtractedDocument {
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
  const lists = listStyles([child(doc, "office:automatic-styles")], () => stylesOf(zip.text("styles.xml")));
  const pres = path(doc, "office:body", "office:presentation");
  if (!pres) throw new DocumentError("corrupt", "content.xml has no office:presentation: not a presentation");
  const pages: Page[] = [];
  for (const page of kids(pres)) {
    if (tagOf(page) !== "draw:page") continue;
    const blocks: Block[] = [];
    const images: { href: string; box: Box }[] = [];
    shapes(page, blocks, 0, lists, images);
    for (const { href, box } of images) {
      // an embedded picture only: a linked one (a URL, a path outside the package) is never fetched
      if (pictures && !/^[a-z][\w+.-]*:|^\/|(^|\/)\.\.\//i.test(href)) pictures.push({ page: pages.length + 1, box, name: href, bytes: () => zip.read(href) });
    }
    const notes = descendants(child(page, "presentation:notes"), "draw:frame")
      .filter((f) => attr(f, "presentation:class") === "notes")
      .flatMap((f) => paragraphLines(child(f, "draw:text-box"), "notes", lists));
    const lines = inReadingOrder(blocks);
    pages.push({
      page: pages.length + 1,
      method: "text",
      bornDigital: true,
      lines: notes.length ? [...lines, ...(lines.length ? [{ text: "" }] : []), ...notes] : lines,
      ...(hiddenStyles.has(attr(page, "draw:style-name")) || attr(page, "presentation:visibility") === "hidden" ? { hidden: true } : {}),
    });
  }
  if (!pages.length) throw new DocumentError("empty", "the presentation has no slides");
  // the slide size, for the thumbnails of slides that are pictures (the pages do not carry it)
  const size = pictures?.length ? slideSize(zip.text("styles.xml")) : undefined;
  if (size) for (const p of pictures!) p.slide = size;
  const stated = properties(zip.text("meta.xml"));
  return { format: "odp", pages, ...(stated ? { stated } : {}) };
}

function shapes(parent: XmlNode, blocks: Block[], depth: number, lists: ListStyles, images: { href: string; box: Box }[]): void {
  if (depth > MAX_GROUP_DEPTH) throw new DocumentError("limit_exceeded", `shapes grouped deeper than ${MAX_GROUP_DEPTH} levels`);
  for (const node of kids(parent)) {
    const tag = tagOf(node);
    if (tag === "draw:g") {
      shapes(node, blocks, depth + 1, lists, images);
      continue;
    }
    if (tag === "presentation:notes" || !tag?.startsWith("draw:")) continue;
    const box = boxOf(node);
    const cls = attr(node, "presentation:class");
    const role = roleOf(cls);
    const table = child(node, "table:table");
    const image = child(node, "draw:image");
    let lines: Line[];
    if (table) lines = tableLines(table, box, lists);
    else if (tag === "draw:frame" && child(node, "draw:text-box")) lines = paragraphLines(child(node, "draw:text-box"), role, lists, box);
    else if (image) {
      const href = attr(image, "xlink:href");
      if (href) images.push({ href: href.replace(/^\.\//, ""), box });
      const alt = altText(textOf(child(node, "svg:desc")) || textOf(child(node, "svg:title")));
      lines = alt ? [{ text: alt, role: "picture" }] : [];
    } else lines = paragraphLines(node, role, lists, box);
    if (lines.some((l) => l.text)) blocks.push({ box, title: role === "title", footer: role === "footer", lines });
  }
}

function roleOf(cls: string | undefined): LineRole {
  if (cls === "title") return "title";
  if (cls === "subtitle") return "subtitle";
  if (cls === "header" || cls === "footer" || cls === "date-time" || cls === "page-number") return "footer";
  return "body";
}

/** A list style's numbering per level (1-based `text:level`): the format (`1`, `a`, `A`, `i`, `I`), prefix, suffix, start. */
interface Numbering { format: string; prefix: string; suffix: string; start: number }
interface ListStyles {
  get(name: string): Map<number, Numbering> | undefined;
}

/**
 * The numbered levels of the list styles (`text:list-style`) in these style containers, by style name; a name not
 * among them is looked up in `more` (styles.xml), parsed only when a list names a style content.xml lacks.
 */
function listStyles(containers: (XmlNode | undefined)[], more?: () => (XmlNode | undefined)[]): ListStyles {
  const own = readListStyles(containers);
  let other: Map<string, Map<number, Numbering>> | undefined;
  return {
    get: (name) => own.get(name) ?? (more ? (other ??= readListStyles(more())).get(name) : undefined),
  };
}

function readListStyles(containers: (XmlNode | undefined)[]): Map<string, Map<number, Numbering>> {
  const out = new Map<string, Map<number, Numbering>>();
  for (const c of containers) {
    for (const style of descendants(c, "text:list-style")) {
      const name = attr(style, "style:name");
      if (!name || out.has(name)) continue;
      const levels = new Map<number, Numbering>();
      for (const lvl of kids(style)) {
        const format = attr(lvl, "style:num-format");
        if (tagOf(lvl) !== "text:list-level-style-number" || !format) continue;
        levels.set(Number(attr(lvl, "text:level") ?? 1) || 1, {
          format, prefix: attr(lvl, "style:num-prefix") ?? "", suffix: attr(lvl, "style:num-suffix") ?? "", start: Number(attr(lvl, "text:start-value") ?? 1) || 1,
        });
      }
      out.set(name, levels);
    }
  }
  return out;
}

/** The slide size in points: the page layout of styles.xml's first master page (or its first page layout), if stated. */
function slideSize(xml: string | undefined): { w: number; h: number } | undefined {
  if (!xml) return undefined;
  const styles = root(parseXml(xml, "styles.xml"));
  const layouts = descendants(child(styles, "office:automatic-styles"), "style:page-layout");
  const wanted = attr(descendants(child(styles, "office:master-styles"), "style:master-page")[0], "style:page-layout-name");
  const layout = layouts.find((l) => attr(l, "style:name") === wanted) ?? layouts[0];
  const props = child(layout, "style:page-layout-properties");
  const size = { w: length(attr(props, "fo:page-width")), h: length(attr(props, "fo:page-height")) };
  return size.w > 0 && size.h > 0 ? size : undefined;
}

/** styles.xml's common and automatic styles, where list styles a content.xml list names may be. */
function stylesOf(xml: string | undefined): (XmlNode | undefined)[] {
  if (!xml) return [];
  const styles = root(parseXml(xml, "styles.xml"));
  return [child(styles, "office:automatic-styles"), child(styles, "office:styles")];
}

/** The label of item `n` in a numbering format, as Impress draws it (`3.`, `c)`, `(iv)`). */
function numberLabel(f: Numbering, n: number): string {
  const alpha = (k: number) => String.fromCharCode(96 + (((k - 1) % 26) + 1));
  const roman = (k: number) => {
    let s = "";
    for (const [v, r] of [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]] as const) {
      while (k >= v) (s += r), (k -= v);
    }
    return s;
  };
  const base = f.format === "a" ? alpha(n) : f.format === "A" ? alpha(n).toUpperCase() : f.format === "i" ? roman(n) : f.format === "I" ? roman(n).toUpperCase() : String(n);
  return `${f.prefix}${base}${f.suffix}`;
}

/**
 * Paragraphs and list items of a text container, one line each, list items with their level and a marker: the
 * number their list style gives their level (`text:list-level-style-number`), else a bullet.
 */
function paragraphLines(container: XmlNode | undefined, role: LineRole, lists: ListStyles, box: Box = { x: 0, y: 0, w: 0, h: 0 }): Line[] {
  const out: Line[] = [];
  const walk = (node: XmlNode | undefined, level: number, inList: boolean, style?: string, label?: string) => {
    for (const k of kids(node)) {
      const tag = tagOf(k);
      if (tag === "text:p" || tag === "text:h") {
        const text = inlineText(k).replace(/\s+/g, " ").trim();
        const marked = inList && role !== "title" && role !== "subtitle" && role !== "notes" && text;
        const bullet = marked ? (label !== undefined ? label + " " : "• ") : "";
        label = undefined; // the item's first paragraph carries its number
        out.push({
          text: bullet + text,
          role,
          x: box.x + level * 27,
          y: box.y + out.length * 20,
          ...(role === "body" ? { level: Math.max(0, level) } : {}),
        });
      } else if (tag === "text:list") {
        const inner = inList ? level + 1 : 0;
        const name = attr(k, "text:style-name") ?? style;
        const numbering = name ? lists.get(name)?.get(inner + 1) : undefined;
        let n = numbering?.start ?? 1;
        for (const item of kids(k)) {
          const itemTag = tagOf(item);
          if (itemTag === "text:list-item") {
            const start = Number(attr(item, "text:start-value"));
            if (start > 0) n = start;
            walk(item, inner, true, name, numbering ? numberLabel(numbering, n++) : undefined);
          } else if (itemTag === "text:list-header") walk(item, inner, true, name);
        }
      }
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

function tableLines(table: XmlNode, box: Box, lists: ListStyles): Line[] {
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
      const text = paragraphLines(cell, "table", lists).map((l) => l.text).filter(Boolean).join(" ");
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
