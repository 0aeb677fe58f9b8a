// Hostile inputs generated for the adversarial suite (test/adversarial-*.test.ts): small files that expand to
// gigabytes. Nothing here is stored in the repository; each test makes what it needs in a temp folder.
import { createDeflate, constants } from "node:zlib";

/** `bytes` of zeros, deflated (zlib), in chunks: 1 GiB takes ~1 MB and a second or two. */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  const chunk = Buffer.alloc(Math.min(bytes, 16 * 1024 ** 2));
  for (let left = bytes; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!deflate.write(piece)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A one-page PDF whose objects are given as (number → body) and whose page draws `content`'s object 4. */
export function pdfWith(objects: Record<number, Buffer | string>): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  const max = Math.max(...Object.keys(objects).map(Number));
  for (let n = 1; n <= max; n++) {
    const body = objects[n] ?? "null";
    const head = Buffer.from(`${n} 0 obj\n`, "latin1");
    const tail = Buffer.from("\nendobj\n", "latin1");
    offsets[n] = at;
    const piece = Buffer.concat([head, typeof body === "string" ? Buffer.from(body, "latin1") : body, tail]);
    parts.push(piece);
    at += piece.length;
  }
  const xref = [`xref\n0 ${max + 1}\n0000000000 65535 f \n`, ...offsets.slice(1).map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${max + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/** A stream object: its dictionary entries and bytes. */
export function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]);
}

/** A PDF whose one page's content stream inflates to `bytes` (zeros: whitespace to the content lexer). */
export async function deflateBombPdf(bytes: number): Promise<Buffer> {
  return pdfWith({
    1: "<< /Type /Catalog /Pages 2 0 R >>",
    2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 720 540] /Contents 4 0 R >>",
    4: stream("/Filter /FlateDecode", await deflatedZeros(bytes)),
  });
}

/** A PDF whose one page draws a greyscale picture whose stream inflates to `bytes` (`side`×`side` pixels). */
export async function imageBombPdf(side: number): Promise<Buffer> {
  return pdfWith({
    1: "<< /Type /Catalog /Pages 2 0 R >>",
    2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 720 540] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> >>",
    4: stream("", Buffer.from("BT /F1 24 Tf 72 480 Td (Text beside a huge picture) Tj ET q 720 0 0 540 0 0 cm /Im0 Do Q", "latin1")),
    5: stream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, await deflatedZeros(side * side)),
    6: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  });
}

/** A PDF whose one page has `n` drawing operators (a 76 KB file can hold millions, deflated). */
export async function operatorBombPdf(n: number): Promise<Buffer> {
  const { deflateSync } = await import("node:zlib");
  const ops = Buffer.from("0 0 m 1 1 l S\n".repeat(n), "latin1");
  return pdfWith({
    1: "<< /Type /Catalog /Pages 2 0 R >>",
    2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 720 540] /Contents 4 0 R >>",
    4: stream("/Filter /FlateDecode", deflateSync(ops, { level: 9 })),
  });
}
