// The first step of an ingest: from the inputs found and the manifest of the corpus, what to do with each file
// (skip it, read it and maybe skip it after all, or say it cannot be read) and which decks to remove.
// `planRun` is a pure function; `statInputs` is the I/O it needs.
import { stat } from "node:fs/promises";
import type { ManifestEntry } from "../corpus/store/manifest.ts";
import { extractorFor } from "../extractors/registry.ts";
import { sha256 } from "../model/ids.ts";
import type { ErrorRecord } from "../model/schema.ts";
import { ioPath, type InputFile } from "./discover.ts";
import type { DocumentSettings } from "./runner.ts";
import { PIPELINE_VERSION } from "./version.ts";

/** What the corpus knows of a source. */
export type KnownDeck = Pick<ManifestEntry, "ok" | "pipelineVersion" | "sha256" | "size" | "mtimeMs">;

/** A file's size and modification time, or why they could not be read. */
export type FileState = { size: number; mtimeMs: number } | { unreadable: string };

export type Step =
  /** Unchanged (same size and modification time) and current: its records, or its error, stay. */
  | { action: "skip"; file: InputFile }
  | { action: "unreadable"; file: InputFile; error: ErrorRecord }
  /**
   * Read it and process it, stamped with `version`; unless its content hashes to `unlessSha256` (a touched but
   * unchanged file), then it is skipped after all.
   */
  | { action: "read"; file: InputFile; version: string; size: number; mtimeMs: number; unlessSha256?: string };

export interface Plan {
  steps: Step[];
  /** Sources in the corpus whose file is gone: their decks are removed once the run is done. */
  remove: string[];
  /**
   * Why the run must not go on: it would remove more than half of the corpus (or all of it, when the inputs hold no
   * supported file: an unmounted or emptied folder), and `allowMassDelete` was not given. Nothing is changed then.
   */
  refused?: string;
}

/** A run refused before it changed anything, because it would remove most of the corpus (Plan.refused). */
export class MassDeleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MassDeleteError";
  }
}

export interface PlanInput {
  files: InputFile[];
  /** Each file's state, in the order of `files`. */
  states: FileState[];
  /** Errors of discovery: an unreadable folder means its decks are not removed. */
  discoveryErrors: ErrorRecord[];
  known: (source: string) => KnownDeck | undefined;
  /** The sources the corpus holds. */
  stored: Iterable<string>;
  /**
   * Whether a source's committed deck has its thumbnails. When this run asks for thumbnails, a current deck of a
   * format that makes them but committed without them (by a run without them) is processed again, which gives the
   * same records and the thumbnails.
   */
  hasThumbnails?: (source: string) => boolean;
}

export interface PlanOptions {
  settings: DocumentSettings;
  /** Process every file, even unchanged ones. */
  force?: boolean | undefined;
  /** Hash every file instead of trusting an unchanged size and modification time. */
  checksum?: boolean | undefined;
  /** Keep the decks whose source file is gone. */
  keepDeleted?: boolean | undefined;
  /** Remove the decks whose file is gone even when they are more than half of the corpus. */
  allowMassDelete?: boolean | undefined;
  /** Process again every document that failed before, even unchanged. */
  retryFailed?: boolean | undefined;
}

export function planRun(input: PlanInput, options: PlanOptions): Plan {
  const versionOf = outputVersions(options.settings);
  const extract = options.settings.extract ?? {};
  const steps = input.files.map((file, i): Step => {
    const state = input.states[i]!;
    if ("unreadable" in state) {
      const message = `cannot read ${file.source}: ${state.unreadable}`;
      return { action: "unreadable", file, error: { source: file.source, stage: "read", code: "unreadable", message } };
    }
    const known = input.known(file.source);
    const version = versionOf(file.source);
    const extractor = extractorFor(file.source);
    // A failed document is tried again, unchanged, when asked or when the settings may now let it succeed (a PDF's password).
    const retry = known && !known.ok && (options.retryFailed === true || extractor?.retryFailed?.(extract) === true);
    const lacksThumbnails = extract.thumbnails === true && known?.ok === true && extractor?.thumbnails === true && input.hasThumbnails?.(file.source) === false;
    const current = known && known.pipelineVersion === version && !options.force && !retry && !lacksThumbnails;
    if (current && !options.checksum && known.size === state.size && known.mtimeMs === state.mtimeMs) return { action: "skip", file };
    return { action: "read", file, version, size: state.size, mtimeMs: state.mtimeMs, ...(current ? { unlessSha256: known.sha256 } : {}) };
  });
  // Discovery gives each source once (a second file with the same source is a `duplicate_source` error).
  const seen = new Set(input.files.map((f) => f.source));
  // A folder that could not be read is not a folder whose decks were deleted: remove nothing then.
  const unreadableRoot = input.discoveryErrors.some((e) => e.stage === "discover" && e.code === "unreadable");
  const stored = [...input.stored];
  const remove = options.keepDeleted || unreadableRoot ? [] : stored.filter((s) => !seen.has(s));
  if (remove.length && !options.allowMassDelete && (input.files.length === 0 || remove.length * 2 > stored.length)) {
    const why = input.files.length === 0
      ? "the inputs hold no supported file (an unmounted or emptied folder?)"
      : "their files are not among the inputs";
    const refused = `refusing to remove ${remove.length} of the corpus's ${stored.length} decks: ${why}; nothing was changed. ` +
      "If they were deleted on purpose, run again with --allow-mass-delete (--keep-deleted keeps them)";
    return { steps, remove: [], refused };
  }
  return { steps, remove };
}

/** Each file's size and modification time, a few files at a time. */
export async function statInputs(files: InputFile[], concurrency = 16): Promise<FileState[]> {
  const states: FileState[] = new Array(files.length);
  const next = files.entries();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (const [i, file] of next) {
      try {
        const info = await stat(ioPath(file)); // the bytes of a name that is not valid UTF-8
        states[i] = { size: info.size, mtimeMs: info.mtimeMs };
      } catch (err) {
        states[i] = { unreadable: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
      }
    }
  }));
  return states;
}

/**
 * The version a deck's results are stamped with, which decides on later runs whether they are current: the
 * pipeline's version, plus a digest of the settings that change a deck's records when they are not the defaults
 * (a user taxonomy; the repair turned off or forced; the settings its format's extractor names, see
 * `Extractor.settingsStamp`). Running again with other settings then reprocesses the decks they concern, and
 * only those.
 */
export function outputVersions(settings: DocumentSettings): (source: string) => string {
  const { repair, mode } = settings.normalize ?? {};
  const common = {
    ...(repair === false ? { repair } : {}),
    ...(mode && mode !== "auto" ? { mode } : {}),
  };
  const concepts = settings.taxonomy ? `+concepts.${sha256(JSON.stringify(settings.taxonomy)).slice(0, 12)}` : "";
  const stamps = new Map<object | undefined, string>();
  return (source) => {
    const extractor = extractorFor(source);
    let version = stamps.get(extractor);
    if (version === undefined) {
      const stamp = { ...common, ...extractor?.settingsStamp?.(settings.extract ?? {}) };
      version = PIPELINE_VERSION + concepts;
      if (Object.keys(stamp).length) version += `+settings.${sha256(JSON.stringify(stamp)).slice(0, 12)}`;
      stamps.set(extractor, version);
    }
    return version;
  };
}
