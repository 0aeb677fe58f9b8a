import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitSlides } from "../extractors/text/split-slides.ts";
import { seed000, seed003 } from "./helpers.ts";

describe("splitSlides", () => {
  it("splits on form feeds when there are any", () => {
    expect(splitSlides("Titel\nlinje\f\fAnden\n  indrykket\f")).toEqual(["Titel\nlinje", "Anden\n  indrykket"]);
  });

  it("without form feeds, starts a slide at a line with one leading space", () => {
    expect(splitSlides("Agenda\n1. Et\n2. To\n Næste slide\n* punkt")).toEqual(["Agenda\n1. Et\n2. To", "Næste slide\n* punkt"]);
  });

  it("without form feeds, starts a slide after three blank lines but not after one or two", () => {
    expect(splitSlides("A\n\nB\n\n\nC\n\n\n\nD")).toEqual(["A\n\nB\n\n\nC", "D"]);
  });

  it("keeps tabs, so tables survive", () => {
    expect(splitSlides("\tÅr\tAntal\nI\t2012\t\n")).toEqual(["\tÅr\tAntal\nI\t2012\t"]);
  });

  it("splits seed 000 at its page starts", () => {
    const slides = splitSlides(readFileSync(seed000, "utf8"));
    expect(slides.length).toBe(15);
    expect(slides[0]!.split("\n")[0]).toBe("Ny kommunal styring:");
    expect(slides[1]!.split("\n")[0]).toBe("Agenda s fiol");
    expect(slides[2]!.split("\n")[0]).toBe("\"De fire vindretninger” communie SR");
    expect(slides.map((s) => s.split("\n")[0])).toContain("Fra rettighed til deltagelse");
    expect(slides.at(-1)!.split("\n")[0]).toBe("Lad det levede medborgerskab definere");
  });

  it("splits seed 003 at single-space lines and blank runs", () => {
    const slides = splitSlides(readFileSync(seed003, "utf8"));
    const firsts = slides.map((s) => s.split("\n")[0]);
    expect(firsts[0]).toBe("Ledelse i en frisat kommune - Perspektiver og erfaringer");
    expect(firsts).toContain("Intro");
    expect(firsts).toContain("Afstemning");
    expect(firsts.at(-1)).toBe("Forskning i ledelse – og tre obs'er");
    expect(slides.find((s) => s.startsWith("VIVE"))).toContain("\tÅr\tAntal forsøg\tAntal kommuner\tFormål");
    // a heading set apart from its bullets by blank lines stays on their slide
    expect(slides.find((s) => s.startsWith("Frisættende ledelse"))).toMatch(/^Frisættende ledelse\n+- Medarbejdere del af ledelsesprocessen\n/);
  });

  it("keeps a lone heading with the bullet list after it, but not a sentence or a heading followed by prose", () => {
    expect(splitSlides("Intro\n\n\n\n- et\n- to")).toEqual(["Intro\n\n\n\n- et\n- to"]);
    expect(splitSlides("Intro\n\n\n\n1. et\n2. to")).toEqual(["Intro\n\n\n\n1. et\n2. to"]);
    expect(splitSlides("Slut på oplægget.\n\n\n\n- et")).toEqual(["Slut på oplægget.", "- et"]);
    expect(splitSlides("Intro\n\n\n\nNæste slide")).toEqual(["Intro", "Næste slide"]);
    expect(splitSlides("Intro\nmere\n\n\n\n- et")).toEqual(["Intro\nmere", "- et"]);
  });
});
