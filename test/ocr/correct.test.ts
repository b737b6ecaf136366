import { describe, expect, it } from 'vitest';
import { compileLexicon, correctText } from '../../src/ocr/correct.js';

const lexicon = compileLexicon({ min_length: 4, free_length: 6, confusions: { 文: '支', 诚: '减', 葡: '款' }, phrases: ['基本支出', '项目支出', '财政拨款收入', '财政拨款支出', '本年度项目减少', '基本工资'] });

describe('OCR lexicon correction', () => {
  it('fixes one misread character of a domain phrase', () => {
    expect(correctText('2021年度本年文出60145.51万元，其中:基本文出2579.87万元', lexicon)).toBe('2021年度本年文出60145.51万元，其中:基本支出2579.87万元');
    expect(correctText('财政拨葡收入年初预算数', lexicon)).toBe('财政拨款收入年初预算数');
    expect(correctText('本年度项目诚少', lexicon)).toBe('本年度项目减少');
  });
  it('never touches digits, punctuation, correct text or ambiguous windows', () => {
    expect(correctText('基本工资733.27万元', lexicon)).toBe('基本工资733.27万元');
    expect(correctText('基本1资', lexicon)).toBe('基本1资');
    // a short phrase is corrected only for a known confusion: 工作经费 is a word, not a misread 工会经费
    const work = compileLexicon({ min_length: 4, free_length: 6, confusions: { 文: '支' }, phrases: ['工会经费'] });
    expect(correctText('安全生产工作经费', work)).toBe('安全生产工作经费');
    expect(correctText('基本，资', lexicon)).toBe('基本，资');
    // a real phrase one character from another is protected by listing it too
    expect(correctText('财政拨款收支决算', lexicon)).toBe('财政拨款收入决算');
    const withBoth = compileLexicon({ min_length: 4, free_length: 6, confusions: { 文: '支', 诚: '减', 葡: '款' }, phrases: ['财政拨款收入', '财政拨款收支'] });
    expect(correctText('财政拨款收支决算', withBoth)).toBe('财政拨款收支决算');
    // two phrases that would fix the same window differently: left as read
    const twoWays = compileLexicon({ min_length: 4, free_length: 4, confusions: {}, phrases: ['项目支出', '项目收出'] });
    expect(correctText('项目文出', twoWays)).toBe('项目文出');
  });
});

describe('OCR lexicon correction: longer phrases win', () => {
  it('leaves a character that is part of an exact longer phrase', () => {
    const lex = compileLexicon({ min_length: 4, free_length: 5, confusions: {}, phrases: ['收入决算情况说明', '收入决算表'] });
    expect(correctText('二、收入决算情况说明', lex)).toBe('二、收入决算情况说明');
    expect(correctText('收入决算衣', lex)).toBe('收入决算表');
  });
});
