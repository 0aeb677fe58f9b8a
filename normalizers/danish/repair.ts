// The Danish repair: reads æ/ø/å back into words that lost them. Each word's readings come from the error
// model and the lexicon (words.ts); the document decides how hard to repair (damage.ts): in Danish text
// that has lost æ/ø/å every word is suspect, in intact text only a word that is not Danish and whose
// reading the document itself uses intact. Context rules settle the ambiguous forms (`gar en forskel`).
import type { Edit } from "../edits.ts";
import { combineDamage, damageEvidence, damageOfTokens, type DanishDamage, type RepairToken } from "./damage.ts";
import { tokenizeOcr } from "../../language/tokenize.ts";
import { contextRule, hasContextRule } from "./context.ts";
import { isStop, wordInfo, type Reading, type WordInfo } from "./words.ts";
import { bigramId, formRole, frequency, frequencyOfId, isDanishWord, isPairOfIds, roleOf, WORD } from "../../language/danish/lexicon.ts";
import { subtitleCount, subtitleFloor } from "../../language/danish/frequencies.ts";
import { contextScorer, corpusCount, pairOnlyOf, seenBeside } from "../../language/danish/pair-counts.ts";
import { abbreviationSpans, protectedSpans } from "./protect.ts";
import { detectLanguage } from "../../language/detect.ts";
import { DANISH_LETTER } from "../../language/fold.ts";

export interface RepairDanishOptions {
  /** Force the mode instead of detecting damage: `hard` treats every page as damaged, `light` as intact. */
  mode?: "auto" | "hard" | "light";
}

export interface DocumentContext {
  damage: DanishDamage;
  pages: DanishDamage[];
  /** Lower-cased words with æ/ø/å the document uses intact → count. */
  vocabulary: Map<string, number>;
  /** Per page: the text read and its words with their word info, which repairDanishPage reuses for that text. */
  read?: Array<{ text: string; tokens: RepairToken[] }>;
}


/** Reads the document once: damage per page and overall, and the æ/ø/å vocabulary it uses intact. */
export function readDocument(pages: string[]): DocumentContext {
  const vocabulary = new Map<string, number>();
  const read = pages.map((text) => ({ text, tokens: tokenizeOcr(text) }));
  for (const { tokens } of read) {
    for (const t of tokens) {
      if (DANISH_LETTER.test(t.text)) {
        const w = t.text.toLowerCase();
        vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
      }
    }
  }
  const perPage = read.map((r) => damageOfTokens(r.tokens));
  return { damage: combineDamage(perPage), pages: perPage, vocabulary, read };
}

/** A page is repaired hard when it, or its document with nothing intact on the page, has lost æ/ø/å. */
function isHard(doc: DocumentContext, page: DanishDamage, options: RepairDanishOptions): boolean {
  if (options.mode === "hard") return true;
  if (options.mode === "light") return false;
  if (page.damaged) return true;
  if (!doc.damage.damaged) return false;
  return page.intact === 0 || page.score >= 0.5;
}

/**
 * A neighbour as the context rules read it, lower case: in text that has lost æ/ø/å, its likeliest reading where
 * it is no Danish word or a damaged stop word (`pa` → `på`, as damage.ts counts them), else as written.
 */
function lowerWord(t: RepairToken | undefined, hard = false): string {
  if (!t) return "";
  if (hard && !DANISH_LETTER.test(t.text)) {
    const info = t.info ?? wordInfo(t.text);
    const first = info.readings[0];
    if (first && !info.fixed && (!info.valid || (first.stop && !info.stop))) return first.text.toLowerCase();
  }
  return t.text.toLowerCase();
}

