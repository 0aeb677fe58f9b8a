// The Danish æ/ø/å repair on the user's seed decks and on the held-out dev set (fixtures/danish-ocr).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectDanishDamage, normalizePages, normalizeText } from "../normalizers/index.ts";
import { fixture, seed000, seed003 } from "./helpers.ts";
import { loadSplit, score } from "./repair-score.ts";
import { compoundParts, isCompound } from "../language/danish/lexicon.ts";
import { subtitleCount } from "../language/danish/frequencies.ts";
import { compileFrequencies } from "../scripts/compile-frequencies.ts";
import { compilePairCounts, plainVariants, runsOf } from "../scripts/compile-pair-counts.ts";
import { contextEvidence, corpusCount, corpusPairCount, corpusSize, pairOnlyOf, parsePairCounts } from "../language/danish/pair-counts.ts";
import { tableIndex } from "../language/membership.ts";

/** Words, numbers, and the bar the OCR reads for `i`: the repair changes them one for one. */
const words = (s: string) => s.match(/[\p{L}\p{N}@|]+/gu) ?? [];

/** Every damaged word of seed 000 (as the English OCR wrote it) and the word it should be. */
const DAMAGED_000: Array<[string, string]> = [
  ["ggre", "gøre"], ["Hojberg", "Højberg"], ["Stadsdirekter", "Stadsdirektør"], ["feelles", "fælles"],
  ["modsaetningsfyldt", "modsætningsfyldt"], ["Tilstraebt", "Tilstræbt"], ["Forsagg", "Forsøg"], ["pa", "på"],
  ["vaerdier", "værdier"], ["gkonomisk", "økonomisk"], ["lllusionen", "Illusionen"], ["mal", "mål"],
  ["Sammenhaengskraft", "Sammenhængskraft"], ["veerdier", "værdier"], ["hjaelper", "hjælper"],
  ["oversaettelsen", "oversættelsen"], ["Naestformand", "Næstformand"], ["italesaettelse", "italesættelse"],
  ["gar", "gør"], ["forstaelsesramme", "forståelsesramme"], ["sta", "stå"], ["folge", "følge"],
  ["velfaerdsudviklingen", "velfærdsudviklingen"], ["nar", "når"], ["afprgve", "afprøve"], ["mader", "måder"],
  ["pejlemaerker", "pejlemærker"], ["sasom", "såsom"], ["Fortaellingen", "Fortællingen"], ["vaere", "være"],
  ["Stadsdirektar", "Stadsdirektør"], ["Hgjberg", "Højberg"], ["1", "i"], ["Solidaritetsfalelsen", "Solidaritetsfølelsen"],
  ["l@asning", "læsning"], ["DJOFisering", "DJØFisering"], ["Oprar", "Oprør"], ["embedsmaend", "embedsmænd"],
  ["Starre", "Større"], ["haeamme", "hæmme"], ["saette", "sætte"], ["prave", "prøve"], ["ma", "må"],
  ["gares", "gøres"], ["ogsa", "også"], ["Gentaenk", "Gentænk"], ["mgdet", "mødet"], ["sammenhaeng", "sammenhæng"],
];
/** Words of seed 000 that are right as they are. */
const KEEP_000 = ["Aarhus", "AARHUS", "for", "Talk", "Treasury", "Kommune", "Niels", "Trine", "Quist", "2017", "30", "NPM", "FMU"];

