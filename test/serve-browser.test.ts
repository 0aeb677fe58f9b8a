// `slidecorpus serve` in a real browser: Debian's Chromium (/usr/bin/chromium; .ci/run installs it) driven by
// playwright-core, against the CLI spawned from source on a corpus ingested from the fixtures and a deck of XSS
// payloads. Set SLIDECORPUS_SCREENSHOTS=<dir> to keep screenshots of the search and deck pages (scripts/screenshots.sh
// makes the README's).
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deck } from "../model/schema.ts";
import { cli, cliArgs, fixture, readJsonl, seed000, seed003, tempDir } from "./helpers.ts";
import { XSS_DECK } from "./xss-deck.ts";

const CHROMIUM = "/usr/bin/chromium";
/** The size of the README's screenshots (small files). */
const SHOT = { width: 1100, height: 680 };

/** A fresh headless Chromium profile, with nothing reaching the network on its own. */
async function launch(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  return chromium.launchPersistentContext(tempDir("slidecorpus-chromium-"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
    ...options,
  });
}

/** Starts `slidecorpus serve --port 0` and resolves with the URL it prints. */
function startServer(corpus: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...cliArgs, "serve", "--corpus", corpus, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((ok, fail) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d));
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) ok({ url, child });
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

const total = async (page: Page) => Number(await page.locator("p.total").getAttribute("data-total"));
const facetCount = async (page: Page, facet: string, value: string) =>
  Number(await page.locator(`[data-facet="${facet}"] a[data-value="${value}"] + .count`).first().textContent());

