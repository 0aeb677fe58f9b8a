// What a CLI command is: its name, help text, parseArgs options, and a run function returning the exit code.
import { parseArgs, type ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Option help lines, printed under "Options:". */
  help: string[];
  options: Options;
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>, positionals: string[]): Promise<number>;
}

/** Misuse of the CLI: printed as one line, exit code 2. */
export class UsageError extends Error {}

export function parse(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
}

export function helpText(command: Command): string {
  return [`Usage: ${command.usage}`, "", command.summary, "", "Options:", ...command.help.map((h) => `  ${h}`), "  -h, --help  show this help"].join("\n") + "\n";
}

/** Reads an integer option, or throws a UsageError naming it. */
export function intOption(value: unknown, name: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}
