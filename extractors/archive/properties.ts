// Document properties an office file states about itself, with the defaults that say nothing left out:
// a title the application or template put there (`PowerPoint Presentation`, `Presentation1`, `Event Title`)
// or an author that is an account or a program (`Microsoft Office User`, `python-pptx`).
import type { StatedProperties } from "../../model/document.ts";

const DEFAULT_TITLE = [
  /^(microsoft\s+)?(powerpoint|impress|keynote)([\s-]+\p{L}+)?$/iu, // PowerPoint Presentation, PowerPoint-præsentation
  /^(presentation|præsentation|presentasjon|präsentation|présentation|presentación|presentatie|slide|dias|lysbilde|folie)\s*\d*$/iu,
  /^(untitled|uden titel|unbenannt|sans titre|sin título|namnlös)\b/iu,
  /^(click|klik|klicken|cliquez)\b/iu,
  // a template's placeholder: "Title", "Event Title", "Presentation title here", "Titel på præsentation"
  /^((presentation|event|session|slide|deck|talk|course|document|your|præsentationens|præsentation|arrangement)\s+)?(title|titel|tittel|titre|título)(\s+(here|her|goes here))?$/iu,
  /^(office|default)\s*(theme|tema|design)$/iu,
];

const DEFAULT_AUTHOR = [
  /^(microsoft\s+office\s+user|office\s+user|windows[\s-]+user|user|bruger|benutzer|utilisateur|admin|administrator|owner|ejer|author|forfatter|unknown|ukendt)\d*$/iu,
  /^(python-pptx|pptxgenjs|apache poi|libreoffice|openoffice|aspose|docx4j)\b/iu,
];

export function statedTitle(value: string | undefined): string | undefined {
  const v = clean(value);
  return v && !DEFAULT_TITLE.some((re) => re.test(v)) ? v : undefined;
}

export function statedAuthor(value: string | undefined): string | undefined {
  const v = clean(value);
  return v && !DEFAULT_AUTHOR.some((re) => re.test(v)) ? v : undefined;
}

/** The date part of an ISO 8601 timestamp; none for the zero dates some writers put in. */
export function statedDate(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(clean(value) ?? "");
  if (!m || Number(m[1]) < 1980) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function statedOrganisation(value: string | undefined): string | undefined {
  const v = clean(value);
  return v && !/^(microsoft|microsoft corporation|home|privat|private|-)$/iu.test(v) && !DEFAULT_AUTHOR[1]!.test(v) ? v : undefined;
}

function clean(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, " ").trim();
  return v ? v : undefined;
}

export function definedProperties(p: StatedProperties): StatedProperties | undefined {
  const out = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as StatedProperties;
  return Object.keys(out).length ? out : undefined;
}
