// Reading the corpus's JSON Lines files one row at a time, so memory does not grow with the corpus.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

export async function* readJsonl<T>(path: string): AsyncGenerator<T> {
  for await (const line of createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })) {
    if (line.trim()) yield JSON.parse(line) as T;
  }
}
