// Control characters no text keeps: every C0 and C1 control but tab, line feed, vertical tab and form feed
// (which are white space), and carriage return. pdf.js gives U+0000 for glyphs it cannot map; terminals and
// old editors leave the rest. One class for the extractors and the normalizer.

/** One control character no text keeps (carriage return among them: line ends are line feeds). */
export const CONTROL_CHARACTER = /[\x00-\x08\x0e-\x1f\x7f-\x9f\r]/u;