/** Proposes the edits for one page of a document read with `readDocument`. */
export function repairDanishPage(text: string, doc: DocumentContext, pageIndex: number, options: RepairDanishOptions = {}): Edit[] {
  const page = doc.pages[pageIndex] ?? damageEvidence(text);
  const hard = isHard(doc, page, options);
  const edits: Edit[] = [];
  const spans = [...protectedSpans(text), ...abbreviationSpans(text, (w) => wordInfo(w).valid)];
  const inSpan = (s: number, e: number) => spans.some(([a, b]) => s < b && a < e);
  // The page's words as readDocument read them (with their word info), or read now; then line by line.
  const read = doc.read?.[pageIndex];
  const tokens = read && read.text === text ? read.tokens : tokenizeOcr(text);
  let lineStart = 0, k = 0;
  for (const line of text.split("\n")) {
    const lineEnd = lineStart + line.length;
    const first = k;
    while (k < tokens.length && tokens[k]!.start < lineEnd) k++;
    // A sentence wrapped over two lines: the word that ends the line before (with no mark after it) and the
    // lower-case word that goes on the line after are the neighbours of the line's first and last words.
    const wrapped = (a: RepairToken | undefined, b: RepairToken | undefined) =>
      a !== undefined && b !== undefined && /^\s+$/.test(text.slice(a.end, b.start)) && /^\p{Ll}/u.test(b.text);
    const edges = { before: wrapped(tokens[first - 1], tokens[first]) ? tokens[first - 1] : undefined, after: wrapped(tokens[k - 1], tokens[k]) ? tokens[k] : undefined };
    if (!isEnglishLine(line)) repairLine(line, lineStart, tokens.slice(first, k), hard, doc, inSpan, edits, edges);
    lineStart = lineEnd + 1;
  }
  return edits;
}

/** A line franc reads as English (long enough, no Danish letters) and mostly made of English words. */
function isEnglishLine(line: string): boolean {
  if (line.length < 30 || DANISH_LETTER.test(line)) return false;
  const words = line.match(/\p{L}{2,}/gu) ?? [];
  // (counted until the share can no longer reach 0.6: most lines of Danish text fail early)
  const share = (english: number) => english / Math.max(1, words.length) >= 0.6;
  let english = 0;
  for (let i = 0; i < words.length && share(english + (words.length - i)); i++) {
    const info = wordInfo(words[i]!);
    if (info.inEnglish && !info.stop) english++;
  }
  return share(english) && detectLanguage(line, 30) === "en";
}

/** Repairs the words of one line (`tokens`, offsets in the page; `base`: where the line starts). */
function repairLine(line: string, base: number, tokens: RepairToken[], hard: boolean, doc: DocumentContext, inSpan: (s: number, e: number) => boolean, edits: Edit[], edges: { before?: RepairToken; after?: RepairToken } = {}): void {
  if (hard) digitI(line, base, tokens, edits);
  for (let i = 0; i < tokens.length; i++) {
    const t = (hard ? withDigitL(line, base, tokens, i) : undefined) ?? tokens[i]!;
    if (DANISH_LETTER.test(t.text)) continue;
    const right = tokens[i + 1];
    // (one space between: tested on the character, without a string per word)
    if (hard && right && right.start - t.end === 1 && line.charCodeAt(t.end - base) === 32 && !inSpan(t.start, right.end)) {
      const joined = joinAcrossSpace(t, right);
      if (joined) {
        edits.push(joined);
        i++;
        continue;
      }
    }
    // Most words have nothing to decide: no reading, no context rule, not an l-for-I.
    const info = t.info ?? wordInfo(t.text);
    const ruled = hard && hasContextRule(t.text);
    if (info.readings.length === 0 && !ruled && (info.valid || t.text[0] !== "l")) continue;
    // …nor do a fixed word and a Danish word no context can change (decide would leave them: no need to read the context)
    if (info.fixed || (!ruled && info.valid && info.readings.length > 0 && (!hard || keepsByFar(info)))) continue;
    if (inSpan(t.start, t.end)) continue;
    const at = t.start - base;
    const after = /^\s*(\S?)/.exec(line.slice(t.end - base, t.end - base + 8))?.[1] ?? "";
    const before = line.slice(Math.max(0, at - 8), at);
    const prev = lowerWord(tokens[i - 1], hard), next = lowerWord(tokens[i + 1], hard);
    const context: Context = {
      prev,
      next,
      pairedPrev: i > 0 ? (/^\s+$/.test(line.slice(tokens[i - 1]!.end - base, at)) ? prev : "") : lowerWord(edges.before, hard),
      pairedNext: right ? (/^\s+$/.test(line.slice(t.end - base, right.start - base)) ? next : "") : lowerWord(edges.after, hard),
      next2: lowerWord(tokens[i + 2], hard),
      stopAfter: /^[.!?,:;]$/.test(after),
      // (a line of dialogue opens with a dash: `Fint. -Vær ikke genert`; a quotation with its mark: `siger: " Kører`)
      sentenceStart: i === 0 ? /^\W*$/u.test(line.slice(0, at)) : /[.!?:]\s*["'(«»–—-]*\s*$|(?:^|\s)["«»]\s*$/u.test(before),
      commaBefore: /,\s*$/u.test(before),
    };
    const edit = decide(t, context, hard, doc);
    if (edit) edits.push(edit);
  }
}

