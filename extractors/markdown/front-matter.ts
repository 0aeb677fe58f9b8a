// The deck metadata a Markdown deck's front matter states (`title:`, `author:`, `date:`, `company:`), read
// from the small part of YAML front matter uses: top-level `key: value` scalars (plain, quoted, or a folded
// `>`/`|` block) and lists (`- a`, `[a, b]`). Nested maps are skipped. Checked like an office file's properties.
import type { StatedProperties } from "../../model/document.ts";
import { definedProperties, statedAuthor, statedDate, statedOrganisation, statedTitle } from "../archive/properties.ts";

export type FrontMatter = Map<string, string | string[]>;

export function parseFrontMatter(yaml: string): FrontMatter {
  const out: FrontMatter = new Map();
  const lines = yaml.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const m = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(lines[k]!.replace(/\s+#.*$/, ""));
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = (m[2] ?? "").trim();
    const block: string[] = [];
    while (k + 1 < lines.length && (/^\s+\S/.test(lines[k + 1]!) || (!lines[k + 1]!.trim() && /^\s/.test(lines[k + 2] ?? "")))) block.push(lines[++k]!);
    if (/^[>|][+-]?$/.test(value)) out.set(key, block.map((l) => l.trim()).join(value[0] === ">" ? " " : "\n").trim());
    else if (value.startsWith("[") && value.endsWith("]")) out.set(key, value.slice(1, -1).split(",").map(unquote).filter(Boolean));
    else if (value) out.set(key, unquote(value));
    else if (block.length && block.every((l) => /^\s*-\s/.test(l) || !l.trim())) {
      out.set(key, block.filter((l) => l.trim()).map((l) => unquote(l.replace(/^\s*-\s+/, ""))));
    }
  }
  return out;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t[0] === t.at(-1) && (t[0] === '"' || t[0] === "'")) return t.slice(1, -1).replace(t[0] === "'" ? /''/g : /\\"/g, t[0]);
  return t;
}

const first = (fm: FrontMatter, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = fm.get(k);
    if (typeof v === "string" && v) return v;
    if (Array.isArray(v) && v.length) return v.join(", ");
  }
  return undefined;
};

export function statedProperties(fm: FrontMatter): StatedProperties | undefined {
  return definedProperties({
    title: statedTitle(first(fm, "title")),
    author: statedAuthor(first(fm, "author", "authors", "presenter", "speaker")),
    date: statedDate(first(fm, "date", "created")),
    organisation: statedOrganisation(first(fm, "company", "organisation", "organization", "institution", "affiliation")),
  });
}

/** Marp's `headingDivider` (a number, or a list of levels): slides also start at headings of those levels. */
export function headingDivider(fm: FrontMatter | undefined): number[] | undefined {
  const v = fm?.get("headingdivider");
  const levels = (Array.isArray(v) ? v : v ? [v] : []).map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 6);
  if (!levels.length) return undefined;
  return Array.isArray(v) ? levels : Array.from({ length: levels[0]! }, (_, i) => i + 1);
}
