import { describe, expect, it } from 'vitest';
import { judgeTextLayer } from '../../src/ocr/quality.js';

const vocab = ['万元', '支出', '收入', '年度', '项目'];

describe('text layer quality', () => {
  it('accepts a real page', () => {
    expect(judgeTextLayer('2021年度本年收入59923.16万元，与上年相比，减少14782.79万元，降低19.79%', vocab).usable).toBe(true);
  });
  it('rejects an empty layer, private-use glyph codes and (cid:N) names', () => {
    expect(judgeTextLayer('   ', vocab)).toMatchObject({ usable: false, reason: 'no text layer' });
    expect(judgeTextLayer('\ue001\ue002\ue003\ue004 12.5', vocab).usable).toBe(false);
    expect(judgeTextLayer('(cid:12)(cid:57)(cid:3) 100', vocab).usable).toBe(false);
  });
  it('rejects Latin letters where Chinese is expected', () => {
    expect(judgeTextLayer('Ƀ¶³ÞÄ abcdefghij klmnopqrst uvwxyzabcd efgh 12,45O.OO', vocab).usable).toBe(false);
  });
  it('rejects Chinese that is none of the report vocabulary (wrong ToUnicode map)', () => {
    const nonsense = '成区以括以个要织木'.repeat(12);
    expect(judgeTextLayer(nonsense, vocab)).toMatchObject({ usable: false });
    expect(judgeTextLayer(nonsense + '本年支出', vocab).usable).toBe(true);
  });
});

describe('text layer quality: glyph ids passed through as control characters', () => {
  it('rejects them', () => {
    expect(judgeTextLayer('\u0001\u0002\u0003\u0004\u0005\u0006\u0004\u0007\b\u0001\u000e\u000f abc 12', vocab)).toMatchObject({ usable: false });
  });
});
