// The slidecorpus command line: a thin layer over the library. Exit codes: 0 success,
// 1 some documents failed (or the one document of `extract`), 2 misuse.
import { DocumentError } from "../extractors/types.ts";
import { PIPELINE_VERSION } from "../pipeline/version.ts";
import { UsageError, helpText, parse, type Command } from "./command.ts";
import { exportCommand } from "./commands/export.ts";
import { extractCommand } from "./commands/extract.ts";
import { ingestCommand } from "./commands/ingest.ts";
import { repairCommand } from "./commands/repair.ts";
import { searchCommand } from "./commands/search.ts";

export const commands: Command[] = [ingestCommand, extractCommand, repairCommand, searchCommand, exportCommand];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: slidecorpus <command> [options]",
    "",
    "Turn presentation decks (PDF, text) into a structured, searchable JSON corpus.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary.split(". ")[0]!.replace(/\.$/, "")}`),
    "",
    "Run `slidecorpus <command> --help` for a command's options.",
  ].join("\n") + "\n";
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`slidecorpus ${PIPELINE_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${commands.map((c) => c.name).join(", ")})`);
    const { values, positionals } = parse(command, rest);
    if (values.help === true) {
      process.stdout.write(helpText(command));
      return 0;
    }
    return await command.run(values, positionals);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`slidecorpus: ${err.message}\n`);
      return 2;
    }
    if (err instanceof DocumentError) {
      process.stderr.write(`slidecorpus: ${err.code}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
