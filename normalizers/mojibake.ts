// Mojibake repair: UTF-8 text that was read as Windows-1252 (or Latin-1) shows `fÃ¦lles` for `fælles`,
// `Ã¸` for ø, `â€œ` for “. A run of such characters is turned back into bytes and decoded as UTF-8; the run
// is replaced only if that decoding is valid and gives non-ASCII letters or punctuation.
import type { Edit } from "./edits.ts";

/** Windows-1252 bytes 0x80–0x9F that are not the Latin-1 control characters. */
const CP1252: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8a,
  "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97,
  "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};
const CONT = "\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
/** A lead byte (Â–ô as Latin-1) followed by one to three continuation bytes, repeated. */
const RUN = new RegExp(`(?:[\\u00C2-\\u00F4][${CONT}]{1,3})+`, "gu");
const decoder = new TextDecoder("utf-8", { fatal: true });

function toByte(ch: string): number | undefined {
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return code;
  return CP1252[ch];
}

export function fixMojibake(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(RUN)) {
    const bytes = [...m[0]].map(toByte);
    if (bytes.some((b) => b === undefined)) continue;
    let decoded: string;
    try {
      decoded = decoder.decode(Uint8Array.from(bytes as number[]));
    } catch {
      continue;
    }
    if (decoded === m[0] || /[\u0000-\u001F\u007F-\u009F]/.test(decoded)) continue;
    edits.push({
      start: m.index, end: m.index + m[0].length, to: decoded, rule: "unicode.mojibake", confidence: 0.97,
      reason: `UTF-8 read as Windows-1252: "${m[0]}" is the bytes of "${decoded}"`,
    });
  }
  return edits;
}
