// Presentation formats slidecorpus does not read, named so that a folder of them is reported with how to
// convert each, not skipped in silence.
import type { Extractor } from "./types.ts";
import { DocumentError } from "./types.ts";
import { isEncryptedOoxml } from "./archive/sniff.ts";
import { LEGACY_PPT } from "./pptx/index.ts";

export const legacyExtractor: Extractor = {
  format: "pptx",
  extensions: [".ppt", ".pps", ".pot", ".key"],
  async extract(bytes, path) {
    if (isEncryptedOoxml(bytes)) throw new DocumentError("encrypted", "the presentation is password-protected (an encrypted OOXML package); save it without a password to read it");
    if (path.toLowerCase().endsWith(".key")) {
      throw new DocumentError("unsupported", "a Keynote file (.key), which slidecorpus does not read: in Keynote, File › Export To › PowerPoint (or PDF), then ingest that");
    }
    throw new DocumentError("unsupported", LEGACY_PPT);
  },
};