/** The letters an English OCR drops, leaving a space (`h jskole` for `højskole`). */
const LOST_TO_SPACE = ["ø", "æ", "å"];

/**
 * `h jskole` → `højskole`, `bestyrelsesm de` → `bestyrelsesmøde`: æ/ø/å lost to a space splits one word in two.
 * The left part is no Danish word and has no reading that is one (it is a broken piece); the right part is none
 * either, or one of at most three letters (`de`, `re`); the two joined with the letter read in are a Danish word.
 * A dictionary form wins over a compound, then the more frequent; one edit spans both parts.
 */
function joinAcrossSpace(left: RepairToken, right: RepairToken): Edit | undefined {
  // (the left part first: most words are no broken piece, and that is decided without a regex)
  const l = left.info ?? wordInfo(left.text);
  // A single letter is a piece unless it is a word of one letter itself (`i`, `å`, `ø`).
  const piece = left.text.length === 1 ? /^[\p{Ll}]$/u.test(left.text) && left.text !== "i" : !l.valid && (left.text.length <= 3 || !l.inEnglish);
  if (!piece || l.fixed || l.readings.length > 0) return undefined;
  if (DANISH_LETTER.test(right.text) || !/^\p{Ll}+$/u.test(right.text)) return undefined;
  const r = right.info ?? wordInfo(right.text);
  if (r.fixed || r.english || (r.valid ? right.text.length > 3 : r.readings.length > 0)) return undefined;
  let best: { text: string; score: number; letter: string } | undefined;
  for (const letter of LOST_TO_SPACE) {
    const text = left.text + letter + right.text;
    const direct = (roleOf(text) & WORD) !== 0;
    if (!direct && !isDanishWord(text)) continue;
    const score = Math.log(frequency(text) + 0.5) - (direct ? 0 : COMPOUND);
    if (!best || score > best.score) best = { text, score, letter };
  }
  if (!best) return undefined;
  return { start: left.start, end: right.end, to: best.text, rule: "danish.split", confidence: 0.75, reason: `"${left.text} ${right.text}" is no Danish word; "${best.text}" is (${best.letter} lost to a space)` };
}

interface Context {
  prev: string;
  next: string;
  /** The neighbours with only white space between them and the word ("" otherwise): a word pair of running text. */
  pairedPrev: string;
  pairedNext: string;
  next2: string;
  /** A sentence mark or comma follows. */
  stopAfter: boolean;
  sentenceStart: boolean;
  commaBefore: boolean;
}

/** Weights of the evidence, in nats: the error model's costs are -ln P(seen | word). */
const FREQUENCY = 1;
const PAIR = 1.5;
const VOCABULARY = 2.5;
/** A word the dictionary has only as a compound of its parts is less likely than a dictionary form. */
const COMPOUND = 1.5;
/** An English word in a Danish line keeps its letters unless a Danish reading is clearly likelier. */
const ENGLISH = 1.5;
/** Weight of ln(subtitle count + 1) (language/danish/frequencies.ts), beside the word-pair proxy. */
const SUBTITLE = 0.5;
/** How much more the running-text pairs must favour a reading than the word as written (contextScorer, nats). */
const CONTEXT_MARGIN = 1.5;
/** The score of leaving a word that is not Danish as it is (a name, a foreign word): readings must beat it. */
const KEEP_UNKNOWN = -5;

