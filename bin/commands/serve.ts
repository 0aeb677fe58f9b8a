import { SearchError } from "../../corpus/search/query.ts";
import { serve } from "../../web/server.ts";
import { UsageError, intOption, type Command } from "../command.ts";

export const serveCommand: Command = {
  name: "serve",
  summary:
    "Serve a corpus in a browser: search with facets, decks slide by slide with their repairs, people and concepts, " +
    "and a JSON API under /api/. Read-only; listens on loopback unless --host says otherwise.",
  usage: "slidecorpus serve --corpus <dir> [--port 8080] [--host 127.0.0.1]",
  help: [
    "-c, --corpus <dir>   the corpus folder (the --out of ingest)",
    "-p, --port <n>       port to listen on (default 8080; 0 picks a free one)",
    "--host <address>     address to listen on (default 127.0.0.1: this machine only)",
  ],
  options: {
    corpus: { type: "string", short: "c" },
    port: { type: "string", short: "p" },
    host: { type: "string" },
  },
  async run(values) {
    if (typeof values.corpus !== "string") throw new UsageError("serve needs --corpus <dir> (the --out folder of ingest)");
    const port = intOption(values.port, "port", 0) ?? 8080;
    if (port > 65535) throw new UsageError(`--port must be at most 65535, got "${values.port}"`);
    let running;
    try {
      running = await serve({ corpus: values.corpus, port, ...(typeof values.host === "string" ? { host: values.host } : {}) });
    } catch (err) {
      if (err instanceof SearchError) throw new UsageError(err.message);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${values.host ?? "127.0.0.1"}:${port}: ${code}`);
      throw err;
    }
    process.stdout.write(`slidecorpus: serving ${values.corpus} at ${running.url} (Ctrl-C to stop)\n`);
    const signal = await new Promise<NodeJS.Signals>((ok) => {
      process.once("SIGINT", ok);
      process.once("SIGTERM", ok);
    });
    await running.close();
    process.stderr.write(`slidecorpus: stopped (${signal})\n`);
    return 0;
  },
};
