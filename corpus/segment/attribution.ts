// Attribution: the line under a quote saying who said it, parsed into speaker, role and organisation:
// `Næstformand i FMU, Trine Quist`, `Stadsdirektør Niels Højberg`, `— Jane Smith, CEO at Acme`,
// `Afdelingsleder for 30 medarbejdere` (a role without a name).
import type { Attribution } from "../../model/schema.ts";
import { tokens, withinOneEdit } from "./words.ts";
import { trailingPageNumber } from "./noise.ts";

/**
 * Endings of words that name a role (Danish compounds end in them: `stadsdirektør`, `afdelingsleder`),
 * and English role words. A lexicon of job titles, not of any deck's names.
 */
const ROLE_ENDINGS = [
  "direktør", "chef", "leder", "formand", "forkvinde", "konsulent", "professor", "lektor", "adjunkt", "forsker",
  "minister", "borgmester", "rådmand", "medarbejder", "sekretær", "koordinator", "specialist", "rådgiver", "partner",
  "stifter", "ejer", "sygeplejerske", "lærer", "pædagog", "studerende", "elev", "borger", "pårørende", "assistent",
  "medlem", "ansat", "udvikler", "analytiker", "økonom", "jurist", "læge",
];
const LONG_ENDINGS = ROLE_ENDINGS.filter((e) => e.length >= 6);
const ROLE_WORDS = new Set([
  "ceo", "cto", "cfo", "coo", "director", "manager", "officer", "president", "vice", "chair", "chairman", "chairwoman",
  "head", "lead", "consultant", "analyst", "researcher", "engineer", "dean", "mayor", "professor", "lecturer",
  "student", "teacher", "nurse", "doctor", "founder", "owner", "member", "adviser", "advisor", "secretary",
  "coordinator", "specialist", "employee", "citizen", "patient", "mso", "ph.d.", "phd", "dr.", "minister",
  "resident", "user", "participant", "customer", "bruger", "deltager", "kunde",
  "architect", "arkitekt", "developer", "designer", "administrator", "evangelist", "mvp", "scientist", "instructor",
  "trainer", "underviser", "principal", "senior", "junior", "program", "project", "product", "rådgivar", "seniorrådgiver",
]);
/** Words that make a capitalised phrase an organisation rather than a person. */
const ORG_WORDS = /^(kommune|region|regionen|universitet(?:et)?|university|universiteit|universität|styrelsen?|ministeri(?:et|um)|ministry|institut|institute|center|centre|agency|council|a\/s|aps|ltd|inc|gmbh|foundation|fond|forbund|association|forening|hospital|hospitalet|skole|school|college|department|forvaltning|afdeling|kl|amt|company|group|gruppen|corporation|corp|llc|asa|plc|sentralbyrå|direktorat(?:et)?|kommun|högskola|høgskole|høgskolen|hochschule|akademi|academy|erhvervsakademi|professionshøjskole|bank|museum|biblioteket?|library|ngo|fonden|partnership|consulting|labs?)$/iu;
/** Company forms written in capitals (`Equinor ASA`, `Volvo AB`): an organisation only in this case. */
const ORG_FORMS = /^(?:AS|AB|AG|SA|Oy|BV|NV)$/u;

function isOrgWord(token: string): boolean {
  const t = token.replace(/[,.;:]+$/u, "");
  return ORG_WORDS.test(t) || ORG_FORMS.test(t);
}

/** What an attribution line may open with: a dash, an arrow, an emoji pointing at the source. */
const LEAD = /^(?:[—–~\-→➡►▶➜⮕]|\p{Extended_Pictographic})[\uFE0F\s]*/u;
/** Prepositions that join a role to an organisation, tried in this order. */
const ORG_PREPOSITIONS = ["at", "hos", "ved", "i", "in", "@", "of", "for", "fra", "from"];

/** What a byline may open with before the name: `Oplæg ved`, `Presented by`. */
const BYLINE_INTRO = /^(?:oplæg ved|oplægsholder:?|præsenteret af|ved|af|presented by|by|speaker:)\s+(?=\p{Lu})/iu;

/** Forms of address before a name (`Dr. Sarah Johnson`): part of neither the name nor the role. */
const HONORIFIC = /^(?:dr|prof|mr|mrs|ms|mx|sir|hr|fru|frk)\.?$/iu;

const NAME_TOKEN = /^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.)$/u;
const NAME_PARTICLES = new Set(["van", "von", "de", "der", "den", "la", "le", "af"]);

export function isRoleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[,.;:]+$/u, "");
  if (ROLE_WORDS.has(w) || ROLE_WORDS.has(`${w}.`) || ROLE_ENDINGS.some((e) => w.endsWith(e))) return true;
  // an OCR-damaged ending (`stadsdirektar`): one edit off a long role ending, in a long word
  return w.length >= 8 && LONG_ENDINGS.some((e) => withinOneEdit(w.slice(-e.length), e));
}

