// Markdown slide decks (.md, .markdown): Marp, reveal-md and Slidev decks split at their `---` separators, with
// front matter for the deck's metadata; a plain Markdown file without separators is one deck of slides split at
// its top headings. Blocks are read by marked's lexer (CommonMark + GFM tables), slides into lines by slide.ts.
import { createRequire } from "node:module";
import type { Token, Tokens } from "marked";
import type { Extractor, ExtractedDocument, Page } from "../types.ts";
import { DocumentError } from "../types.ts";
import { decodeText } from "../text/decode.ts";
import { splitDeck } from "./split.ts";
import { headingDivider, parseFrontMatter, statedProperties } from "./front-matter.ts";
import { markdownSlideLines } from "./slide.ts";

export const markdownExtractor: Extractor = {
  format: "markdown",
  extensions: [".md", ".markdown"],
  async extract(bytes) {
    const { text, encoding } = decodeText(bytes);
    return readMarkdown(text, encoding);
  },
};

/** reveal.js's notes separator: the rest of the slide after a line starting `Note:` (or `Notes:`). */
const NOTES = /^[ \t]*notes?:[ \t]*/im;

export function readMarkdown(text: string, encoding?: ExtractedDocument["encoding"]): ExtractedDocument {
  const deck = splitDeck(text);
  const fm = deck.frontMatter !== undefined ? parseFrontMatter(deck.frontMatter) : undefined;
  const slides: { tokens: Token[]; notes: Token[] }[] = [];
  if (deck.separated) {
    const divider = headingDivider(fm);
    for (const md of deck.slides) {
      const { body, notes } = splitNotes(md);
      const parts = divider ? splitAtHeadings(lex(body), divider) : [lex(body)];
      parts.forEach((tokens, k) => slides.push({ tokens, notes: k === parts.length - 1 ? lex(notes) : [] }));
    }
  } else {
    const tokens = lex(deck.slides.join("\n"));
    const divider = headingDivider(fm) ?? topHeadings(tokens);
    for (const part of divider ? splitAtHeadings(tokens, divider) : [tokens]) slides.push({ tokens: part, notes: [] });
  }
  const pages: Page[] = slides
    .map(({ tokens, notes }) => markdownSlideLines(tokens, notes))
    .filter((lines) => lines.some((l) => l.text.trim()))
    .map((lines, i) => ({ page: i + 1, method: "text" as const, bornDigital: true, lines }));
  if (!pages.length) throw new DocumentError("empty", "the Markdown file has no text");
  const stated = fm ? statedProperties(fm) : undefined;
  return { format: "markdown", pages, ...(encoding ? { encoding } : {}), ...(stated ? { stated } : {}) };
}

const require = createRequire(import.meta.url);
let marked: typeof import("marked") | undefined;

/** marked's lexer, loaded when the first Markdown deck is read (a run of PDFs never pays for it). */
function lex(md: string): Token[] {
  if (!md.trim()) return [];
  marked ??= require("marked") as typeof import("marked");
  return marked.lexer(md, { gfm: true });
}

/** A slide's Markdown and the notes after its `Note:` line (outside fenced code). */
function splitNotes(md: string): { body: string; notes: string } {
  const lines = md.split("\n");
  let fence = false;
  for (let k = 0; k < lines.length; k++) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(lines[k]!)) fence = !fence;
    else if (!fence && NOTES.test(lines[k]!)) {
      return { body: lines.slice(0, k).join("\n"), notes: [lines[k]!.replace(NOTES, ""), ...lines.slice(k + 1)].join("\n") };
    }
  }
  return { body: md, notes: "" };
}

/** The heading levels a plain Markdown file's slides start at: up to the first level used more than once. */
function topHeadings(tokens: Token[]): number[] | undefined {
  const depths = tokens.filter((t): t is Tokens.Heading => t.type === "heading").map((t) => t.depth);
  if (!depths.length) return undefined;
  const repeated = [1, 2, 3, 4, 5, 6].find((d) => depths.filter((x) => x === d).length >= 2) ?? Math.min(...depths);
  return Array.from({ length: repeated }, (_, i) => i + 1);
}

/** Tokens split before each heading of the given levels. */
function splitAtHeadings(tokens: Token[], levels: number[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === "heading" && levels.includes((t as Tokens.Heading).depth) && out.at(-1)!.some((k) => k.type !== "space")) out.push([]);
    out.at(-1)!.push(t);
  }
  return out;
}
