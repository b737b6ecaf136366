import data from './equivalent-ideographs.json' with { type: 'json' };

/** CJK ideographs, radicals, compatibility ideographs and CJK punctuation / full-width forms. */
export function isCjk(ch: string): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || // radicals supplement, Kangxi radicals
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff01 && c <= 0xff0f) || // full-width punctuation
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    (c >= 0x20000 && c <= 0x2ffff) ||
    c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 // “ ” ‘ ’ as printed in Chinese text
  );
}

const EQUIVALENT = new Map<string, string>();
{
  const m = (data as { map: string }).map;
  const cps = Array.from(m);
  for (let i = 0; i + 1 < cps.length; i += 2) EQUIVALENT.set(cps[i], cps[i + 1]);
}

/**
 * Full-width forms that are folded to ASCII: digits, Latin letters and the symbols that make up numbers
 * and targets. CJK punctuation (，；：（）。、) stays as printed: it is part of labels users read.
 */
const FULLWIDTH_TO_ASCII = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e\uff0b\uff0d\uff1d\uff1c\uff1e\uff0f\uff0a]/;

/**
 * Folds one character: Kangxi radicals and the CJK Radicals Supplement (which NFKC misses) to their
 * unified ideographs via Unicode's EquivalentUnifiedIdeograph data; CJK compatibility ideographs by NFKC;
 * full-width digits/letters/number symbols to ASCII; ideographic space to a space.
 */
export function foldChar(ch: string): string {
  const eq = EQUIVALENT.get(ch);
  if (eq) return eq;
  const c = ch.codePointAt(0)!;
  if (FULLWIDTH_TO_ASCII.test(ch)) return String.fromCharCode(c - 0xfee0);
  if (c === 0x3000 || c === 0x00a0) return ' ';
  if (c >= 0xf900 && c <= 0xfaff) return ch.normalize('NFKC');
  if (c === 0x2212 || c === 0x2013) return '-'; // minus sign, en dash before a number
  return ch;
}

/** Private-use code points: a text layer made of these has no usable ToUnicode map. */
export function isPrivateUse(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xf0000 && c <= 0x10ffff);
}
