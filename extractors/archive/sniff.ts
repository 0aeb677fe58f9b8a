// What an office file is by its first bytes, for the formats slidecorpus cannot read but should name.
/** An OLE compound file: a legacy Office file (`.ppt`), or an encrypted OOXML one. */
export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0 && bytes[4] === 0xa1 && bytes[5] === 0xb1;
}

/** An OLE container holding an `EncryptedPackage` stream: a password-protected .pptx/.docx/.xlsx. */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  if (!isOle(bytes)) return false;
  // directory entry names are UTF-16LE
  const needle = Buffer.from("EncryptedPackage", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}
