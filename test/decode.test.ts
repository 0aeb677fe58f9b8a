import { describe, expect, it } from "vitest";
import { decodeText } from "../extractors/text/decode.ts";
import { DocumentError } from "../extractors/types.ts";

const danish = "Fælles værdier, større tillid og på vej — “citat”";

describe("decodeText", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeText(Buffer.from(danish, "utf8"))).toEqual({ text: danish, encoding: "utf-8" });
  });
  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(danish, "utf8")]);
    expect(decodeText(bytes)).toEqual({ text: danish, encoding: "utf-8" });
  });
  it("reads UTF-16 LE and BE with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(danish, "utf16le")]);
    expect(decodeText(le)).toEqual({ text: danish, encoding: "utf-16le" });
    const be = Buffer.from(le.subarray(2));
    be.swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: danish, encoding: "utf-16be" });
  });
  it("reads Windows-1252 / Latin-1 when the bytes are not UTF-8", () => {
    // "Fælles værdier på ø" in Latin-1, plus the CP1252 curly quotes 0x93/0x94 and the euro sign 0x80
    const bytes = Buffer.from([0x46, 0xe6, 0x6c, 0x6c, 0x65, 0x73, 0x20, 0x76, 0xe6, 0x72, 0x64, 0x69, 0x65, 0x72, 0x20, 0x70, 0xe5, 0x20, 0xf8, 0x20, 0x93, 0x6a, 0x61, 0x94, 0x20, 0x80]);
    expect(decodeText(bytes)).toEqual({ text: "Fælles værdier på ø “ja” €", encoding: "windows-1252" });
  });
  it("rejects empty and binary input with a code", () => {
    expect(() => decodeText(new Uint8Array())).toThrow(expect.objectContaining({ code: "empty" }));
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    try {
      decodeText(garbage);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DocumentError);
      expect((err as DocumentError).code).toBe("binary");
    }
  });
});
