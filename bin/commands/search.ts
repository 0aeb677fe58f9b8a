import { RecordKind } from "../../model/schema.ts";
import { search, SearchError, type SearchHit } from "../../corpus/search/query.ts";
import { UsageError, intOption, type Command } from "../command.ts";
import { printable } from "../terminal.ts";

export const searchCommand: Command = {
  name: "search",
  summary:
    "Search a corpus written by ingest. Words are matched across æ/ø/å spellings and inflections (faelles finds fælles, " +
    "styring finds styringen); results are ranked by bm25.",
  usage: 'slidecorpus search "<query>" --corpus <dir> [options]',
  help: [
    "-c, --corpus <dir>   the corpus folder (the --out of ingest)",
    '<query>              words (all must match), "a phrase", prefix*, a OR b, NOT word (or -word after --)',
    "--concept <id>       only records tagged with this concept or a narrower one (id or label; repeatable)",
    `--kind <kind>        only records of this kind (${RecordKind.options.join(", ")}; repeatable)`,
    "--deck <deck>        only this deck: id, source path, folder, or title (repeatable)",
    "--lang <code>        only records in this language, e.g. da or en (repeatable)",
    "--speaker <name>     only quotes by this person and records of decks given by them (e.g. Højberg; repeatable)",
    "--from <date>        only decks dated on or after this ISO date (2017, 2017-03, 2017-03-02)",
    "--to <date>          only decks dated on or before this ISO date",
    "-n, --limit <n>      at most n results (default 20)",
    "--json               print the hits as JSON (record, deck, score, snippet, highlight offsets)",
  ],
  options: {
    corpus: { type: "string", short: "c" },
    concept: { type: "string", multiple: true },
    kind: { type: "string", multiple: true },
    deck: { type: "string", multiple: true },
    lang: { type: "string", multiple: true },
    speaker: { type: "string", multiple: true },
    from: { type: "string" },
    to: { type: "string" },
    limit: { type: "string", short: "n" },
    json: { type: "boolean" },
  },
  async run(values, positionals) {
    if (typeof values.corpus !== "string") throw new UsageError("search needs --corpus <dir> (the --out folder of ingest)");
    const strings = (v: unknown) => (Array.isArray(v) ? (v as string[]) : undefined);
    const kinds = strings(values.kind);
    for (const k of kinds ?? []) {
      if (!RecordKind.safeParse(k).success) throw new UsageError(`--kind must be one of ${RecordKind.options.join(", ")}, got "${k}"`);
    }
    const json = values.json === true;
    const tty = process.stdout.isTTY === true && !json;
    let hits: SearchHit[];
    try {
      hits = await search(positionals.join(" "), {
        corpus: values.corpus,
        limit: intOption(values.limit, "limit") ?? 20,
        concept: strings(values.concept),
        kind: kinds as RecordKind[] | undefined,
        deck: strings(values.deck),
        lang: strings(values.lang),
        speaker: strings(values.speaker),
        ...(typeof values.from === "string" ? { from: values.from } : {}),
        ...(typeof values.to === "string" ? { to: values.to } : {}),
        mark: tty ? ["\x1b[1;33m", "\x1b[0m"] : ["**", "**"],
        onFallback: (reason) => process.stderr.write(`slidecorpus: ${reason} (slower; the next ingest rebuilds the index)\n`),
      });
    } catch (err) {
      if (err instanceof SearchError) throw new UsageError(err.message);
      throw err;
    }
    if (json) {
      process.stdout.write(JSON.stringify(hits, null, 2) + "\n");
      return 0;
    }
    if (hits.length === 0) process.stderr.write("slidecorpus: no matching records\n");
    const marks = tty ? ["\x1b[1;33m", "\x1b[0m"] : [];
    process.stdout.write(hits.map((h, i) => formatHit(h, i + 1, marks)).join(""));
    return 0;
  },
};

/**
 * `1. Deck title · slide 4 · bullet · source.txt` and the snippet indented below, a quote's attribution under it
 * after one dash (the attribution line's own dash, if it has one, left off).
 */
export function formatHit(hit: SearchHit, n: number, marks: string[] = []): string {
  const { record, deck } = hit;
  // a corpus written before control characters were removed (or edited by hand) is printed escaped
  const head = printable([deck.title ?? deck.source, `slide ${record.slide}`, record.kind, ...(deck.title ? [deck.source] : [])].join(" · "));
  const said = record.attribution ? `\n   — ${printable(record.attribution.text.replace(/^[—–~-]+\s*/u, ""))}` : "";
  return `${n}. ${head}\n   ${printable(hit.snippet, marks)}${said}\n`;
}
