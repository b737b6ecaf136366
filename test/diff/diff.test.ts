import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDiff } from '../../src/cli/diff.js';
import { diffSides, flatten, RECORD_FIELD } from '../../src/diff/diff.js';
import { displayWidth, formatCsv, formatTable } from '../../src/diff/format.js';
import { naturalKeys } from '../../src/diff/keys.js';
import { csvKind, loadSide, sideOfDocument } from '../../src/diff/load.js';
import type { ExtractionDoc } from '../../src/review/doc.js';

const bbox = { x0: 1, y0: 2, x1: 3, y1: 4 };
function doc(): ExtractionDoc {
  return {
    doc_id: 'd',
    source: { file: 'd.pdf', sha256: 'a'.repeat(64), pages: 2 },
    meta: { department: '某局', year: 2021, published: null },
    facts: [
      { page: 1, bbox, source_text: '本年收入10万元', key: 'income_total', label: '本年收入', amount: '10', unit: '万元', change: null, parent: null },
      { page: 1, bbox, source_text: '财政拨款收入9万元', key: 'income_fiscal', label: '财政拨款收入', amount: '9', unit: '万元', change: '-1', parent: 'income_total' },
    ],
    line_items: [{ page: 2, bbox, source_text: 'l', context: 'ctx', code: '2010101', name: 'a', amount: '1', unit: '万元' }],
    basic_items: [{ page: 2, bbox, source_text: 'b', group: '人员经费', name: '基本工资', amount: '5', unit: '万元' }],
    staff: [{ page: 1, bbox, source_text: 's', field: 'total', count: 10 }],
    units: [{ page: 1, bbox, source_text: 'u', seq: 1, name: '某局', kind: '行政单位' }],
    indicators: [
      { page: 2, bbox, source_text: 'i1', project: 'P', name: '完成率', actual: '100%' },
      { page: 2, bbox, source_text: 'i2', project: 'P', name: '完成率', actual: '90%' },
    ],
    checks: [{ check: 'share_pct', severity: 'error', subject: 'income_fiscal', expected: '90', actual: '80', message: 'm', page: 1 }],
  };
}
const clone = (d: ExtractionDoc) => JSON.parse(JSON.stringify(d)) as ExtractionDoc;
const recs = (d: ExtractionDoc, kind: string) => d[kind] as Record<string, unknown>[];

describe('natural keys', () => {
  it('joins the key fields and numbers repeats', () => {
    expect(naturalKeys('indicators', [{ project: 'P', name: 'n' }, { project: 'P', name: 'n' }, { project: 'P', name: 'm' }])).toEqual(['P/n', 'P/n#2', 'P/m']);
    expect(naturalKeys('line_items', [{ context: 'c', code: '201' }])).toEqual(['c/201']);
    expect(naturalKeys('something_new', [{ page: '3', source_text: 't' }])).toEqual(['3/t']);
  });
});

describe('diff of two document.json', () => {
  it('finds nothing in equal documents', () => {
    expect(diffSides(sideOfDocument('a', doc()), sideOfDocument('b', clone(doc())))).toEqual([]);
  });

  it('reports changed fields by natural key, and records on one side only', () => {
    const b = clone(doc());
    recs(b, 'facts')[0].amount = '11';
    recs(b, 'facts')[1].bbox = { ...bbox, x0: 9 };
    recs(b, 'indicators')[1].actual = '95%';
    recs(b, 'staff')[0].count = 11;
    recs(b, 'units').push({ page: 1, bbox, source_text: 'u2', seq: 2, name: '某中心', kind: '事业单位' });
    (b.line_items as unknown[]).splice(0, 1);
    b.meta!.year = 2022;
    b.checks = [];
    expect(diffSides(sideOfDocument('a', doc()), sideOfDocument('b', b))).toEqual([
      { kind: 'facts', id: 'income_total', field: 'amount', a: '10', b: '11' },
      { kind: 'facts', id: 'income_fiscal', field: 'x0', a: '1', b: '9' },
      { kind: 'line_items', id: 'ctx/2010101', field: RECORD_FIELD, a: 'present', b: '' },
      { kind: 'staff', id: 'total', field: 'count', a: '10', b: '11' },
      { kind: 'units', id: '2', field: RECORD_FIELD, a: '', b: 'present' },
      { kind: 'indicators', id: 'P/完成率#2', field: 'actual', a: '90%', b: '95%' },
      { kind: 'checks', id: 'share_pct/income_fiscal', field: RECORD_FIELD, a: 'present', b: '' },
      { kind: 'meta', id: '', field: 'year', a: '2021', b: '2022' },
    ]);
  });

  it('skips ignored fields', () => {
    const b = clone(doc());
    recs(b, 'facts')[1].bbox = { ...bbox, x0: 9 };
    expect(diffSides(sideOfDocument('a', doc()), sideOfDocument('b', b), { ignore: ['x0', 'y0', 'x1', 'y1'] })).toEqual([]);
  });

  it('flattens records the way the CSVs print them', () => {
    expect(flatten({ a: null, bbox, n: 1.5, ok: true, cells: { project: { page: 2 } }, list: [1] })).toEqual({ a: '', x0: '1', y0: '2', x1: '3', y1: '4', n: '1.5', ok: 'true', 'cells.project.page': '2', list: '[1]' });
  });
});

