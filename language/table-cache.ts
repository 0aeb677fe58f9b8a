// The language data sets (language/shared-data.ts) as ready-to-read binary files: building them from their word
// lists (unzipping, splitting, hashing ~600,000 words) costs ~0.3-0.6 CPU-s a process, most of a one-deck
// `slidecorpus extract`; read back as typed arrays, a few milliseconds. A data set is a plain object of typed
// arrays and numbers; its file is a JSON header (the object with each array replaced by its place in the file)
// followed by the arrays' bytes, 8-byte aligned, so the arrays are views of the file's bytes (or read straight
// into shared memory for worker threads). The cache is used only where one is named: the CLI names a folder of
// the user's own (bin/slidecorpus.js, $SLIDECORPUS_DATA_CACHE); a library user or a test builds as before.
// A file is taken only when its key matches: the sizes and modification times of the package's data files and
// of the language code that builds them, and the Node version; anything else (a missing, stale, truncated or
// foreign file) is built again and the file rewritten.
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, writeFileSync, fstatSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataPath } from "./paths.ts";

const MAGIC = "slidecorpus-tables 1\n";
/** The environment variable naming the cache folder (unset or empty: no cache). */
export const DATA_CACHE_ENV = "SLIDECORPUS_DATA_CACHE";

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;
const TYPES = { Int32Array, Uint32Array, Uint16Array, Uint8Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;
interface Placed {
  $array: TypeName;
  offset: number;
  length: number;
}

let key: string | undefined;

/**
 * What the data sets are built from, as one key: the package's data files, the English word list, and the
 * language code (this folder and danish/), by size and modification time, and the Node version.
 */
function cacheKey(): string {
  if (key) return key;
  const here = dirname(fileURLToPath(import.meta.url));
  const english = createRequire(import.meta.url).resolve("an-array-of-english-words");
  const files = [english];
  for (const dir of [dataPath("danish"), here, join(here, "danish")]) {
    for (const name of readdirSync(dir).sort()) files.push(join(dir, name));
  }
  const hash = createHash("sha256").update(`${MAGIC}${process.versions.node}\n`);
  for (const file of files) {
    const s = statSync(file, { throwIfNoEntry: false });
    if (s?.isFile()) hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  key = hash.digest("hex");
  return key;
}

/** The cache folder, when one is named. */
function folder(): string | undefined {
  return process.env[DATA_CACHE_ENV] || undefined;
}

/**
 * The data set `name` from its cached file (its arrays in shared memory when `shared`), else built by `build`
 * and written to the cache for the next process. Without a cache folder, `build()`.
 */
export function cachedTables<T>(name: string, shared: boolean, build: () => T): T {
  const dir = folder();
  if (!dir) return build();
  let k: string;
  try {
    k = cacheKey();
  } catch {
    return build();
  }
  const file = join(dir, `${name}.bin`);
  const read = readTables<T>(file, k, shared);
  if (read !== undefined) return read;
  const built = build();
  try {
    writeTables(file, k, built);
  } catch {
    // a cache that cannot be written costs the next process the build, nothing more
  }
  return built;
}

/** The data set in `file` when its key is `k`, its arrays in shared memory when `shared`; undefined if not. */
export function readTables<T>(file: string, k: string, shared: boolean): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    const magic = head.toString("latin1", 0, MAGIC.length);
    if (magic !== MAGIC) return undefined;
    const headerLength = head.readUInt32LE(MAGIC.length);
    const start = MAGIC.length + 4;
    if (start + headerLength > head.length) return undefined;
    const header = JSON.parse(head.toString("utf8", start, start + headerLength)) as { key: string; bytes: number; value: unknown };
    const dataStart = align(start + headerLength);
    if (header.key !== k || dataStart + header.bytes !== size) return undefined;
    // the arrays' bytes, read once: into shared memory for worker threads, else into a buffer of their own
    const data = new Uint8Array(shared ? new SharedArrayBuffer(header.bytes) : new ArrayBuffer(header.bytes));
    for (let at = 0; at < header.bytes; ) {
      const n = readSync(fd, data, at, header.bytes - at, dataStart + at);
      if (n <= 0) return undefined;
      at += n;
    }
    return revive(header.value, data.buffer) as T;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the data set to `file` under key `k` (a whole new file put in place, never half of one). */
export function writeTables(file: string, k: string, value: unknown): void {
  const arrays: Typed[] = [];
  let bytes = 0;
  const placed = JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      const array = v as Typed;
      const type = array.constructor.name as TypeName;
      if (!(type in TYPES)) throw new Error(`cannot cache a ${type}`);
      const at = align(bytes);
      arrays.push(array);
      bytes = at + array.byteLength;
      return { $array: type, offset: at, length: array.length } satisfies Placed;
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) {
      throw new Error("only plain objects of typed arrays and numbers are cached");
    }
    return v;
  });
  const header = Buffer.from(JSON.stringify({ key: k, bytes, value: JSON.parse(placed) as unknown }), "utf8");
  const start = MAGIC.length + 4;
  const dataStart = align(start + header.length);
  const out = Buffer.alloc(dataStart + bytes);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, start);
  let at = 0;
  for (const array of arrays) {
    at = align(at);
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + at);
    at += array.byteLength;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, out, { mode: 0o600 });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The value with each placed array made a view of `buffer`. */
function revive(value: unknown, buffer: ArrayBufferLike): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => revive(v, buffer));
  const p = value as Placed;
  if (typeof p.$array === "string") {
    const type = TYPES[p.$array];
    if (!type || p.offset % type.BYTES_PER_ELEMENT !== 0 || p.offset + p.length * type.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error("a damaged table file");
    return new type(buffer as ArrayBuffer, p.offset, p.length);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, buffer)]));
}

const align = (n: number) => Math.ceil(n / 8) * 8;
