// The concept taxonomy: a SKOS-like JSON format (concepts with an id, preferred and alternative labels per
// language, and broader concepts), the default taxonomy shipped in data/taxonomy/, and loading a user's own
// with errors that say which concept and field is wrong.
import { readFileSync } from "node:fs";
import { z } from "zod";

const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, "a language code such as `da` or `en`");
const Label = z.string().trim().min(1, "a label must not be empty");

export const Concept = z.strictObject({
  id: z.string().regex(/^[\p{Ll}\p{N}][\p{Ll}\p{N}_.-]*$/u, "an id is lower-case letters, digits, `-`, `_` or `.`"),
  prefLabel: z.record(LanguageCode, Label)
    .refine((labels) => Object.keys(labels).length > 0, "a concept needs a preferred label in at least one language")
    .describe("The preferred label per language, e.g. { \"da\": \"tillid\", \"en\": \"trust\" }"),
  altLabel: z.record(LanguageCode, z.array(Label)).optional()
    .describe("Other words and phrases for the concept per language: synonyms, inflections the stemmer misses, abbreviations"),
  broader: z.array(z.string()).optional().describe("Ids of broader concepts"),
  definition: z.record(LanguageCode, z.string()).optional().describe("What the concept covers, for people"),
});
export type Concept = z.infer<typeof Concept>;

export const Taxonomy = z.strictObject({
  id: z.string().min(1),
  version: z.string().optional(),
  title: z.record(LanguageCode, z.string()).optional(),
  concepts: z.array(Concept).min(1, "a taxonomy needs at least one concept"),
}).superRefine((taxonomy, ctx) => {
  const ids = new Set<string>();
  taxonomy.concepts.forEach((c, i) => {
    if (ids.has(c.id)) ctx.addIssue({ code: "custom", path: ["concepts", i, "id"], message: `duplicate concept id "${c.id}"` });
    ids.add(c.id);
  });
  taxonomy.concepts.forEach((c, i) => {
    c.broader?.forEach((b, j) => {
      if (!ids.has(b)) ctx.addIssue({ code: "custom", path: ["concepts", i, "broader", j], message: `unknown broader concept "${b}"` });
    });
  });
});
export type Taxonomy = z.infer<typeof Taxonomy>;

/** A taxonomy file that cannot be read or does not follow the format. The message names the place. */
export class TaxonomyError extends Error {
  readonly code = "taxonomy";
  readonly path: string | undefined;
  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
    this.name = "TaxonomyError";
  }
}

export { defaultTaxonomy } from "./default-taxonomy.ts";

/** Validates parsed JSON as a taxonomy. `where` names the source in error messages. */
export function parseTaxonomy(json: unknown, where = "taxonomy"): Taxonomy {
  const result = Taxonomy.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${describePath(json, issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : "";
  throw new TaxonomyError(`${where} is not a valid taxonomy: ${problems.join("; ")}${more}`, where);
}

/** Reads and validates a taxonomy file. */
export function loadTaxonomy(path: string): Taxonomy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new TaxonomyError(`cannot read taxonomy ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TaxonomyError(`${path} is not valid JSON: ${(err as Error).message}`, path);
  }
  return parseTaxonomy(json, path);
}

/** `concepts[3] ("tillid").prefLabel` rather than `concepts.3.prefLabel`: the id says which concept. */
function describePath(json: unknown, path: PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  let out = "";
  let node: unknown = json;
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number" && node && typeof node === "object" && typeof (node as { id?: unknown }).id === "string") {
      out += ` ("${(node as { id: string }).id}")`;
    }
  }
  return out;
}
