// Dates in Danish and English, written out or numeric, to ISO 8601 (`2. marts 2017` → `2017-03-02`).

const MONTHS: Record<string, number> = {};
const NAMES: [string[], number][] = [
  [["januar", "january", "jan"], 1], [["februar", "february", "feb"], 2], [["marts", "march", "mar"], 3],
  [["april", "apr"], 4], [["maj", "may"], 5], [["juni", "june", "jun"], 6], [["juli", "july", "jul"], 7],
  [["august", "aug"], 8], [["september", "sept", "sep"], 9], [["oktober", "october", "okt", "oct"], 10],
  [["november", "nov"], 11], [["december", "dec"], 12],
];
for (const [names, n] of NAMES) for (const name of names) MONTHS[name] = n;
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|")})\\.?`;

export interface FoundDate {
  /** ISO 8601: `YYYY-MM-DD`, or `YYYY-MM` when the text has no day. */
  iso: string;
  /** Where the date is in the text. */
  index: number;
  length: number;
}

const PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [string, string, string | undefined] }[] = [
  // 2. marts 2017, 2 March 2017, 2nd of March, 2017
  { re: new RegExp(`\\b(\\d{1,2})(?:\\.|st|nd|rd|th)?\\s*(?:of\\s+)?${MONTH}\\s*,?\\s*(\\d{4})\\b`, "iu"), parts: (m) => [m[3]!, m[2]!, m[1]] },
  // March 2, 2017
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "iu"), parts: (m) => [m[3]!, m[1]!, m[2]] },
  // 2017-03-02
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/u, parts: (m) => [m[1]!, m[2]!, m[3]] },
  // 02.03.2017, 2/3/2017, 2-3-2017 (day first, as in Danish)
  { re: /\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/u, parts: (m) => [m[3]!, m[2]!, m[1]] },
  // marts 2017
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, "iu"), parts: (m) => [m[2]!, m[1]!, undefined] },
];

/** The first date in the text, or undefined. Impossible dates (31 February) are not dates. */
export function findDate(text: string): FoundDate | undefined {
  for (const { re, parts } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = parts(m);
    const year = Number(y);
    const month = /^\d+$/.test(mo) ? Number(mo) : MONTHS[mo.toLowerCase()];
    if (!month || month > 12 || year < 1900 || year > 2199) continue;
    const pad = (n: number) => String(n).padStart(2, "0");
    if (d === undefined) return { iso: `${year}-${pad(month)}`, index: m.index, length: m[0].length };
    const day = Number(d);
    const check = new Date(Date.UTC(year, month - 1, day));
    if (day < 1 || check.getUTCMonth() !== month - 1) continue;
    return { iso: `${year}-${pad(month)}-${pad(day)}`, index: m.index, length: m[0].length };
  }
  return undefined;
}
