// Shared by the benches: the mean time of a function over at least `minMs`, after a few warm-up calls (V8
// optimizes the code under test during the first calls).
export async function time(fn, minMs = 1500, warmups = 3) {
  for (let i = 0; i < warmups; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    n++;
  }
  return (performance.now() - start) / n;
}
