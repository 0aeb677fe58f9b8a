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

/** A record is identified by its deck's source and content, its slide, and its place on the slide. */
export function recordIdOf(source: string, deckId: string, slide: number, ordinal: number): string {
  return sha256(`${source}\u0000${deckId}\u0000${slide}\u0000${ordinal}`).slice(0, 24);
}
