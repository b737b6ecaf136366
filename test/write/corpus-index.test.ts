/**
 * The corpus index of issue 12 on the golden fixtures, end to end through the CLI: datapackage.json
 * validates every CSV, juesuan.duckdb holds exactly the CSVs' rows, typed, and two printings of one report
 * are flagged duplicate_report.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.js';
import { validatePackage } from '../helpers/datapackage-validate.js';
import { parseCsv } from '../../src/diff/load.js';
import { dec } from '../../src/values/decimal.js';

// the national template (putuo, both printings of nt-qinglan-2023) and the sample with its 自评表 (evaluations, indicators, basic items)
const GOLDEN = ['putuo-shgzb-2024.pdf', 'nt-qinglan-2023.pdf', 'nt-qinglan-2023-word.pdf', 'urumqi-gxj-2021.pdf'];

let out: string;
let stdout: string;
let code: number;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-corpus-'));
  const r = await cli(['extract', ...GOLDEN.map(fixture), fixture('bad-not-a-pdf.pdf'), '--out', out, '--concurrency', '2', '--ocr', 'never'], { timeoutMs: 240_000 });
  stdout = r.stdout;
  code = r.code;
}, 240_000);

const csv = async (name: string) => (await parseCsv((await readFile(path.join(out, `${name}.csv`), 'utf8')).replace(/^\ufeff/, ''))).rows;

describe('datapackage.json', () => {
  it('validates every CSV of the golden fixtures', async () => {
    expect(code).toBe(0);
    const { errors, rows } = await validatePackage(out);
    expect(errors).toEqual([]);
    expect(rows.documents).toBe(GOLDEN.length + 1);
    for (const n of ['facts', 'table_cells', 'line_items', 'basic_items', 'evaluations', 'evaluation_funds', 'indicators', 'checks']) expect(rows[n], n).toBeGreaterThan(0);
  });

  it('describes every field in Chinese and English with its type, and carries the vocabularies of the rules', async () => {
    const pkg = JSON.parse(await readFile(path.join(out, 'datapackage.json'), 'utf8'));
    for (const res of pkg.resources) {
      for (const f of res.schema.fields) {
        expect(f.description, `${res.name}.${f.name}`).toMatch(/[a-z]/);
        expect(f.description_zh, `${res.name}.${f.name}`).toMatch(/\p{Script=Han}/u);
        expect(['string', 'number', 'integer']).toContain(f.type);
      }
      if (res.name !== 'documents') expect(res.schema.foreignKeys).toEqual([{ fields: ['doc_id'], reference: { resource: 'documents', fields: ['doc_id'] } }]);
    }
    const amount = pkg.resources.find((r: { name: string }) => r.name === 'facts').schema.fields.find((f: { name: string }) => f.name === 'amount');
    expect(amount).toMatchObject({ type: 'number', 'juesuan:type': 'decimal' });
    expect(amount.unit).toContain('万元');
    const keys = new Map(pkg.vocabularies.fact_keys.map((k: { key: string; label_zh: string }) => [k.key, k.label_zh]));
    expect(keys.get('income_total')).toBe('本年收入合计');
    expect(keys.get('table5_total')).toBeTruthy();
    expect(pkg.vocabularies.table_kinds).toContainEqual({ kind: 'gpb_expense', label_zh: '一般公共预算财政拨款支出决算表' });
    expect(pkg.vocabularies.table_kinds.map((k: { kind: string }) => k.kind)).toContain('other');
  });

  it('fails CSVs that break it (a validator that can fail)', async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), 'juesuan-corpus-bad-'));
    await cp(out, bad, { recursive: true });
    const facts = (await readFile(path.join(bad, 'facts.csv'), 'utf8')).split('\n');
    // second data row: amount with a thousands separator, an unknown key, a document nobody listed
    const cells = facts[2].split(',');
    cells[0] = 'no-such-doc';
    cells[4] = 'not_a_key';
    cells[6] = '"1,000.00"';
    facts[2] = cells.join(',');
    await writeFile(path.join(bad, 'facts.csv'), facts.join('\n'));
    const { errors } = await validatePackage(bad);
    expect(errors.some((e) => /facts\.csv row 3 amount=.*not number/.test(e))).toBe(true);
    expect(errors.some((e) => /facts\.csv row 3 key="not_a_key": does not match/.test(e))).toBe(true);
    expect(errors.some((e) => /facts\.csv row 3: doc_id \["no-such-doc"\] not in documents/.test(e))).toBe(true);
  });
});

describe('juesuan.duckdb', () => {
  let instance: DuckDBInstance;
  let con: DuckDBConnection;
  const all = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | boolean | null>[];
  beforeAll(async () => {
    instance = await DuckDBInstance.create(path.join(out, 'juesuan.duckdb'), { access_mode: 'READ_ONLY' });
    con = await instance.connect();
  });
  afterAll(() => {
    con?.closeSync();
    instance?.closeSync();
  });

  it('has one table per CSV with exactly its rows', async () => {
    for (const n of ['documents', 'facts', 'line_items', 'basic_items', 'evaluations', 'evaluation_funds', 'indicators', 'table_cells', 'checks']) {
      const [r] = await all(`SELECT count(*)::INTEGER AS n FROM "${n}"`);
      expect(r.n, n).toBe((await csv(n)).length);
    }
  });

  it('types amounts as DECIMAL at the printed scale beside the printed string, codes as VARCHAR, years as INTEGER', async () => {
    const types = Object.fromEntries((await all(`SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns`)).map((r) => [r.c, r.t]));
    expect(types['facts.amount']).toBe('DECIMAL(18,2)');
    expect(types['facts.amount_printed']).toBe('VARCHAR');
    expect(types['facts.code']).toBe('VARCHAR');
    expect(types['line_items.code']).toBe('VARCHAR');
    expect(types['table_cells.row_code']).toBe('VARCHAR');
    expect(types['facts.year']).toBe('INTEGER');
    expect(types['documents.year']).toBe('INTEGER');
    expect(types['facts.page']).toBe('INTEGER');
    // every amount equals its printed string, and the printed string is the CSV's cell
    const rows = await all(`SELECT amount::VARCHAR AS a, amount_printed AS p FROM facts`);
    const printed = (await csv('facts')).map((r) => r.amount);
    expect(rows.map((r) => r.p)).toEqual(printed);
    for (const r of rows) expect(dec(String(r.a)).eq(dec(String(r.p))), `${r.a} ${r.p}`).toBe(true);
    // codes keep their form ("30101" stays text, never 30101.0)
    const [c] = await all(`SELECT count(*)::INTEGER AS n FROM table_cells WHERE row_code IS NOT NULL AND NOT regexp_matches(row_code, '^\\d+$')`);
    expect(c.n).toBe(0);
  });

  it('offers views of documents and records joined to them, with keyword columns renamed', async () => {
    const docs = await all(`SELECT doc_id, department, department_id, "year", sha256, status, in_series FROM document_overview ORDER BY doc_id`);
    expect(docs).toHaveLength(GOLDEN.length + 1);
    expect(docs.find((d) => d.doc_id === 'putuo-shgzb-2024')).toMatchObject({ department: '中共上海市普陀区委社会工作部', year: 2024, status: 'ok', in_series: true });
    expect(String(docs.find((d) => d.doc_id === 'putuo-shgzb-2024')!.sha256)).toMatch(/^44874c062a89/);
    expect(docs.find((d) => d.doc_id === 'bad-not-a-pdf')).toMatchObject({ status: 'failed', department: null });
    const [f] = await all(`SELECT count(*)::INTEGER AS n, count(key_label_zh)::INTEGER AS labelled FROM fact_values`);
    expect(f.n).toBe((await csv('facts')).length);
    expect(f.labelled).toBe(f.n);
    const [cell] = await all(`SELECT table_kind, table_label_zh, column_path, row_label FROM cell_values WHERE doc_id = 'putuo-shgzb-2024' AND table_kind = 'gpb_expense' LIMIT 1`);
    expect(cell.table_label_zh).toBe('一般公共预算财政拨款支出决算表');
    expect((await all(`SELECT check_id FROM check_results LIMIT 1`))[0].check_id).toBeTruthy();
    expect((await all(`SELECT DISTINCT item_group FROM basic_item_values ORDER BY 1`)).map((r) => r.item_group)).toEqual(['人员经费', '公用经费']);
  });
});

describe('one report, one identity', () => {
  it('flags the two printings of nt-qinglan-2023 as duplicate_report with both files, and says which the series use', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.duplicate_reports).toHaveLength(1);
    const d = manifest.duplicate_reports[0];
    expect(d).toMatchObject({ department_id: '上海市青岚区农业农村委员会', year: 2023 });
    expect([...d.doc_ids].sort()).toEqual(['nt-qinglan-2023', 'nt-qinglan-2023-word']);
    expect(d.files.map((f: string) => path.basename(f)).sort()).toEqual(['nt-qinglan-2023-word.pdf', 'nt-qinglan-2023.pdf']);
    expect(d.doc_ids[0]).toBe(d.chosen);
    for (const e of manifest.documents) expect(e.warnings.includes('duplicate_report'), e.doc_id).toBe(d.doc_ids.includes(e.doc_id));
    const docs = await csv('documents');
    const other = d.doc_ids[1];
    expect(docs.find((r) => r.doc_id === other)!.duplicate_of).toBe(d.chosen);
    expect(docs.find((r) => r.doc_id === d.chosen)!.duplicate_of).toBe('');
    expect(stdout).toContain(`同一报告：${d.reason}`);
    expect(d.reason).toMatch(/采用 .*nt-qinglan-2023.*（检查未通过：错误 0 条、警告 0 条），未采用/);
  });
});
