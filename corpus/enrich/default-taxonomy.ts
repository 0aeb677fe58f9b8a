// The taxonomy shipped in data/taxonomy/: governance and leadership in the Danish public sector, Danish and
// English labels. Kept apart from the format (taxonomy.ts, in zod) so that a run needing only its identity,
// such as an unchanged nightly run checking that its search index is current, does not load zod. The file is
// valid and already in the format's parsed form (test/tag.test.ts checks that parsing it gives it back,
// key order included, since the index identifies a taxonomy by a hash of its JSON).
import governance from "../../data/taxonomy/governance.json" with { type: "json" };
import type { Taxonomy } from "./taxonomy.ts";

/** The default taxonomy (a fresh copy: callers may change it). */
export function defaultTaxonomy(): Taxonomy {
  return structuredClone(governance) as Taxonomy;
}
