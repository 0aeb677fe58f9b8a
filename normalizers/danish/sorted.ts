// Word lists kept as sorted arrays and searched by bisection: a million strings load in a few hundred
// milliseconds this way, where building a Map or Set of them takes seconds and much more memory.

/** Index of `key` in `sorted` (ascending by UTF-16 code units, JavaScript's default order), or -1. */
export function bisect(sorted: readonly string[], key: string): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
