// Generated Danish slides for the PDF benches (written with fixtures/pdf-writer.mjs): bullets, two columns, a
// table, each with a 26 pt title, 16-18 pt body text and a 10 pt footer.
const sentences = [
  "Kommunen skal sikre en sammenhængende indsats for børn og unge",
  "Ældreplejen står over for store udfordringer med rekruttering",
  "Borgerne skal opleve én indgang til kommunen",
  "Økonomien er presset, og derfor må vi prioritere skarpt",
  "Medarbejderne får større frihed tæt på borgeren",
  "Vi følger udviklingen og gør status hvert halve år",
  "Forældrene blev inddraget tidligt i processen",
  "Klimaplanen indeholder mål for udledningen frem mod 2030",
  "Der skal bygges flere almene boliger til en rimelig pris",
  "Sundhedsfremme og forebyggelse er en del af kommunens ansvar",
  "Fællesskabet i foreningerne er en vigtig ressource",
  "Velfærdsteknologi giver borgerne større selvstændighed",
];
const pick = (i) => sentences[(i * 7 + 3) % sentences.length];

/** Slides of three kinds: bullets, two columns, a table. */
export function slide(i) {
  const title = { x: 48, y: 60, size: 26, font: "F2", text: `${i + 1}. ${pick(i).split(" ").slice(0, 5).join(" ")}` };
  const footer = [{ x: 48, y: 385, size: 10, text: "Aarhus Kommune" }, { x: 650, y: 385, size: 10, text: `Side ${i + 1}` }];
  if (i % 3 === 1) {
    // two columns of running text: a paragraph wrapped at about 34 characters a line
    const wrap = (text) => text.split(" ").reduce((lines, w) => ((lines.at(-1) + " " + w).length > 34 ? lines.push(w) : (lines[lines.length - 1] += " " + w), lines), [""]).map((l) => l.trim());
    const col = (x, k) => wrap(`${pick(i + k)}. ${pick(i + k + 1)}. ${pick(i + k + 2)}.`).slice(0, 8).map((text, j) => ({ x, y: 125 + j * 26, size: 16, text }));
    return { text: [title, ...col(48, 1), ...col(380, 6), ...footer] };
  }
  if (i % 3 === 2) {
    const rows = [["Område", "2023", "2024"], ...Array.from({ length: 5 }, (_, j) => [pick(i + j).split(" ").slice(0, 3).join(" "), String(100 + i + j), String(120 + i * j)])];
    return { text: [title, ...rows.flatMap((row, r) => row.map((t, c) => ({ x: [48, 420, 560][c], y: 120 + r * 30, size: 16, font: r ? "F1" : "F2", text: t }))), ...footer] };
  }
  return { text: [title, ...Array.from({ length: 6 }, (_, j) => ({ x: 48, y: 125 + j * 30, size: 18, text: `• ${pick(i + j + 1)}` })), ...footer] };
}

