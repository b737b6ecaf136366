/** Character accuracy of OCR text against a reference, for the OCR tests and bench/ocr.ts. */
import { foldChar } from '../../src/normalize/chars.js';

/** Folds characters (Kangxi radicals, full-width forms) and drops whitespace, as the normaliser does. */
export function comparable(s: string): string[] {
  return Array.from(s.normalize('NFKC'))
    .map((c) => foldChar(c))
    .join('')
    .replace(/\s+/g, '')
    .split('')
    .filter(Boolean);
}

/** Levenshtein distance over code points. */
export function editDistance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** 1 − edit distance / reference length (can go below 0 for garbage). */
export function charAccuracy(ocr: string, reference: string): number {
  const r = comparable(reference);
  const o = comparable(ocr);
  return r.length ? 1 - editDistance(o, r) / r.length : o.length === 0 ? 1 : 0;
}
