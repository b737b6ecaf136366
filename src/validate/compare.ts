/**
 * Comparing printed amounts the way the table checks do, and saying where they are printed.
 * One value printed twice must be the same printing; a sum of several printed values may miss its printed
 * total by what rounding explains (a warning), beyond that it is an error (interval.ts roundingNoise).
 */
import { D, dec, decimalsOf, type Dec } from '../values/decimal.js';
import { minus, overlaps, printed, roundingNoise, sum } from './interval.js';

/** A printed amount in a sum; `minus` for one that is subtracted. */
export interface Term {
  value: string;
  minus?: boolean;
}

export interface Verdict {
  severity: 'error' | 'warning';
  /** Σ left and Σ right, to the decimals printed */
  left: string;
  right: string;
  /** the difference is within printed rounding */
  rounding: boolean;
}

function total(terms: readonly Term[]): Dec {
  return terms.reduce((a, t) => (t.minus ? a.minus(dec(t.value)) : a.plus(dec(t.value))), new D(0));
}

/**
 * The same quantity printed twice: equal once the finer printing is rounded to the coarser one's decimals
 * ("1000" and "1000.00" agree; "100.01" and "100.02" do not — intervals would let them touch).
 */
export function samePrinted(a: string, b: string): boolean {
  const dp = Math.min(decimalsOf(a), decimalsOf(b));
  return dec(a).toDecimalPlaces(dp, D.ROUND_HALF_UP).eq(dec(b).toDecimalPlaces(dp, D.ROUND_HALF_UP));
}

/** Σ left against Σ right; null when they agree. A side with no term prints 0. */
export function compareSums(left: readonly Term[], right: readonly Term[]): Verdict | null {
  const all = [...left, ...right];
  const dp = Math.max(0, ...all.map((t) => decimalsOf(t.value)));
  const l = total(left);
  const r = total(right);
  const show = (x: Dec) => x.toFixed(dp);
  if (l.eq(r)) return null;
  if (left.length <= 1 && right.length <= 1) {
    // one value printed twice: the coarser printing decides ("1000" and "1000.00" agree)
    if (samePrinted(left[0]?.value ?? '0', right[0]?.value ?? '0')) return null;
    return { severity: 'error', left: show(l), right: show(r), rounding: false };
  }
  const zero = { lo: new D(0), hi: new D(0) };
  const interval = (ts: readonly Term[]) => sum(ts.map((t) => (t.minus ? minus(zero, printed(t.value)) : printed(t.value))));
  const rounding = l.minus(r).abs().lte(roundingNoise(dp, all.length)) && overlaps(interval(left), interval(right));
  return { severity: rounding ? 'warning' : 'error', left: show(l), right: show(r), rounding };
}

/** "第6页" or "第6页、第10页": the pages of the records a failure names, in order. */
export function pagesText(pages: readonly number[]): string {
  return [...new Set(pages)]
    .sort((a, b) => a - b)
    .map((p) => `第${p}页`)
    .join('、');
}

export function uniquePages(pages: readonly number[]): number[] {
  return [...new Set(pages)].sort((a, b) => a - b);
}
