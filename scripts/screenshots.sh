#!/bin/sh
# The README's screenshots of `slidecorpus serve` (docs/serve-search.png, docs/serve-deck.png): taken by the browser
# test in Debian's headless Chromium, on its corpus of the fixtures, with thumbnails.
set -e
cd "$(dirname "$0")/.."
SLIDECORPUS_SCREENSHOTS=docs npx vitest run --project e2e test/serve-browser.test.ts -t "thumbnails"
ls -l docs/serve-search.png docs/serve-deck.png
