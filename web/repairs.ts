// Where the normalizers' changes are in a record's text. A change's offset is into the record's `original` (the
// extracted lines), and segmentation may have joined lines or taken off a list marker since, so each change's
// replacement is looked for in the text nearest to where the offsets put it, in order.
import type { Change } from "../model/schema.ts";

/** A stretch of a record's text (a whole word, for a change inside one) that one or more changes made. */
export interface RepairSpan {
  start: number;
  end: number;
  changes: Change[];
}

/** The spans of `text` that `changes` made, in order and not overlapping; a change that cannot be found is left out. */
export function repairSpans(text: string, changes: readonly Change[]): RepairSpan[] {
  const spans: RepairSpan[] = [];
  let cursor = 0;
  let delta = 0;
  for (const change of [...changes].sort((a, b) => a.offset - b.offset)) {
    const expected = change.offset + delta;
    delta += change.to.length - change.from.length;
    if (change.to === "") continue; // a deletion leaves nothing to mark
    let best = -1;
    for (let at = text.indexOf(change.to, cursor); at >= 0; at = text.indexOf(change.to, at + 1)) {
      if (best < 0 || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
      else if (at > expected) break;
    }
    if (best < 0) continue;
    cursor = best + change.to.length;
    let [start, end] = [best, cursor];
    while (start > 0 && isWordChar(text[start - 1]!) && isWordChar(text[start]!)) start--;
    while (end < text.length && isWordChar(text[end]!) && isWordChar(text[end - 1]!)) end++;
    const last = spans.at(-1);
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
      last.changes.push(change);
    } else {
      spans.push({ start, end, changes: [change] });
    }
  }
  return spans;
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}
