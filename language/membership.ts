// Membership in a long word list (the English word list of ~275,000 forms) without a Set: building a Set
// of that many strings costs ~200 ms of start-up; a hash table of their positions costs ~30 ms, and as flat
// integer arrays (StringTable) it can live in shared memory, one copy for every worker thread.

/** FNV-1a over UTF-16 units, finished with murmur3's mixer. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/**
 * A word list as flat integer arrays, so that worker threads can share one copy (language/shared-data.ts): the
 * words' UTF-16 units end to end, where each starts, and a hash table of their indices, optionally with a
 * number per word. Looking a key up compares it with the stored units; no string is made.
 */
export interface StringTable {
  /** Every word's UTF-16 units, one after another. */
  units: Uint16Array;
  /** Word i is units[starts[i], starts[i + 1]). */
  starts: Int32Array;
  /**
   * Per slot: the word's index + 1 in the low bits (indexBits), the high bits of its hash above them; 0 for an
   * empty slot. The length is a power of two. A probe compares the hash bits before the word's units, so a slot
   * of another word costs no look at the units (most looked-up words are not in a table, or not at the first slot).
   */
  slots: Int32Array;
  /** A number per word (a count), when the table was built with them. */
  values?: Float64Array;
}

/** A typed array of `length` elements, in shared memory (SharedArrayBuffer) when `shared`. */
export function typedArray<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array>(
  type: { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  length: number,
  shared: boolean,
): T {
  const bytes = length * type.BYTES_PER_ELEMENT;
  return new type(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** How many low bits of a slot hold index + 1, for a table of `count` words. */
const indexBits = (count: number) => Math.max(1, 32 - Math.clz32(count));
/** A slot's value: index + 1 with the hash's high bits above it. */
const slotValue = (hash: number, index: number, bits: number) => (((hash >>> bits) << bits) | (index + 1));

/**
 * The table of `words` (with `values[i]` for word i when given). A word listed twice is found at its last
 * index, as a Map filled in order would give it.
 */
export function buildStringTable(words: readonly string[], values?: readonly number[], shared = false): StringTable {
  // the words' units copied in one native call (UTF-16LE writes each unit as it is), not a unit at a time
  const joined = words.join("");
  const units = typedArray(Uint16Array, joined.length, shared);
  Buffer.from(units.buffer, units.byteOffset, units.byteLength).write(joined, "utf16le");
  const starts = typedArray(Int32Array, words.length + 1, shared);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    starts[i] = at;
    at += words[i]!.length;
  }
  starts[words.length] = at;
  let size = 1024;
  while (size < 2 * words.length) size *= 2;
  const mask = size - 1;
  const slots = typedArray(Int32Array, size, shared);
  const table: StringTable = { units, starts, slots };
  const bits = indexBits(words.length), low = bits === 32 ? -1 : (1 << bits) - 1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const h = hashOf(w);
    let k = h & mask;
    while (slots[k] !== 0 && !(((slots[k]! ^ h) >>> bits) === 0 && sameWord(table, (slots[k]! & low) - 1, w))) k = (k + 1) & mask;
    slots[k] = slotValue(h, i, bits);
  }
  if (values) {
    table.values = typedArray(Float64Array, words.length, shared);
    for (let i = 0; i < words.length; i++) table.values[i] = values[i]!;
  }
  return table;
}

/**
 * buildStringTable() of the strings of a JSON array (its UTF-8 bytes), the same table, made without a string per
 * word when the text is an array of plain ASCII strings with no escapes (a word list: ~3× faster than JSON.parse
 * and building from the strings); any other text goes through JSON.parse.
 */
export function stringTableOfJson(bytes: Uint8Array, shared = false): StringTable {
  const QUOTE = 0x22;
  let count = 0, length = 0, inside = false, plain = true, start = 0;
  for (let i = 0; i < bytes.length && plain; i++) {
    const b = bytes[i]!;
    if (inside) {
      if (b === QUOTE) ((inside = false), count++, (length += i - start));
      else if (b >= 0x80 || b === 0x5c) plain = false;
    } else if (b === QUOTE) ((inside = true), (start = i + 1));
    // between strings only the array's punctuation and white space
    else if (b !== 0x2c && b !== 0x5b && b !== 0x5d && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) plain = false;
  }
  if (!plain || inside) return buildStringTable(JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")) as string[], undefined, shared);
  const units = typedArray(Uint16Array, length, shared);
  const starts = typedArray(Int32Array, count + 1, shared);
  for (let i = 0, word = 0, at = 0; i < bytes.length; i++) {
    if (bytes[i] !== QUOTE) continue;
    starts[word++] = at;
    for (i++; bytes[i] !== QUOTE; i++) units[at++] = bytes[i]!;
  }
  starts[count] = length;
  let size = 1024;
  while (size < 2 * count) size *= 2;
  const mask = size - 1;
  const slots = typedArray(Int32Array, size, shared);
  const bits = indexBits(count), low = bits === 32 ? -1 : (1 << bits) - 1;
  for (let i = 0; i < count; i++) {
    const from = starts[i]!, to = starts[i + 1]!;
    let h = 0x811c9dc5 | 0;
    for (let k = from; k < to; k++) h = Math.imul(h ^ units[k]!, 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    let k = h & mask;
    for (; slots[k] !== 0; k = (k + 1) & mask) {
      // the same word listed again: found at its last index, as buildStringTable does
      if ((slots[k]! ^ h) >>> bits !== 0) continue;
      const j = (slots[k]! & low) - 1, at = starts[j]!;
      if (starts[j + 1]! - at !== to - from) continue;
      let same = true;
      for (let u = 0; u < to - from && same; u++) same = units[at + u] === units[from + u];
      if (same) break;
    }
    slots[k] = slotValue(h, i, bits);
  }
  return { units, starts, slots };
}

function sameWord({ units, starts }: StringTable, i: number, key: string): boolean {
  const start = starts[i]!;
  if (starts[i + 1]! - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (units[start + k] !== key.charCodeAt(k)) return false;
  return true;
}

/** The index of `key` in the table, -1 if it is not there. */
export function tableIndex(table: StringTable, key: string): number {
  const { slots, starts } = table;
  const mask = slots.length - 1;
  const bits = indexBits(starts.length - 1), low = bits === 32 ? -1 : (1 << bits) - 1;
  const h = hashOf(key);
  for (let k = h & mask; slots[k] !== 0; k = (k + 1) & mask) {
    const slot = slots[k]!;
    if ((slot ^ h) >>> bits === 0 && sameWord(table, (slot & low) - 1, key)) return (slot & low) - 1;
  }
  return -1;
}
