// Reads the bytes of a text file as a string, finding the encoding: UTF-8 (with or without BOM),
// UTF-16 with a BOM or recognised by its NUL bytes, else Windows-1252 (a superset of Latin-1 for printable text).
import { DocumentError } from "../types.ts";

export interface Decoded {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DocumentError("empty", "the file is empty");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes);
    // NUL at every other byte is also what some binary formats look like: the decoded text must read as text
    if (!controlHeavy(codeUnits(text.slice(0, 32 * 1024)))) return { text, encoding: utf16 };
  }
  if (looksBinary(bytes)) {
    throw new DocumentError("binary", "the file looks binary, not text (NUL or control bytes)");
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/**
 * UTF-16 written without a byte-order mark (some Windows tools): mostly Latin text, so every other byte is NUL,
 * the high byte of each character: at odd offsets for little-endian, at even ones for big-endian.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 64 * 1024) & ~1;
  // a few bytes say nothing either way: a guess needs eight characters at least
  if (n < 16) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.5 && evenNul <= pairs * 0.02) return "utf-16le";
  if (evenNul >= pairs * 0.5 && oddNul <= pairs * 0.02) return "utf-16be";
  return undefined;
}

/**
 * More than 1% of the first characters (or bytes) are C0 controls other than tab, newlines, form feed and escape
 * (NUL among them).
 */
function controlHeavy(units: ArrayLike<number>): boolean {
  let control = 0;
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
  }
  return control > units.length * 0.01;
}

/** A NUL byte, or too many other control bytes, in the first 64 KiB means not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 64 * 1024);
  return head.includes(0) || controlHeavy(head);
}

function codeUnits(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
