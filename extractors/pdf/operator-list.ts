// A page's operator list, read once for both its readers: what the page draws (pictures.ts, the symbol fonts of
// text-layer.ts) and drawing it (render.ts, for OCR or a thumbnail). pdf.js keeps a page's operator lists by
// rendering intent, and `getOperatorList()` asks for one under its own flag (OPLIST): `render()` would not find
// it and would evaluate the page again, decoding every picture on it a second time (a born-digital deck's
// thumbnails cost a third of its ingest, half of it that). So the list read here is also filed under the key
// `render()` looks up, with what `render()` waits for (the page's transparency, which pdf.js sends with the
// list): drawing the page then paints the pictures already decoded. The list is the unoptimized one (pdf.js
// draws it the same; its optimizer only merges runs of small images into one call).
// This uses pdf.js internals of the PDFPageProxy (`_intentStates`, `_transport.getRenderingIntent`); when they
// are not there (another pdf.js), the list is read as before and drawing evaluates the page again.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";

type OperatorList = Awaited<ReturnType<PDFPageProxy["getOperatorList"]>> & { lastChunk?: boolean };

/** pdf.js's per-intent page state; its "capabilities" are what Promise.withResolvers() makes. */
interface IntentState {
  displayReadyCapability?: PromiseWithResolvers<boolean>;
  opListReadCapability?: PromiseWithResolvers<OperatorList>;
  operatorList?: OperatorList;
  renderTasks?: Set<unknown>;
}
interface PageInternals {
  _intentStates?: Map<string, IntentState>;
  _transport?: { getRenderingIntent?(intent: string, annotationMode?: number, print?: null, editing?: boolean, opList?: boolean): { cacheKey: string } };
}

/**
 * The page's operator list (as `page.getOperatorList()`), which a later `page.render()` of the page draws
 * instead of evaluating the page again. Called again, the same list.
 */
export async function pageOperatorList(page: PDFPageProxy): Promise<OperatorList> {
  const internals = page as unknown as PageInternals;
  const states = internals._intentStates;
  const transport = internals._transport;
  if (!(states instanceof Map) || typeof transport?.getRenderingIntent !== "function") return page.getOperatorList();
  // render()'s defaults: display intent, annotations enabled, no print storage, not editing
  const listKey = transport.getRenderingIntent("display", undefined, null, false, true).cacheKey;
  const drawKey = transport.getRenderingIntent("display", undefined, null, false, false).cacheKey;
  const known = states.get(listKey);
  if (known?.opListReadCapability || states.has(drawKey)) return page.getOperatorList();
  // pdf.js resolves it with the page's transparency as it starts the list (StartRenderPage, under the list's
  // key), and rejects it when reading the list fails
  const state = known ?? (Object.create(null) as IntentState);
  const ready = (state.displayReadyCapability = Promise.withResolvers<boolean>());
  let transparency: boolean | undefined, failed = false;
  const reject = ready.reject;
  // pdf.js rejects it in the same step that hands over the list read so far: known here before the list is
  ready.reject = (reason: unknown) => {
    failed = true;
    reject(reason);
  };
  ready.promise.then((t: boolean) => void (transparency = t), () => {});
  states.set(listKey, state);
  const list: OperatorList = await page.getOperatorList();
  // filed for render() only when the list was read whole, and render() has started none of its own meanwhile
  if (!failed && transparency !== undefined && state.operatorList === list && list.lastChunk && !states.has(drawKey) && states.get(listKey) === state) {
    const done = Promise.withResolvers<boolean>();
    done.resolve(transparency);
    states.set(drawKey, { displayReadyCapability: done, operatorList: list, renderTasks: new Set() });
  }
  return list;
}
