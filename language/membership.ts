// Membership in a long word list (the English word list of ~275,000 forms) without a Set: building a Set
// of that many strings costs ~200 ms of start-up; an index table of their positions costs ~30 ms.

/**
 * A membership test for a word list through a hash table of its indices, built in one pass (~30 ms for
 * 275,000 words, where a Set of them takes ~200 ms): one hash of the key and a probe or two, where a bisection
 * costs some twenty string comparisons scattered over the whole list.
 */
export function hashedMembership(words: readonly string[]): (key: string) => boolean {
  let size = 1024;
  while (size < 2 * words.length) size *= 2;
  const mask = size - 1;
  /** Index + 1 of a word, 0 for an empty slot. */
  const slots = new Int32Array(size);
  for (let i = 0; i < words.length; i++) {
    let k = hashOf(words[i]!) & mask;
    while (slots[k] !== 0) k = (k + 1) & mask;
    slots[k] = i + 1;
  }
  return (key) => {
    for (let k = hashOf(key) & mask; slots[k] !== 0; k = (k + 1) & mask) if (words[slots[k]! - 1] === key) return true;
    return false;
  };
}

/** FNV-1a over UTF-16 units, finished with murmur3's mixer. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
