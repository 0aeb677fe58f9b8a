// Shared by the benches that score text: words as letters and digits, and how many of a reference's words a
// hypothesis has.
export const tokens = (s) => s.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of the reference's words (as a multiset, page by page) that the hypothesis has: reading order aside. */
export function bagAgreement(refPages, hypPages) {
  let all = 0, found = 0;
  refPages.forEach((ref, k) => {
    const have = new Map();
    for (const t of tokens(hypPages[k] ?? "")) have.set(t, (have.get(t) ?? 0) + 1);
    for (const t of tokens(ref)) {
      all++;
      if (have.get(t) > 0) (found++, have.set(t, have.get(t) - 1));
    }
  });
  return found / all;
}
