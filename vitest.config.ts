import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects, both run by `npm test`:
// - unit: in-process tests of the TypeScript source (`npm run test:unit`, the fast loop);
// - e2e: the CLI spawned from source (bin/cli.ts), kill -9 crash tests, OCR.
const e2e = [
  "test/adversarial-batch.test.ts",
  "test/batch.test.ts",
  "test/cli.test.ts",
  "test/compile-cache.test.ts",
  "test/crash.test.ts",
  "test/export.test.ts",
  "test/ingest-concepts.test.ts",
  "test/integrity.test.ts",
  "test/pdf-cli.test.ts",
  "test/pdf-ocr.test.ts",
  "test/ocr-shared-pool.test.ts",
  "test/markdown-cli.test.ts",
  "test/pptx-cli.test.ts",
  "test/process-crash.test.ts",
  "test/lock-race.test.ts",
  "test/queue.test.ts",
  "test/queue-timing.test.ts",
  "test/search.test.ts",
  "test/search-incremental.test.ts",
  "test/serve-browser.test.ts",
  "test/thumbnails.test.ts",
];

export default defineConfig({
  test: {
    // Four files at once on two cores: the e2e files spend most of their time waiting on the processes, servers
    // and timers they start (a killed ingest, Redis, Chromium, a stale lock), so their waits overlap the work of
    // the others. Measured on this 2-core machine: the whole suite 244 s with the default (2), 153-155 s with 4.
    // Then with ingest() in process wherever the process is not what is tested, and shorter waits in lock-race
    // and queue: 424 s against 1076 s for the version before, back to back on the shared machine at load 30-36
    // (not measured unloaded; the unit project alone 107-128 s against 171 s at load 24-30).
    maxWorkers: 4,
    // The CLIs, workers and worker threads the tests start keep Node's compiled code in a cache beside the
    // dependencies (keyed by file content, so never stale): each of the ~80 starts then skips most of compiling
    // (and type-stripping) the source again. A cache the launcher would not use (bin/slidecorpus.js) is fine here.
    env: { NODE_COMPILE_CACHE: fileURLToPath(new URL("node_modules/.cache/slidecorpus-tests/compile-cache", import.meta.url)) },
    testTimeout: 180_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: e2e } },
      { extends: true, test: { name: "e2e", include: e2e } },
    ],
  },
});
