// PowerPoint Open XML decks (.pptx, .pptm, .ppsx, .potx): slides in the order of `presentation.xml`, each
// shape's text with its placeholder role, tables, speaker notes and the document properties. Read from the
// zip with limits and XML without DTDs; macros and embedded objects are never run or opened.
import type { Extractor, ExtractedDocument, Page } from "../types.ts";
import { DocumentError } from "../types.ts";
import { isZip, openZip, resolvePart, type ZipArchive } from "../archive/zip.ts";
import { isEncryptedOoxml, isOle } from "../archive/sniff.ts";
import { attr, descendants, kids, parseXml, path, relationships, root, tagOf, textOf, type XmlNode } from "../archive/xml.ts";
import { definedProperties, statedAuthor, statedDate, statedOrganisation, statedTitle } from "../archive/properties.ts";
import { notesLines, placeholderLayer, slideContent, type PlaceholderLayer } from "./slide.ts";
import { ocrPictureSlides, pictureSlideThumbnails, shutdownPictureOcr, type SlidePicture } from "../archive/picture-slides.ts";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

export const pptxExtractor: Extractor = {
  format: "pptx",
  extensions: [".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm"],
  async extract(bytes, _path, options) {
    const pictures: SlidePicture[] = [];
    const doc = readPptx(bytes, pictures);
    // slides that are pictures get a thumbnail (from the slides as read: OCR gives them lines)
    const thumbnails = options.thumbnails ? await pictureSlideThumbnails(doc.pages, pictures) : undefined;
    return { ...doc, pages: await ocrPictureSlides(doc.pages, pictures, options), ...(thumbnails ? { thumbnails } : {}) };
  },
  thumbnails: true,
  // a slide of pictures only is read by OCR: with `--ocr never` it is not
  settingsStamp: ({ ocr, lang }) => ({ ...(ocr === "never" ? { ocr } : {}), ...(lang && lang !== "dan+eng" ? { lang } : {}) }),
  shutdown: shutdownPictureOcr,
};

/** Reads a deck; `pictures`, when given, collects each slide's pictures for OCR (see archive/picture-slides.ts). */
export function readPptx(bytes: Uint8Array, pictures?: SlidePicture[]): ExtractedDocument {
  if (isEncryptedOoxml(bytes)) throw new DocumentError("encrypted", "the presentation is password-protected (an encrypted OOXML package); save it without a password to read it");
  if (isOle(bytes)) throw new DocumentError("unsupported", LEGACY_PPT);
  if (!isZip(bytes)) throw new DocumentError("corrupt", "not a PowerPoint Open XML file (no ZIP signature)");
  const zip = openZip(bytes);
  const pres = "ppt/presentation.xml";
  const presXml = zip.text(pres);
  if (!presXml) throw new DocumentError("corrupt", "no ppt/presentation.xml: not a PowerPoint deck");
  const presRels = relationships(zip.text(relsOf(pres)), relsOf(pres));
  const presRoot = root(parseXml(presXml, pres));
  const ids = descendants(path(presRoot, "p:sldIdLst"), "p:sldId");
  const parts = new Parts(zip);
  const pages: Page[] = [];
  for (const id of ids) {
    const rel = presRels.get(attr(id, "r:id") ?? "");
    if (!rel) continue;
    const slidePart = resolvePart(pres, rel.target);
    const slide = parts.xml(slidePart);
    if (!slide) continue;
    const rels = parts.rels(slidePart);
    const layoutPart = partOfType(rels, slidePart, "slideLayout");
    const layout = parts.layer(layoutPart);
    const master = parts.layer(layoutPart && partOfType(parts.rels(layoutPart), layoutPart, "slideMaster"));
    const slideRoot = root(slide);
    const content = slideContent(path(slideRoot, "p:cSld", "p:spTree"), layout, master, (relId) => {
      const r = rels.get(relId);
      return r ? root(parts.xml(resolvePart(slidePart, r.target)) ?? []) : undefined;
    });
    const notesPart = partOfType(rels, slidePart, "notesSlide");
    const notes = notesPart ? notesLines(root(parts.xml(notesPart) ?? [])) : [];
    const lines = notes.length ? [...content.lines, ...(content.lines.length ? [{ text: "" }] : []), ...notes] : content.lines;
    for (const image of content.images) {
      const r = rels.get(image.relId);
      if (!r || !pictures) continue;
      const part = resolvePart(slidePart, r.target);
      pictures.push({ page: pages.length + 1, box: image.box, name: part, bytes: () => zip.read(part) });
    }
    pages.push({
      page: pages.length + 1,
      method: "text",
      bornDigital: true,
      lines,
      ...(attr(slideRoot, "show") === "0" ? { hidden: true } : {}),
    });
  }
  if (!pages.length) throw new DocumentError("empty", "the presentation has no slides");
  const size = path(presRoot, "p:sldSz");
  const width = Number(attr(size, "cx") ?? 0) / 12700;
  const height = Number(attr(size, "cy") ?? 0) / 12700;
  if (width && height) for (const p of pages) Object.assign(p, { width, height });
  const stated = properties(zip);
  return { format: "pptx", pages, ...(stated ? { stated } : {}) };
}

export const LEGACY_PPT =
  "a legacy PowerPoint 97-2003 file (.ppt), which slidecorpus does not read: convert it with `soffice --headless --convert-to pptx FILE` (LibreOffice) or save it as .pptx from PowerPoint";

/** Parsed parts, each read and parsed once per deck (layouts and masters are shared by many slides). */
class Parts {
  private cache = new Map<string, XmlNode[] | undefined>();
  private layers = new Map<string, PlaceholderLayer>();
  private relsCache = new Map<string, ReturnType<typeof relationships>>();
  private zip: ZipArchive;
  constructor(zip: ZipArchive) {
    this.zip = zip;
  }
  xml(part: string): XmlNode[] | undefined {
    if (!this.cache.has(part)) {
      const text = this.zip.text(part);
      this.cache.set(part, text === undefined ? undefined : parseXml(text, part));
    }
    return this.cache.get(part);
  }
  rels(part: string) {
    let r = this.relsCache.get(part);
    if (!r) this.relsCache.set(part, (r = relationships(this.zip.text(relsOf(part)), relsOf(part))));
    return r;
  }
  layer(part: string | undefined): PlaceholderLayer {
    if (!part) return placeholderLayer(undefined);
    let l = this.layers.get(part);
    if (!l) this.layers.set(part, (l = placeholderLayer(this.xml(part))));
    return l;
  }
}

function relsOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function partOfType(rels: Map<string, { target: string; type: string }>, from: string, type: string): string | undefined {
  for (const r of rels.values()) if (r.type === REL + type || r.type.endsWith("/" + type)) return resolvePart(from, r.target);
  return undefined;
}

function properties(zip: ZipArchive) {
  const field = (doc: XmlNode | undefined, tag: string) => {
    const n = kids(doc).find((k) => tagOf(k) === tag);
    return n ? textOf(n) : undefined;
  };
  const coreXml = zip.text("docProps/core.xml");
  const appXml = zip.text("docProps/app.xml");
  const core = coreXml ? root(parseXml(coreXml, "docProps/core.xml")) : undefined;
  const app = appXml ? root(parseXml(appXml, "docProps/app.xml")) : undefined;
  return definedProperties({
    title: statedTitle(field(core, "dc:title")),
    author: statedAuthor(field(core, "dc:creator")),
    date: statedDate(field(core, "dcterms:created")),
    organisation: statedOrganisation(field(app, "Company")),
  });
}
