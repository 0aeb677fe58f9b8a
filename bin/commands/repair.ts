import { readFile } from "node:fs/promises";
import { text as readStream } from "node:stream/consumers";
import { normalizeText } from "../../normalizers/index.ts";
import { UsageError, type Command } from "../command.ts";

export const repairCommand: Command = {
  name: "repair",
  summary: "Read text (a file, or stdin) and print it normalized: Unicode clean-up and Danish æ/ø/å repair. Only words change; line breaks and form feeds are kept.",
  usage: "slidecorpus repair [file] [--json]",
  help: ["--json               print { text, changes: [{ from, to, offset, rule, confidence, reason }] }"],
  options: { json: { type: "boolean" } },
  async run(values, positionals) {
    if (positionals.length > 1) throw new UsageError("repair takes at most one file");
    const input = positionals[0] ? await readFile(positionals[0], "utf8") : await readStream(process.stdin);
    const result = normalizeText(input);
    process.stdout.write(values.json === true ? JSON.stringify(result, null, 2) + "\n" : result.text);
    return 0;
  },
};
