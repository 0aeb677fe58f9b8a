// One CLI process per deck: the CPU time and peak RSS of `slidecorpus extract <deck> --json --ocr never` (the
// built CLI, as a user runs it), against `pdftotext` and a bare `node -e 0` on the same files in the same run,
// interleaved round by round; medians. Start-up is most of what such a process costs (issue 20's target: under
// 0.3 CPU-s for a born-digital deck). The decks: fixtures/pdf/text-danish.pdf, and the PDFs of $REALDECKS/pdf
// that have a text layer (pdftotext finds words on most pages) when REALDECKS is set; REALDECKS_MATCH keeps the
// files whose name contains it, STARTUP_ROUNDS sets the rounds (default 3). Needs /usr/bin/time for the figures.
// The fixed cost (start-up, before and around the first page) apart from the cost of a page: each deck's first
// page alone (cut out with poppler's pdfseparate, same fonts) is extracted in the same rounds; its CPU is the
// start-up and one page, and (whole deck - first page) / (pages - 1) the cost of a further page.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bin", "slidecorpus.js");
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) {
  console.log("start-up: skipped (needs /usr/bin/time for a child's CPU time and peak RSS)");
  process.exit(0);
}
const hasPdftotext = !spawnSync("pdftotext", ["-v"], { stdio: "ignore" }).error;
const rounds = Number(process.env.STARTUP_ROUNDS ?? 3);

/** CPU-s (user + system) and peak RSS (MB) of one run of `cmd args`. */
function measure(cmd, args) {
  const r = spawnSync(TIME, ["-f", "@@%U %S %M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const m = /@@([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr.slice(-500)}`);
  return { cpu: Number(m[1]) + Number(m[2]), rss: Number(m[3]) / 1024, status: r.status };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const pagesOf = (file) => {
  const r = spawnSync("pdftotext", [file, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const pages = r.stdout.split("\f").slice(0, -1);
  return { pages: pages.length, withText: pages.filter((p) => /\p{L}{3,}/u.test(p)).length };
};

const decks = [join(root, "fixtures", "pdf", "text-danish.pdf")];
const folder = process.env.REALDECKS && join(process.env.REALDECKS, "pdf");
if (folder && existsSync(folder) && hasPdftotext) {
  const match = process.env.REALDECKS_MATCH ?? "";
  for (const f of readdirSync(folder).filter((f) => f.toLowerCase().endsWith(".pdf") && f.includes(match)).sort()) {
    const { pages, withText } = pagesOf(join(folder, f));
    if (pages > 0 && withText >= 0.8 * pages) decks.push(join(folder, f));
  }
} else console.log(`real decks: ${folder ? "skipped (no pdftotext, or no folder)" : "skipped (set REALDECKS)"}; the fixture only`);

// each deck's first page alone
const cut = mkdtempSync(join(tmpdir(), "startup-bench-"));
const hasSeparate = !spawnSync("pdfseparate", ["-v"], { stdio: "ignore" }).error;
const firstPage = new Map();
if (hasSeparate) {
  decks.forEach((deck, i) => {
    const one = join(cut, `first-${i}.pdf`);
    if (spawnSync("pdfseparate", ["-f", "1", "-l", "1", deck, one]).status === 0) firstPage.set(deck, one);
  });
} else console.log("first pages: skipped (no pdfseparate: apt-get install poppler-utils)");

const runs = new Map(decks.map((d) => [d, { ours: [], rss: [], ref: [], first: [] }]));
const bare = [];
for (let round = 0; round < rounds; round++) {
  bare.push(measure(process.execPath, ["-e", "0"]).cpu);
  for (const deck of decks) {
    const r = runs.get(deck);
    const ours = measure(process.execPath, [cli, "extract", deck, "--json", "--ocr", "never"]);
    if (ours.status !== 0) throw new Error(`extract ${deck} exited ${ours.status}`);
    r.ours.push(ours.cpu);
    r.rss.push(ours.rss);
    if (firstPage.has(deck)) r.first.push(measure(process.execPath, [cli, "extract", firstPage.get(deck), "--json", "--ocr", "never"]).cpu);
    if (hasPdftotext) r.ref.push(measure("pdftotext", [deck, "/dev/null"]).cpu);
  }
}

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}; ${rounds} rounds; bare node -e 0: ${median(bare).toFixed(2)} CPU-s`);
console.log("deck".padEnd(48), "pages", "CPU-s".padStart(6), "RSS MB".padStart(7), "pdftotext".padStart(10), "ratio".padStart(7), "page 1".padStart(7), "a page".padStart(7));
const all = [], firsts = [], perPage = [];
for (const deck of decks) {
  const r = runs.get(deck);
  const cpu = median(r.ours);
  all.push(cpu);
  const ref = hasPdftotext ? median(r.ref) : undefined;
  const pages = hasPdftotext ? pagesOf(deck).pages : undefined;
  const first = r.first.length ? median(r.first) : undefined;
  const page = first !== undefined && pages > 1 ? (cpu - first) / (pages - 1) : undefined;
  if (first !== undefined) firsts.push(first);
  if (page !== undefined) perPage.push(page);
  console.log(deck.split("/").pop().slice(0, 48).padEnd(48), String(pages ?? "?").padStart(5), cpu.toFixed(2).padStart(6), median(r.rss).toFixed(0).padStart(7),
    ref === undefined ? "-".padStart(10) : ref.toFixed(2).padStart(10), ref ? `${(ref / cpu).toFixed(3)}x`.padStart(7) : "-".padStart(7),
    first === undefined ? "-".padStart(7) : first.toFixed(2).padStart(7), page === undefined ? "-".padStart(7) : page.toFixed(3).padStart(7));
}
console.log(`median over decks: ${median(all).toFixed(2)} CPU-s per extract`);
if (firsts.length) console.log(`fixed cost (the first page alone: start-up and one page), median over decks: ${median(firsts).toFixed(2)} CPU-s (target < 0.3); a further page: ${perPage.length ? median(perPage).toFixed(3) : "-"} CPU-s`);
rmSync(cut, { recursive: true, force: true });