interface Option { text: string; cost: number; edits: string[]; score: number; pairs: number; seen: number; count: number }

function decide(t: RepairToken, { prev, next, next2, pairedPrev, pairedNext, stopAfter, sentenceStart, commaBefore }: Context, hard: boolean, doc: DocumentContext): Edit | undefined {
  const w = t.text;
  /** `@en` at the start of a sentence is `Øen`: the OCR's @ has no case. */
  const atSentenceStart = sentenceStart && w.startsWith("@");
  const info = t.info ?? wordInfo(w);
  if (info.fixed) return undefined;
  const lower = w.toLowerCase();
  if (info.english && (!hard || isEnglishNeighbour(prev) || isEnglishNeighbour(next))) return undefined;
  if (hard) {
    const rule = contextRule(lower, prev, next, next2, stopAfter, commaBefore);
    if (rule) {
      const to = matchCase(rule.to, w);
      if (to === w) return undefined;
      return edit(t, to, "danish.context", 0.8, `"${w}" ${rule.why}`);
    }
  }
  if (info.readings.length === 0) return capitalI(t, info.valid);
  if (!hard && (info.valid || info.english)) return undefined;
  if (info.valid && keepsByFar(info)) return undefined;
  const options: Option[] = [];
  const prevId = bigramId(prev), nextId = bigramId(next);
  // Among the readings of a word that is no Danish word, how often each is seen in real text helps choose
  // (`made`: `måde` or `møde`); so for a word Danish only as a compound of parts (`engle|ender`), which real text
  // seldom lists, against a listed reading (`englænder`); a dictionary word is weighed against its readings as before.
  // …and for a dictionary word that no count has seen at all (`bandene`, `Lasen`): the dictionary's rare forms are
  // the readings an OCR makes of common words more often than words of their own (`båndene`, `Låsen`).
  const subtitleWeight = info.valid && !info.compound && !unseen(w, info) ? 0 : SUBTITLE;
  const rate = (text: string, id: number, cost: number, edits: string[], compound: boolean, logFrequency: number): Option => {
    const pairs = (isPairOfIds(prevId, id) ? 1 : 0) + (isPairOfIds(id, nextId) ? 1 : 0);
    const seen = doc.vocabulary.get(text.toLowerCase()) ?? 0;
    const count = subtitleCount(text);
    // (where real text's counts weigh, Europarl's count too, the likelier of the two: `aktørerne`, `værdimæssigt`,
    // which the subtitles seldom say)
    const counted = subtitleWeight > 0 ? Math.max(count, corpusCount(text.toLowerCase())) : count;
    const score = -cost + FREQUENCY * logFrequency + subtitleWeight * Math.log(counted + 1) + PAIR * pairs + (seen ? VOCABULARY : 0) - (compound ? COMPOUND : 0);
    return { text, cost, edits, score, pairs, seen, count };
  };
  const keep = rate(w, info.pairId, 0, [], info.compound, info.logFrequency);
  if (info.valid) options.push(keep);
  else if (info.english) options.push({ ...keep, score: keep.score + ENGLISH });
  else options.push({ ...keep, score: KEEP_UNKNOWN });
  for (const r of info.readings) {
    // A capital read as å (`Abent` → `åbent`) only inside a sentence: one opens with a capital.
    if (sentenceStart && r.edits.includes(CAPITAL_A)) continue;
    options.push(rate(atSentenceStart ? capitalize(r.text) : r.text, r.pairId, r.cost, r.edits, r.compound, r.logFrequency));
  }
  options.sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : 1));
  let best = options[0]!;
  if (best.text === w && !info.valid) return undefined;
  if (best.text !== w && !sentenceStart) {
    // Not a name, but a lower-case word whose å the OCR read as a capital A: `et Abent møde` is `et åbent møde`.
    const lower = lowerInitialA(w, info, best, options);
    if (lower) best = lower;
    else if (keepsNameSpelling(w, info, best, sentenceStart)) return undefined;
  }
  // The running-text pairs only decide between a Danish word as written and its likeliest reading, where both
  // neighbours are known to them and they are clear (clearInContext); nothing else weighs them.
  // (Asked only where the rest of the evidence keeps the word: the reading they may choose is its likeliest one.)
  let clear: Option | undefined;
  // A Danish word in a phrase of its own (`gøre nar af`): running text has it beside its neighbour, never the reading.
  if (info.valid && best.text !== w && hard && inPhrase(lower, best.text.toLowerCase(), pairedPrev, pairedNext)) return undefined;
  if (info.valid && (best.text === w || !changesRealWord(keep, best))) {
    if (hard && corpusCount(pairedPrev) > 0 && corpusCount(pairedNext) > 0) clear = clearInContext(keep, options, pairedPrev, pairedNext);
    if (!clear) return undefined;
    best = clear;
  }
  const margin = options[1] ? best.score - options[1].score : 3;
  const how = best.edits.join(", ");
  const bestFrequency = frequency(best.text);
  const evidence = [
    bestFrequency ? `seen in ${bestFrequency} Danish word pairs` : "",
    best.pairs ? `"${[prev, best.text, next].filter(Boolean).join(" ")}" reads as Danish` : "",
    clear ? `running text has "${pairedPrev} ${best.text.toLowerCase()} ${pairedNext}", not "${pairedPrev} ${lower} ${pairedNext}"` : "",
    best.seen ? `the document uses "${best.text}" ${best.seen}×` : "",
  ].filter(Boolean).join("; ");
  if (!hard) {
    if (!best.seen) return undefined;
    return edit(t, best.text, "danish.vocabulary", conf(0.7, margin), `"${w}" is not Danish; the document uses "${best.text}" ${best.seen}× (${how})`);
  }
  if (info.valid) {
    return edit(t, best.text, "danish.frequency", conf(0.6, margin), `"${w}" in text that has lost æ/ø/å: "${best.text}" is likelier (${[how, evidence, `"${w}" in ${frequency(w)}`].filter(Boolean).join("; ")})`);
  }
  return edit(t, best.text, "danish.lexicon", conf(0.75, margin), `"${w}" is not Danish; "${best.text}" is (${[how, evidence].filter(Boolean).join("; ")})`);
}