describe("seed 000: Danish through an English OCR", () => {
  const input = readFileSync(seed000, "utf8");
  const output = normalizeText(input);
  const before = words(input);
  const after = words(output.text);

  it("keeps every word in place (same number of words and lines)", () => {
    expect(after.length).toBe(before.length);
    expect(output.text.split("\n").length).toBe(input.split("\n").length);
  });

  it("restores at least 97% of the damaged Danish words exactly", () => {
    let total = 0, exact = 0;
    const wrong: string[] = [];
    const expected = new Map(DAMAGED_000);
    before.forEach((w, i) => {
      const want = expected.get(w);
      if (want === undefined) return;
      if (w === "1" && before[i + 1] !== "opbrud") return;
      total++;
      if (after[i] === want) exact++;
      else wrong.push(`${w}→${after[i]} (want ${want})`);
    });
    expect(total).toBeGreaterThanOrEqual(60);
    expect(exact / total, wrong.join(", ")).toBeGreaterThanOrEqual(0.97);
  });

  it("reads gar en forskel as gør en forskel, and 1 opbrud as i opbrud", () => {
    expect(output.text).toContain("gør en forskel");
    expect(output.text).toContain("i opbrud");
    expect(output.text).toContain("Illusionen om");
  });

  it("leaves Aarhus, for, Talk Treasury, names and numbers alone", () => {
    before.forEach((w, i) => {
      if (KEEP_000.includes(w) && !(w === "for" && before[i - 1] === "end")) expect(after[i], `${w} #${i}`).toBe(w);
    });
    expect(output.text).toContain("lagt for had");
    expect(output.text).toContain('"Talk Treasury"');
  });

  it("explains every change: where, what, which rule, how sure, why", () => {
    for (const c of output.changes) {
      expect(input.slice(c.offset, c.offset + c.from.length)).toBe(c.from);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.reason).toBeTruthy();
    }
    const feelles = output.changes.find((c) => c.from === "feelles")!;
    expect(feelles).toMatchObject({ to: "fælles", rule: "danish.lexicon" });
    expect(feelles.reason).toContain("ee→æ");
  });

  it("is detected as Danish that has lost æ/ø/å", () => {
    expect(detectDanishDamage(input)).toMatchObject({ danish: true, damaged: true, intact: 0 });
  });
});

describe("seed 003: intact Danish", () => {
  const input = readFileSync(seed003, "utf8");

  it("is not changed at all", () => {
    const out = normalizeText(input);
    expect(out.changes).toEqual([]);
    expect(out.text).toBe(input);
  });

  it("is detected as intact Danish", () => {
    expect(detectDanishDamage(input)).toMatchObject({ danish: true, damaged: false });
  });
});

/** Scores a split of fixtures/danish-ocr, repaired in decks of ten slides as make-ocr-set.sh builds them (damage is judged per document). */
function scoreSplit(name: string) {
  const slides = loadSplit(fixture("danish-ocr", name));
  const pairs: Array<{ gold: string; raw: string; hyp: string }> = [];
  for (let i = 0; i < slides.length; i += 10) {
    const deck = slides.slice(i, i + 10);
    const out = normalizePages(deck.map((s) => s.raw));
    deck.forEach((s, k) => pairs.push({ gold: s.gold, raw: s.raw, hyp: out[k]!.text }));
  }
  return { slides: slides.length, ...score(pairs) };
}

// Measured when the thresholds were set (raw OCR: 0% exact): heldout 98.6% / 0 broken; ddt-tune 96.9% / 0.09%;
// ddt-heldout, evaluated after tuning, 95.9% / 0 broken (issue 17, fifth session; fourth: 95.6% / 0; before it: 94.2% / 0.03%; with
// the Europarl pairs in every score: 93.6% / 0.03%; before the subtitle frequencies: 93.4% / 0.03%; before issue 17:
// 92.6% / 0.09%). Each threshold sits just below what is measured, so a regression fails.
const SPLITS = [
  { name: "heldout", what: "the project's own sentences, never tuned on", slides: 28, danish: 120, right: 400, exact: 0.97, broken: 0.002 },
  { name: "ddt-tune", what: "Danish Dependency Treebank dev sentences, tuned on", slides: 100, danish: 500, right: 3000, exact: 0.965, broken: 0.001 },
  { name: "ddt-heldout", what: "Danish Dependency Treebank test sentences, never tuned on", slides: 100, danish: 500, right: 3000, exact: 0.955, broken: 0.001 },
];

for (const split of SPLITS) {
  describe(`dev set ${split.name}: ${split.what}, as slides through tesseract -l eng`, () => {
    const s = scoreSplit(split.name);

    it("has enough words to measure on", () => {
      expect(s.slides).toBeGreaterThanOrEqual(split.slides);
      expect(s.danishWords).toBeGreaterThan(split.danish);
      expect(s.rightInRaw).toBeGreaterThan(split.right);
    });

    it(`gets at least ${(split.exact * 100).toFixed(1)}% of the words with æ/ø/å exact`, () => {
      expect(s.danishExact / s.danishWords, s.misses.join(", ")).toBeGreaterThanOrEqual(split.exact);
    });

    it(`breaks at most ${(split.broken * 100).toFixed(1)}% of the words the OCR had right`, () => {
      expect(s.broken / s.rightInRaw, s.breaks.join(", ")).toBeLessThanOrEqual(split.broken);
    });
  });
}

