// The compiled lexicon's form: a minimal automaton (DAWG) of every form with its role bits. The ~991,000
// forms share their beginnings and endings (`-erne`, `-ende`, `-ighed`), so the automaton has ~140,000
// states and ~300,000 edges: 2.5 MB of integer arrays, loaded as they are (no string of 27 MB, no index to
// build at start-up), and small enough that a lookup walks memory the processor mostly has at hand.

import { typedArray } from "../membership.ts";

/** The automaton: state 0 is the start; a state's edges sorted by character. */
export interface Dawg {
  /** Per state: the role bits of the form that ends there, 0 if none does. */
  roles: Uint8Array;
  /** Per state: its first edge; first[stateCount] is the edge count. */
  first: Int32Array;
  /** Edge e: its character (a UTF-16 unit) at 2e, the state it leads to at 2e + 1. */
  edges: Int32Array;
}

interface Building {
  role: number;
  chars: number[];
  kids: Building[];
  /** Number once registered (equivalent states share one). */
  id: number;
}

/**
 * Builds the minimal automaton of `forms` (sorted by UTF-16 code units, no duplicates, roles non-zero) in one
 * pass (Daciuk et al., incremental construction from sorted input).
 */
export function buildDawg(forms: ReadonlyArray<readonly [form: string, role: number]>): Dawg {
  const register = new Map<string, Building>();
  let count = 0;
  const state = (): Building => ({ role: 0, chars: [], kids: [], id: -1 });
  const signature = (s: Building) => {
    let k = String(s.role);
    for (let i = 0; i < s.chars.length; i++) k += `,${s.chars[i]}:${s.kids[i]!.id}`;
    return k;
  };
  /** Replaces path[d] (the last child of path[d - 1]) by an equivalent registered state, or registers it. */
  const settle = (path: Building[], d: number) => {
    const parent = path[d - 1]!, child = path[d]!;
    const key = signature(child);
    const known = register.get(key);
    if (known) parent.kids[parent.kids.length - 1] = known;
    else {
      child.id = count++;
      register.set(key, child);
    }
  };
  const root = state();
  const path: Building[] = [root];
  let prev = "";
  for (const [form, role] of forms) {
    if (role === 0) throw new Error(`a form without a role: ${form}`);
    if (form <= prev && prev !== "") throw new Error(`forms out of order: ${prev}, ${form}`);
    let common = 0;
    while (common < form.length && common < prev.length && form.charCodeAt(common) === prev.charCodeAt(common)) common++;
    for (let d = prev.length; d > common; d--) settle(path, d);
    path.length = common + 1;
    for (let d = common; d < form.length; d++) {
      const next = state();
      path[d]!.chars.push(form.charCodeAt(d));
      path[d]!.kids.push(next);
      path.push(next);
    }
    path[form.length]!.role = role;
    prev = form;
  }
  for (let d = prev.length; d > 0; d--) settle(path, d);
  // Number the states depth first from the start, so a walk down a word mostly moves forward in memory.
  const order: Building[] = [];
  const number = new Map<Building, number>();
  const stack: Building[] = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (number.has(s)) continue;
    number.set(s, order.length);
    order.push(s);
    for (let i = s.kids.length - 1; i >= 0; i--) if (!number.has(s.kids[i]!)) stack.push(s.kids[i]!);
  }
  const edgeCount = order.reduce((n, s) => n + s.chars.length, 0);
  const roles = new Uint8Array(order.length);
  const first = new Int32Array(order.length + 1);
  const edges = new Int32Array(2 * edgeCount);
  let e = 0;
  order.forEach((s, i) => {
    roles[i] = s.role;
    first[i] = e;
    s.chars.forEach((c, k) => {
      edges[2 * e] = c;
      edges[2 * e + 1] = number.get(s.kids[k]!)!;
      e++;
    });
  });
  first[order.length] = e;
  return { roles, first, edges };
}

const MAGIC = 0x47574144; // "DAWG" little-endian

/** The file form: magic, version, state and edge counts, then first[], edges[] (int32 LE) and roles[] (bytes). */
export function serializeDawg({ roles, first, edges }: Dawg): Buffer {
  const states = roles.length, edgeCount = edges.length / 2;
  const out = Buffer.alloc(16 + 4 * (states + 1) + 4 * edges.length + states);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(1, 4);
  out.writeUInt32LE(states, 8);
  out.writeUInt32LE(edgeCount, 12);
  let at = 16;
  for (const v of first) at = out.writeInt32LE(v, at);
  for (const v of edges) at = out.writeInt32LE(v, at);
  out.set(roles, at);
  return out;
}

/** The automaton of its file form; its arrays in shared memory (SharedArrayBuffer) when `shared`. */
export function parseDawg(bytes: Buffer, shared = false): Dawg {
  if (bytes.length < 16 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== 1) throw new Error("not a version 1 lexicon automaton");
  const states = bytes.readUInt32LE(8), edgeCount = bytes.readUInt32LE(12);
  if (bytes.length !== 16 + 4 * (states + 1) + 8 * edgeCount + states) throw new Error("truncated lexicon automaton");
  const first = typedArray(Int32Array, states + 1, shared);
  const edges = typedArray(Int32Array, 2 * edgeCount, shared);
  let at = 16;
  for (let i = 0; i < first.length; i++, at += 4) first[i] = bytes.readInt32LE(at);
  for (let i = 0; i < edges.length; i++, at += 4) edges[i] = bytes.readInt32LE(at);
  const roles = typedArray(Uint8Array, states, shared);
  roles.set(bytes.subarray(at, at + states));
  return { roles, first, edges };
}

/** The state reached from `s` by character `c`, -1 if there is no such edge. */
export function stepDawg(dawg: Dawg, s: number, c: number): number {
  const { first, edges } = dawg;
  let a = first[s]!, b = first[s + 1]!;
  if (b - a > 8) {
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (edges[2 * mid]! < c) a = mid + 1;
      else b = mid;
    }
    return a < first[s + 1]! && edges[2 * a] === c ? edges[2 * a + 1]! : -1;
  }
  for (; a < b; a++) {
    const x = edges[2 * a]!;
    if (x === c) return edges[2 * a + 1]!;
    if (x > c) return -1;
  }
  return -1;
}

/** Every form with its role, in order (for checks). */
export function* dawgForms(dawg: Dawg, s = 0, prefix = ""): Generator<[string, number]> {
  if (dawg.roles[s]) yield [prefix, dawg.roles[s]!];
  for (let e = dawg.first[s]!; e < dawg.first[s + 1]!; e++) yield* dawgForms(dawg, dawg.edges[2 * e + 1]!, prefix + String.fromCharCode(dawg.edges[2 * e]!));
}
