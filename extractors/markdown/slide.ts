// One slide's Markdown tokens (marked's lexer) as lines with the roles segmentation trusts: the slide's first
// top-level heading is its title (a heading right under it, one level down, its subtitle), list items are
// bullets with their level and marker, fenced and indented code is `code` (verbatim, one line per source line),
// tables are `table` rows, image alt text is `picture`, and HTML comments that are not directives (Marp,
// Slidev) and the part after `Note:` (reveal.js) are the speaker's `notes`. Blocks are set apart by a blank line.
import type { Token, Tokens } from "marked";
import type { Line, LineRole } from "../types.ts";

/** Marp's directives (global and `_`-prefixed local) and reveal.js's attribute comments are settings, not notes. */
const DIRECTIVE = /^_?(?:theme|style|headingDivider|paginate|header|footer|class|backgroundColor|backgroundImage|backgroundPosition|backgroundRepeat|backgroundSize|color|size|math|title|author|description|url|image|keywords|marp|lang|transition|layout)\s*:/;
const ATTRIBUTES = /^\.(?:slide|element)\s*:/;
/** Marp's image keywords (`![bg left 40%](…)`): sizing and filters, not a description. */
const IMAGE_KEYWORD = /^(?:bg|left|right|contain|cover|fit|auto|vertical|sepia|grayscale|invert|blur|brightness|contrast|drop-shadow|hue-rotate|opacity|saturate|(?:w|h|width|height|x|y)(?::\S*)?|\d+(?:\.\d+)?%|\w+(?:-\w+)?:\S+)$/i;

export function markdownSlideLines(tokens: Token[], notes: Token[] = []): Line[] {
  const out = new Builder();
  const depths = tokens.filter((t): t is Tokens.Heading => t.type === "heading").map((t) => t.depth);
  const top = depths.length ? Math.min(...depths) : undefined;
  let titled = false;
  let previous: Token | undefined;
  for (const t of tokens) {
    if (t.type === "heading") {
      const h = t as Tokens.Heading;
      const subtitle = previous?.type === "heading" && titled && out.lastRole === "title" && h.depth === top! + 1;
      const role: LineRole = !titled && h.depth === top ? "title" : subtitle ? "subtitle" : "body";
      if (role === "title") titled = true;
      out.block(inlineText(h.tokens).split("\n").map((text) => ({ text: text.trim(), role })));
      out.pictures(h.tokens);
    } else block(t, out, 0);
    if (t.type !== "space") previous = t;
  }
  const said = new Builder();
  for (const t of notes) block(t, said, 0);
  for (const l of said.lines) if (l.text.trim()) out.comments.push(l.text.replace(/^• /, "").trim());
  out.comments.push(...said.comments);
  if (out.comments.length) out.block(out.comments.map((text) => ({ text, role: "notes" as const })));
  return out.lines;
}

class Builder {
  lines: Line[] = [];
  comments: string[] = [];
  get lastRole(): LineRole | undefined {
    return this.lines.at(-1)?.role;
  }
  /** Appends lines as a block, a blank line before it. */
  block(lines: Line[]): void {
    // Slidev's slot markers (`::right::`) place what follows; they are not text
    const kept = lines.filter((l) => l.role === "code" || (l.text.trim() && !/^::[\w-]+::$/.test(l.text.trim())));
    if (!kept.length) return;
    if (this.lines.length) this.lines.push({ text: "" });
    this.lines.push(...kept);
  }
  /** The alt text of the images among inline tokens, each a picture line. */
  pictures(tokens: Token[] | undefined): void {
    const alts = images(tokens).map(altText).filter((a): a is string => !!a);
    if (alts.length) this.block(alts.map((text) => ({ text, role: "picture" as const })));
  }
}

function block(t: Token, out: Builder, level: number): void {
  switch (t.type) {
    case "paragraph":
    case "text": {
      const tokens = (t as Tokens.Paragraph).tokens;
      out.block(inlineText(tokens ?? [{ type: "text", raw: t.raw, text: (t as Tokens.Text).text } as Tokens.Text]).split("\n").map((text) => ({ text: text.trim(), role: "body" as const })));
      out.pictures(tokens);
      break;
    }
    case "heading":
      out.block([{ text: inlineText((t as Tokens.Heading).tokens).replace(/\s+/g, " ").trim(), role: "body" }]);
      break;
    case "list":
      out.block(listLines(t as Tokens.List, level, out));
      break;
    case "code": {
      const code = t as Tokens.Code;
      if (code.text.trim()) out.block(code.text.split("\n").map((text) => ({ text: text.replace(/\s+$/, ""), role: "code" as const })));
      break;
    }
    case "table": {
      const table = t as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens).replace(/\s+/g, " ").trim()).join("\t");
      out.block([table.header, ...table.rows].map((cells) => ({ text: row(cells), role: "table" as const })));
      break;
    }
    case "blockquote":
      for (const k of (t as Tokens.Blockquote).tokens) block(k, out, level);
      break;
    case "html":
      html((t as Tokens.HTML).text, out);
      break;
    default:
      break; // space, hr, def: no text
  }
}