describe("hard repair of intact Danish: every change is a wrong one", () => {
  // The gold text of the dev splits tuned on (train, ddt-tune, and the project's heldout), repaired as if it had
  // lost æ/ø/å: what changes there is what the repair does to the words without æ/ø/å of damaged text. Measured:
  // 9 of 7,772 words (bade, hjalp, far, aflaste, barn, hér, vare, ror, bor: real words whose reading is likelier).
  it("changes at most 9 words of the dev sets' gold text (10 before issue 17's fourth session)", () => {
    const changed: string[] = [];
    let words = 0;
    for (const name of ["train", "ddt-tune", "heldout"]) {
      const slides = loadSplit(fixture("danish-ocr", name));
      for (let i = 0; i < slides.length; i += 10) {
        const deck = slides.slice(i, i + 10).map((s) => s.gold);
        words += deck.join(" ").split(/\s+/).length;
        for (const page of normalizePages(deck, { repair: true, mode: "hard" })) {
          for (const c of page.changes) if (c.rule.startsWith("danish.") || c.rule.startsWith("ocr.")) changed.push(`${c.from}→${c.to}`);
        }
      }
    }
    expect(words).toBeGreaterThan(7000);
    expect(changed.length, changed.join(", ")).toBeLessThanOrEqual(9);
    // the conjunction after a comma, a compound of common parts, a number before what it counts: none changes
    expect(changed.filter((c) => c.startsWith("for→") || c.startsWith("1→"))).toEqual([]);
  });
});

describe("context and document evidence", () => {
  it("reads gar by its neighbours: gør en forskel, går hjem, i går", () => {
    const out = normalizeText("Det er ikke let at ga til lederen.\nDet gar en forskel for os.\nHun gar hjem klokken fem.\nVi mgdtes i gar pa kontoret.");
    expect(out.text.split("\n")).toEqual(["Det er ikke let at gå til lederen.", "Det gør en forskel for os.", "Hun går hjem klokken fem.", "Vi mødtes i går på kontoret."]);
  });

  it("in intact text fixes only a word the document itself uses intact", () => {
    const text = "Vi taler om værdier og fælles mål.\nDe faelles vaerdier er vigtige for os alle.\nVi står sammen om det.";
    const out = normalizeText(text);
    expect(out.text.split("\n")[1]).toBe("De fælles værdier er vigtige for os alle.");
    expect(out.changes.map((c) => c.rule)).toEqual(["danish.vocabulary", "danish.vocabulary"]);
    // …and leaves a valid word alone, where damaged text would read it as the frequent word
    expect(normalizeText("Vi står her i dag, og vi bor pa Fyn med vores børn.").changes).toEqual([]);
  });

  it("repairs hard a page that has lost æ/ø/å inside an otherwise intact document", () => {
    const intact = "Vi står sammen om de fælles værdier i kommunen.\nDet er vigtigt for os alle at være med.";
    const damaged = "Forsagg pa at etablere feelles vaerdier\nOfte handlingsgrundlag med vage konkrete retninger\nBudgetlov og stram gkonomisk styring";
    expect(detectDanishDamage(intact)).toMatchObject({ danish: true, damaged: false });
    expect(detectDanishDamage(damaged)).toMatchObject({ danish: true, damaged: true });
    const [first, second] = normalizePages([intact, damaged]);
    expect(first!.changes).toEqual([]);
    expect(second!.text).toBe("Forsøg på at etablere fælles værdier\nOfte handlingsgrundlag med vage konkrete retninger\nBudgetlov og stram økonomisk styring");
  });

  it("does not call English text Danish", () => {
    expect(detectDanishDamage("The treasury made a clear statement about the plan for the year and the budget.")).toMatchObject({ danish: false, damaged: false });
  });

  it("leaves English passages alone", () => {
    const text = "Vi skal ogsa vaere bedre til at samarbejde pa tvaers.\nThe treasury made a clear statement about the plan for the year.\nVi ma handle nu.";
    const lines = normalizeText(text).text.split("\n");
    expect(lines[0]).toBe("Vi skal også være bedre til at samarbejde på tværs.");
    expect(lines[1]).toBe("The treasury made a clear statement about the plan for the year.");
    expect(lines[2]).toBe("Vi må handle nu.");
  });

  it("leaves protected words, URLs and e-mail addresses alone", () => {
    const text = "Mgdet i Aalborg og Aabenraa blev holdt pa radhuset.\nSe https://www.aarhus.dk/faelles eller skriv til soren.pa@kommune.dk for at laere mere.";
    const out = normalizeText(text);
    expect(out.text).toBe("Mødet i Aalborg og Aabenraa blev holdt på rådhuset.\nSe https://www.aarhus.dk/faelles eller skriv til soren.pa@kommune.dk for at lære mere.");
  });

  it("gives the same output for a document whatever else was repaired before", () => {
    const doc = ["Vi gar hjem nar mgdet er slut.", "Det er feelles vaerdier."];
    const first = normalizePages(doc);
    normalizePages(["Helt andre ord om mal og made."]);
    expect(normalizePages(doc)).toEqual(first);
  });
});

