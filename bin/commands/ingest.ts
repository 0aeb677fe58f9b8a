import { createTagger } from "../../corpus/tag.ts";
import { loadTaxonomy, TaxonomyError } from "../../corpus/taxonomy.ts";
import { ingest } from "../../pipeline/ingest.ts";
import { UsageError, intOption, type Command } from "../command.ts";
import { extractOptions, extractOptionDefs, extractHelp } from "./shared.ts";

export const ingestCommand: Command = {
  name: "ingest",
  summary: "Find decks under the given files and folders (recursively), run the pipeline, and write the corpus to --out.",
  usage: "slidecorpus ingest <file|dir>... --out <dir> [options]",
  help: [
    "-o, --out <dir>      output folder (created if missing)",
    "-j, --jobs <n>       documents processed at once (default: number of cores)",
    ...extractHelp,
    "--concepts <file>    tag records with this taxonomy (JSON, see README \"Concepts\") instead of the default",
    "--no-repair          keep Unicode clean-up, skip the Danish æ/ø/å repair",
    "-q, --quiet          no progress output",
  ],
  options: {
    out: { type: "string", short: "o" },
    jobs: { type: "string", short: "j" },
    concepts: { type: "string" },
    "no-repair": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    ...extractOptionDefs,
  },
  async run(values, positionals) {
    if (positionals.length === 0) throw new UsageError("ingest needs at least one input file or folder");
    if (typeof values.out !== "string") throw new UsageError("ingest needs --out <dir>");
    const tagger = typeof values.concepts === "string" ? taggerFor(values.concepts) : undefined;
    const quiet = values.quiet === true;
    const tty = process.stderr.isTTY === true;
    const summary = await ingest(positionals, {
      out: values.out,
      jobs: intOption(values.jobs, "jobs"),
      extract: extractOptions(values),
      normalize: { repair: values["no-repair"] !== true },
      ...(tagger ? { tagger } : {}),
      onProgress: (e) => {
        if (quiet || e.type !== "document") return;
        const line = `[${e.done}/${e.total}] ${e.ok ? "ok" : `FAILED (${e.error?.code}: ${e.error?.message})`} ${e.source}`;
        if (tty && e.ok) process.stderr.write(`\r\x1b[K${line}`);
        else process.stderr.write(`${tty ? "\r\x1b[K" : ""}${line}\n`);
      },
    });
    if (!quiet) {
      if (tty) process.stderr.write("\r\x1b[K");
      process.stderr.write(
        `slidecorpus: ${summary.processed} decks, ${summary.slides} slides, ${summary.records} records, ` +
          `${summary.repairs} repairs, ${summary.failed} failed, in ${(summary.ms / 1000).toFixed(1)} s → ${values.out}\n`,
      );
    }
    return summary.failed > 0 ? 1 : 0;
  },
};

/** A tagger for the user's taxonomy; a broken taxonomy is misuse (exit 2), reported before any work starts. */
function taggerFor(path: string) {
  try {
    return createTagger(loadTaxonomy(path));
  } catch (err) {
    if (err instanceof TaxonomyError) throw new UsageError(err.message);
    throw err;
  }
}
