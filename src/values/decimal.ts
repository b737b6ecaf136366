import { Decimal } from 'decimal.js';

/**
 * Amounts stay the strings they were printed as ("1000", "1000.00", "108.1"); arithmetic goes through
 * decimal.js so that no float ever rounds 0.1 + 0.2.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** "1,000.00" / "1 000.00" / "＋5" → "1000.00" / "5": the printed number without separators, or null. */
export function cleanNumber(printed: string): string | null {
  const s = printed.replace(/[,，\s]/g, '').replace(/^\+/, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

/** A signed printed number: sign applied to the printed digits, "-0" folded to "0". */
export function signed(printed: string, negative: boolean): string {
  const s = cleanNumber(printed) ?? printed;
  if (!negative || s.startsWith('-')) return s;
  return new D(s).isZero() ? s : `-${s}`;
}

export function dec(s: string): Dec {
  return new D(s);
}

/** The number of decimals printed: "1.50" → 2, "3" → 0. */
export function decimalsOf(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Half a unit of the last printed digit: what printed rounding can hide ("11.9" → 0.05). */
export function halfUnit(s: string): Dec {
  return new D(5).div(new D(10).pow(decimalsOf(s) + 1));
}