/**
 * A capitalised word inside a sentence is a name unless the document itself writes the reading: one that is no
 * Danish word and becomes one only by reading `aa` as `å` keeps its old spelling (`Damgaard`, like `Aarhus`),
 * and none becomes a common word the lexicon lists only in lower case (`Gore` is not `gøre`).
 */
function keepsNameSpelling(w: string, info: WordInfo, best: Option, sentenceStart: boolean): boolean {
  if (sentenceStart || best.seen || !/^\p{Lu}\p{Ll}+$/u.test(w)) return false;
  if (!info.valid && best.edits.length > 0 && best.edits.every((e) => e === "aa→å" || e === "Aa→Å")) return true;
  // Inside a sentence a capital marks a name (`Gore`, `Kerte`): a reading that the lexicon has only in lower case
  // (`gøre`, `kørte`), a common word, is not what a name stands for. A long word that reads as a common word is
  // seldom a name by chance, but a place named by its common word (`Kveegtorvet` → `Kvægtorvet`).
  return w.length < LONG_NAME && formRole(best.text) === undefined && (roleOf(best.text) & WORD) !== 0;
}

const CAPITAL_A = "A→å";
/** From this length a capitalised word whose reading is a common word is read (keepsNameSpelling). */
const LONG_NAME = 8;

/**
 * The reading `best` would be, with its capital Å lower case, where the OCR wrote that å as `A` inside a sentence:
 * a word of four letters or more, no Danish word as written, whose capitalised reading is a common word the
 * lexicon lists only in lower case, not a name (`Al`, `Ase` stay).
 */
