// Context rules: where a damaged form stands for two different Danish words (`gar` is `går` or `gør`,
// `for` is `for` or `før`), the neighbouring words decide. Each rule names the reading and the evidence.
// Only what the counts of running text do not settle is written here: `nå målet`, `er målet med`, `jeg får`,
// `gøre nar af` are the repair's, by the word pairs and word counts (repair.ts); `gar` before a word of `gør` is
// a list because Europarl's pairs, tried in its place, misread more `går` as `gør` than they find (issue 17).

export interface ContextRule {
  /** The damaged form, lower case. */
  seen: string;
  /** The reading the rule picks, lower case. */
  to: string;
  /** The previous and next words (lower case, "" at a line edge), whether a sentence mark follows, whether a comma precedes. */
  when: (prev: string, next: string, next2: string, stopAfter: boolean, commaBefore: boolean) => boolean;
  why: string;
}

const set = (...words: string[]) => new Set(words);

/** Words that follow `gør` (and not `går`): `gør en forskel`, `gør det`, `gør brug af`, `gør ondt`. */
const AFTER_GOER = set("en", "et", "det", "noget", "alt", "brug", "ondt", "klar", "op", "sig", "os", "dem", "mig", "dig", "jer", "hvad", "nytte", "indtryk", "gavn", "status", "plads", "krav", "front", "rent", "grin", "forskel", "muligt", "lettere", "nemmere", "sværere", "bedre");

/** Time nouns `før` follows at the end of a phrase: `året før`, `dagen før.` */
const TIME_BEFORE = set("året", "dagen", "ugen", "måneden", "aftenen", "natten", "morgenen", "timen", "tiden");
/** Holidays `før` goes before: `før jul`, `før påske`. */
const HOLIDAY = set("jul", "julen", "påske", "påsken", "pinse", "nytår", "nytåret");

/** Verbs after which a participle follows: `er født`, `blev født`. */
const BE = set("er", "var", "blev", "bliver", "blevet", "været");
/** Words that begin the place or time of a birth: `født i Odense`, `født den 3. maj`, `født og opvokset`. */
const AFTER_BORN = set("i", "den", "og", "på", "af", "som", "ind", "med");
/** Words an infinitive follows: `at tænke`, `skal tænke`. */
const INFINITIVE = set("at", "kan", "vil", "skal", "må", "bør", "kunne", "ville", "skulle", "burde", "måtte", "lad", "lade");
/** What `tænke` goes on with (and `tanke`, to refuel, does not): `tænke på`, `tænke over`, `tænke sig om`. */
const AFTER_THINK = set("på", "over", "sig", "om", "nyt", "anderledes", "langsigtet", "stort", "højt", "selv", "hvad", "hvordan");

export const CONTEXT_RULES: readonly ContextRule[] = [
  {
    seen: "gar", to: "går", why: "after `i` reads `i går` (yesterday)",
    when: (prev) => prev === "i",
  },
  {
    seen: "gar", to: "går", why: "after hvordan and before det reads `hvordan går det` (how is it going)",
    when: (prev, next) => (prev === "hvordan" || prev === "hvorledes") && next === "det",
  },
  {
    seen: "gar", to: "gør", why: "followed by a word that goes with gør",
    when: (_p, next) => AFTER_GOER.has(next),
  },
  {
    seen: "gar", to: "går", why: "går is the common reading of gar",
    when: () => true,
  },
  {
    seen: "for", to: "før", why: "reads før in `end før`, `før eller siden`, `før i tiden`, `før og efter`",
    // Not `, for vi …`: after a comma, `for` before a pronoun is mostly the conjunction (`, for vi er …`), in
    // running text four times as often as `, før vi …`.
    when: (prev, next, next2, stopAfter) =>
      (prev === "end" && (stopAfter || next === "")) ||
      (next === "eller" && next2 === "siden") ||
      (next === "i" && next2 === "tiden") ||
      (next === "og" && next2 === "efter"),
  },
  {
    seen: "for", to: "før", why: "reads før after a time noun at the end of a phrase (`året før`) and before a holiday (`før jul`)",
    when: (prev, next, _n2, stopAfter) => (TIME_BEFORE.has(prev) && (stopAfter || next === "")) || HOLIDAY.has(next),
  },
  {
    // (the counts settle `blev fedt i`, not `var fedt og opvokset`: Europarl has `fedt og` too)
    seen: "fedt", to: "født", why: "after er/var/blev and before where or when reads `født` (born)",
    when: (prev, next) => BE.has(prev) && AFTER_BORN.has(next),
  },
  {
    // (the counts settle `må tanke på`, not `at tanke på`: Europarl has `at tanke` seven times)
    seen: "tanke", to: "tænke", why: "an infinitive (after at or a modal verb) followed by på/over/sig reads `tænke`",
    when: (prev, next) => INFINITIVE.has(prev) && AFTER_THINK.has(next),
  },
  {
    seen: "der", to: "dør", why: "after en/ad and before til/ind/ud or a full stop reads `dør` (door)",
    when: (prev, next, _n2, stopAfter) => (prev === "en" || prev === "ad") && (stopAfter || next === "til" || next === "ind" || next === "ud"),
  },
];

/** The first rule that applies to `seen` in this context. */
export function contextRule(seen: string, prev: string, next: string, next2: string, stopAfter: boolean, commaBefore = false): ContextRule | undefined {
  for (const r of CONTEXT_RULES) if (r.seen === seen && r.when(prev, next, next2, stopAfter, commaBefore)) return r;
  return undefined;
}

const RULE_WORDS = new Set(CONTEXT_RULES.map((r) => r.seen));

/** Whether any rule reads `word` (any case). */
export function hasContextRule(word: string): boolean {
  return RULE_WORDS.has(word.toLowerCase());
}
