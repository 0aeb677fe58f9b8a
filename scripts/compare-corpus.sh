#!/usr/bin/env bash
# Diffs the corpus this working tree writes for fixtures/ (both seed decks, the PDFs, the Danish OCR dev set)
# against the corpus a git revision writes (default: HEAD), to show a refactor leaves records byte-identical.
# usage: scripts/compare-corpus.sh [rev]      exit 0 when identical, 1 when the corpus differs
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-HEAD}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/old" "$rev" >/dev/null 2>&1
ln -s "$PWD/node_modules" "$work/old/node_modules"
inputs=(fixtures/text fixtures/pdf fixtures/danish-ocr)
run() { # <checkout> <out>: builds the checkout's dist/ and ingests the fixtures with it (exit 1 = some error records)
  (cd "$1" && npx tsc -p tsconfig.json && node bin/slidecorpus.js ingest "${inputs[@]}" --out "$2" --jobs 2 --quiet) || [ $? -eq 1 ]
}
run "$work/old" "$work/old-out"
run "$PWD" "$work/new-out"
status=0
for f in records.jsonl decks.jsonl errors.jsonl; do
  if cmp -s "$work/old-out/$f" "$work/new-out/$f"; then echo "same      $f ($(wc -l <"$work/new-out/$f") lines)"
  else echo "DIFFERENT $f"; diff <(head -c 2000000 "$work/old-out/$f") <(head -c 2000000 "$work/new-out/$f") | head -20 || true; status=1; fi
done
exit $status