describe('diff against a hand-corrected CSV', () => {
  async function files() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'juesuan-diff-'));
    await writeFile(path.join(dir, 'document.json'), JSON.stringify(doc()));
    const csv = [
      'doc_id,department,year,key,label,amount,unit,change,parent,page,source_text',
      'other,别的局,1999,income_total,本年收入,10.5,万元,,,1,本年收入10万元',
      'other,别的局,1999,income_fiscal,财政拨款收入,9,万元,-1,income_total,1,财政拨款收入9万元',
      'other,别的局,1999,expense_total,本年支出,3,万元,,,1,本年支出3万元',
    ].join('\n');
    await writeFile(path.join(dir, 'facts.fixed.csv'), '\ufeff' + csv + '\n');
    return dir;
  }

  it('reads cells quoted against formula injection back as printed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'juesuan-diff-'));
    const d = clone(doc());
    recs(d, 'facts')[0].label = '=本年收入';
    recs(d, 'facts')[0].source_text = '-本年收入10万元';
    await writeFile(path.join(dir, 'document.json'), JSON.stringify(d));
    const csv = ['doc_id,key,label,amount,change,source_text', "d,income_total,'=本年收入,10,,'-本年收入10万元", 'd,income_fiscal,财政拨款收入,9,-1,财政拨款收入9万元'].join('\n');
    await writeFile(path.join(dir, 'facts.csv'), csv + '\n');
    expect(diffSides(await loadSide(dir), await loadSide(path.join(dir, 'facts.csv')))).toEqual([]);
  });

  it('compares only that CSV\'s kind and columns (not doc_id, department, year)', async () => {
    const dir = await files();
    const changes = diffSides(await loadSide(dir), await loadSide(path.join(dir, 'facts.fixed.csv')));
    expect(changes).toEqual([
      { kind: 'facts', id: 'income_total', field: 'amount', a: '10', b: '10.5' },
      { kind: 'facts', id: 'expense_total', field: RECORD_FIELD, a: '', b: 'present' },
    ]);
  });

  it('knows a CSV by its name or, renamed, by its columns', () => {
    expect(csvKind('line_items.csv', [])).toBe('line_items');
    expect(csvKind('fixed.csv', ['doc_id', 'context', 'code'])).toBe('line_items');
    expect(csvKind('x.csv', ['doc_id', 'group', 'name'])).toBe('basic_items');
    expect(csvKind('x.csv', ['a'])).toBeUndefined();
  });

  it('exits 0 when equal, 1 when different, 2 on a bad path, and writes CSV', async () => {
    const dir = await files();
    const run = async (...args: string[]) => {
      let code = -1;
      const program = new Command().exitOverride();
      registerDiff(program, (c) => (code = c));
      const out: string[] = [];
      const write = process.stdout.write;
      const errWrite = process.stderr.write;
      process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
      process.stderr.write = ((s: string) => out.push(s) > 0) as typeof process.stderr.write;
      try {
        await program.parseAsync(['diff', ...args], { from: 'user' });
      } finally {
        process.stdout.write = write;
        process.stderr.write = errWrite;
      }
      return { code, out: out.join('') };
    };
    expect((await run(dir, path.join(dir, 'document.json'))).code).toBe(0);
    const csvOut = path.join(dir, 'changes.csv');
    const diff = await run(dir, path.join(dir, 'facts.fixed.csv'), '--csv', csvOut);
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/^facts +income_total +amount +10 +10\.5$/m);
    expect(await readFile(csvOut, 'utf8')).toBe('kind,id,field,a,b\nfacts,income_total,amount,10,10.5\nfacts,expense_total,(record),,present\n');
    const bad = await run(dir, path.join(dir, 'missing.json'));
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('missing.json');
  });
});

describe('diff output', () => {
  it('aligns columns by display width (CJK counts two) and sums up', () => {
    expect(displayWidth('本年a')).toBe(5);
    const t = formatTable([{ kind: 'facts', id: '本年收入', field: 'amount', a: '1', b: '2' }, { kind: 'units', id: '2', field: RECORD_FIELD, a: '', b: 'present' }], 'A', 'B');
    const lines = t.split('\n');
    expect(displayWidth(lines[2].slice(0, lines[2].indexOf('amount')))).toBe(lines[0].indexOf('field')); // 本年收入: 4 characters, 8 columns
    expect(t).toContain('2 differences: 1 changed fields, 0 records only in a, 1 only in b');
    expect(formatTable([], 'A', 'B')).toBe('no differences between A and B\n');
  });

  it('quotes CSV fields', async () => {
    expect(await formatCsv([{ kind: 'facts', id: 'k', field: 'source_text', a: 'a, "b"', b: '' }])).toBe('kind,id,field,a,b\nfacts,k,source_text,"a, ""b""",\n');
  });
});
