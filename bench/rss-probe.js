// Loaded with `node --import` by the benchmarks: prints the process's peak resident set size (all its threads,
// OCR workers included) to stderr when it exits, for the parent to read.
process.on("exit", () => process.stderr.write(`\npeak-rss-mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`));