function lowerInitialA(w: string, info: WordInfo, best: Option, options: Option[]): Option | undefined {
  if (info.valid || w.length < 4 || !best.text.startsWith("Å") || formRole(best.text) !== undefined) return undefined;
  const lower = `å${best.text.slice(1)}`;
  return options.find((o) => o.text === lower && o.edits[0] === CAPITAL_A && (roleOf(lower) & WORD) !== 0);
}

/**
 * Both the word as written and the best reading are Danish (`bor`/`bør`, `vare`/`være`): a wrong change costs
 * more than a missed one, so a reading that real text (the subtitle counts) sees less often than the word as
 * written wins only where the words around it agree (it makes more Danish word pairs).
 */
function changesRealWord(keep: Option, best: Option): boolean {
  const europarl = corpusCount(best.text.toLowerCase()) >= corpusCount(keep.text.toLowerCase());
  // Where the two counts of running text disagree, the subtitles must favour the reading clearly (`maner`, not `måner`).
  // (a word the subtitle list lacks is seen fewer times than its last words, not never: `aflaste`, which Europarl
  // sees more often than `afløste`, is not read so because the subtitles have `afløste` 46 times)
  const seen = (o: Option) => Math.max(o.count, subtitleFloor());
  if (seen(best) >= (europarl ? 1 : DISAGREE) * seen(keep)) return true;
  // The pairs of tesseract's word list are few and short: where both counts of running text (subtitles and
  // Europarl) see the word as written more often, they do not outweigh them (`den her sag`, not `søg`).
  return best.pairs > keep.pairs && europarl;
}
/** How many times more often the subtitles must see a reading that Europarl sees less often than the word as written. */
const DISAGREE = 2;

/**
 * The likeliest reading of a Danish word, where running text clearly wants it instead of the word as written:
 * seen beside both neighbours (the caller asks for two it knows), where the word as written is not beside both,
 * and gaining CONTEXT_MARGIN or more over it (`at male effekten` → `at måle effekten`; not `vi bor ikke`, where
 * both fit, nor `skal tanke bilen`, where `tanke` may be the verb that running text rarely has).
 */
function clearInContext(keep: Option, options: Option[], prev: string, next: string): Option | undefined {
  const reading = options.find((o) => o !== keep);
  if (!reading) return undefined;
  const word = keep.text.toLowerCase(), other = reading.text.toLowerCase();
  if (!seenBeside(prev, other, next) || seenBeside(prev, word, next, true)) return undefined;
  const evidence = contextScorer(prev, next);
  return evidence(other) - evidence(word) >= CONTEXT_MARGIN ? reading : undefined;
}

/** `word` stands in a phrase of its own with a neighbour where running text never has `reading` (pairOnlyOf). */
function inPhrase(word: string, reading: string, prev: string, next: string): boolean {
  return (prev !== "" && pairOnlyOf(word, reading, prev, false)) || (next !== "" && pairOnlyOf(word, reading, next, true));
}

/** A word none of the counts has seen: not in tesseract's word pairs, the subtitles or Europarl. */
function unseen(w: string, info: WordInfo): boolean {
  return frequencyOfId(info.pairId) === 0 && subtitleCount(w) === 0 && corpusCount(w.toLowerCase()) === 0;
}

/** The most the context (pairs, the document's vocabulary) can add to one reading. */
const MAX_CONTEXT = 2 * PAIR + VOCABULARY;

/** A valid word so much likelier than any reading that no context can change it (`og`, never `øg`). */
function keepsByFar(info: WordInfo): boolean {
  const keep = info.logFrequency - (info.compound ? COMPOUND : 0);
  return info.readings.every((r) => keep - (-r.cost + FREQUENCY * r.logFrequency - (r.compound ? COMPOUND : 0)) > MAX_CONTEXT);
}

/** A neighbour that is English and not Danish: the word stands in an English phrase (`Talk Treasury`). */
function isEnglishNeighbour(word: string): boolean {
  if (word.length < 2) return false;
  const info = wordInfo(word);
  return info.english && info.readings.length === 0;
}

