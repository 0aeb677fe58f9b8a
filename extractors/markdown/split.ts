// Splits a Markdown deck into its front matter and its slides' Markdown, as Marp, reveal-md and Slidev write
// them: a YAML block between `---` lines at the top (the deck's front matter; Slidev's headmatter), slides
// separated by a thematic break on its own line after a blank line (`---`, and `***`/`___` as Marp allows;
// reveal-md's vertical `----` too; `text` then `---` is a setext heading, not a break), and Slidev's per-slide
// front matter (`---` `layout: cover` `---`) taken off its slide. Fenced code is never split.

export interface SplitDeck {
  /** The deck's front matter, without its `---` lines; undefined when there is none. */
  frontMatter?: string;
  /** Each slide's Markdown (a deck without separators is one). */
  slides: string[];
  /** Whether the text had slide separators. */
  separated: boolean;
}

const BREAK = /^ {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const YAML_LINE = /^(?:[A-Za-z_][\w-]*:(?:\s|$)|\s+\S|#|\s*$)/;
const YAML_KEY = /^[A-Za-z_][\w-]*:(?:\s|$)/;

export function splitDeck(source: string): SplitDeck {
  const lines = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  let start = 0;
  let frontMatter: string | undefined;
  if (BREAK.test(lines[0] ?? "") && /^-{3}\s*$/.test(lines[0]!)) {
    const end = yamlBlockEnd(lines, 1);
    if (end !== undefined) {
      frontMatter = lines.slice(1, end).join("\n");
      start = end + 1;
    }
  }
  const slides: string[][] = [[]];
  let fence: string | undefined;
  let separated = false;
  for (let k = start; k < lines.length; k++) {
    const line = lines[k]!;
    const current = slides[slides.length - 1]!;
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = undefined;
      current.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1]!;
      current.push(line);
      continue;
    }
    const prev = current.at(-1);
    if (BREAK.test(line) && (prev === undefined || !prev.trim())) {
      separated = true;
      slides.push([]);
      // Slidev: a slide's own front matter right after its separator, closed by `---`
      const end = /^-{3}\s*$/.test(line) ? yamlBlockEnd(lines, k + 1) : undefined;
      if (end !== undefined) k = end;
      continue;
    }
    current.push(line);
  }
  const out = slides.map((s) => s.join("\n")).filter((s) => s.trim().length > 0);
  return { ...(frontMatter !== undefined ? { frontMatter } : {}), slides: out, separated };
}

/** The index of the `---` (or `...`) that closes a YAML block starting at `from`, if the lines before it are YAML with a key. */
function yamlBlockEnd(lines: string[], from: number): number | undefined {
  let key = false;
  for (let k = from; k < lines.length; k++) {
    const line = lines[k]!;
    if (/^(?:-{3}|\.{3})\s*$/.test(line)) return key ? k : undefined;
    if (!YAML_LINE.test(line) && !/^\s*- /.test(line)) return undefined;
    if (YAML_KEY.test(line)) key = true;
  }
  return undefined;
}
