import { D, dec, halfUnit, type Dec } from '../values/decimal.js';

/**
 * Printed numbers are rounded: "0.12" stands for anything in [0.115, 0.125]. Checks compare intervals, so a
 * ratio of two small rounded amounts is not flagged for the rounding the report had to do, while a typo is.
 */
export interface Interval {
  lo: Dec;
  hi: Dec;
}

export function printed(s: string): Interval {
  const v = dec(s);
  const h = halfUnit(s);
  return { lo: v.minus(h), hi: v.plus(h) };
}

export function sum(xs: Interval[]): Interval {
  return xs.reduce((a, b) => ({ lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) }), { lo: new D(0), hi: new D(0) });
}

export function scale(x: Interval, k: Dec): Interval {
  return { lo: x.lo.times(k), hi: x.hi.times(k) };
}

export function minus(a: Interval, b: Interval): Interval {
  return { lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) };
}

/** a / b × 100 as an interval; undefined when b may be zero. */
export function percent(a: Interval, b: Interval): Interval | undefined {
  if (b.lo.lte(0) && b.hi.gte(0)) return undefined;
  const cands = [a.lo.div(b.lo), a.lo.div(b.hi), a.hi.div(b.lo), a.hi.div(b.hi)].map((x) => x.times(100));
  return { lo: D.min(...cands), hi: D.max(...cands) };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo.lte(b.hi) && b.lo.lte(a.hi);
}

/** The interval's midpoint, to `dp` places, for the `expected` column. */
export function mid(x: Interval, dp = 2): string {
  return x.lo.plus(x.hi).div(2).toFixed(dp);
}

/**
 * How far a sum of n rounded printings may honestly miss a rounded total: about sqrt(n)·u/sqrt(12) (u = the last
 * printed digit) of rounding noise, three of those. A sum missing by more is an error even where a worst case of
 * n·u/2 would cover it: a typo such as 14.65 for 14.56 must not hide behind the worst case of a long list.
 */
export function roundingNoise(dp: number, n: number): Dec {
  return new D(10).pow(-dp).div(Math.sqrt(12)).times(Math.sqrt(n)).times(3);
}