describe("split words, unknown compounds, names, abbreviations, words that need their context", () => {
  const repaired = (text: string) => normalizeText(text).text;

  it("joins a word whose æ/ø/å the OCR lost to a space, as one change over both parts", () => {
    const out = normalizeText("Vi gik pa h jskole i mange ar, og det var et bestyrelsesm de pa fredag.");
    expect(out.text).toBe("Vi gik på højskole i mange år, og det var et bestyrelsesmøde på fredag.");
    expect(out.changes.find((c) => c.to === "højskole")).toMatchObject({ from: "h jskole", rule: "danish.split" });
    // two words that are words alone stay two
    expect(repaired("Vi ma se om de gar hjem, og om vi kan na det pa en dag.")).toBe("Vi må se om de går hjem, og om vi kan nå det på en dag.");
  });

  it("reads an unknown compound of head, linking s or e, and a short known word (bæredygtigheds|mål)", () => {
    expect(isCompound("bæredygtighedsmål")).toBe(true);
    expect(isCompound("kommuneråd")).toBe(true);
    // a three-letter end only after a linking s or e: a head ending otherwise needs four letters
    expect(compoundParts("arbejdmål")).toBeUndefined();
    expect(repaired("Vi ma arbejde med bzeredygtighedsmal og sundhedsvzesenet pa alle omrader.")).toBe("Vi må arbejde med bæredygtighedsmål og sundhedsvæsenet på alle områder.");
  });

  it("weighs a listed compound by its parts too, and a compound of more parts as less likely", () => {
    // `mede|lokaler` is Danish as written; `mødelokaler`, listed, but in no word pair, is as likely as its parts
    expect(compoundParts("medelokaler")).toEqual(["mede", "lokaler"]);
    expect(repaired("Der er adgang til medelokaler pa skolen, sa vi ma bruge dem.")).toBe("Der er adgang til mødelokaler på skolen, så vi må bruge dem.");
    // `ren|gerings|mand` (three parts) against `rengørings|mand` (two)
    expect(compoundParts("rengeringsmand")).toHaveLength(3);
    expect(compoundParts("rengøringsmand")).toHaveLength(2);
    expect(repaired("Vi ma se pa det nar vi gar hjem, og han er rengeringsmand pa skolen.")).toBe("Vi må se på det når vi går hjem, og han er rengøringsmand på skolen.");
    expect(repaired("Det er overportgrens ret at bestemme, nar vi gar hjem pa fredag.")).toBe("Det er overportørens ret at bestemme, når vi går hjem på fredag.");
  });

  it("reads a capital A inside a sentence as a lower-case å where the word is no name (its ring taken for a capital)", () => {
    expect(repaired("Der blev holdt et Abent mgde i huset, og det var Abenbart godt for alle, sa vi gar hjem.")).toBe("Der blev holdt et åbent møde i huset, og det var åbenbart godt for alle, så vi går hjem.");
    // a sentence opens with a capital; short words and names stay
    expect(repaired("Abent hus pa skolen. Vi ma se Al Gore og Ase pa mgdet.")).toBe("Åbent hus på skolen. Vi må se Al Gore og Ase på mødet.");
  });

  it("reads a long capitalised word inside a sentence whose reading is a common word (a place named by it); short ones are names", () => {
    expect(repaired("Vi ma ga over Radhuspladsen og Kveegtorvet, nar vi ser Gore og Kerte pa mgdet.")).toBe("Vi må gå over Rådhuspladsen og Kvægtorvet, når vi ser Gore og Kerte på mødet.");
  });

  it("reads the OCR spellings of other fonts (¢ and g@ for ø, ez for æ) and words made from an acronym", () => {
    expect(repaired("Det giver et lavere st¢jniveau, og han har sg@gt hjaelp pa skolen hos aktionezrerne.")).toBe("Det giver et lavere støjniveau, og han har søgt hjælp på skolen hos aktionærerne.");
    expect(repaired("Vi ma ikke glemme DJOFiseringen af den offentlige sektor, sa vi ma tanke nyt.")).toBe("Vi må ikke glemme DJØFiseringen af den offentlige sektor, så vi må tænke nyt.");
    // ø read as d: only where no other reading is Danish (`med`, `bede`, `død` stay)
    expect(repaired("Han kgbte brdd og ost, og det var et meget fdlelsesladet mgde for os alle pa skolen.")).toBe("Han købte brød og ost, og det var et meget følelsesladet møde for os alle på skolen.");
    expect(repaired("Vi ma bede dem om hjaelp med den dode fugl pa vejen.")).toBe("Vi må bede dem om hjælp med den døde fugl på vejen.");
  });

  it("reads names the dictionary lacks that tesseract's Danish word pairs have, and keeps names they lack", () => {
    expect(repaired("En tur til Furese kan anbefales, sagde Villy Sovndal, og vi ma ga derhen pa mandag.")).toBe("En tur til Furesø kan anbefales, sagde Villy Søvndal, og vi må gå derhen på mandag.");
    expect(repaired("Vi ma tale med Tom Olsen og Lone Madsen fra Hillerod pa mgdet, nar vi gar.")).toBe("Vi må tale med Tom Olsen og Lone Madsen fra Hillerød på mødet, når vi går.");
  });

  it("keeps abbreviations and names that spell å as aa, in text that has lost æ/ø/å", () => {
    expect(repaired("Det kgl. teater er feelles for os, og vi gar bl.a. pa arbejde med Jens Damgaard.")).toBe("Det kgl. teater er fælles for os, og vi går bl.a. på arbejde med Jens Damgaard.");
    expect(repaired("Vi sa billeder af Clinton og Gore sammen pa kontoret.")).toBe("Vi så billeder af Clinton og Gore sammen på kontoret.");
    // at the end of a sentence a damaged word is still read (pa. is no abbreviation)
    expect(repaired("Vi ma vaere der, og vi venter pa.")).toBe("Vi må være der, og vi venter på.");
  });

  it("reads for/før-type real words by their neighbours only where the context is clear", () => {
    expect(repaired("Hun blev fedt i Odense, og vi ma tanke pa det nar vi skal na malet.")).toBe("Hun blev født i Odense, og vi må tænke på det når vi skal nå målet.");
    // …by the counts of words and word pairs, not by a list of the words around them
    const counted = normalizeText("Vi ma ga pa mandag, og jeg far lov til at sige, hvad der er malet med det, nar vi gar.").changes;
    expect(counted.filter((c) => ["far", "malet"].includes(c.from)).map((c) => `${c.to} ${c.rule}`)).toEqual(["får danish.frequency", "målet danish.frequency"]);
    expect(repaired("Malet er at ga ud ad en der til haven, sa vi ma ggre det som for i tiden.")).toBe("Målet er at gå ud ad en dør til haven, så vi må gøre det som før i tiden.");
    expect(repaired("Det er dobbelt sa mange som aret for, og vi ses for jul pa kontoret.")).toBe("Det er dobbelt så mange som året før, og vi ses før jul på kontoret.");
    // …and leaves them alone where both readings fit
    expect(repaired("Det er fedt at vi ma vaere med, og vi skal tanke bilen op pa vejen.")).toBe("Det er fedt at vi må være med, og vi skal tanke bilen op på vejen.");
    expect(repaired("Huset er malet hvidt, og der er en der kan hjaelpe os nar vi gar hjem.")).toBe("Huset er malet hvidt, og der er en der kan hjælpe os når vi går hjem.");
  });

  it("reads dialogue: `hvordan går det`, and a line of dialogue opened by a dash starts a sentence", () => {
    expect(repaired("Hej! Hvordan gar det? Fint, tak. -Veer ikke genert, vi ma ga nu og na toget pa stationen.")).toBe("Hej! Hvordan går det? Fint, tak. -Vær ikke genert, vi må gå nu og nå toget på stationen.");
    // `gør det` stays where gør goes on
    expect(repaired("Hun gar det hver dag, nar vi ma ga hjem.")).toBe("Hun gør det hver dag, når vi må gå hjem.");
    // an opening quote mark opens a sentence too: `Fa` is `Få`, not a name
    expect(repaired('Hun sagde til os: " Kgrer du hjem nu? " Vi ma ga, og Gore kommer " Fa det gjort ".')).toBe('Hun sagde til os: " Kører du hjem nu? " Vi må gå, og Gore kommer " Få det gjort ".');
    // `gøre nar af`: nar before af is the noun, elsewhere når
    expect(repaired("Du ma ikke ggre nar af ham, nar han gar hjem.")).toBe("Du må ikke gøre nar af ham, når han går hjem.");
  });

  it("reads 1 between words as i, but not a number before what it counts or after a word of quantity", () => {
    const out = normalizeText("Vi star 1 stampe, der er gaet 1 time, og vi har cirka 1 minut tilbage pa mgdet med under 1 promille.");
    expect(out.text).toBe("Vi står i stampe, der er gået 1 time, og vi har cirka 1 minut tilbage på mødet med under 1 promille.");
    expect(out.changes.filter((c) => c.rule === "ocr.digit-i")).toHaveLength(1);
  });

  it("reads a dictionary word no count has seen as its reading that real text uses (`bandene` → `båndene`)", () => {
    expect(repaired("Vi ma se bandene igen, og aktorerne pa markedet ma ga sammen, nar vi gar videre. Lasen var i stykker.")).toBe("Vi må se båndene igen, og aktørerne på markedet må gå sammen, når vi går videre. Låsen var i stykker.");
    // a compound reading Europarl has seen (`værdimæssigt`, 6 times), not one no count has (`bar|sæl|dagpenge`)
    expect(repaired("Det er verdimessigt en god ide, og vi ma se pa barseldagpenge, nar vi gar.")).toBe("Det er værdimæssigt en god ide, og vi må se på barseldagpenge, når vi går.");
    // a rare word that the subtitles or Europarl have seen keeps its letters where nothing else speaks for the reading
    expect(repaired("Han var kedet, og vi ma ga hjem nar vi vil, sa det er godt.")).toBe("Han var kedet, og vi må gå hjem når vi vil, så det er godt.");
  });

  it("counts a word the subtitle list lacks as seen fewer times than its last word, not never", () => {
    // `aflaste`: Europarl 60, not among the subtitles' 50,000 words; `afløste`: Europarl 15, the subtitles 46
    expect(repaired("Vi ma aflaste personalet pa sygehuset, nar vi gar hjem.")).toBe("Vi må aflaste personalet på sygehuset, når vi går hjem.");
  });

  it("keeps a Danish word written with an accent (`hér`, `dér`): the OCR's é for ø makes no word", () => {
    expect(repaired("Det hér forstar jeg ikke, og dér ma vi ga hjem pa mandag.")).toBe("Det hér forstår jeg ikke, og dér må vi gå hjem på mandag.");
    // …where é in a word that is no Danish word still reads ø
    expect(repaired("Vi ma se pa det i mérket, nar vi gar hjem.")).toBe("Vi må se på det i mørket, når vi går hjem.");
  });

  it("reads ø written as g with a vowel beside it, and æ as `aze`", () => {
    expect(repaired("Vi gonsker et hgajt niveau, og det er sjazeldent at vi ma ga hjem pa mandag.")).toBe("Vi ønsker et højt niveau, og det er sjældent at vi må gå hjem på mandag.");
    expect(repaired("Vi skal gennemfogre planen, nar vi gar hjem pa mandag.")).toBe("Vi skal gennemføre planen, når vi går hjem på mandag.");
  });

  it("reads a 1 that opens a word as l (`1a` → `lå`), but not after a word of quantity", () => {
    expect(repaired("Hun 1a i sengen, og vi ma ga hjem nar det er morgen.")).toBe("Hun lå i sengen, og vi må gå hjem når det er morgen.");
    expect(repaired("Vi ma se pa punkt 1a igen, nar vi gar hjem.")).toBe("Vi må se på punkt 1a igen, når vi går hjem.");
  });

  it("keeps `, for vi …` (the conjunction, far commoner in running text than `, før vi …`)", () => {
    expect(repaired("Vi ma ga nu, for vi er sent pa den. Det blev meget bedre end for.")).toBe("Vi må gå nu, for vi er sent på den. Det blev meget bedre end før.");
    expect(repaired("Det er jeg glad for, for jeg ville ogsa hore svaret pa mgdet.")).toBe("Det er jeg glad for, for jeg ville også høre svaret på mødet.");
  });

  it("reads a word that is Danish only as a compound of parts (engle|ender) as the listed word real text sees far more often", () => {
    expect(isCompound("engleender")).toBe(true);
    expect(repaired("Han sa velvilligt pa en engleender, der var kommet for sent til mgdet.")).toBe("Han så velvilligt på en englænder, der var kommet for sent til mødet.");
  });

  it("keeps a real word where the two counts of running text disagree and the subtitles favour its reading only a little", () => {
    // subtitles: `måner` 120, `maner` 110; Europarl: `maner` 47, `måner` never
    expect(subtitleCount("måner")).toBeLessThan(2 * subtitleCount("maner"));
    expect(corpusCount("maner")).toBeGreaterThan(corpusCount("måner"));
    expect(repaired("Formanden maner til besindighed, nar vi gar hjem pa fredag.")).toBe("Formanden maner til besindighed, når vi går hjem på fredag.");
  });

  it("keeps a real word that both counts of running text see more often than its reading, whatever tesseract's few pairs say", () => {
    // `her søg` is one of tesseract's pairs, `her sag` is not; subtitles and Europarl both see `sag` far more often
    expect(subtitleCount("sag")).toBeGreaterThan(subtitleCount("søg"));
    expect(corpusCount("sag")).toBeGreaterThan(100 * corpusCount("søg"));
    expect(repaired("Vi har talt om den her sag pa mgdet, og det er en vigtig sag for os alle.")).toBe("Vi har talt om den her sag på mødet, og det er en vigtig sag for os alle.");
  });
});


