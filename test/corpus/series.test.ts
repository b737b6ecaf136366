/**
 * Time series on the three-year fixture (series-qinglan-tjj-2019…2021, scripts/fixtures/series.ts) through
 * the CLI: the expected values of every key, 元 given in 万元, and exactly the planted cross-year failure.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.js';
import { parseCsv } from '../../src/diff/load.js';
import { PLANTED, SERIES_DEPT, SERIES_YEARS, seriesExpected, seriesId } from '../../scripts/fixtures/series.js';

let out: string;
let extractCode: number;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-series-'));
  const r = await cli(['extract', ...SERIES_YEARS.map((y) => fixture(`${seriesId(y)}.pdf`)), '--out', path.join(out, 'extracted'), '--concurrency', '2', '--ocr', 'never']);
  extractCode = r.code;
}, 120_000);

const rows = async (file: string) => (await parseCsv(await readFile(file, 'utf8'))).rows;

describe('juesuan series on three years of one department', () => {
  const keys = ['income_expense_grand_total', 'fiscal_grand_total', 'gpb_expense_total', 'admin_running_cost', '2010505'];

  it('gives every key for every year, amounts in 元 in 万元 with the printed value kept', async () => {
    expect(extractCode).toBe(0);
    const file = path.join(out, 'series.csv');
    const r = await cli(['series', ...keys, 'gpb_expense:2210201:合计', '--in', path.join(out, 'extracted'), '--out', file]);
    expect(r.code).toBe(0);
    const got = await rows(file);
    const want = seriesExpected();
    for (const k of keys) {
      const byYear = Object.fromEntries(got.filter((p) => p.key === k).map((p) => [p.year, p.value]));
      expect(Object.keys(byYear).length, k).toBe(3);
      for (const y of SERIES_YEARS) expect(Number(byYear[y]), `${k} ${y}`).toBe(Number(want[k][y]));
    }
    for (const p of got) expect(p.department).toBe(SERIES_DEPT);
    const admin2019 = got.find((p) => p.key === 'admin_running_cost' && p.year === '2019')!;
    expect(admin2019).toMatchObject({ value: '101.35', unit: '万元', printed_value: '1013500', printed_unit: '元', change: '4.95', doc_id: seriesId(2019), page: '2', source: 'fact' });
    // a value printed in 万元 stays exactly as printed
    expect(got.find((p) => p.key === 'income_expense_grand_total' && p.year === '2020')!.value).toBe('1580.10');
    expect(got.filter((p) => p.key === 'gpb_expense:2210201:合计').map((p) => p.value)).toEqual(['75.00', '79.00', '83.00']);
    expect(Object.keys(got[0])).toEqual(['department', 'year', 'key', 'value', 'unit', 'doc_id', 'page', 'label', 'printed_value', 'printed_unit', 'change', 'change_pct', 'department_printed', 'source', 'duplicates']);
  });

  it('finds exactly the planted cross-year failure, naming both documents', async () => {
    const file = path.join(out, 'all.csv');
    const r = await cli(['series', ...keys, '--in', path.join(out, 'extracted'), '--out', file]);
    const checks = await rows(path.join(out, 'all.checks.csv'));
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ doc_id: seriesId(PLANTED.year), check: 'cross_year_change', severity: 'error', subject: PLANTED.key, expected: '1498.64', actual: '1488.64', page: '2', prior_doc_id: seriesId(PLANTED.year - 1), prior_page: '2' });
    expect(checks[0].message).toContain(seriesId(PLANTED.year));
    expect(checks[0].message).toContain(seriesId(PLANTED.year - 1));
    expect(checks[0].message).toContain('相差 10.00万元');
    expect(r.stdout).toContain('跨年度检查未通过 1 条');
  });

  it('--wide gives one column per year', async () => {
    const file = path.join(out, 'wide.csv');
    await cli(['series', 'fiscal_grand_total', 'admin_running_cost', '--in', path.join(out, 'extracted'), '--out', file, '--wide']);
    const got = await rows(file);
    expect(got).toEqual([
      { department: SERIES_DEPT, key: 'fiscal_grand_total', unit: '万元', label: '财政拨款收入支出总计', 2019: '1533.20', 2020: '1498.64', 2021: '1622.05' },
      { department: SERIES_DEPT, key: 'admin_running_cost', unit: '万元', label: '机关运行经费支出', 2019: '101.35', 2020: '95.02', 2021: '98.77' },
    ]);
  });

  it('refuses a key it cannot read, in one line', async () => {
    const r = await cli(['series', 'no_such_table:201:合计', '--in', path.join(out, 'extracted'), '--out', path.join(out, 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^juesuan series: “no_such_table:201:合计”：没有这种表/);
  });

  it('diff --delta lists the two values, the change and the percentage, largest change first', async () => {
    const r = await cli(['diff', path.join(out, 'extracted', seriesId(2020)), path.join(out, 'extracted', seriesId(2021)), '--delta', '--csv', path.join(out, 'delta.csv')]);
    expect(r.code).toBe(1);
    const d = await rows(path.join(out, 'delta.csv'));
    expect(Object.keys(d[0])).toEqual(['kind', 'id', 'a', 'b', 'change', 'change_pct', 'unit']);
    expect(d[0]).toMatchObject({ a: '1420.88', b: '1555.12', change: '134.24', change_pct: '9.45', unit: '万元' });
    const admin = d.find((x) => x.id === 'admin_running_cost/三/十一/一/机关运行经费支出')!;
    expect(admin).toMatchObject({ kind: 'facts', a: '95.02', b: '98.77', change: '3.75', change_pct: '3.95' });
    const sizes = d.filter((x) => x.change).map((x) => Math.abs(Number(x.change)));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // positions are no records of their own
    expect(r.stdout).not.toMatch(/\bx0\b|\bpage\b/);
    // the 2019 report prints 机关运行经费 in 元: compared in 万元
    const r2 = await cli(['diff', path.join(out, 'extracted', seriesId(2019)), path.join(out, 'extracted', seriesId(2020)), '--delta']);
    expect(r2.stdout).toMatch(/admin_running_cost\S*\s+101\.35\s+95\.02\s+-6\.33\s+-6\.25%\s+万元/);
  });
});
