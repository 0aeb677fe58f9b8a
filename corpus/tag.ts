// The tag stage: concepts from a taxonomy for each record's text.
import type { ConceptTag } from "./schema.ts";

export type Tagger = (text: string, lang: string) => ConceptTag[];

/** The default tagger until a taxonomy is loaded: no concepts. */
export function createTagger(): Tagger {
  return () => [];
}