/** Lower-case words an organisation's name may have between its capitalised ones (`University of Leeds`). */
const NAME_PARTICLE_WORDS = /^(?:of|for|and|the|&|i|og|af|de|du|la|le|für|und|der|van|von|på|-|–)$/u;

export function isOrganisation(text: string): boolean {
  const toks = tokens(text);
  // a name: `Aarhus Kommune`, `VIVE`; a lower-case start carries on a sentence (`gælder skole, ældrepleje`)
  if (!/^\p{Lu}/u.test(toks[0] ?? "")) return false;
  // a name's words are capitalised, organisation words or particles: `Det samme vil Bank` is a sentence
  const named = toks.every((t) => /^[\p{Lu}\d"“(]/u.test(t) || isOrgWord(t) || NAME_PARTICLE_WORDS.test(t));
  if (named && toks.some(isOrgWord)) return true;
  return toks.length === 1 && /^\p{Lu}{2,6}$/u.test(toks[0]!.normalize("NFD").replace(/\p{M}/gu, ""));
}

/** A personal name: two to four capitalised words (initials and `van`, `de`, … allowed), none a role or organisation word. */
export function isPersonName(text: string): boolean {
  const toks = tokens(text);
  if (toks.length < 2 || toks.length > 4) return false;
  if (!NAME_TOKEN.test(toks[0]!) || !NAME_TOKEN.test(toks[toks.length - 1]!)) return false;
  if (!toks.every((t) => NAME_TOKEN.test(t) || NAME_PARTICLES.has(t))) return false;
  return !toks.some((t) => isRoleWord(t) || isOrgWord(t));
}

/** The person a part of an attribution names, without a form of address: `Dr. Sarah Johnson` → `Sarah Johnson`. */
function nameOf(part: string): string | undefined {
  const toks = tokens(part);
  let k = 0;
  while (k < toks.length - 2 && HONORIFIC.test(toks[k]!)) k++;
  const name = toks.slice(k).join(" ");
  return isPersonName(name) ? name : undefined;
}

/** Parses an attribution line. Returns undefined when it names neither a person nor a role. */
export function parseAttribution(line: string): Attribution | undefined {
  const text = line.trim();
  const clean = text
    .replace(LEAD, "")
    // `Jane Doe (CEO, Acme)` reads as `Jane Doe, CEO, Acme`
    .replace(/\s*\(([^()]+)\)\s*$/u, ", $1")
    .replace(BYLINE_INTRO, "")
    .replace(/[.;:,]+$/u, "")
    .trim();
  if (!clean) return undefined;
  const parts = clean.split(/\s*,\s*/u).filter(Boolean);
  let speaker: string | undefined;
  let rest: string[] = [];
  const named = parts.findIndex((p) => nameOf(p) !== undefined);
  if (named >= 0) {
    speaker = nameOf(parts[named]!);
    rest = parts.filter((_, k) => k !== named);
  } else {
    // `Stadsdirektør Niels Højberg`: a role, then a name
    const toks = tokens(parts[0]!);
    for (let n = Math.min(4, toks.length - 1); n >= 2; n--) {
      const tail = toks.slice(-n).join(" ");
      const before = toks.slice(0, -n).filter((t) => !HONORIFIC.test(t));
      // the words before the name must say a role (`Kilde: Danmarks Statistik` names no one)
      if (isPersonName(tail) && before.some(isRoleWord)) {
        speaker = tail;
        rest = [before.join(" "), ...parts.slice(1)];
        break;
      }
    }
    if (!speaker) rest = parts;
  }
  const described = describe(rest);
  if (!speaker && !described.role && !described.organisation) return undefined;
  return { text, ...(speaker ? { speaker } : {}), ...described };
}

/**
 * Splits what an attribution says besides the name into role and organisation: `Stadsdirektør i Aarhus
 * Kommune`, `CEO at Acme`, `klimachef, Vejle Kommune`. A part with no role word that names an organisation
 * is the organisation.
 */
function describe(parts: string[]): { role?: string; organisation?: string } {
  const roles: string[] = [];
  const orgs: string[] = [];
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    const toks = tokens(part);
    const hasRole = toks.some(isRoleWord);
    // an organisation's own name (`University of Birmingham`, `Ministry of Health`) is not cut at its preposition
    if (!hasRole && isOrganisation(part)) {
      orgs.push(part);
      continue;
    }
    let split = false;
    const opens = (j: number) => j > 0 && j + 1 < toks.length && /^["“(]?\p{Lu}/u.test(toks[j + 1]!);
    for (const prep of ORG_PREPOSITIONS) {
      let k = toks.findIndex((t, j) => t.toLowerCase() === prep && opens(j));
      // `of` and `for` name a field as often as a workplace (`Professor of Public Administration`, `Head of Research
      // for Region Midtjylland`): split only before an organisation (after `for`, also before a name of capitalised
      // words: `formanden for Mellemfolkeligt Samvirke`), at the last such
      const orgAfter = (j: number) => {
        const after = toks.slice(j + 1);
        return isOrganisation(after.join(" ")) || (toks[j]!.toLowerCase() === "for" && after.length >= 2 && after.every((t) => /^\p{Lu}/u.test(t)));
      };
      if (prep === "of" || prep === "for") k = toks.findLastIndex((t, j) => /^(?:of|for)$/iu.test(t) && opens(j) && orgAfter(j));
      if (k <= 0) continue;
      roles.push(toks.slice(0, k).join(" "));
      orgs.push(toks.slice(k + 1).join(" "));
      split = true;
      break;
    }
    if (split) continue;
    if (roles.length && !hasRole && /^\p{Lu}/u.test(part)) orgs.push(part);
    else roles.push(part);
  }
  return {
    ...(roles.length ? { role: roles.join(", ") } : {}),
    ...(orgs.length ? { organisation: orgs.join(", ") } : {}),
  };
}

/**
 * Reads as an attribution line: short, not a sentence, and naming a person or a role.
 * `strict` (for quotes without quotation marks) asks for a name or a role word, not just any descriptor.
 */
export function looksLikeAttribution(line: string, options: { strict?: boolean } = {}): Attribution | undefined {
  const t = line.trim();
  const words = tokens(t).length;
  if (words === 0 || words > 10 || t.length > 90 || /[.!?]["”»]?$/u.test(t.replace(/\b(?:ph\.d|dr|mr|mrs|ms)\.$/iu, ""))) return undefined;
  const dashed = LEAD.test(t) && t.replace(LEAD, "").length > 0;
  // a slide footer (`… Aarhus University 7|22`, `Side 3`) ends in its page number: never an attribution
  if (trailingPageNumber(t)) return undefined;
  // an attribution starts with a capital (or a dash); a lower-case line carries on the sentence above it
  if (!dashed && !/^\p{Lu}/u.test(t)) return undefined;
  const a = parseAttribution(t);
  if (!a) return undefined;
  if (a.speaker || tokens(a.role ?? "").some(isRoleWord)) return a;
  // `— Aarhus Kommune`, `➡️ McKinsey Digital Insights` under a quotation: a source that is no person
  if (!options.strict && dashed && a.organisation && !a.role) return a;
  if (!options.strict && dashed && a.role && /^\p{Lu}/u.test(a.role)) return { text: a.text, organisation: [a.role, a.organisation].filter(Boolean).join(", ") };
  return undefined;
}

/** A line that carries on a byline or attribution (`of Leeds`, `og Aarhus Universitet`): short, in lower case or after a comma. */
const MAX_WRAP_WORDS = 6;

/**
 * The index of the last line of a byline or attribution that starts at `lines[k]` and wraps (`Dr. Sarah Johnson,
 * Professor of Public Administration, University` / `of Leeds`): following lines in the same block join it while
 * each is short, is not a sentence, and either starts in lower case or follows a line ending in a comma or a
 * connecting word. `k` itself when nothing wraps.
 */
export function bylineEnd(lines: readonly { text: string; gapBefore?: boolean }[], k: number): number {
  let end = k;
  while (end + 1 < lines.length && end - k < 2) {
    const next = lines[end + 1]!;
    const prev = lines[end]!.text;
    if (next.gapBefore) break;
    const words = tokens(next.text);
    if (words.length === 0 || words.length > MAX_WRAP_WORDS || /[.!?:]$/u.test(next.text) || /^[\p{P}\p{S}\d]/u.test(next.text)) break;
    const last = tokens(prev).at(-1)?.toLowerCase() ?? "";
    const lower = /^\p{Ll}/u.test(next.text) && (ORG_PREPOSITIONS.includes(words[0]!.toLowerCase()) || /^(?:og|and|&|und|och|the|de|der|di)$/u.test(words[0]!));
    if (!lower && !/,$/u.test(prev) && !ORG_PREPOSITIONS.includes(last) && !/^(?:og|and|&)$/u.test(last)) break;
    end++;
  }
  return end;
}

/** The text of a byline's lines joined: `University` + `of Leeds` → `University of Leeds`. */
export function bylineText(lines: readonly { text: string }[], from: number, to: number): string {
  return lines.slice(from, to + 1).map((l) => l.text.trim()).join(" ");
}
