import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanNumber, dec, decimalsOf, halfUnit, signed } from '../../src/values/decimal.js';

describe('decimal values', () => {
  it('keep the printed precision and drop separators', () => {
    expect(cleanNumber('1,000.00')).toBe('1000.00');
    expect(cleanNumber('1 000.00')).toBe('1000.00');
    expect(cleanNumber('108.1')).toBe('108.1');
    expect(cleanNumber('12.45O')).toBeNull();
    expect(signed('14782.79', true)).toBe('-14782.79');
    expect(signed('0', true)).toBe('0');
    expect(decimalsOf('1000.00')).toBe(2);
    expect(halfUnit('11.9').toString()).toBe('0.05');
  });
  it('never let a float round 0.1 + 0.2', () => {
    expect(dec('0.1').plus(dec('0.2')).toString()).toBe('0.3');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 40 }), (cents) => {
        const printed = cents.map((c) => (c / 100).toFixed(2));
        const total = printed.reduce((a, s) => a.plus(dec(s)), dec('0'));
        expect(total.toFixed(2)).toBe((cents.reduce((a, c) => a + BigInt(c), 0n) / 100n).toString() + '.' + String(cents.reduce((a, c) => a + BigInt(c), 0n) % 100n).padStart(2, '0'));
      }),
    );
  });
});
