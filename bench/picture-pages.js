// Picture-only pages for the OCR benches: pages drawn in grey at 150 dpi, as a scanner or a "print to image"
// makes them, and PDFs of such pages made from the generated Danish slides (bench/danish-slides.js).
import { openPdf } from "../dist/extractors/pdf/open.js";
import { renderPage } from "../dist/extractors/pdf/render.js";
import { pdfBytes } from "../fixtures/pdf-writer.mjs";
import { slide } from "./danish-slides.js";

export const PICTURE_DPI = 150;

/** Page `n` of `doc` drawn in grey: as a picture for `pdfBytes`, and as the bytes of a PGM file (for tesseract). */
export async function pagePicture(doc, n) {
  const r = await renderPage(doc, await doc.getPage(n), PICTURE_DPI);
  const header = `P5\n${r.width} ${r.height}\n255\n`.length;
  return { picture: { image: { width: r.width, height: r.height, gray: Buffer.from(r.image.subarray(header)) } }, pgm: r.image };
}

/** A PDF of these pictures, one a page. */
export const picturePdf = (pictures) => pdfBytes(pictures, { dpi: PICTURE_DPI });

/** `decks` picture-only PDFs of `pages` pages each: the generated slides, each drawn once. */
export async function pictureOnlyDecks(decks, pages) {
  const source = await openPdf(new Uint8Array(pdfBytes(Array.from({ length: decks * pages }, (_, i) => slide(i)))));
  try {
    const out = [];
    for (let d = 0; d < decks; d++) {
      const pictures = [];
      for (let i = 0; i < pages; i++) pictures.push((await pagePicture(source, d * pages + i + 1)).picture);
      out.push(picturePdf(pictures));
    }
    return out;
  } finally {
    await source.destroy();
  }
}
