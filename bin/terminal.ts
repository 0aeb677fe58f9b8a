// Text printed to a terminal: control characters shown as escapes (`\x1b`, `\n`), never sent raw, so a file name
// or a deck's text cannot move the cursor, set the window title, clear the screen or forge a log line.

const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/gu;

/** `text` with each control character written as an escape; the strings in `keep` (our own colours) kept. */
export function printable(text: string, keep: string[] = []): string {
  const escape = (s: string) => s.replace(CONTROL, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
  if (!keep.length) return escape(text);
  const pattern = new RegExp(keep.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gu");
  let out = "";
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    out += escape(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + escape(text.slice(at));
}
