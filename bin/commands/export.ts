import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { AtomicFileWriter } from "../../corpus/store/atomic.ts";
import { exportCorpus, ExportError, openSearchMapping, type ExportFormat } from "../../corpus/export/export.ts";
import { UsageError, type Command } from "../command.ts";

export const exportCommand: Command = {
  name: "export",
  summary:
    "Export a corpus for OpenSearch/Elasticsearch or spreadsheets. opensearch: bulk NDJSON with an index mapping " +
    "(Danish analyzer); csv: RFC 4180 with a BOM for Excel.",
  usage: "slidecorpus export --corpus <dir> --format opensearch|csv [--out <file>]",
  help: [
    "-c, --corpus <dir>   the corpus folder (the --out of ingest)",
    "-f, --format <fmt>   opensearch (bulk NDJSON) or csv",
    "-o, --out <file>     write here instead of stdout; opensearch also writes the mapping beside it",
    "--mapping <file>     opensearch: where to write the index mapping (default: <out> with .mapping.json)",
    "--index <name>       opensearch: the index the bulk actions target (default slidecorpus)",
    "--no-bom             csv: no UTF-8 byte order mark (it is there by default so Excel reads æ/ø/å)",
    "--no-formula-guard   csv: keep cells starting with = + - @ as they are (default: prefixed with ')",
  ],
  options: {
    corpus: { type: "string", short: "c" },
    format: { type: "string", short: "f" },
    out: { type: "string", short: "o" },
    mapping: { type: "string" },
    index: { type: "string" },
    "no-bom": { type: "boolean" },
    "no-formula-guard": { type: "boolean" },
  },
  async run(values) {
    if (typeof values.corpus !== "string") throw new UsageError("export needs --corpus <dir> (the --out folder of ingest)");
    const format = values.format;
    if (format !== "opensearch" && format !== "csv") throw new UsageError(`--format must be opensearch or csv, got "${format ?? ""}"`);
    if (format === "csv" && typeof values.mapping === "string") throw new UsageError("--mapping is for --format opensearch (a CSV has no index mapping)");
    const out = typeof values.out === "string" ? values.out : undefined;
    const index = typeof values.index === "string" ? values.index : "slidecorpus";
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(index)) throw new UsageError(`--index must be a lower-case index name, got "${index}"`);
    const chunks = exportCorpus(values.corpus, format as ExportFormat, {
      index,
      bom: values["no-bom"] !== true,
      formulaGuard: values["no-formula-guard"] !== true,
    });
    try {
      if (out) await writeFileAtomic(out, chunks);
      else {
        // `export … | head` closes the pipe early: that is the reader's choice, not an error
        process.stdout.on("error", (err: NodeJS.ErrnoException) => {
          if (err.code === "EPIPE") process.exit(0);
          throw err;
        });
        await pipeTo(process.stdout, chunks);
      }
    } catch (err) {
      if (err instanceof ExportError) throw new UsageError(err.message);
      throw err;
    }
    const mapping = typeof values.mapping === "string" ? values.mapping : out && format === "opensearch" ? out.replace(/\.(nd)?json$/, "") + ".mapping.json" : undefined;
    if (format === "opensearch" && mapping) await writeFile(mapping, JSON.stringify(openSearchMapping(), null, 2) + "\n");
    return 0;
  },
};

async function pipeTo(stream: Writable, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) if (!stream.write(chunk)) await once(stream, "drain");
}

/** Streams into a temporary file and renames it, so a failed export leaves no half file behind. */
async function writeFileAtomic(path: string, chunks: AsyncIterable<string>): Promise<void> {
  // opened first, so a folder that does not exist is an error here
  const file = await AtomicFileWriter.open(path);
  try {
    for await (const chunk of chunks) await file.write(chunk);
  } catch (err) {
    await file.abort();
    throw err;
  }
  await file.commit();
}
