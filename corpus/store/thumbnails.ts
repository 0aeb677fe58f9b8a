// A deck's page thumbnails, kept by the store beside its part file (`<part>.thumbs`), for `serve`. They are not
// records: they are written with the deck (before its part, atomically, so a committed deck has them or had
// none asked for), removed with it, kept while the deck is unchanged, and read by deck and page, never by a
// path from elsewhere.
//
// File: one JSON line naming the images in order, then their bytes, one after the other:
//   {"format":"slidecorpus-thumbnails","version":1,"images":[{"page":1,"type":"image/webp","length":5120},…]}\n<bytes>
import { open } from "node:fs/promises";
import type { Thumbnail } from "../../model/document.ts";

const FORMAT = "slidecorpus-thumbnails";

/** One image of a thumbnails file: its page, type and where its bytes are. */
export interface ThumbnailEntry {
  page: number;
  type: Thumbnail["type"];
  offset: number;
  length: number;
}

/** The name of a deck's thumbnails file, from its part file's name. */
export function thumbnailsNameOf(partName: string): string {
  return `${partName.replace(/\.jsonl$/, "")}.thumbs`;
}

/** The bytes of a thumbnails file holding these thumbnails. */
export function encodeThumbnails(thumbnails: Thumbnail[]): Uint8Array {
  const images = thumbnails.map((t) => ({ page: t.page, type: t.type, bytes: Buffer.from(t.data, "base64") }));
  const header = JSON.stringify({ format: FORMAT, version: 1, images: images.map(({ page, type, bytes }) => ({ page, type, length: bytes.length })) });
  return Buffer.concat([Buffer.from(`${header}\n`, "utf8"), ...images.map((i) => i.bytes)]);
}

/** The images a thumbnails file holds, by page; undefined when there is no such file or it is not one. */
export async function readThumbnailIndex(path: string): Promise<Map<number, ThumbnailEntry> | undefined> {
  const file = await open(path, "r").catch(() => undefined);
  if (!file) return undefined;
  try {
    const { size } = await file.stat();
    // the header is a few dozen bytes an image: read until its line ends
    let head = Buffer.alloc(0);
    let end = -1;
    for (let at = 0; end < 0 && at < size; ) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, size - at));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) break;
      head = Buffer.concat([head, chunk.subarray(0, bytesRead)]);
      at += bytesRead;
      end = head.indexOf(0x0a);
    }
    if (end < 0) return undefined;
    const parsed = JSON.parse(head.subarray(0, end).toString("utf8")) as { format?: unknown; images?: unknown };
    if (parsed?.format !== FORMAT || !Array.isArray(parsed.images)) return undefined;
    const index = new Map<number, ThumbnailEntry>();
    let offset = end + 1;
    for (const image of parsed.images as { page?: unknown; type?: unknown; length?: unknown }[]) {
      const { page, type, length } = image ?? {};
      if (!Number.isInteger(page) || !Number.isInteger(length) || (type !== "image/webp" && type !== "image/png")) return undefined;
      if (offset + (length as number) > size) return undefined;
      index.set(page as number, { page: page as number, type, offset, length: length as number });
      offset += length as number;
    }
    return index;
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

/** One image's bytes, by its entry in the file's index. */
export async function readThumbnail(path: string, entry: ThumbnailEntry): Promise<Uint8Array | undefined> {
  const file = await open(path, "r").catch(() => undefined);
  if (!file) return undefined;
  try {
    const bytes = Buffer.alloc(entry.length);
    const { bytesRead } = await file.read(bytes, 0, entry.length, entry.offset);
    return bytesRead === entry.length ? bytes : undefined;
  } finally {
    await file.close();
  }
}
