// The compiled Danish lexicon: a minimal automaton of every form with its compound-role bits (dawg.ts), and
// the incremental prefix test the repair's search reads readings with (lexicon.ts prefixReader).
import { describe, expect, it } from "vitest";
import { buildDawg, dawgForms, parseDawg, serializeDawg, stepDawg, type Dawg } from "../language/danish/dawg.ts";
import { BEGIN, END, MIDDLE, WORD, formRole, isDanishWord, prefixReader, startsADanishWord, startsADictionaryForm } from "../language/danish/lexicon.ts";
import { candidates } from "../normalizers/danish/error-model.ts";

const roleIn = (dawg: Dawg, form: string) => {
  let s = 0;
  for (let i = 0; i < form.length && s >= 0; i++) s = stepDawg(dawg, s, form.charCodeAt(i));
  return s < 0 ? undefined : dawg.roles[s];
};

describe("the lexicon automaton", () => {
  const forms: Array<[string, number]> = [
    ["hus", WORD | BEGIN], ["huse", WORD], ["husene", WORD], ["mur", WORD | BEGIN], ["mure", WORD], ["murene", WORD],
    ["sten", WORD | END], ["stene", WORD],
  ];
  const dawg = buildDawg(forms);

  it("holds exactly the forms it was built from, with their roles", () => {
    expect([...dawgForms(dawg)]).toEqual(forms);
    expect(roleIn(dawg, "huse")).toBe(WORD);
    expect(roleIn(dawg, "hu")).toBe(0); // a prefix, not a form
    expect(roleIn(dawg, "husx")).toBeUndefined(); // no form starts so
  });

  it("shares the endings of forms (huse|ne and mure|ne end in the same states): fewer states than prefixes", () => {
    const letters = new Set(forms.flatMap(([f]) => [...f].map((_, i) => f.slice(0, i + 1)))).size;
    expect(dawg.roles.length).toBeLessThan(letters);
  });

  it("round-trips through its file form", () => {
    const back = parseDawg(serializeDawg(dawg));
    expect([...dawgForms(back)]).toEqual(forms);
    expect(() => parseDawg(Buffer.from("not an automaton"))).toThrow(/version 1/);
  });

  it("refuses forms out of order or without a role", () => {
    expect(() => buildDawg([["b", WORD], ["a", WORD]])).toThrow(/out of order/);
    expect(() => buildDawg([["a", 0]])).toThrow(/without a role/);
  });
});

describe("the compiled Danish lexicon", () => {
  it("knows forms with their roles, compounds by their parts", () => {
    expect(formRole("fælles")! & WORD).toBe(WORD);
    expect(formRole("velfærds")! & BEGIN).toBe(BEGIN);
    expect(formRole("feelles")).toBeUndefined();
    expect(isDanishWord("velfærdsudviklingen")).toBe(true);
    expect(isDanishWord("Solidaritetsfølelsen")).toBe(true);
    expect(formRole("leder")! & (MIDDLE | END)).not.toBe(0);
  });
});

describe("prefixReader: the search's prefix test, a letter at a time", () => {
  /** Every prefix of `text`: whether the reader keeps it, read one letter at a time. */
  const readEach = (word: string, text: string, compounds: boolean) => {
    const reader = prefixReader(word, compounds)!;
    const out: boolean[] = [];
    let state = reader.start as unknown;
    for (let i = 0; i < text.length; i++) {
      state = state && reader.read(state as never, text, i, i + 1);
      out.push(state !== undefined);
    }
    return out;
  };
  const prefixes = (text: string) => [...text].map((_, i) => text.slice(0, i + 1));

  it("agrees with startsADictionaryForm and startsADanishWord on every prefix", () => {
    // Lower case, capitalized, all caps, compounds of two and three parts, damaged spellings, @ for ø.
    const texts = ["fælles", "feelles", "Fællesskab", "FÆLLES", "velfærdsudviklingen", "Solidaritetsfølelsen", "toplederansvar", "vaerdier", "gkonomisk", "Øen", "@en", "Stadsdirektør", "modsætningsfyldt", "xqz"];
    for (const text of texts) {
      const word = text.replace(/æ/g, "e").replace(/ø/g, "o").replace(/å/g, "a").replace(/Æ/g, "E").replace(/Ø/g, text.startsWith("@") ? "@" : "O");
      expect(readEach(word, text, false), text).toEqual(prefixes(text).map(startsADictionaryForm));
      expect(readEach(word, text, true), text).toEqual(prefixes(text).map(startsADanishWord));
    }
  });

  it("leaves words with letters whose case does not map one to one to the plain predicates", () => {
    expect(prefixReader("straße", true)).toBeUndefined();
    expect(prefixReader("leder-", true)).toBeUndefined();
  });

  it("finds the same readings as the predicates do", () => {
    for (const word of ["feelles", "velfeerdsudviklingen", "Solidaritetsfalelsen", "gkonomisk", "pa", "Hgjberg", "Forsagg", "l@asning"]) {
      const withReader = candidates(word, 3, 5, 1000, prefixReader(word, true)).map((c) => [c.text, c.cost]);
      const withPredicate = candidates(word, 3, 5, 1000, startsADanishWord).map((c) => [c.text, c.cost]);
      expect(withReader, word).toEqual(withPredicate);
      expect(withReader.length, word).toBeGreaterThan(0);
    }
  });
});
