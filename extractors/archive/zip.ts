// A ZIP container (OOXML, ODF) read from memory with limits, so a hostile file is an error, not an outage.
// The central directory is read here and each entry inflated on demand with Node's zlib, whose
// `maxOutputLength` stops an entry at the size its header declares: fflate's and yauzl's in-memory readers
// grow the output past a lying header, which is what a zip bomb relies on.
import { inflateRawSync } from "node:zlib";
import { DocumentError } from "../types.ts";

export interface ZipLimits {
  /** Most entries a container may list. */
  maxEntries: number;
  /** Most bytes all entries may declare, uncompressed, together. */
  maxTotalBytes: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Highest compression ratio an entry over `ratioFloorBytes` may have. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

interface Entry {
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

export interface ZipArchive {
  names: string[];
  has(name: string): boolean;
  /** The entry's bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined;
  /** The entry as UTF-8 text, or undefined. */
  text(name: string): string | undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

export function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 65535); p--) {
    if (view.getUint32(p, true) === EOCD) {
      end = p;
      break;
    }
  }
  if (end < 0) throw new DocumentError("corrupt", "not a ZIP container (no end of central directory): the file is truncated or not this format");
  const count = view.getUint16(end + 10, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new DocumentError("limit_exceeded", "ZIP64 container: more entries or bytes than a presentation has");
  if (count > limits.maxEntries) throw new DocumentError("limit_exceeded", `the container lists ${count} entries (limit ${limits.maxEntries})`);
  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder();
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw new DocumentError("corrupt", "the ZIP central directory is damaged");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new DocumentError("encrypted", `the ZIP entry ${name} is encrypted`);
    if (size > limits.maxEntryBytes) throw new DocumentError("limit_exceeded", `the entry ${name} declares ${size} bytes (limit ${limits.maxEntryBytes})`);
    if (size > limits.ratioFloorBytes && size > compressed * limits.maxRatio) {
      throw new DocumentError("limit_exceeded", `the entry ${name} expands ${Math.round(size / Math.max(1, compressed))}-fold (limit ${limits.maxRatio}): a zip bomb`);
    }
    total += size;
    if (total > limits.maxTotalBytes) throw new DocumentError("limit_exceeded", `the entries declare more than ${limits.maxTotalBytes} bytes uncompressed`);
    entries.set(name, { method, compressed, size, offset });
  }

  let inflated = 0;
  const read = (name: string): Uint8Array | undefined => {
    const e = entries.get(name);
    if (!e) return undefined;
    if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== LOCAL) throw new DocumentError("corrupt", `the ZIP entry ${name} is damaged`);
    const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
    const data = bytes.subarray(start, start + e.compressed);
    if (data.length < e.compressed) throw new DocumentError("corrupt", `the ZIP entry ${name} is truncated`);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        const tooBig = (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
        throw new DocumentError(tooBig ? "limit_exceeded" : "corrupt", tooBig ? `the entry ${name} inflates past the size its header declares: a zip bomb` : `the ZIP entry ${name} cannot be inflated`, { cause: err });
      }
    } else throw new DocumentError("unsupported", `the ZIP entry ${name} uses compression method ${e.method}`);
    if (out.length !== e.size) throw new DocumentError("corrupt", `the ZIP entry ${name} has ${out.length} bytes, its header says ${e.size}`);
    inflated += out.length;
    if (inflated > limits.maxTotalBytes) throw new DocumentError("limit_exceeded", `more than ${limits.maxTotalBytes} bytes inflated`);
    return out;
  };
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    read,
    text(name) {
      const b = read(name);
      return b && decoder.decode(b);
    },
  };
}

/** Resolves a relationship target against the part that names it (`ppt/slides/slide1.xml` + `../media/a.png`). */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}
