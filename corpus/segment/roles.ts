// Lines whose source format says what they are (PPTX/ODP placeholders and notes, Markdown headings and
// tables): trusted over the layout rules. The title placeholder is the title, speaker notes are `note`
// records of their slide, table rows are a table, footer placeholders (date, footer, slide number) are `footer`
// records, a picture's alt text is a `line`, and a run of code lines (a Markdown fenced block) is one `code`
// record with its lines as written (indentation and blank lines kept). The rest goes on to the layout rules.
import type { Table } from "../../model/schema.ts";
import { joinLines } from "../../language/join-lines.ts";
import type { SlideLine } from "./layout.ts";
import { arrayDiagram } from "./tables.ts";

export interface RoleSegment {
  kind: "note" | "table" | "line" | "code" | "footer";
  text: string;
  lines: [number, number];
  table?: Table;
}

export interface RoleLines {
  /** The title the source gives (its title placeholder), with the slide lines it spans. */
  title?: { text: string; lines: [number, number] };
  segments: RoleSegment[];
  /** The lines without a role the rules above settle, for the layout rules. */
  rest: SlideLine[];
}

export function takeRoles(lines: SlideLine[]): RoleLines {
  const out: RoleLines = { segments: [], rest: [] };
  const titles: SlideLine[] = [];
  let k = 0;
  while (k < lines.length) {
    const l = lines[k]!;
    const role = l.line.role;
    if (role === "title") titles.push(l);
    else if (role === "notes") out.segments.push({ kind: "note", text: l.text, lines: [l.i, l.i] });
    else if (role === "picture") out.segments.push({ kind: "line", text: l.text, lines: [l.i, l.i] });
    else if (role === "footer") out.segments.push({ kind: "footer", text: furnitureText(l.text), lines: [l.i, l.i] });
    else if (role === "table") {
      // consecutive rows (no blank line between) are one table
      let to = k;
      while (to + 1 < lines.length && lines[to + 1]!.line.role === "table" && lines[to + 1]!.i === lines[to]!.i + 1) to++;
      const rows = lines.slice(k, to + 1).map((r) => r.text.split("\t").map((c) => c.trim()));
      const width = Math.max(...rows.map((r) => r.length));
      // a table has two columns and two rows at least (a lone row of cells, as a diagram drawn with a table tool
      // gives, or a single column, is left to the layout rules), and is no array drawn over its indexes (nor two
      // arrays' index rows the source reads one after the other)
      if (rows.length < 2 || width < 2 || arrayDiagram(rows)) {
        for (let j = k; j <= to; j++) out.rest.push(lines[j]!);
        k = to + 1;
        continue;
      }
      const [header, ...body] = rows.map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
      const table = { header: header!, rows: body };
      out.segments.push({ kind: "table", text: tableText(table), lines: [l.i, lines[to]!.i], table });
      k = to + 1;
      continue;
    } else if (role === "code") {
      // a run of code lines, blank lines inside it kept: one record, verbatim
      let to = k;
      while (to + 1 < lines.length && lines[to + 1]!.line.role === "code") to++;
      const run = lines.slice(k, to + 1);
      const text: string[] = [];
      for (const c of run) {
        while (text.length < c.i - l.i) text.push("");
        text.push(c.line.text.replace(/\s+$/u, ""));
      }
      out.segments.push({ kind: "code", text: text.join("\n"), lines: [l.i, lines[to]!.i] });
      k = to + 1;
      continue;
    } else out.rest.push(l);
    k++;
  }
  if (titles.length) out.title = { text: joinLines(titles.map((t) => t.text)), lines: [titles[0]!.i, titles.at(-1)!.i] };
  return out;
}

/** A footer line's text: its cells (`Aarhus Kommune⇥Side 1`) read as one line. */
export function furnitureText(text: string): string {
  return text.split("\t").map((c) => c.trim()).filter(Boolean).join(" ");
}

/** A table's text, for search: its cells row by row. */
export function tableText(t: Table): string {
  return [t.header, ...t.rows].map((r) => r.filter(Boolean).join(" | ")).join("\n");
}
