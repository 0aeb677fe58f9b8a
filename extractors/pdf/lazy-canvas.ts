// The canvas add-on (@napi-rs/canvas) loaded only when a page is drawn. pdf.js's legacy build requires it as it
// loads, to take DOMMatrix, ImageData and Path2D from it, and the add-on loads the system's fonts as it loads
// (~0.1 CPU-s, ~40 MB); reading a text layer needs none of it. A module hook hands pdf.js a stand-in instead:
// DOMMatrix is the add-on's own pure-JavaScript class (its geometry module, which loads no native code), and
// ImageData, Path2D and everything else (createCanvas for pdf.js's canvas factory) load the add-on on first use
// and are then the add-on's own: the objects pdf.js makes and those our code makes are of the one native copy.
// Without module hooks (Node before 22.15) pdf.js loads the add-on itself, as before.
import * as nodeModule from "node:module";

type Canvas = typeof import("@napi-rs/canvas");

const require = nodeModule.createRequire(import.meta.url);
const STAND_IN_URL = "slidecorpus:lazy-canvas";
const STAND_IN = Symbol.for("slidecorpus.lazyCanvas");

let canvas: Canvas | undefined;
const addOn = (): Canvas => (canvas ??= require("@napi-rs/canvas") as Canvas);

/** A constructor that is the add-on's class `name` once used: `new`, `instanceof` and static members forward to it. */
function deferredClass(name: "ImageData" | "Path2D"): unknown {
  // a function (not an arrow) is a valid target for `new`
  return new Proxy(function () {}, {
    construct: (_target, args) => Reflect.construct(addOn()[name] as unknown as new (...a: unknown[]) => object, args),
    get: (_target, key) => Reflect.get(addOn()[name], key),
  });
}

/** Installs the stand-in for pdf.js's require of the add-on in this thread (once); call before loading pdf.js. */
export function deferCanvas(): void {
  const registerHooks = (nodeModule as { registerHooks?: typeof nodeModule.registerHooks }).registerHooks;
  const global = globalThis as Record<symbol, unknown>;
  if (!registerHooks || global[STAND_IN]) return;
  const { DOMMatrix } = require("@napi-rs/canvas/geometry.js") as { DOMMatrix: unknown };
  const deferred: Record<string, unknown> = { DOMMatrix, ImageData: deferredClass("ImageData"), Path2D: deferredClass("Path2D") };
  global[STAND_IN] = new Proxy({}, {
    get: (_target, key) => (typeof key === "string" && key in deferred ? deferred[key] : Reflect.get(addOn(), key)),
    has: (_target, key) => key in deferred || key in addOn(),
  });
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === "@napi-rs/canvas" && context.parentURL?.includes("/pdfjs-dist/")) return { url: STAND_IN_URL, shortCircuit: true };
      return next(specifier, context);
    },
    load(url, context, next) {
      if (url === STAND_IN_URL) return { format: "commonjs", source: "module.exports = globalThis[Symbol.for(\"slidecorpus.lazyCanvas\")];", shortCircuit: true };
      return next(url, context);
    },
  });
}
