import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, fuzzyMatch, literalAlternatives, substringDistance } from '../../src/normalize/fuzzy.js';

const TABLE5 = '^(表五|公开0?5表)?一般公共预算财政拨款支出决算表$';

describe('literalAlternatives', () => {
  it('expands groups, optional parts and small sets', () => {
    expect(literalAlternatives(TABLE5)?.alternatives.sort()).toEqual(
      ['一般公共预算财政拨款支出决算表', '表五一般公共预算财政拨款支出决算表', '公开5表一般公共预算财政拨款支出决算表', '公开05表一般公共预算财政拨款支出决算表'].sort(),
    );
    expect(literalAlternatives('^(其中[:：]?)?当年财政拨')).toMatchObject({ start: true, end: false });
    expect(literalAlternatives('^(其中[:：]?)?当年财政拨')?.alternatives).toHaveLength(4);
    expect(literalAlternatives('执行率(（%）|\\(%\\))?')?.alternatives).toEqual(['执行率', '执行率（%）', '执行率(%)']);
  });
  it('gives up on anything that is not literal', () => {
    for (const p of ['^\\d{3}$', '单位[:：](?<unit>万元|元)', 'a.b', '[0-9]+', 'x*']) expect(literalAlternatives(p)).toBeNull();
  });
});

describe('edit distances', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('一般公共了预算', '一般公共预算')).toBe(1);
    expect(editDistance('基本文出', '基本支出')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2); // bounded: max + 1
    expect(substringDistance('部门：某局 一般公共预箅财政拨款支出决算表 公开05表', '一般公共预算财政拨款支出决算表')).toBe(1);
  });
});

describe('fuzzyMatch', () => {
  it('matches a title with one character extra, missing or wrong', () => {
    expect(fuzzyMatch('一般公共了预算财政拨款支出决算表', TABLE5)).toMatchObject({ exact: false, edits: 1 });
    expect(fuzzyMatch('一般公共预算财政拨款支决算表', TABLE5)).toMatchObject({ edits: 1 });
    expect(fuzzyMatch('表五一般公共预算财政拔款支出决算表', TABLE5)).toMatchObject({ edits: 1, alternative: '表五一般公共预算财政拨款支出决算表' });
    expect(fuzzyMatch('一般公共预算财政拨款支出决算表', TABLE5)).toEqual({ exact: true, edits: 0 });
  });
  it('refuses two edits, short phrases, and a text closer to another known phrase', () => {
    expect(fuzzyMatch('一般公共预算财政拨款基本支出决算表', TABLE5)).toBeNull();
    expect(fuzzyMatch('工会经费', '^工作经费$')).toBeNull();
    const others = ['一般公共预算财政拨款收入决算表'];
    expect(fuzzyMatch('一般公共预算财政拨款收入决算表', TABLE5, { others })).toBeNull();
  });
  it('property: one random edit of a literal phrase of 6+ characters still matches it', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(fc.array(han, { minLength: 7, maxLength: 16 }), fc.nat(), fc.integer({ min: 0, max: 2 }), han, (chars, at, kind, ch) => {
        const phrase = chars.join('');
        const k = at % chars.length;
        const edited = [...chars];
        if (kind === 0) edited.splice(k, 0, ch);
        else if (kind === 1) edited.splice(k, 1);
        else edited[k] = ch;
        const r = fuzzyMatch(edited.join(''), `^${phrase}$`);
        expect(r).not.toBeNull();
        expect(r!.edits).toBeLessThanOrEqual(1);
      }),
    );
  });
});
