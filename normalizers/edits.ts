// Edits and changes: a stage proposes edits to the text it sees; `applyEdits` applies them and keeps every
// change's offset pointing into the stage chain's ORIGINAL input, merging edits that touch an earlier change.
import type { Change } from "../model/schema.ts";

export interface Edit {
  start: number;
  end: number;
  to: string;
  rule: string;
  confidence: number;
  reason?: string;
}

export interface Edited {
  /** The original input of the chain. */
  original: string;
  text: string;
  /** Sorted by offset, non-overlapping, offsets into `original`. */
  changes: Change[];
}

export const unedited = (text: string): Edited => ({ original: text, text, changes: [] });

/** Applies `edits` (offsets into `state.text`, non-overlapping) and maps them back to the original. */
export function applyEdits(state: Edited, edits: Edit[]): Edited {
  if (edits.length === 0) return state;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  // Current text positions of the existing changes.
  let shift = 0;
  const placed = state.changes.map((c) => {
    const start = c.offset + shift;
    shift += c.to.length - c.from.length;
    return { c, start, end: start + c.to.length };
  });
  const toOriginal = (pos: number, side: "start" | "end"): number => {
    let delta = 0;
    for (const p of placed) {
      const before = p.end < pos || (p.end === pos && (side === "start" || p.start < p.end));
      if (before) delta += p.c.to.length - p.c.from.length;
    }
    return pos - delta;
  };
  const overlaps = (p: { start: number; end: number }, e: Edit) =>
    (p.start < e.end && e.start < p.end) || (p.start === p.end && e.start < p.start && p.start < e.end);
  const merged: Change[] = [];
  const consumed = new Set<Change>();
  for (const e of sorted) {
    let os = toOriginal(e.start, "start");
    let oe = toOriginal(e.end, "end");
    let cs = e.start, ce = e.end;
    let rule = e.rule, reason = e.reason, confidence = e.confidence;
    for (const p of placed) {
      if (!overlaps(p, e)) continue;
      consumed.add(p.c);
      os = Math.min(os, p.c.offset);
      oe = Math.max(oe, p.c.offset + p.c.from.length);
      cs = Math.min(cs, p.start);
      ce = Math.max(ce, p.end);
      reason = [p.c.reason ?? p.c.rule, reason].filter(Boolean).join("; ");
      rule = `${p.c.rule}+${rule}`;
      confidence = Math.min(confidence, p.c.confidence);
    }
    const to = state.text.slice(cs, e.start) + e.to + state.text.slice(e.end, ce);
    merged.push({ from: state.original.slice(os, oe), to, offset: os, rule, confidence, ...(reason ? { reason } : {}) });
  }
  let text = "";
  let pos = 0;
  for (const e of sorted) {
    text += state.text.slice(pos, e.start) + e.to;
    pos = e.end;
  }
  text += state.text.slice(pos);
  const changes = [...state.changes.filter((c) => !consumed.has(c)), ...merged]
    .filter((c) => c.from !== c.to)
    .sort((a, b) => a.offset - b.offset);
  return { original: state.original, text, changes };
}
