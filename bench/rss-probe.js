// Loaded with `node --import` by the benchmarks: prints the process's peak resident set size and its CPU time
// (all its threads, OCR workers included) to stderr when it exits, for the parent to read.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\npeak-rss-mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\ncpu-s=${((user + system) / 1e6).toFixed(2)}\n`);
});
