import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { departmentIdentity, foldName, identify, type CorpusDocument } from '../../src/corpus/identity.js';
import { crossYearChecks, parseSeriesKey, SeriesKeyError, type SeriesPoint } from '../../src/corpus/series.js';
import { D } from '../../src/values/decimal.js';
import type { DepartmentRules } from '../../src/rules/departments-schema.js';

const RULES: DepartmentRules = {
  normalise: { strip_suffixes: ['(本级)', '本级'] },
  aliases: [{ name: '某市文化和旅游局', also: ['某市文化广电新闻出版局'] }],
};

const doc = (over: Partial<CorpusDocument>): CorpusDocument => ({ doc_id: 'a', file: 'a.pdf', status: 'ok', error_code: null, department: '某市统计局', year: 2020, published: null, sha256: null, pages: 2, checks_error: 0, checks_warning: 0, ...over });

describe('department identity', () => {
  it('folds width, spaces and 本级 suffixes, and joins renamed departments', () => {
    const id = departmentIdentity(RULES);
    expect(id('某市统计局（本级）')).toBe('某市统计局');
    expect(id('某市 统计局 本级')).toBe('某市统计局');
    expect(id('某市文化广电新闻出版局')).toBe('某市文化和旅游局');
    expect(id('某市文化和旅游局（本级）')).toBe('某市文化和旅游局');
    expect(id('某市统计局')).not.toBe(id('某市文化和旅游局'));
  });

  it('folding is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('某', '局', '（', '）', '本', '级', ' ', 'Ａ', '(', ')') }), (s) => foldName(foldName(s, RULES), RULES) === foldName(s, RULES)));
  });

  it('flags two documents of one department and year, choosing the one with fewer failed checks', () => {
    const { documents, duplicates } = identify(
      [
        doc({ doc_id: 'wps', file: 'x/wps.pdf', checks_error: 3 }),
        doc({ doc_id: 'word', file: 'x/word.pdf', department: '某市统计局（本级）', checks_error: 1, checks_warning: 5 }),
        doc({ doc_id: 'y2021', file: 'x/2021.pdf', year: 2021 }),
        doc({ doc_id: 'bad', file: 'x/bad.pdf', status: 'failed', department: null, year: null }),
      ],
      RULES,
    );
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ department_id: '某市统计局', year: 2020, chosen: 'word', doc_ids: ['word', 'wps'], files: ['x/word.pdf', 'x/wps.pdf'] });
    expect(duplicates[0].reason).toBe('某市统计局 2020 年度的报告有 2 份：采用 x/word.pdf（检查未通过：错误 1 条、警告 5 条），未采用 x/wps.pdf（检查未通过：错误 3 条、警告 0 条）');
    expect(Object.fromEntries(documents.map((d) => [d.doc_id, d.duplicate_of]))).toEqual({ wps: 'word', word: null, y2021: null, bad: null });
  });
});

describe('series keys and cross-year checks', () => {
  it('parses fact keys, table:row:column and codes', () => {
    expect(parseSeriesKey('income_total', ['gpb_expense'])).toMatchObject({ kind: 'fact', key: 'income_total' });
    expect(parseSeriesKey('2130101', ['gpb_expense'])).toMatchObject({ kind: 'code', code: '2130101' });
    expect(parseSeriesKey('gpb_expense:合计:基本支出', ['gpb_expense'])).toMatchObject({ kind: 'cell', table: 'gpb_expense', row: '合计', column: '基本支出' });
    expect(() => parseSeriesKey('Income', [])).toThrow(SeriesKeyError);
  });

  const pt = (year: number, value: string, change: string, change_pct: string): SeriesPoint => ({ department: '某局', year, key: 'k', value, unit: '万元', doc_id: `d${year}`, page: '3', label: '某项', printed_value: value, printed_unit: '万元', change, change_pct, department_printed: '某局', source: 'fact', duplicates: '', factor: new D(1) });

  it('passes changes that agree within printed rounding, fails a change_pct against the two amounts', () => {
    expect(crossYearChecks([pt(2020, '100.00', '', ''), pt(2021, '110.00', '10.00', '10.00')], () => '')).toEqual([]);
    // 持平
    expect(crossYearChecks([pt(2020, '100.00', '', ''), pt(2021, '100.00', '0', '0')], () => '')).toEqual([]);
    const bad = crossYearChecks([pt(2020, '100.00', '', ''), pt(2021, '110.00', '10.00', '9.09')], () => '某项');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ check: 'cross_year_change_pct', expected: '10.00', actual: '9.09', doc_id: 'd2021', prior_doc_id: 'd2020' });
    expect(bad[0].message).toMatch(/某局 某项.*d2021.*d2020.*= 10\.00%/);
    // a year missing in between: nothing to compare
    expect(crossYearChecks([pt(2019, '100.00', '', ''), pt(2021, '150.00', '1.00', '1.00')], () => '')).toEqual([]);
  });
});
