// XML parts of office files, parsed with fast-xml-parser in document order. A DTD is refused outright:
// office formats never need one, and it is how entity-expansion attacks (billion laughs, external entities) come in.
import { createRequire } from "node:module";
import type { XMLParser } from "fast-xml-parser";
import { DocumentError } from "../types.ts";

const require = createRequire(import.meta.url);

/** A parsed element: `{ [tag]: children, ":@": attributes }`, or a text node `{ "#text": string }`. */
export type XmlNode = Record<string, unknown>;

/** Deepest element nesting accepted; real office parts stay far below it. */
export const MAX_XML_DEPTH = 256;

let parser: XMLParser | undefined;
/** The parser, made on first use: fast-xml-parser is loaded only when an office file is read (its one-file build). */
const xmlParser = (): XMLParser => (parser ??= new (require("fast-xml-parser") as typeof import("fast-xml-parser")).XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // entities are decoded by attr() and textOf() (a DTD is refused, so only the five XML ones and character
  // references occur): the parser's own decoding doubles its time
  processEntities: false,
  htmlEntities: false,
}));

export function parseXml(text: string, part = "XML part"): XmlNode[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new DocumentError("corrupt", `${part} declares a DTD or entities, which office files never need: refused`);
  if (nestingDepth(text) > MAX_XML_DEPTH) throw new DocumentError("limit_exceeded", `${part} nests elements deeper than ${MAX_XML_DEPTH}`);
  try {
    return xmlParser().parse(text) as XmlNode[];
  } catch (err) {
    throw new DocumentError("corrupt", `${part} is not well-formed XML: ${err instanceof Error ? err.message : err}`, { cause: err });
  }
}

/** The element nesting depth, counted before parsing so a deep document cannot exhaust the stack of any reader. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = text.indexOf("<"); i >= 0; i = text.indexOf("<", i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 47 /* / */) depth--;
    else if (c !== 63 /* ? */ && c !== 33 /* ! */) {
      const close = text.indexOf(">", i);
      if (close > 0 && text.charCodeAt(close - 1) !== 47) depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

export function tagOf(node: XmlNode): string | undefined {
  for (const k in node) if (k !== ":@") return k;
  return undefined;
}

export function kids(node: XmlNode | undefined): XmlNode[] {
  if (!node) return [];
  const tag = tagOf(node);
  const v = tag === undefined || tag === "#text" ? undefined : node[tag];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const a = node?.[":@"] as Record<string, string> | undefined;
  const v = a?.[name];
  return v?.includes("&") ? decodeEntities(v) : v;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The XML entities and numeric character references (`&amp;`, `&#xA;`) of raw attribute values and text. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, n: string) => {
    if (n[0] !== "#") return NAMED[n] ?? m;
    const code = n[1] === "x" || n[1] === "X" ? parseInt(n.slice(2), 16) : Number(n.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** The first child with this tag. */
export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return kids(node).find((n) => tag in n);
}

/** Follows a path of tags from a node, first match at each step. */
export function path(node: XmlNode | undefined, ...tags: string[]): XmlNode | undefined {
  let n = node;
  for (const t of tags) n = child(n, t);
  return n;
}

/** The root element of a parsed document. */
export function root(doc: XmlNode[]): XmlNode | undefined {
  return doc.find((n) => {
    const t = tagOf(n);
    return t !== undefined && t !== "?xml" && t !== "#text" && t !== "#comment";
  });
}

/** Every descendant with this tag, in document order. */
export function descendants(node: XmlNode | undefined, tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const k of kids(node)) {
    if (tag in k) out.push(k);
    descendants(k, tag, out);
  }
  return out;
}

/** The concatenated text of a node's text children. */
export function textOf(node: XmlNode | undefined): string {
  let s = "";
  for (const k of kids(node)) if ("#text" in k) s += String(k["#text"]);
  return s.includes("&") ? decodeEntities(s) : s;
}

/** An OPC relationships part: id → { target part, type }. External targets are left out. */
export function relationships(xml: string | undefined, part: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  if (!xml) return out;
  for (const r of kids(root(parseXml(xml, part)))) {
    const id = attr(r, "Id");
    const target = attr(r, "Target");
    if (!id || !target || attr(r, "TargetMode") === "External") continue;
    out.set(id, { target, type: attr(r, "Type") ?? "" });
  }
  return out;
}