/** A list's items, one line each with its marker (`• `, `3. `) and level; nested lists one level down. */
function listLines(list: Tokens.List, level: number, out: Builder): Line[] {
  const lines: Line[] = [];
  let n = typeof list.start === "number" ? list.start : 1;
  for (const item of list.items) {
    const marker = list.ordered ? `${n++}. ` : "• ";
    let first = true;
    for (const k of item.tokens) {
      if (k.type === "list") lines.push(...listLines(k as Tokens.List, level + 1, out));
      else if (k.type === "text" || k.type === "paragraph") {
        const text = inlineText((k as Tokens.Text).tokens ?? [k]).replace(/\s*\n\s*/g, " ").trim();
        if (!text) continue;
        const task = item.task ? (item.checked ? "[x] " : "[ ] ") : "";
        lines.push({ text: (first ? marker + task : "") + text, role: "body", level });
        first = false;
        for (const alt of images((k as Tokens.Text).tokens).map(altText)) if (alt) lines.push({ text: alt, role: "picture" });
      } else if (k.type === "code") {
        lines.push(...(k as Tokens.Code).text.split("\n").map((text) => ({ text: text.replace(/\s+$/, ""), role: "code" as const })));
      } else if (k.type === "table") {
        const table = k as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens).replace(/\s+/g, " ").trim()).join("\t");
        lines.push(...[table.header, ...table.rows].map((cells) => ({ text: row(cells), role: "table" as const })));
      } else if (k.type === "html") html((k as Tokens.HTML).text, out);
    }
  }
  return lines;
}

/** An HTML block: comments are notes (directives and attribute comments left out), the text of other HTML is body text. */
function html(raw: string, out: Builder): void {
  for (const m of raw.matchAll(/<!--([\s\S]*?)(?:-->|$)/g)) {
    const text = m[1]!.trim();
    if (text && !isDirective(text)) out.comments.push(...text.split("\n").map((l) => decodeReferences(l.trim())).filter(Boolean));
  }
  const rest = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, "").replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "");
  const text = decodeReferences(rest.replace(/<[^>]*>/g, "\n"));
  out.block(text.split("\n").map((l) => ({ text: l.replace(/\s+/g, " ").trim(), role: "body" as const })));
}

function isDirective(comment: string): boolean {
  const lines = comment.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.every((l) => DIRECTIVE.test(l) || ATTRIBUTES.test(l)) || ATTRIBUTES.test(lines[0] ?? "");
}

/** The text of inline tokens: emphasis and links by their text, code spans as written, hard breaks as newlines; inline HTML and images left out. */
function inlineText(tokens: Token[] | undefined): string {
  let s = "";
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "text":
        s += (t as Tokens.Text).tokens ? inlineText((t as Tokens.Text).tokens) : decodeReferences((t as Tokens.Text).text);
        break;
      case "escape":
        s += (t as Tokens.Escape).text;
        break;
      case "codespan":
        s += (t as Tokens.Codespan).text;
        break;
      case "br":
        s += "\n";
        break;
      case "strong":
      case "em":
      case "del":
      case "link":
        s += inlineText((t as Tokens.Strong).tokens);
        break;
      default:
        break; // html, image, checkbox
    }
  }
  return s;
}

function images(tokens: Token[] | undefined): Tokens.Image[] {
  const out: Tokens.Image[] = [];
  for (const t of tokens ?? []) {
    if (t.type === "image") out.push(t as Tokens.Image);
    else if ("tokens" in t && Array.isArray(t.tokens)) out.push(...images(t.tokens as Token[]));
  }
  return out;
}

/** An image's description, Marp's keywords (`bg`, `w:200`, `40%`) left out. */
function altText(image: Tokens.Image): string | undefined {
  const words = decodeReferences(image.text).split(/\s+/).filter((w) => w && !IMAGE_KEYWORD.test(w));
  return words.length ? words.join(" ") : undefined;
}

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", shy: "\u00ad", ndash: "–", mdash: "—", hellip: "…",
  aelig: "æ", AElig: "Æ", oslash: "ø", Oslash: "Ø", aring: "å", Aring: "Å", auml: "ä", Auml: "Ä", ouml: "ö", Ouml: "Ö", uuml: "ü", Uuml: "Ü",
  eacute: "é", Eacute: "É", copy: "©", reg: "®", laquo: "«", raquo: "»", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", bull: "•", euro: "€",
};

/** HTML character references: numeric ones, and the named ones decks use (Danish letters among them). */
function decodeReferences(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, n: string) => {
    if (n[0] !== "#") return NAMED[n] ?? m;
    const code = n[1] === "x" || n[1] === "X" ? parseInt(n.slice(2), 16) : Number(n.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}
