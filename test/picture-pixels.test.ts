// A picture judged on the pixels its texture looks at (extractors/pdf/pictures.ts): converting only those gives
// the texture of the whole conversion, for every kind of pixels pdf.js hands over, large pictures thinned.
import { describe, expect, it } from "vitest";
import { greyPixels, pixelTexture, type PictureImage } from "../extractors/pdf/pictures.ts";

/** A picture of `kind` (1: 1 bit, 2: RGB, 3: RGBA): lines of "text" (dark dashes) between quiet rows, and noise. */
function picture(kind: number, width: number, height: number, seed = 7): PictureImage {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const dark = (x: number, y: number) => (y % 40 < 14 && x % 9 < 5) || random() < 0.01;
  if (kind === 1) {
    const stride = (width + 7) >> 3;
    const data = new Uint8Array(stride * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (!dark(x, y)) data[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    return { width, height, kind, data };
  }
  const n = kind === 2 ? 3 : 4;
  const data = new Uint8ClampedArray(width * height * n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * n, v = dark(x, y) ? 20 + Math.floor(random() * 30) : 230 + Math.floor(random() * 25);
      data[i] = v;
      data[i + 1] = Math.min(255, v + 10);
      data[i + 2] = Math.max(0, v - 10);
      if (n === 4) data[i + 3] = 128 + Math.floor(random() * 128);
    }
  }
  return { width, height, kind, data };
}

describe("a picture's grey pixels", () => {
  for (const kind of [1, 2, 3]) {
    for (const [width, height] of [[300, 200], [2500, 1300], [1700, 3700]] as const) {
      it(`give the same texture converted sampled or whole (kind ${kind}, ${width}×${height})`, () => {
        const image = picture(kind, width, height);
        const whole = greyPixels(image), sampled = greyPixels(image, true);
        expect(pixelTexture(sampled, width, height)).toEqual(pixelTexture(whole, width, height));
        // the texture is a real one: text-like lines found
        expect(pixelTexture(whole, width, height).lineHeight).toBeGreaterThan(0);
        // a large picture is thinned: most pixels are not converted
        const converted = sampled.reduce((n, v) => n + (v ? 1 : 0), 0);
        if (width > 1600 || height > 2400) expect(converted).toBeLessThan(0.6 * whole.reduce((n, v) => n + (v ? 1 : 0), 0));
      });
    }
  }

  it("convert RGB by luma and RGBA over white", () => {
    const rgb: PictureImage = { width: 2, height: 1, kind: 2, data: new Uint8Array([255, 0, 0, 10, 20, 30]) };
    expect([...greyPixels(rgb)]).toEqual([76, 18]);
    const rgba: PictureImage = { width: 2, height: 1, kind: 3, data: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255]) };
    expect([...greyPixels(rgba)]).toEqual([255, 0]);
    const bits: PictureImage = { width: 3, height: 1, kind: 1, data: new Uint8Array([0b10100000]) };
    expect([...greyPixels(bits)]).toEqual([255, 0, 255]);
  });
});
