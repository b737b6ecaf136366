import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { readMeta, readStaff } from '../../src/extract/meta.js';
import { located } from '../helpers/located.js';

const rules = (await loadRules(new URL('../../rules', import.meta.url).pathname)).document;

describe('meta', () => {
  it('takes department and year from a cover title split over lines, the date from the end', () => {
    const r = readMeta({ start: [located('青岚市文化和旅游局2019年度部门决算目录')], text: [], end: [located('青岚市文化和旅游局'), located('2020年9月15日')] }, rules.meta);
    expect(r.meta).toEqual({ department: '青岚市文化和旅游局', year: 2019, published: '2020-09-15' });
  });

  it('falls back to the staff sentence, in either wording, and to the signature', () => {
    const a = readMeta({ start: [located('第一部分 部门单位概况')], text: [located('某县教育局2020年度，实有人数12人，其中：在职人员10人')], end: [] }, rules.meta);
    expect(a.meta).toMatchObject({ department: '某县教育局', year: 2020, published: null });
    const b = readMeta({ start: [located('目录')], text: [located('截至2020年底，某县教育局实有人数12人。')], end: [located('某县教育局'), located('2021年8月1日')] }, rules.meta);
    expect(b.meta).toEqual({ department: '某县教育局', year: 2020, published: '2021-08-01' });
  });

  it('reads staff counts with their provenance', () => {
    const s = readStaff([located('实有人数293人，其中：在职人员103人，离休人员9人，退休人员181人。', 2)], rules.staff.fields);
    expect(s.map((x) => [x.field, x.count, x.page])).toEqual([
      ['total', 293, 2],
      ['in_service', 103, 2],
      ['retired_li', 9, 2],
      ['retired_tui', 181, 2],
    ]);
  });
});

describe('meta: the national template', () => {
  it('reads a cover split over three lines', () => {
    const r = readMeta({ start: [located('中共上海市某区委社会工作部2024年度部门决算')], text: [], end: [] }, rules.meta);
    expect(r.meta).toMatchObject({ department: '中共上海市某区委社会工作部', year: 2024 });
  });

  it('falls back to the top-level headings when the cover has no text', () => {
    const r = readMeta({ start: [], headings: [located('第一部分上海市某局概况'), located('第三部分上海市某局2024年度部门决算情况说明')], text: [located('上海市某局2024年度收入支出总计100万元。')], end: [] }, rules.meta);
    expect(r.meta).toMatchObject({ department: '上海市某局', year: 2024 });
    expect(r.provenance.department?.source_text).toBe('第三部分上海市某局2024年度部门决算');
  });
});