describe("subtitle word frequencies (data/danish/frequencies.txt.gz)", () => {
  it("compiles the source list: lower case, words only, counts of one word summed, sorted", () => {
    expect(compileFrequencies("på 10\nPå 2\n2017 9\nbør 5\n- 4\nåbne 1\n")).toBe("bør 5\npå 12\nåbne 1\n");
  });

  it("sees common words far more often than their damaged forms, and knows no made-up word", () => {
    expect(subtitleCount("På")).toBeGreaterThan(50 * subtitleCount("pa"));
    expect(subtitleCount("hånd")).toBeGreaterThan(10 * subtitleCount("hand"));
    expect(subtitleCount("xqzvbord")).toBe(0);
  });
});

describe("word pairs of running text (data/danish/pair-counts.txt.gz, Europarl)", () => {
  it("counts only pairs with nothing but white space between, and only those a decision can be about", () => {
    const sentences = ["Vi bør gå nu.", "Vi bør se det, vi bor her.", "Vi bor her og vi bør gå.", "Vi bør-gå ikke."];
    const text = compilePairCounts(() => sentences, 1);
    const data = parsePairCounts(text);
    const id = (w: string) => tableIndex(data.ids, w);
    const pair = (a: string, b: string) => {
      const i = Array.from(data.keys).indexOf(id(a) * data.counts.length + id(b));
      return i < 0 ? 0 : data.pairCounts[i]!;
    };
    expect(data.total).toBe(22);
    expect(pair("vi", "bør")).toBe(4);
    expect(pair("vi", "bor")).toBe(2);
    // `det, vi` spans a comma, `bør-gå` a hyphen: no pair; `og vi` has no word a decision is about: not kept
    expect(pair("det", "vi")).toBe(0);
    expect(pair("bør", "gå")).toBe(2);
    expect(tableIndex(data.ids, "og")).toBe(-1);
    // `bor` is `bør` with ø read as o: all its pairs are kept; `vi` is only a neighbour
    expect(data.all[id("bor")]).toBe(1);
    expect(data.all[id("vi")]).toBe(0);
    expect(plainVariants("før")).toEqual(["for", "fer", "far"]);
    expect(runsOf("Han sagde: »Kom så!« og gik")).toEqual([["han", "sagde"], ["kom", "så"], ["og", "gik"]]);
  });

  it("sees the common pairs of the real words an OCR confuses, and knows no made-up word", () => {
    expect(corpusSize()).toBeGreaterThan(40_000_000);
    expect(corpusPairCount("vi", "bør")).toBeGreaterThan(100 * corpusPairCount("vi", "bor"));
    expect(corpusPairCount("at", "måle")).toBeGreaterThan(10 * corpusPairCount("at", "male"));
    expect(corpusPairCount("en", "dør")).toBeGreaterThan(corpusPairCount("en", "der"));
    expect(contextEvidence("vi", "bør", "ikke")).toBeGreaterThan(contextEvidence("vi", "bor", "ikke") + 2);
    expect(contextEvidence("vi", "bor", "i")).toBeGreaterThan(contextEvidence("vi", "bør", "i"));
    expect(contextEvidence("", "bør", "")).toBe(0);
    expect(contextEvidence("vi", "xqzvbord", "ikke")).toBe(0);
  });

  it("changes a real word where the words on both sides clearly want its likeliest reading, and only there", () => {
    const repaired = (text: string) => normalizeText(text).text;
    expect(repaired("Det er svaert, men det bor ga hurtigt, nar vi ma vaere med pa holdet.")).toBe("Det er svært, men det bør gå hurtigt, når vi må være med på holdet.");
    expect(repaired("Det er svaert at male effekten pa kort sigt, men vi ma prove.")).toBe("Det er svært at måle effekten på kort sigt, men vi må prøve.");
    // a sentence wrapped over two lines: the last word of the line before is the neighbour
    expect(repaired("Det er svaert at forklare, hvordan vi skal\nmale effekten pa kort sigt.")).toBe("Det er svært at forklare, hvordan vi skal\nmåle effekten på kort sigt.");
    expect(repaired("Det er svaert at forklare, hvordan vi skal. Vi\nMale effekten pa kort sigt.")).toBe("Det er svært at forklare, hvordan vi skal. Vi\nMale effekten på kort sigt.");
    // both readings fit: the word stays
    expect(repaired("Vi bor i et hus pa landet, og vi gar hjem nar vi ma.")).toBe("Vi bor i et hus på landet, og vi går hjem når vi må.");
    // one neighbour only: `strømmer til` is common, but `strammer til` is Danish too
    expect(repaired("Flippen strammer til om hans hals, sa han ma ga hjem pa vejen.")).toBe("Flippen strammer til om hans hals, så han må gå hjem på vejen.");
    expect(repaired("Det er malet hvidt pa tre sider, sa vi ma ga ud og se det.")).toBe("Det er malet hvidt på tre sider, så vi må gå ud og se det.");
  });

  it("keeps a real word in a phrase of its own: running text has it beside its neighbour and never the reading", () => {
    const repaired = (text: string) => normalizeText(text).text;
    // Europarl has `min far` 60 times and `min får` never, though it has `får` 80 times as often as `far`
    expect(pairOnlyOf("far", "får", "min", false)).toBe(true);
    expect(pairOnlyOf("nar", "når", "af", true)).toBe(true);
    // …but not where the reading is seen beside the neighbour too (`og far`, `og får`), nor a pair seen too seldom
    expect(pairOnlyOf("far", "får", "og", false)).toBe(false);
    expect(pairOnlyOf("fode", "føde", "at", false)).toBe(false);
    // the document uses `børn` and `får` intact, which favours them: `et barn` and `min far` still stay
    const pages = normalizePages(["Vi ma hjaelpe et barn fra byen, nar vi gar hjem pa fredag.", "Min far siger, at vi far det svaert pa skolen.", "Alle børn får hjælp."]);
    expect(pages.map((p) => p.text)).toEqual(["Vi må hjælpe et barn fra byen, når vi går hjem på fredag.", "Min far siger, at vi får det svært på skolen.", "Alle børn får hjælp."]);
    expect(repaired("Vi ma ikke ggre nar af ham, nar han gar hjem.")).toBe("Vi må ikke gøre nar af ham, når han går hjem.");
  });
});
