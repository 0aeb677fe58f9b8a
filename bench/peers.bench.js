// slidecorpus against the tools its peers are built on, on the same files in the same run, interleaved (each
// round runs every tool once, in a rotating order), medians of the rounds. Ratios are slidecorpus's speed ÷ the
// peer's (above 1: slidecorpus is faster). Every peer is optional: one that is not installed is skipped, saying
// so. The peers (Debian packages): pdftotext (poppler-utils), PyMuPDF (python3-fitz, for /usr/bin/python3),
// PDFBox 2 (libpdfbox2-java, with a JDK to run a one-file Java program) and the tesseract CLI (tesseract-ocr,
// tesseract-ocr-dan).
//   1. Warm text-layer extraction: pages/s of one process reading every deck's text layer again and again (after
//      warm-up passes), OCR off. Targets: >= 1x PDFBox, >= 0.3x PyMuPDF.
//   2. One CLI process per deck: pages/s, CPU-s and peak RSS of `slidecorpus extract` against `pdftotext`,
//      PyMuPDF and PDFBox started once per deck. Target: a born-digital extract under 0.3 CPU-s.
//   3. OCR: CPU-s per page of slidecorpus's OCR of picture-only pages against `tesseract -l dan` on the same
//      pixels (the pages rendered at 150 dpi, as PGM). Target: <= 1.2x tesseract's CPU.
// The decks: $REALDECKS/pdf when set (real decks), else the PDFs of fixtures/pdf; picture-only decks are made
// from bench/danish-slides.js. PEERS_ROUNDS (default 3), PEERS_PASSES (warm passes timed, default 3),
// PEERS_OCR_PAGES (default 4) set the sizes; PEERS_PARTS (default "123") the parts run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = Number(process.env.PEERS_ROUNDS ?? 3);
const PASSES = Number(process.env.PEERS_PASSES ?? 3);
const OCR_PAGES = Number(process.env.PEERS_OCR_PAGES ?? 4);
const dir = mkdtempSync(join(tmpdir(), "peers-bench-"));
const probe = join(root, "bench", "rss-probe.js");
const cli = join(root, "bin", "slidecorpus.js");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const PARTS = process.env.PEERS_PARTS ?? "123";

const realFolder = process.env.REALDECKS && join(process.env.REALDECKS, "pdf");
const folder = realFolder && existsSync(realFolder) ? realFolder : join(root, "fixtures", "pdf");
const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith(".pdf")).sort().map((f) => join(folder, f));

/** Runs a command under /usr/bin/time when there is one: wall seconds, CPU seconds, peak RSS (MB), stdout. */
const hasTime = existsSync("/usr/bin/time");
function timed(cmd, args, options = {}) {
  const t = performance.now();
  const r = hasTime
    ? spawnSync("/usr/bin/time", ["-f", "\n@@time %U %S %M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 28, ...options })
    : spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28, ...options });
  const wall = (performance.now() - t) / 1000;
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(" ")}… failed (${r.status}): ${r.error?.message ?? r.stderr.slice(-500)}`);
  const m = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rss: m ? Number(m[3]) / 1024 : NaN, stdout: r.stdout, stderr: r.stderr };
}

// ---- the peers, each found or skipped
const found = (cmd, args) => !spawnSync(cmd, args, { stdio: "ignore" }).error && spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
const python = "/usr/bin/python3";
const peers = {
  pdftotext: found("pdftotext", ["-v"]),
  pymupdf: existsSync(python) && found(python, ["-c", "import fitz"]),
  pdfbox: existsSync("/usr/share/java/pdfbox2.jar") && found("java", ["-version"]) && found("javac", ["-version"]),
  tesseract: found("tesseract", ["--version"]) && spawnSync("tesseract", ["--list-langs"], { encoding: "utf8" }).stdout?.includes("\ndan"),
};
const why = {
  pdftotext: "pdftotext not found (apt-get install poppler-utils)",
  pymupdf: "PyMuPDF not importable by /usr/bin/python3 (apt-get install python3-fitz)",
  pdfbox: "PDFBox 2 or a JDK not found (apt-get install libpdfbox2-java default-jdk-headless)",
  tesseract: "tesseract with Danish not found (apt-get install tesseract-ocr tesseract-ocr-dan)",
};
for (const [name, ok] of Object.entries(peers)) if (!ok) console.log(`peers: ${name} skipped: ${why[name]}`);

// Warm readers: each reads the files `passes + 1` times, the first pass untimed, and prints the pages and the
// median seconds of the timed passes. One process per tool per round.
const pyWarm = join(dir, "warm.py");
writeFileSync(pyWarm, `import sys, time, fitz
files, passes = sys.argv[2:], int(sys.argv[1])
def once():
    pages = 0
    for f in files:
        with fitz.open(f) as d:
            for p in d:
                p.get_text()
                pages += 1
    return pages
