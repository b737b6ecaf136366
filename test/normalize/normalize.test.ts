import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChar, isCjk } from '../../src/normalize/chars.js';
import { normalizeText } from '../../src/normalize/normalize.js';
import { located } from '../helpers/located.js';

const norm = (s: string) => normalizeText(located(s)).text;

describe('normalize', () => {
  it('folds Kangxi radicals and the CJK Radicals Supplement to unified ideographs', () => {
    expect(norm('⼀般公共预算⼈员经费')).toBe('一般公共预算人员经费'); // U+2F00, U+2F08
    expect(norm('⼈⺠政府')).toBe('人民政府'); // U+2EA0 is missed by NFKC
    expect(foldChar('\u2ea0')).toBe('民');
    expect('\u2ea0'.normalize('NFKC')).toBe('\u2ea0'); // why the explicit map exists
  });

  it('folds full-width digits and number symbols, keeps CJK punctuation', () => {
    expect(norm('２０２１年度本年收入５９９２３．１６万元，占９９．８２％；')).toBe('2021年度本年收入59923.16万元，占99.82%；');
    expect(norm('因公出国（境）费')).toBe('因公出国（境）费');
  });

  it('removes spaces next to CJK, keeps them between numbers', () => {
    expect(norm('2021 年 度 本 年 支 出 60145.51 万 元 ， 其 中')).toBe('2021年度本年支出60145.51万元，其中');
    // the line builder joins "1 000.00" (lines/gaps.ts); a space left between digits is a field gap
    expect(norm('合计 1 000.00 万元')).toBe('合计1 000.00万元');
    expect(norm('1046 1199')).toBe('1046 1199');
    expect(norm('293 41')).toBe('293 41');
  });

  it('keeps one box per character, each from the character it came from', () => {
    const input = located('年 度 ２０');
    const out = normalizeText(input);
    expect(out.text).toBe('年度20');
    expect(out.chars).toHaveLength(out.text.length);
    expect(out.chars[1]).toBe(input.chars[2]);
    expect(out.chars[3]).toBe(input.chars[5]);
  });

  it('is idempotent and keeps boxes aligned (property)', () => {
    const alphabet = fc.constantFrom(...'年度万元收入支出⼀⼈⺠ 0123456789.,%，；：（）２０％ ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (s) => {
        const once = normalizeText(located(s));
        expect(once.chars).toHaveLength(once.text.length);
        expect(normalizeText(once).text).toBe(once.text);
        // no space survives next to a CJK character
        for (let i = 0; i < once.text.length; i++) {
          if (once.text[i] === ' ') {
            expect(isCjk(once.text[i - 1] ?? '')).toBe(false);
            expect(isCjk(once.text[i + 1] ?? '')).toBe(false);
          }
        }
      }),
    );
  });
});
