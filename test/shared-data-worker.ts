// A worker thread for test/shared-data.test.ts: linked to the test's SharedDataServer, it answers the language
// lookups it is sent with the main thread's shared copy of the data (no file of its own is read).
import { parentPort, workerData } from "node:worker_threads";
import { useSharedData, type SharedDataLink } from "../language/shared-data.ts";
import { answers, type Lookup } from "./shared-data-lookups.ts";

const link = (workerData as { languageData?: SharedDataLink } | null)?.languageData;
if (link) useSharedData(link);

parentPort!.on("message", ({ kind, words }: { kind: Lookup; words: string[] }) => {
  parentPort!.postMessage(answers(kind, words));
});
