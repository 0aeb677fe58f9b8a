// The language of a deck and of its records: franc's answer weighed with the lexicons' evidence, so a short
// Danish deck is not Norwegian and an English bullet in a Danish deck is not Danish. Texts written for the test.
import { describe, expect, it } from "vitest";
import { detectDeckLanguage, detectLanguage, detectRecordLanguage } from "../language/detect.ts";
import { processDocument } from "../pipeline/process.ts";

const shortDanish = "Velkommen til mødet\nDagsorden\nStatus på projektet\nNæste skridt\nSpørgsmål";
const shortNorwegian = "Velkommen til møtet\nAgenda\nStatus for prosjektet\nNeste steg\nSpørsmål";

describe("a deck's language", () => {
  it("reads a short Danish deck as Danish where franc alone reads it as Norwegian", () => {
    expect(detectLanguage(shortDanish)).toBe("no"); // the case this is for
    expect(detectDeckLanguage(shortDanish)).toBe("da");
    expect(detectDeckLanguage("Klubbens medlemmer kan se deres resultater\nTrænerne registrerer tider efter stævner")).toBe("da");
  });

  it("keeps a short Norwegian deck Norwegian, and Swedish and English decks theirs", () => {
    expect(detectDeckLanguage(shortNorwegian)).toBe("no");
    expect(detectDeckLanguage("Vi lærer å programmere\nHva er en algoritme?\nHvordan bruker vi den etter skolen")).toBe("no");
    expect(detectDeckLanguage("Välkommen till mötet\nVad är nästa steg och hur gör vi det\nFrågor")).toBe("sv");
    expect(detectDeckLanguage("Welcome to the meeting\nWhat is next and how do we get there\nQuestions")).toBe("en");
  });
});

describe("a record's language", () => {
  it("gives a short English bullet in a Danish deck English, a short Danish one Danish", () => {
    expect(detectRecordLanguage("Data security and governance", "da")).toBe("en");
    expect(detectRecordLanguage("What is the next step?", "da")).toBe("en");
    expect(detectRecordLanguage("Status på projektet", "da")).toBe("da");
    expect(detectRecordLanguage("Tak for i dag", "da")).toBe("da");
    expect(detectRecordLanguage("Database design", "da")).toBe("da"); // words Danish uses too: the deck's
    expect(detectRecordLanguage("Sett inn tiltak", "no")).toBe("no"); // `sett` and `inn` are English words, `tiltak` is not
  });

  it("reads a longer record with franc, a Scandinavian reading in a Danish deck being Danish", () => {
    expect(detectRecordLanguage("Faglige kompetencer skal respekteres og bruges", "da")).toBe("da");
    expect(detectRecordLanguage("Leaders build trust with frontline staff through dialogue", "da")).toBe("en");
  });

  it("labels a short Danish text deck and its records through the pipeline", async () => {
    const text = `${shortDanish}\n\nData security and governance\n`;
    const r = await processDocument(new TextEncoder().encode(text), "kort.txt", {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.deck.lang).toBe("da");
    expect(r.records.find((x) => x.text === "Data security and governance")?.lang).toBe("en");
    expect(r.records.find((x) => x.text.startsWith("Status"))?.lang).toBe("da");
  });
});