describe("slidecorpus serve in Chromium", () => {
  let corpus: string;
  let url: string;
  let server: ChildProcess;
  let browser: BrowserContext;
  let decks: Deck[];
  const shots = process.env.SLIDECORPUS_SCREENSHOTS;

  beforeAll(async () => {
    const dir = tempDir();
    const input = join(dir, "in");
    mkdirSync(input);
    copyFileSync(seed000, join(input, "000.txt"));
    copyFileSync(seed003, join(input, "003.txt"));
    copyFileSync(fixture("pptx", "municipal.pptx"), join(input, "municipal.pptx"));
    copyFileSync(fixture("pdf", "text-danish.pdf"), join(input, "text-danish.pdf"));
    copyFileSync(fixture("pdf", "two-columns.pdf"), join(input, "two-columns.pdf"));
    writeFileSync(join(input, "xss.txt"), XSS_DECK);
    corpus = join(dir, "out");
    const ingest = cli(["ingest", input, "--out", corpus, "--quiet"]);
    expect(ingest.status, ingest.stderr).toBe(0);
    decks = readJsonl<Deck>(join(corpus, "decks.jsonl"));
    ({ url, child: server } = await startServer(corpus));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
  });

  it("finds the expected hits for a typed query, with the words highlighted", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill('input[name="q"]', "tillid");
    await Promise.all([page.waitForURL(/\?q=tillid/), page.press('input[name="q"]', "Enter")]);
    const snippets = await page.locator("li.hit .snippet").allTextContents();
    expect(snippets).toEqual(expect.arrayContaining(["Faldende tillid til politikere og embedsmænd", "Tillidsrelationer i opbrud"]));
    expect(await page.locator("li.hit .snippet mark").first().textContent()).toMatch(/^tillid/i);
    expect(await total(page)).toBe(snippets.length);
    if (shots) await page.screenshot({ path: join(shots, "search.png") });
    await page.close();
  });

  it("changes the counts when a facet is chosen, and combines facets", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const all = await total(page);
    const quotes = await facetCount(page, "kind", "quote");
    const hojberg = await facetCount(page, "speaker", "Niels Højberg");
    expect(quotes).toBeGreaterThan(0);
    expect(quotes).toBeLessThan(all);
    await Promise.all([page.waitForURL(/kind=quote/), page.click('[data-facet="kind"] a[data-value="quote"]')]);
    expect(await total(page)).toBe(quotes);
    expect(new Set(await page.locator("li.hit .kind").allTextContents())).toEqual(new Set(["quote"]));
    expect(await page.locator('[data-facet="kind"] a').allTextContents()).toEqual(["quote"]);
    const hojbergQuotes = await facetCount(page, "speaker", "Niels Højberg");
    expect(hojbergQuotes).toBeLessThan(hojberg);
    // a second facet narrows further; both stay chosen
    await Promise.all([page.waitForURL(/speaker=/), page.click('[data-facet="speaker"] a[data-value="Niels Højberg"]')]);
    expect(await total(page)).toBe(hojbergQuotes);
    expect(await page.locator(".facet.chosen li").count()).toBe(2);
    // the speaker filter takes his quotes and the records of the decks he gave
    const his = decks.filter((d) => d.author === "Niels Højberg").map((d) => d.title);
    for (const hit of await page.locator("li.hit").all()) {
      const given = his.includes((await hit.locator("a.deck").textContent())!);
      expect(given || (await hit.locator(".attribution").textContent())!.includes("Højberg")).toBe(true);
    }
    await page.close();
  });

  it("opens a deck from a hit: every slide in order, its metadata and where it came from", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}?q=${encodeURIComponent("Trine Quist")}`);
    await Promise.all([page.waitForURL(/\/deck\//), page.locator("li.hit a.deck").first().click()]);
    const deck = decks.find((d) => d.source === "000.txt")!;
    expect(await page.locator("h1").textContent()).toBe(deck.title);
    expect(await page.locator("section.slide").evaluateAll((s) => s.map((e) => Number(e.getAttribute("data-slide")))))
      .toEqual(Array.from({ length: deck.slideCount }, (_, i) => i + 1));
    expect(await page.locator('dd[data-field="Author"]').textContent()).toBe(`${deck.author} from the title slide`);
    // the hit's record is the one the address points at
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`[id="${hash}"]`).getAttribute("data-kind")).toBe("quote");
    if (shots) await page.screenshot({ path: join(shots, "deck.png") });
    // a PPTX deck: its notes apart from the slide's own text, its metadata from the document's properties
    const pptx = decks.find((d) => d.source === "municipal.pptx")!;
    await page.goto(`${url}deck/${pptx.id}`);
    expect(await page.locator("aside.notes .record").count()).toBeGreaterThan(0);
    expect(await page.locator('dd[data-field="Title"] .source').textContent()).toBe("from the document's properties");
    await page.close();
  });

  it("shows a PDF deck's thumbnails, loaded, in hits and beside each slide; a text card for a slide without one", async () => {
    const page = await browser.newPage();
    /** Each image scrolled to (they load lazily) and loaded: its natural width. */
    const loadedWidths = async (selector: string) => {
      const widths: number[] = [];
      for (const img of await page.locator(selector).all()) {
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
        widths.push(await img.evaluate((e: HTMLImageElement) => e.naturalWidth));
      }
      return widths;
    };
    const pdf = decks.find((d) => d.source === "text-danish.pdf")!;
    await page.goto(`${url}?q=${encodeURIComponent("løsninger")}`);
    const hit = page.locator("li.hit", { has: page.locator("a.deck", { hasText: pdf.title ?? pdf.source }) }).first();
    expect(await hit.locator("img.thumb").count()).toBe(1);
    expect(await loadedWidths("li.hit img.thumb")).not.toContain(0);
    // hits from a text deck show a card of their text instead
    expect(await page.locator("li.hit .text-card").count()).toBe((await page.locator("li.hit").count()) - (await page.locator("li.hit img.thumb").count()));
    if (shots) {
      await page.setViewportSize(SHOT);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, "serve-search.png") });
    }
    await page.goto(`${url}deck/${pdf.id}`);
    expect(await page.locator("section.slide img.thumb").count()).toBe(pdf.slideCount);
    expect(await loadedWidths("section.slide img.thumb")).toEqual(Array.from({ length: pdf.slideCount }, () => 320));
    if (shots) {
      await page.setViewportSize(SHOT);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, "serve-deck.png") });
    }
    // a text deck: no thumbnails, a card of each slide's text, its title first
    const text = decks.find((d) => d.source === "000.txt")!;
    await page.goto(`${url}deck/${text.id}`);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("section.slide .text-card").count()).toBe(text.slideCount);
    expect(await page.locator('section.slide[data-slide="1"] .text-card .card-title').first().textContent()).toBe(text.title);
    await page.close();
  });

  it("shows a repaired word's original and rule on hover", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}deck/${decks.find((d) => d.source === "000.txt")!.id}`);
    const word = page.locator('.repair.danish[data-original="Hojberg"]').first();
    expect(await word.evaluate((e) => e.firstChild?.textContent)).toBe("Højberg");
    const tip = word.locator(".tip");
    expect(await tip.isVisible()).toBe(false);
    await word.hover();
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await tip.textContent();
    expect(text).toContain("Hojberg → Højberg");
    expect(text).toContain("danish.");
    await page.close();
  });

  it("renders a deck of XSS payloads as text and runs none of them", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const xss = decks.find((d) => d.source === "xss.txt")!;
    expect(xss.title).toContain("<script>");
    const response = await page.goto(`${url}?q=${encodeURIComponent("skaber tillid")}`);
    expect(response!.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(await page.locator("li.hit a.deck").first().textContent()).toBe(xss.title);
    await page.goto(`${url}deck/${xss.id}`);
    expect(await page.locator("h1").textContent()).toBe(xss.title);
    await page.locator("details.dropped summary").click();
    const body = await page.locator("body").innerText();
    expect(body).toContain('<img src=x onerror="window.__xss=2">');
    expect(body).toContain('<img src=x onerror="window.__xss=3">');
    for (const el of await page.locator("main *").all()) await el.hover({ force: true, timeout: 1000 }).catch(() => undefined);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator("script, img, main b, svg").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("works with JavaScript off: query, facet, paging", async () => {
    const noScript = await launch({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(url);
      expect(await total(page)).toBeGreaterThan(20);
      const first = await page.locator("li.hit").first().getAttribute("data-record");
      await Promise.all([page.waitForURL(/page=2/), page.click('a[rel="next"]')]);
      expect(await page.locator("li.hit").first().getAttribute("data-record")).not.toBe(first);
      expect(await page.locator("ol.hits").getAttribute("start")).toBe("21");
      await page.fill('input[name="q"]', "kommune");
      await Promise.all([page.waitForURL(/\?q=kommune/), page.press('input[name="q"]', "Enter")]);
      expect(await page.locator("li.hit .snippet mark").count()).toBeGreaterThan(0);
      const paragraphs = await facetCount(page, "kind", "paragraph");
      await Promise.all([page.waitForURL(/kind=paragraph/), page.click('[data-facet="kind"] a[data-value="paragraph"]')]);
      expect(await total(page)).toBe(paragraphs);
      expect(new URL(page.url()).searchParams.get("q")).toBe("kommune");
    } finally {
      await noScript.close();
    }
  });
});
