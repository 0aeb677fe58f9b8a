// JSON Lines, read and written the one way the corpus needs: a line ends at `\n` and nowhere else. JSON allows
// U+2028 and U+2029 raw inside strings, but some line readers (node:readline, JavaScript's own line terminators)
// end a line there too, so they are written escaped (`\u2028`), and read back correctly either way.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";

/** One value as a JSON line's text (without the `\n`): JSON.stringify, with U+2028/U+2029 escaped. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
}

/** The lines of a UTF-8 file split at `\n` only (a `\r` before it is dropped), one at a time. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  // The text since the last `\n`, in pieces: a very long line is joined once, not re-copied per chunk.
  let pending: string[] = [];
  const line = (tail: string) => {
    const text = pending.join("") + tail;
    pending = [];
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const text = decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      yield line(text.slice(start, end));
      start = end + 1;
    }
    if (start < text.length) pending.push(text.slice(start));
  }
  const last = line(decoder.end());
  if (last) yield last;
}

/** The rows of a JSON Lines file, one at a time, so memory does not grow with the corpus. Blank lines are skipped. */
export async function* readJsonl<T>(path: string): AsyncGenerator<T> {
  for await (const line of readLines(path)) {
    if (line.trim()) yield JSON.parse(line) as T;
  }
}

/**
 * The rows of an append-only journal (the manifest, the in-flight journal): a missing file has none, and a line that
 * is not JSON (torn by a crash while it was appended) is skipped.
 */
export async function readJournal<T>(path: string): Promise<T[]> {
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const rows: T[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      rows.push(JSON.parse(line) as T);
    } catch {
      continue; // torn by a crash
    }
  }
  return rows;
}