once()
times = []
for _ in range(passes):
    t = time.perf_counter(); pages = once(); times.append(time.perf_counter() - t)
print(pages, sorted(times)[len(times) // 2])
`);
const javaDir = join(dir, "java");
const javaWarm = join(javaDir, "Warm.java");
spawnSync("mkdir", ["-p", javaDir]);
writeFileSync(javaWarm, `import java.io.File;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
public class Warm {
  static int pages;
  static void once(String[] files) throws Exception {
    pages = 0;
    for (String f : files) try (PDDocument d = PDDocument.load(new File(f))) { new PDFTextStripper().getText(d); pages += d.getNumberOfPages(); }
  }
  public static void main(String[] a) throws Exception {
    int passes = Integer.parseInt(a[0]);
    String[] files = java.util.Arrays.copyOfRange(a, 1, a.length);
    once(files);
    double[] t = new double[passes];
    for (int i = 0; i < passes; i++) { long s = System.nanoTime(); once(files); t[i] = (System.nanoTime() - s) / 1e9; }
    java.util.Arrays.sort(t);
    System.out.println(pages + " " + (passes > 0 ? t[passes / 2] : 0));
  }
}
`);
const javaCp = ["/usr/share/java/pdfbox2.jar", "/usr/share/java/fontbox2.jar", "/usr/share/java/commons-logging.jar"].join(":");
let javaReady = false;
if (peers.pdfbox) {
  const r = spawnSync("javac", ["-cp", javaCp, "-d", javaDir, javaWarm], { encoding: "utf8" });
  javaReady = r.status === 0;
  if (!javaReady) {
    peers.pdfbox = false;
    console.log(`peers: pdfbox skipped: the Java reader did not compile: ${r.stderr.slice(0, 300)}`);
  }
}
const nodeWarm = join(dir, "warm.mjs");
writeFileSync(nodeWarm, `import { readFileSync } from "node:fs";
import { extractPdf } from ${JSON.stringify(join(root, "dist", "extractors", "pdf", "index.js"))};
const [passes, ...files] = process.argv.slice(2);
const bytes = files.map((f) => readFileSync(f));
async function once() {
  let pages = 0;
  for (const b of bytes) pages += (await extractPdf(new Uint8Array(b), { ocr: "never", pictureOcr: "never" })).pages.length;
  return pages;
}
await once();
const times = [];
let pages = 0;
for (let i = 0; i < Number(passes); i++) { const t = performance.now(); pages = await once(); times.push((performance.now() - t) / 1000); }
console.log(pages, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
`);
const warmTools = {
  slidecorpus: () => [process.execPath, [nodeWarm, String(PASSES), ...files]],
  ...(peers.pymupdf ? { pymupdf: () => [python, [pyWarm, String(PASSES), ...files]] } : {}),
  ...(peers.pdfbox ? { pdfbox: () => ["java", ["-cp", `${javaCp}:${javaDir}`, "Warm", String(PASSES), ...files]] } : {}),
};

if (PARTS.includes("1")) {
// ---- 1. warm text layer
const warm = Object.fromEntries(Object.keys(warmTools).map((k) => [k, []]));
const names = Object.keys(warmTools);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length];
    const [cmd, args] = warmTools[name]();
    const r = timed(cmd, args);
    const [pages, seconds] = r.stdout.trim().split(/\s+/).map(Number);
    warm[name].push({ pps: pages / seconds, rss: r.rss, pages });
  }
}
const pps = (name) => median(warm[name].map((r) => r.pps));
console.log(`\nwarm text-layer extraction, ${files.length} decks (${warm.slidecorpus[0].pages} pages) from ${folder}, ${ROUNDS} rounds x ${PASSES} passes, ${availableParallelism()} cores (load average ${loadavg()[0].toFixed(1)}):`);
for (const name of names) {
  const ratio = name === "slidecorpus" ? "" : `   slidecorpus/${name} = ${fmt(pps("slidecorpus") / pps(name))}x${name === "pdfbox" ? " (target >= 1)" : name === "pymupdf" ? " (target >= 0.3)" : ""}`;
  console.log(`  ${name.padEnd(12)} ${fmt(pps(name), 0).padStart(6)} pages/s, peak RSS ${fmt(Math.max(...warm[name].map((r) => r.rss)), 0)} MB${ratio}`);
}

}
if (PARTS.includes("2")) {
// ---- 2. one process per deck
const perDeck = {
  slidecorpus: (f) => [process.execPath, ["--import", probe, cli, "extract", f, "--ocr", "never", "--picture-ocr", "never"]],
  ...(peers.pdftotext ? { pdftotext: (f) => ["pdftotext", ["-layout", f, "-"]] } : {}),
  ...(peers.pymupdf ? { pymupdf: (f) => [python, ["-c", "import sys, fitz\nfor p in fitz.open(sys.argv[1]): p.get_text()", f]] } : {}),
  ...(peers.pdfbox ? { pdfbox: (f) => ["java", ["-cp", `${javaCp}:${javaDir}`, "Warm", "0", f]] } : {}),
};
const deckNames = Object.keys(perDeck);
const cold = Object.fromEntries(deckNames.map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < deckNames.length; i++) {
    const name = deckNames[(i + round) % deckNames.length];
    let wall = 0, cpu = 0, rss = 0;
    const cpus = [];
    for (const f of files) {
      const [cmd, args] = perDeck[name](f);
      const r = timed(cmd, args);
      // the probe's own figure for node (all threads); /usr/bin/time's otherwise
      const own = Number(/cpu-s=([\d.]+)/.exec(r.stderr)?.[1]);
      wall += r.wall;
      cpu += r.cpu;
      cpus.push(Number.isFinite(own) ? own : r.cpu);
      rss = Math.max(rss, r.rss);
    }
    cold[name].push({ wall, cpu, rss, medianCpu: median(cpus) });
  }
}
let deckPages = 0;
for (const f of files) {
  const doc = await (await import("../dist/extractors/pdf/open.js")).openPdf(new Uint8Array(readFileSync(f)));
  deckPages += doc.numPages;
  await doc.destroy();
}
console.log(`\none process per deck (${files.length} decks, ${deckPages} pages; OCR off), medians of ${ROUNDS} rounds (load average ${loadavg()[0].toFixed(1)}):`);
const coldPps = (name) => deckPages / median(cold[name].map((r) => r.wall));
for (const name of deckNames) {
  const s = cold[name];
  const ratio = name === "slidecorpus" ? "" : `   slidecorpus/${name} = ${fmt(coldPps("slidecorpus") / coldPps(name))}x`;
  console.log(`  ${name.padEnd(12)} ${fmt(coldPps(name), 1).padStart(6)} pages/s, ${fmt(median(s.map((r) => r.cpu)) / files.length)} CPU-s per deck (median deck ${fmt(median(s.map((r) => r.medianCpu)))}), peak RSS ${fmt(Math.max(...s.map((r) => r.rss)), 0)} MB${ratio}`);
}
console.log(`  target: a born-digital slidecorpus extract under 0.3 CPU-s (median deck above)`);

}
if (PARTS.includes("3")) {
// ---- 3. OCR on the same pixels
if (!peers.tesseract) {
  console.log("\nOCR: skipped (no tesseract CLI with Danish to compare with)");
} else {
  const { openPdf } = await import("../dist/extractors/pdf/open.js");
  const { pagePicture, picturePdf } = await import("./picture-pages.js");
  const { pdfBytes } = await import("../fixtures/pdf-writer.mjs");
  const { slide } = await import("./danish-slides.js");
  const source = await openPdf(new Uint8Array(pdfBytes(Array.from({ length: OCR_PAGES }, (_, i) => slide(i)))));
  const pictures = [];
  const images = [];
  for (let i = 0; i < OCR_PAGES; i++) {
    const { picture, pgm } = await pagePicture(source, i + 1);
    pictures.push(picture);
    const file = join(dir, `page-${i}.pgm`);
    writeFileSync(file, pgm);
    images.push(file);
  }
  await source.destroy();
  const deck = join(dir, "pictures.pdf");
  writeFileSync(deck, picturePdf(pictures));
  // slidecorpus warm: the deck read twice in one process with one OCR worker; the second read's CPU (all threads)
  const nodeOcr = join(dir, "ocr.mjs");
  writeFileSync(nodeOcr, `import { readFileSync } from "node:fs";
import { extractPdf, shutdownOcr } from ${JSON.stringify(join(root, "dist", "extractors", "pdf", "index.js"))};
const bytes = readFileSync(process.argv[2]);
await extractPdf(new Uint8Array(bytes), { ocrWorkers: 1, lang: "dan" });
const c = process.cpuUsage();
const doc = await extractPdf(new Uint8Array(bytes), { ocrWorkers: 1, lang: "dan" });
const d = process.cpuUsage(c);
await shutdownOcr();
console.log(doc.pages.filter((p) => p.method === "ocr").length, (d.user + d.system) / 1e6);
`);
  const ocr = { slidecorpus: [], tesseract: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ["tesseract", "slidecorpus"] : ["slidecorpus", "tesseract"];
    for (const name of order) {
      if (name === "slidecorpus") {
        const r = timed(process.execPath, [nodeOcr, deck]);
        const [pages, cpu] = r.stdout.trim().split(/\s+/).map(Number);
        ocr.slidecorpus.push(cpu / pages);
      } else {
        let cpu = 0;
        for (const img of images) cpu += timed("tesseract", [img, "-", "-l", "dan", "--dpi", "150"], { env: { ...process.env, OMP_THREAD_LIMIT: "1" } }).cpu;
        ocr.tesseract.push(cpu / images.length);
      }
    }
  }
  const ours = median(ocr.slidecorpus), theirs = median(ocr.tesseract);
  console.log(`\nOCR of ${OCR_PAGES} picture-only pages at 150 dpi, one worker, lang dan, medians of ${ROUNDS} rounds (load average ${loadavg()[0].toFixed(1)}):`);
  console.log(`  slidecorpus (warm, render + OCR) ${fmt(ours)} CPU-s/page; tesseract -l dan (one process per page, OMP_THREAD_LIMIT=1) ${fmt(theirs)} CPU-s/page`);
  console.log(`  slidecorpus/tesseract CPU = ${fmt(ours / theirs)}x (target <= 1.2)`);
}
}
console.log("\n(--jobs 2 against --jobs 1 and ingest's peak RSS: bench/jobs-ocr.bench.js and bench/pdf-realdecks.bench.js)");
rmSync(dir, { recursive: true, force: true });
