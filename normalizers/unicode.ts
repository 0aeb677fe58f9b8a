// Unicode clean-up: composed characters (NFC), ligatures spelled out, soft hyphens and zero-width
// characters removed, odd spaces made plain spaces, quote marks made one consistent style (straight ASCII
// quotes, which is what people type into a search box), control characters and terminal control sequences
// removed. Line breaks, form feeds and tabs are kept.
import type { Edit } from "./edits.ts";
import { CONTROL_CHARACTER } from "../language/controls.ts";

const LIGATURES: Record<string, string> = { "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st" };
const QUOTES: Record<string, string> = {
  "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"', "〝": '"', "〞": '"', "＂": '"',
  "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'", "′": "'", "＇": "'",
};

interface Rule { re: RegExp; to: (m: string) => string; rule: string; reason: string }

const RULES: Rule[] = [
  // terminal control sequences (ESC/CSI/OSC, 7- and 8-bit) and every other C0/C1 control but tab and form feed:
  // text that sets a window title, clears a screen or hides text when printed is no deck's text
  {
    re: new RegExp(`${/\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n]*(?:\x1b\\|\x9c)?|\x1b[ -~]?/u.source}|${CONTROL_CHARACTER.source}`, "gu"),
    to: () => "", rule: "unicode.control", reason: "control character or terminal control sequence removed",
  },
  { re: /[^\p{M}\s][\p{M}]+/gu, to: (m) => m.normalize("NFC"), rule: "unicode.nfc", reason: "combining marks composed (NFC)" },
  { re: /[ﬀﬁﬂﬃﬄﬅﬆ]/gu, to: (m) => LIGATURES[m]!, rule: "unicode.ligature", reason: "ligature spelled out" },
  { re: /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/gu, to: () => "", rule: "unicode.invisible", reason: "soft hyphen or zero-width character removed" },
  { re: /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u2028\u2029\u000B]/gu, to: () => " ", rule: "unicode.space", reason: "odd space made a plain space" },
  // « or » alone at the start of a line, before a space, is a list bullet (OCR reads round bullets so), not a quote.
  { re: /[“”„‟″〝〞＂‘’‚‛‹›′＇]|(?<!^[ \t]*)[«»]|[«»](?![ \t])/gmu, to: (m) => QUOTES[m]!, rule: "unicode.quote", reason: "quote mark made a straight quote" },
];

export function cleanUnicode(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const r of RULES) {
    for (const m of text.matchAll(r.re)) {
      const to = r.to(m[0]);
      if (to !== m[0]) edits.push({ start: m.index, end: m.index + m[0].length, to, rule: r.rule, confidence: 1, reason: r.reason });
    }
  }
  // One edit per position: the first rule that claims a character wins.
  edits.sort((a, b) => a.start - b.start);
  const kept: Edit[] = [];
  for (const e of edits) if (kept.length === 0 || e.start >= kept[kept.length - 1]!.end) kept.push(e);
  return kept;
}
