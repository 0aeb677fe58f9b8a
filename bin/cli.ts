// The slidecorpus command line: a thin layer over the library. Exit codes: 0 success,
// 1 some documents failed (or the one document of `extract`), 2 misuse.
//
// Each command's module (and what it imports: the pipeline, zod, the stemmers, SQLite, pdf.js…) is loaded only
// when that command runs, so a command pays only for its own start-up: a nightly ingest that finds nothing
// changed is start-up bound.
import { resolve } from "node:path";
import { DocumentError } from "../extractors/types.ts";
import { UsageError, helpText, parse, type Command } from "./command.ts";

/** The commands, in the order of the main help, each loaded on demand. */
const commandLoaders: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import("./commands/ingest.ts")).ingestCommand,
  extract: async () => (await import("./commands/extract.ts")).extractCommand,
  repair: async () => (await import("./commands/repair.ts")).repairCommand,
  search: async () => (await import("./commands/search.ts")).searchCommand,
  export: async () => (await import("./commands/export.ts")).exportCommand,
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  worker: async () => (await import("./commands/worker.ts")).workerCommand,
};

/** Every command (loads them all: for the main help). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}

function mainHelp(commands: Command[]): string {
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
    process.stdout.write(mainHelp(await loadCommands()));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    const { PIPELINE_VERSION } = await import("../pipeline/version.ts");
    process.stdout.write(`slidecorpus ${PIPELINE_VERSION}\n`);
    return 0;
  }
  try {
    const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commandLoaders).join(", ")})`);
    const command = await load();
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
    // A file or folder named on the command line that cannot be read or written: the system's one-line reason,
    // as misuse. Any other system error (a full disk, too many open files) keeps its stack trace.
    if (isSystemError(err) && namedOnCommandLine(err.path, rest)) {
      process.stderr.write(`slidecorpus: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** Whether `path` is, or is inside or beside-with-a-suffix, a path given as an argument. */
function namedOnCommandLine(path: string | undefined, args: string[]): boolean {
  if (!path) return false;
  const full = resolve(path);
  return args.some((a) => a !== "" && !a.startsWith("-") && full.startsWith(resolve(a)));
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === "string" && typeof (err as NodeJS.ErrnoException).code === "string";
}

process.exitCode = await main(process.argv.slice(2));
