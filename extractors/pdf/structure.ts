// The structure a tagged PDF's producer wrote (PowerPoint, Word, LibreOffice, Chrome export a structure tree
// when asked): which marked content is the page's title, a table cell or a list item. Read per page from
// pdf.js's structure tree; text runs find their element through the marked-content id around them.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import type { StructTreeNode } from "pdfjs-dist/types/src/display/api.js";

/** What the structure tree says of a run's marked content. */
export interface StructTag {
  /** The page's title: a `Title` element, or the page's one heading (`H1`/`H2`/`H`) of the highest level. */
  title?: boolean;
  /** In a table: which table, row (`TR`) and cell (`TD`/`TH`) of the page, numbered in tree order. */
  table?: number;
  row?: number;
  cell?: number;
  /** The cell's place in its row, 0 first (an empty cell keeps its place). */
  column?: number;
  /** In a list item (`LI`): its nesting, 0 for a top-level list. */
  level?: number;
  /** The marked content's place in the tree's reading order (depth first), 0 first. */
  order?: number;
  /**
   * The paragraph-level element the content is in (its innermost `P`, heading, `LI`, caption…; else its parent),
   * numbered in tree order: the text of one is never read apart.
   */
  unit?: number;
  /** The elements above the content, from the root down, numbered in tree order: which shape or block holds it. */
  path?: number[];
}

type Node = StructTreeNode | { type: string; id: string };

const HEADING = /^H([1-6]?)$/;
/** Elements whose text is read as one (a paragraph, a heading, a list item…): the `unit` of their content. */
const BLOCK = /^(?:P|H[1-6]?|Title|LI|Caption|BlockQuote|TOCI|TD|TH|Figure|Formula)$/;

/**
 * Marked-content id → tag, for the page's structure tree; an empty map when the page has none or it cannot be
 * read (a damaged tree costs the roles, never the text).
 */
export async function structureTags(page: PDFPageProxy): Promise<Map<string, StructTag>> {
  const tree = await page.getStructTree().catch(() => null);
  const tags = new Map<string, StructTag>();
  if (!tree) return tags;
  // the page's headings by level (a bare `H` counts as a first-level one), each with its content ids
  const headings: { level: number; ids: string[] }[] = [];
  const titles: string[][] = [];
  let tables = 0, rows = 0, cells = 0, contents = 0, elements = 0;
  // the cells seen so far of each row being walked
  const columns: { n: number }[] = [{ n: -1 }];
  // the elements being walked, from the root down, and the innermost paragraph-level one (a list item's
  // paragraphs are the item's)
  const path: number[] = [];
  const walk = (node: Node, inherited: StructTag, depth: number, block: { id: number; role: string } | undefined): string[] => {
    if (depth > 200) return [];
    if ("id" in node && node.type === "content") {
      tags.set(node.id, { ...inherited, order: contents++, unit: block?.id ?? path.at(-1) ?? -1, path: path.slice() });
      return [node.id];
    }
    if (!("role" in node)) return [];
    const role = node.role;
    const id = elements++;
    const inner = BLOCK.test(role) && !(block?.role === "LI" && role !== "LI") ? { id, role } : block;
    let tag = inherited;
    if (role === "Table") tag = { ...tag, table: ++tables };
    else if (role === "TR") tag = { ...tag, row: ++rows, column: -1 };
    else if (role === "TD" || role === "TH") tag = { ...tag, cell: ++cells, column: ++columns.at(-1)!.n };
    else if (role === "L") tag = { ...tag, level: tag.level === undefined ? 0 : tag.level + 1 };
    if (role === "TR") columns.push({ n: -1 });
    path.push(id);
    const ids = (node.children ?? []).flatMap((child) => walk(child as Node, tag, depth + 1, inner));
    path.pop();
    if (role === "TR") columns.pop();
    const heading = HEADING.exec(role);
    if (role === "Title") titles.push(ids);
    else if (heading) headings.push({ level: Number(heading[1] || 1), ids });
    return ids;
  };
  walk(tree, {}, 0, undefined);
  // no Title element: the one heading of the page's highest level, if that is a first- or second-level one
  // (PowerPoint tags a title slide's title H1 and other slides' titles H2; a page of several is a document's)
  if (!titles.length && headings.length) {
    const top = Math.min(...headings.map((h) => h.level));
    const atTop = headings.filter((h) => h.level === top);
    if (top <= 2 && atTop.length === 1) titles.push(atTop[0]!.ids);
  }
  for (const id of titles.flat()) tags.set(id, { ...tags.get(id), title: true });
  return tags;
}
