#!/usr/bin/env bash
# Compiles data/danish/bigrams.txt.gz from the Danish tesseract model the project already depends on
# (@tesseract.js-data/dan): its legacy "bigram-dawg" lists ~140,000 word pairs seen in real Danish text.
# The repair uses them as context evidence (`i år`, `gør en`) and, counting in how many pairs a word takes
# part, as an honest word-frequency proxy (på 3679, pa 4; år 329, ar 2; for 3103, før 147).
# Output: the pairs ("a b", lower case, sorted), an empty line, then "word count" lines (sorted); sorted by
# UTF-16 code units so the loader can bisect them as they are.
# Build time only; needs tesseract's combine_tessdata and dawg2wordlist (Debian: tesseract-ocr) and node.
# usage: scripts/build-bigrams.sh   (from the repository root)
set -euo pipefail
src=node_modules/@tesseract.js-data/dan/4.0.0/dan.traineddata.gz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat "$src" > "$tmp/dan.traineddata"
combine_tessdata -u "$tmp/dan.traineddata" "$tmp/dan." >/dev/null 2>&1
dawg2wordlist "$tmp/dan.unicharset" "$tmp/dan.bigram-dawg" "$tmp/bigrams.txt" >/dev/null 2>&1
node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
const word = /^[\p{L}][\p{L}\x27-]*$/u;
const pairs = new Set();
for (const line of readFileSync(process.argv[1], "utf8").split("\n")) {
  const parts = line.toLowerCase().split(" ");
  if (parts.length === 2 && parts.every((p) => word.test(p))) pairs.add(parts.join(" "));
}
const counts = new Map();
for (const p of pairs) for (const w of p.split(" ")) counts.set(w, (counts.get(w) ?? 0) + 1);
const sorted = (xs) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const words = sorted([...counts].map(([w, n]) => `${w} ${n}`));
writeFileSync(process.argv[2], gzipSync(sorted(pairs).join("\n") + "\n\n" + words.join("\n") + "\n", { level: 9 }));
console.log(`wrote ${process.argv[2]} (${pairs.size} pairs, ${words.length} words)`);
' "$tmp/bigrams.txt" data/danish/bigrams.txt.gz
