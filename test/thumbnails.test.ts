// Page thumbnails: made by the PDF extractor when asked (from the OCR render or a small render of the page),
// kept by the store beside each deck's part (committed and removed with it), skipped with `thumbnails: false`
// without changing a record, and made for unchanged decks by a later run that asks for them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import pptxgen from "pptxgenjs";
import { strToU8, zipSync } from "fflate";
import { pptxExtractor } from "../extractors/pptx/index.ts";
import { odpExtractor } from "../extractors/odp/index.ts";
import type { Thumbnail } from "../model/document.ts";
import { extractPdf } from "../extractors/pdf/index.ts";
import { THUMBNAIL_WIDTH, thumbnailSize } from "../extractors/pdf/thumbnails.ts";
import { CorpusStore, partNameOf, stateDirOf } from "../corpus/store/store.ts";
import { encodeThumbnails, readThumbnail, readThumbnailIndex, thumbnailsNameOf } from "../corpus/store/thumbnails.ts";
import { inProcessRunner } from "../pipeline/in-process-runner.ts";
import { ingest } from "../pipeline/ingest.ts";
import { serve } from "../web/server.ts";
import { CONTENT_SECURITY_POLICY } from "../web/server.ts";
import { fixture, readJsonl, tempDir } from "./helpers.ts";
import type { Deck } from "../model/schema.ts";

const WEBP = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 4)).toString("latin1") === "RIFF" && Buffer.from(bytes.subarray(8, 12)).toString("latin1") === "WEBP";

describe("PDF thumbnails", () => {
  it("gives one WebP a page, 320 px wide, for text pages and for a page read by OCR", async () => {
    for (const name of ["text-danish.pdf", "image-only.pdf"]) {
      const doc = await extractPdf(new Uint8Array(readFileSync(fixture("pdf", name))), { thumbnails: true });
      expect(doc.thumbnails?.map((t) => t.page)).toEqual(doc.pages.map((p) => p.page));
      for (const t of doc.thumbnails!) {
        const bytes = Buffer.from(t.data, "base64");
        expect(t.type).toBe("image/webp");
        expect(WEBP(bytes)).toBe(true);
        expect(bytes.length).toBeLessThan(20_000);
        const image = await loadImage(bytes);
        expect(image.width).toBe(THUMBNAIL_WIDTH);
        expect(image.height).toBeGreaterThan(100);
      }
      if (name === "image-only.pdf") expect(doc.pages.some((p) => p.method === "ocr")).toBe(true);
    }
  });

  it("makes none unless asked, and the pages read the same either way", async () => {
    const bytes = readFileSync(fixture("pdf", "two-columns.pdf"));
    const without = await extractPdf(new Uint8Array(bytes), {});
    const withThumbs = await extractPdf(new Uint8Array(bytes), { thumbnails: true });
    expect(without.thumbnails).toBeUndefined();
    expect(withThumbs.thumbnails?.length).toBe(withThumbs.pages.length);
    expect(withThumbs.pages).toEqual(without.pages);
  });

  it("scales a tall page to the height limit instead", () => {
    expect(thumbnailSize(612, 792)).toEqual({ width: 320, height: 414 });
    expect(thumbnailSize(100, 1000)).toEqual({ width: 64, height: 640 });
  });
});

/** A PNG of `width` × `height`: its left half `left`, its right half `right`. */
function twoColours(width: number, height: number, left: string, right: string): Buffer {
  const c = createCanvas(width, height);
  const ctx = c.getContext("2d");
  ctx.fillStyle = left;
  ctx.fillRect(0, 0, width / 2, height);
  ctx.fillStyle = right;
  ctx.fillRect(width / 2, 0, width / 2, height);
  return c.toBuffer("image/png");
}

