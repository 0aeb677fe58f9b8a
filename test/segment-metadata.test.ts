// Deck metadata from the title slide and the document's own properties together: each value checked, and
// where it came from recorded.
import { describe, expect, it } from "vitest";
import { combineDeckMeta, usableAuthor, usableTitle } from "../corpus/segment/metadata.ts";

describe("document properties checked before use", () => {
  it("leaves out application defaults, file names and titles prefixed by the printing application", () => {
    for (const t of ["PowerPoint Presentation", "PowerPoint-præsentation", "Præsentation", "Slide 1", "Event Title", "Microsoft PowerPoint - Budget v2 - Copy.pptx", "Day4_sprint4_buildboard", "27"]) {
      expect(usableTitle(t), t).toBeUndefined();
    }
    expect(usableTitle("da-img-case", "da-img-case")).toBeUndefined();
    expect(usableTitle("Kurs i dataeditering:  Validere og kontrollere")).toBe("Kurs i dataeditering: Validere og kontrollere");
  });

  it("reads an author as a person's name, turning `Last, First` round and leaving off a parenthesis", () => {
    expect(usableAuthor("Foss, Aslaug Hurlen")).toBe("Aslaug Hurlen Foss");
    expect(usableAuthor("Signe Kongsgaard (KONG - Adjunkt - Cphbusiness)")).toBe("Signe Kongsgaard");
    expect(usableAuthor("Enterprise Architect")).toBeUndefined();
    expect(usableAuthor("Aarhus Kommune")).toBeUndefined();
    expect(usableAuthor("admin")).toBeUndefined();
  });
});

describe("combineDeckMeta", () => {
  it("keeps the slide's title unless the properties say the same in more words, and records the source", () => {
    expect(combineDeckMeta({ title: "Introduktion til LTEX" }, { title: "Introduktion til LaTeX - Workshop 1" })).toEqual({
      meta: { title: "Introduktion til LaTeX - Workshop 1" },
      sources: { title: "properties" },
    });
    // a template's leftover title says nothing the slide says
    expect(combineDeckMeta({ title: "Get started with CloudLAPS" }, { title: "Modern Management Summit" }).meta.title).toBe("Get started with CloudLAPS");
    // a slide title without letters is no title
    expect(combineDeckMeta({ title: "27" }, { title: "Datastrukturer og designpatterns" })).toMatchObject({ meta: { title: "Datastrukturer og designpatterns" }, sources: { title: "properties" } });
  });

  it("takes the properties' author when it is a person, dropping a role that belonged to the slide's other name", () => {
    const c = combineDeckMeta({ author: "Java Collections Framework", role: "Framework" }, { author: "Signe Kongsgaard", created: "2025-04-21" });
    expect(c).toEqual({ meta: { author: "Signe Kongsgaard", date: "2025-04-21" }, sources: { author: "properties", date: "properties" } });
    expect(combineDeckMeta({ author: "Mette Hansen", role: "direktør" }, { author: "PowerPoint" })).toEqual({
      meta: { author: "Mette Hansen", role: "direktør" },
      sources: { author: "slide" },
    });
  });

  it("prefers the date the title slide states to the file's creation date", () => {
    expect(combineDeckMeta({ date: "2019-08-13" }, { created: "2019-08-14" })).toEqual({ meta: { date: "2019-08-13" }, sources: { date: "slide" } });
  });
});