/** `lllusionen` → `Illusionen`: a capital I read as l, at the start of a word that is not Danish. */
function capitalI(t: RepairToken, valid: boolean): Edit | undefined {
  if (valid || !/^l[l\p{Ll}]/u.test(t.text)) return undefined;
  const to = `I${t.text.slice(1)}`;
  if (!isDanishWord(to)) return undefined;
  return edit(t, to, "ocr.capital-i", 0.85, `"${t.text}" is not Danish; "${to}" is (l→I)`);
}

/** `1 opbrud`, `| eksperimenterne` → `i …`: the word i read as a digit or a bar between two lower-case words. */
function digitI(line: string, base: number, tokens: RepairToken[], edits: Edit[]): void {
  if (!line.includes("1") && !line.includes("|")) return;
  for (const m of line.matchAll(/(?<=\p{Ll}\s)[1|](?=\s\p{Ll})/gu)) {
    const at = base + m.index;
    const next = tokens.find((t) => t.start > at);
    if (!next || !isDanishWord(next.text)) continue;
    // A number before what it counts (`gået 1 time`, `cirka 1 minut`) or after a word of quantity stays a number.
    const prev = tokens.findLast((t) => t.end <= at);
    if (UNIT.has(next.text) || (prev && QUANTITY.has(prev.text.toLowerCase()))) continue;
    edits.push({ start: at, end: at + 1, to: "i", rule: "ocr.digit-i", confidence: 0.7, reason: `"${m[0]}" between two words in text that has lost æ/ø/å reads as the word "i"` });
  }
}

/**
 * `Inge 1a stadig` → `lå`: an l the OCR read as the digit 1 at the start of a word (tokenizeOcr starts the word
 * after it). The word with the 1 read as l, where it stands after a word that ends in lower case and before a lower-case word (not after a word of
 * quantity: `punkt 1a`) and is a Danish word or has readings; the repair then decides it as any other word, and
 * leaves `1a` as it is where no reading wins.
 */
function withDigitL(line: string, base: number, tokens: RepairToken[], i: number): RepairToken | undefined {
  const t = tokens[i]!, at = t.start - base;
  if (line[at - 1] !== "1" || !/^\p{Ll}+$/u.test(t.text)) return undefined;
  const prev = tokens[i - 1], next = tokens[i + 1];
  if (!prev || !next || !/\p{Ll}$/u.test(prev.text) || !/^\s+$/.test(line.slice(prev.end - base, at - 1))) return undefined;
  if (!/^\s+$/.test(line.slice(t.end - base, next.start - base)) || !/^\p{Ll}/u.test(next.text) || QUANTITY.has(prev.text)) return undefined;
  const text = `l${t.text}`;
  const info = wordInfo(text);
  if (!info.valid && info.readings.length === 0) return undefined;
  return { text, start: t.start - 1, end: t.end, info };
}

/** What a number counts, in the singular that follows 1: `1 time`, `1 krone`. */
const UNIT = new Set(["time", "times", "minut", "minuts", "sekund", "dag", "dags", "døgn", "uge", "måned", "år", "års", "gang", "krone", "kroner", "kr", "øre", "euro", "dollar", "procent", "promille", "million", "milliard", "meter", "kilo", "kilometer", "km", "liter", "point", "side", "styk", "stk", "person", "mand", "medlem"]);
/** Words a number follows: `cirka 1`, `kun 1`. */
const QUANTITY = new Set(["cirka", "ca", "kun", "blot", "mindst", "højst", "knap", "godt", "omkring", "under", "over", "gange", "plus", "minus", "nummer", "nr", "punkt", "kapitel", "bilag", "side", "paragraf", "klokken", "kl"]);

function edit(t: RepairToken, to: string, rule: string, confidence: number, reason: string): Edit {
  return { start: t.start, end: t.end, to, rule, confidence, reason };
}

const conf = (base: number, margin: number) => Math.round(Math.min(0.99, base + 0.08 * Math.min(margin, 3)) * 100) / 100;

const capitalize = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function matchCase(to: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return to.toUpperCase();
  if (like[0] !== like[0]!.toLowerCase()) return to[0]!.toUpperCase() + to.slice(1);
  return to;
}

export type { Reading };
export { isStop };