/** The RGB of a thumbnail's pixel. */
async function pixel(t: Thumbnail, x: number, y: number): Promise<number[]> {
  const image = await loadImage(Buffer.from(t.data, "base64"));
  const c = createCanvas(image.width, image.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(image, 0, 0);
  return [...ctx.getImageData(x, y, 1, 1).data.subarray(0, 3)];
}

const near = (rgb: number[], want: number[]) => rgb.every((v, i) => Math.abs(v - want[i]!) < 40);

describe("thumbnails of PPTX and ODP slides that are pictures", () => {
  it("draws a slide that is one big picture as the slide, and none for slides of text, a small picture, or a picture beside text", async () => {
    const pres = new pptxgen();
    pres.layout = "LAYOUT_16x9"; // 10 × 5.625 in
    const picture = `image/png;base64,${twoColours(800, 450, "#d00000", "#0000d0").toString("base64")}`;
    pres.addSlide().addImage({ data: picture, x: 0, y: 0, w: 10, h: 5.625 });
    pres.addSlide().addText("Kun tekst på denne slide", { x: 1, y: 1, w: 8, h: 1 });
    pres.addSlide().addImage({ data: picture, x: 8, y: 4, w: 1.5, h: 1 }); // a logo: a tenth of the slide
    const beside = pres.addSlide();
    beside.addImage({ data: picture, x: 0, y: 0, w: 10, h: 4 });
    beside.addText("Overskrift over billedet", { x: 1, y: 4.2, w: 8, h: 1 });
    // the right half of the slide: the picture's left (red) half drawn there, on white
    pres.addSlide().addImage({ data: picture, x: 5, y: 0, w: 5, h: 5.625 });
    const bytes = new Uint8Array((await pres.write({ outputType: "nodebuffer" })) as Buffer);
    const doc = await pptxExtractor.extract(bytes, "pictures.pptx", { thumbnails: true, ocr: "never" });
    expect(doc.thumbnails?.map((t) => t.page)).toEqual([1, 5]);
    for (const t of doc.thumbnails!) {
      const image = await loadImage(Buffer.from(t.data, "base64"));
      expect([t.type, image.width, image.height]).toEqual(["image/webp", THUMBNAIL_WIDTH, 180]);
      expect(Buffer.from(t.data, "base64").length).toBeLessThan(20_000);
    }
    const [whole, half] = doc.thumbnails!;
    expect(near(await pixel(whole!, 80, 90), [208, 0, 0])).toBe(true);
    expect(near(await pixel(whole!, 240, 90), [0, 0, 208])).toBe(true);
    expect(near(await pixel(half!, 80, 90), [255, 255, 255])).toBe(true);
    expect(near(await pixel(half!, 200, 90), [208, 0, 0])).toBe(true);
    expect(near(await pixel(half!, 300, 90), [0, 0, 208])).toBe(true);
    // none unless asked; an empty list for a deck without such a slide (it has its thumbnails: none to make)
    expect((await pptxExtractor.extract(bytes, "pictures.pptx", { ocr: "never" })).thumbnails).toBeUndefined();
    const text = new pptxgen();
    text.addSlide().addText("Tekst", { x: 1, y: 1, w: 8, h: 1 });
    const plain = new Uint8Array((await text.write({ outputType: "nodebuffer" })) as Buffer);
    expect((await pptxExtractor.extract(plain, "text.pptx", { thumbnails: true, ocr: "never" })).thumbnails).toEqual([]);
  });

  it("draws an ODP page that is a picture as the picture (an ODP states no page size), and none for a picture it cannot decode", async () => {
    const frame = (href: string) => `<draw:frame svg:x="0cm" svg:y="0cm" svg:width="28cm" svg:height="21cm"><draw:image xlink:href="${href}"/></draw:frame>`;
    const text = `<draw:frame svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>Tekst på siden</text:p></draw:text-box></draw:frame>`;
    const content = `<office:document-content><office:body><office:presentation>` +
      `<draw:page>${frame("Pictures/a.png")}</draw:page><draw:page>${text}</draw:page><draw:page>${frame("Pictures/broken.png")}</draw:page>` +
      `</office:presentation></office:body></office:document-content>`;
    const files = { "content.xml": strToU8(content), "Pictures/a.png": twoColours(400, 300, "#00a000", "#d0d000"), "Pictures/broken.png": strToU8("not a png") };
    const doc = await odpExtractor.extract(zipSync(files), "pictures.odp", { thumbnails: true, ocr: "never" });
    expect(doc.thumbnails?.map((t) => t.page)).toEqual([1]);
    const image = await loadImage(Buffer.from(doc.thumbnails![0]!.data, "base64"));
    expect([image.width, image.height]).toEqual([THUMBNAIL_WIDTH, 240]);
    expect(near(await pixel(doc.thumbnails![0]!, 60, 120), [0, 160, 0])).toBe(true);
    expect(near(await pixel(doc.thumbnails![0]!, 260, 120), [208, 208, 0])).toBe(true);
    // with the slide size stated (styles.xml's page layout, 28 × 15.75 cm): the picture drawn in its box, on the
    // slide's shape (the 28 × 21 cm picture overflows it at the bottom)
    const styles = `<office:document-styles><office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm"/></style:page-layout></office:automatic-styles>` +
      `<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles></office:document-styles>`;
    const sized = await odpExtractor.extract(zipSync({ ...files, "styles.xml": strToU8(styles) }), "sized.odp", { thumbnails: true, ocr: "never" });
    const slide = await loadImage(Buffer.from(sized.thumbnails![0]!.data, "base64"));
    expect([slide.width, slide.height]).toEqual([THUMBNAIL_WIDTH, 180]);
    expect(near(await pixel(sized.thumbnails![0]!, 60, 90), [0, 160, 0])).toBe(true);
  });
});

describe("the thumbnails file", () => {
  it("gives back each image by page, and nothing for a file that is not one", async () => {
    const dir = tempDir("slidecorpus-thumbs-");
    const images = [new Uint8Array([1, 2, 3]), new Uint8Array(70_000).fill(7), new Uint8Array([9])];
    const path = join(dir, "a.thumbs");
    writeFileSync(path, encodeThumbnails(images.map((b, i) => ({ page: i * 2 + 1, type: "image/webp", data: Buffer.from(b).toString("base64") }))));
    const index = await readThumbnailIndex(path);
    expect([...index!.keys()]).toEqual([1, 3, 5]);
    for (const [i, page] of [1, 3, 5].entries()) expect(await readThumbnail(path, index!.get(page)!)).toEqual(Buffer.from(images[i]!));
    writeFileSync(join(dir, "bad.thumbs"), "not a thumbnails file\n");
    expect(await readThumbnailIndex(join(dir, "bad.thumbs"))).toBeUndefined();
    // cut short: an image's bytes are missing
    writeFileSync(join(dir, "cut.thumbs"), readFileSync(path).subarray(0, -1));
    expect(await readThumbnailIndex(join(dir, "cut.thumbs"))).toBeUndefined();
    expect(await readThumbnailIndex(join(dir, "none.thumbs"))).toBeUndefined();
  });
});

/** The thumbnails files of a corpus's parts folder, and the part each belongs to. */
function thumbsFiles(out: string): string[] {
  return readdirSync(join(stateDirOf(out), "parts")).filter((n) => n.endsWith(".thumbs")).sort();
}

describe("ingest with thumbnails", () => {
  it("keeps them beside the part, makes them later for an unchanged deck, and changes no record", async () => {
    const dir = tempDir("slidecorpus-thumbs-ingest-");
    const input = join(dir, "in");
    mkdirSync(input);
    copyFileSync(fixture("pdf", "text-danish.pdf"), join(input, "a.pdf"));
    copyFileSync(fixture("pdf", "two-columns.pdf"), join(input, "b.pdf"));
    writeFileSync(join(input, "c.md"), "# A title\n\nSome text on a slide\n");
    const runner = inProcessRunner();
    try {
      const plain = join(dir, "plain");
      const first = await ingest([input], { out: plain, runner, thumbnails: false });
      expect(first.processed).toBe(3);
      expect(thumbsFiles(plain)).toEqual([]);
      // a later run that makes thumbnails processes the PDFs again (not the Markdown deck: it has none to make)
      const second = await ingest([input], { out: plain, runner });
      expect(second).toMatchObject({ processed: 2, skipped: 1 });
      expect(thumbsFiles(plain)).toHaveLength(2);
      // and they are kept from then on
      expect(await ingest([input], { out: plain, runner })).toMatchObject({ processed: 0, skipped: 3 });
      // a corpus made with thumbnails from the start has the same records, decks and thumbnails
      const made = join(dir, "made");
      await ingest([input], { out: made, runner });
      for (const f of ["records.jsonl", "decks.jsonl"]) expect(readFileSync(join(made, f), "utf8")).toBe(readFileSync(join(plain, f), "utf8"));
      expect(thumbsFiles(made)).toEqual(thumbsFiles(plain));

      // each is named after its deck's part, and holds a WebP per page
      const store = await CorpusStore.open(made);
      const entry = store.entry("a.pdf")!;
      await store.close();
      expect(entry.part).toBe(partNameOf("a.pdf", entry.sha256, entry.pipelineVersion));
      const path = join(stateDirOf(made), "parts", thumbnailsNameOf(entry.part));
      const index = await readThumbnailIndex(path);
      expect([...index!.keys()]).toEqual(Array.from({ length: entry.slides }, (_, i) => i + 1));
      expect(WEBP((await readThumbnail(path, index!.get(1)!))!)).toBe(true);

      // a changed deck gets new ones (the old removed with its old part), a deleted deck loses them
      copyFileSync(fixture("pdf", "mixed.pdf"), join(input, "a.pdf"));
      await ingest([input], { out: made, runner });
      expect(existsSync(path)).toBe(false);
      expect(thumbsFiles(made)).toHaveLength(2);
      unlinkSync(join(input, "b.pdf"));
      await ingest([input], { out: made, runner });
      expect(thumbsFiles(made)).toHaveLength(1);
      const parts = readdirSync(join(stateDirOf(made), "parts"));
      expect(parts.filter((n) => n.endsWith(".jsonl"))).toHaveLength(2);
    } finally {
      await runner.close();
    }
  });

  it("deletes thumbnails no committed part owns when the store opens (a crash before the manifest line)", async () => {
    const out = tempDir("slidecorpus-thumbs-orphan-");
    const store = await CorpusStore.open(out);
    await store.close();
    const orphan = join(stateDirOf(out), "parts", thumbnailsNameOf(partNameOf("x.pdf", "0".repeat(64), "v")));
    writeFileSync(orphan, encodeThumbnails([]));
    const again = await CorpusStore.open(out);
    expect(again.hasThumbnails("x.pdf")).toBe(false);
    await again.close();
    expect(existsSync(orphan)).toBe(false);
    rmSync(out, { recursive: true, force: true });
  });
});

describe("serve's thumbnails", () => {
  it("serves each slide's image by deck id and slide, shows it in hits and beside the slide, and a text card for a deck without", async () => {
    const dir = tempDir("slidecorpus-thumbs-serve-");
    const input = join(dir, "in");
    mkdirSync(input);
    copyFileSync(fixture("pdf", "text-danish.pdf"), join(input, "a.pdf"));
    writeFileSync(join(input, "c.md"), "# Løsninger i en tekst\n\nFælles løsninger uden billeder\n");
    const out = join(dir, "out");
    const runner = inProcessRunner();
    await ingest([input], { out, runner }).finally(() => runner.close());
    const decks = readJsonl<Deck>(join(out, "decks.jsonl"));
    const pdf = decks.find((d) => d.source === "a.pdf")!;
    const md = decks.find((d) => d.source === "c.md")!;
    const server = await serve({ corpus: out, port: 0 });
    try {
      const get = (path: string) => fetch(new URL(path, server.url));
      const page = await (await get(`/deck/${pdf.id}`)).text();
      const sources = [...page.matchAll(/<img class="thumb large" src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
      expect(sources).toEqual(Array.from({ length: pdf.slideCount }, (_, i) => `/thumb/${pdf.id}/${i + 1}?source=a.pdf`));
      // the bytes the store holds for the slide, with the server's safety headers
      const store = await CorpusStore.open(out);
      const path = join(stateDirOf(out), "parts", thumbnailsNameOf(store.entry("a.pdf")!.part));
      await store.close();
      const index = (await readThumbnailIndex(path))!;
      for (const [i, src] of sources.entries()) {
        const res = await get(src);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("image/webp");
        expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
        expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from((await readThumbnail(path, index.get(i + 1)!))!));
      }
      expect((await get(`/thumb/${pdf.id}/1`)).status).toBe(200);
      // no other slide, deck, source or path
      for (const bad of [`/thumb/${pdf.id}/${pdf.slideCount + 1}`, `/thumb/${pdf.id}/0`, `/thumb/${pdf.id}/1.5`, `/thumb/${pdf.id}/1?source=c.md`,
        `/thumb/${md.id}/1`, `/thumb/..%2F..%2F.slidecorpus/1`, `/thumb/${pdf.id}/..%2Fmanifest.jsonl`, `/thumb/${pdf.id}`]) {
        expect([bad, (await get(bad)).status]).toEqual([bad, 404]);
      }
      // the search shows the PDF's hit with its thumbnail, the Markdown deck's with a card of its text
      const search = await (await get(`/?q=${encodeURIComponent("løsninger")}`)).text();
      const hits = search.split('<li class="hit"').slice(1);
      expect(hits.filter((h) => h.includes(`/thumb/${pdf.id}/`) && h.includes('class="thumb small"')).length).toBeGreaterThan(0);
      const mdHit = hits.find((h) => h.includes(`source=c.md`))!;
      expect(mdHit).toContain("text-card");
      expect(mdHit).not.toContain("<img");
      const mdPage = await (await get(`/deck/${md.id}`)).text();
      expect(mdPage).not.toContain("<img");
      expect(mdPage).toContain('<span class="card-title">Løsninger i en tekst</span>');
    } finally {
      await server.close();
    }
  });
});
