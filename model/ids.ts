// Stable identifiers: derived from content and position only, so the same input gives the same ids
// on every run and every machine.
import { createHash } from "node:crypto";

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A deck is identified by the hash of its bytes. */
export function deckIdOf(sha: string): string {
  return sha.slice(0, 16);
}

/**
 * A record is identified by its deck's source path, its kind and text, and how many records of the deck before it
 * have the same kind and text (`occurrence`, 0 for the first). An id then stays the same while the record does,
 * whatever else changes in the deck: another slide edited, slides added, removed or moved. It changes when the
 * record's own text or kind changes, or the file is renamed.
 */
export function recordIdOf(source: string, kind: string, text: string, occurrence: number): string {
  return sha256(`${source}\u0000${kind}\u0000${text}\u0000${occurrence}`).slice(0, 24);
}
