import { describe, expect, it } from 'vitest';
import { buildReview, plainGeometry, toPixels, type PageGeometry, type RecordView } from '../../src/review/data.js';
import type { CheckRow, ExtractionDoc } from '../../src/review/doc.js';
import { renderHtml } from '../../src/review/html.js';

const box = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });
const fact = (key: string, page: number, y: number, extra: Record<string, unknown> = {}) => ({
  page,
  bbox: box(100, y, 300, y + 16),
  source_text: `${key} text`,
  key,
  section: '二/一',
  label: key,
  amount: '10',
  unit: '万元',
  change: null,
  change_pct: null,
  share_pct: null,
  variance_pct: null,
  final_amount: null,
  parent: null,
  share_of: null,
  additive: true,
  ...extra,
});
const check = (check: string, subject: string, page: number, severity: CheckRow['severity'] = 'error'): CheckRow => ({ check, severity, subject, expected: '1', actual: '2', message: `${check} of ${subject}`, page });

function sampleDoc(): ExtractionDoc {
  return {
    doc_id: 'd',
    source: { file: 'd.pdf', sha256: 'a'.repeat(64), pages: 3, ocr_pages: [3], unreadable_pages: [{ page: 3, reason: 'garbled' }] },
    meta: { department: '某局', year: 2021, published: null },
    facts: [
      fact('income_total', 1, 700),
      fact('income_fiscal', 1, 600, { parent: 'income_total' }),
      fact('income_note', 1, 500, { parent: 'income_total', additive: false }),
      fact('expense_basic', 2, 700, { share_pct: '4.29', share_of: 'expense_total' }),
      fact('staff_cost', 2, 400, { confidence: 0.5 }),
      fact('ocr_failed', 2, 300, { confidence: 0.5 }),
    ],
    restatements: [{ page: 2, bbox: box(100, 650, 200, 666), source_text: 'r', key: 'income_total', section: '二/二', amount: '11', unit: '万元' }],
    line_items: [
      { page: 2, bbox: box(100, 500, 300, 516), source_text: 'l1', context: 'ctx', total_key: 'gpb', code: '2010101', level: '项', name: 'a', amount: '1', unit: '万元', section: 's' },
      { page: 2, bbox: box(100, 480, 300, 496), source_text: 'l2', context: 'ctx', total_key: 'gpb', code: '2010102', level: '项', name: 'b', amount: '2', unit: '万元', section: 's' },
    ],
    unread: [{ page: 1, bbox: box(100, 100, 150, 116), source_text: 'u', section: '二/九', label: '', amount: '3', unit: '万元', reason: 'no rule' }],
    evaluations: [{ page: 3, bbox: box(50, 50, 500, 800), source_text: 'e', project: 'P', total_score: '90' }],
    checks: [
      check('components_sum', 'income_total', 1),
      check('share_pct', 'expense_basic', 2),
      check('coded_lines_sum', 'gpb', 2, 'warning'),
      check('table_matches_narrative', 'ctx/2010102', 2),
      check('restatement', 'income_total', 2),
      check('unread_amount', '二/九', 1, 'warning'),
      check('evaluation_funds_sum', 'P/executed', 3),
      check('change_pct', 'ocr_failed', 2),
      check('something_else', 'nobody', 2, 'warning'),
    ],
  };
}

const geometry = [1, 2, 3].map((p) => plainGeometry(p, 595, 842, 2));

function byKey(model: ReturnType<typeof buildReview>): Map<string, RecordView> {
  return new Map(model.pages.flatMap((p) => p.records).map((r) => [`${r.kind}:${r.key}`, r]));
}

describe('review data: which check a record fails', () => {
  const model = buildReview(sampleDoc(), geometry);
  const rec = byKey(model);
  const status = (k: string) => rec.get(k)?.status;

  it('a fact fails the checks about its key, and the sum it is a summand of', () => {
    expect(status('facts:income_total')).toBe('error'); // components_sum total + restatement
    expect(rec.get('facts:income_total')!.checks.map((i) => model.checks[i].check)).toEqual(['components_sum', 'restatement']);
    expect(status('facts:income_fiscal')).toBe('error');
    expect(status('facts:income_note')).toBe('ok'); // not additive: not a summand
    expect(status('facts:expense_basic')).toBe('error');
  });

  it('a restatement fails the restatement check on its page only', () => {
    expect(status('restatements:income_total/二/二')).toBe('error');
    expect(rec.get('restatements:income_total/二/二')!.checks).toHaveLength(1);
  });

  it('line items fail the sum of their total key and the checks about context/code', () => {
    expect(status('line_items:ctx/2010101')).toBe('warning');
    expect(status('line_items:ctx/2010102')).toBe('error'); // an error outranks the warning
  });

  it('unread amounts match by section and page; other kinds fall back to page and key path', () => {
    expect(status('unread:二/九/')).toBe('warning');
    expect(status('evaluations:P')).toBe('error');
  });

  it('low OCR confidence shows unless a check failed', () => {
    expect(status('facts:staff_cost')).toBe('low_confidence');
    expect(status('facts:ocr_failed')).toBe('error');
    expect(rec.get('facts:staff_cost')!.confidence).toBe(0.5);
  });

  it('lists a check tied to no record on its page and in the summary', () => {
    const nobody = model.checks.find((c) => c.subject === 'nobody')!;
    expect(nobody.records).toEqual([]);
    expect(model.pages.find((p) => p.page === 2)!.unplaced).toEqual([nobody.index]);
    expect(model.checks.filter((c) => c.records.length === 0)).toHaveLength(1);
  });

  it('summarises records by kind, pages, unreadable and OCR pages', () => {
    expect(model.kinds.map((k) => [k.kind, k.count, k.boxed, k.failed])).toEqual([
      ['facts', 6, 6, 4],
      ['restatements', 1, 1, 1],
      ['line_items', 2, 2, 2],
      ['unread', 1, 1, 1],
      ['evaluations', 1, 1, 1],
    ]);
    expect(model.pages.map((p) => [p.page, p.records.length, p.failed])).toEqual([
      [1, 4, 3],
      [2, 6, 5],
      [3, 1, 1],
    ]);
    expect(model.pages[2]).toMatchObject({ unreadable: 'garbled', ocr: true, rendered: true });
    expect(model).toMatchObject({ doc_id: 'd', department: '某局', year: 2021, pageCount: 3 });
  });

  it('orders a page\'s records top to bottom, with labels and values to compare', () => {
    const p1 = model.pages[0].records;
    expect(p1.map((r) => r.key)).toEqual(['income_total', 'income_fiscal', 'income_note', '二/九/']);
    expect(p1[0]).toMatchObject({ label: 'income_total', value: '10 万元', source_text: 'income_total text' });
    expect(new Set(model.pages.flatMap((p) => p.records.map((r) => r.id))).size).toBe(11);
  });
});

describe('review data: a check naming several records', () => {
  const cell = (table: string, row_code: string | null, row: string, column: string, page: number, y: number) => ({ page, bbox: box(300, y, 350, y + 12), source_text: '1.00', table_no: 1, table, title: table, row_code, row, row_no: 0, column, value: '1.00', unit: '万元' });
  const doc = (): ExtractionDoc => ({
    doc_id: 'd',
    source: { file: 'd.pdf', sha256: 'a'.repeat(64), pages: 3 },
    facts: [fact('gpb_item', 3, 700, { label: 'A（项）', section: '三/五/三' }), fact('gpb_item', 3, 600, { label: 'B（项）', section: '三/五/三' })],
    table_cells: [cell('income_expense_summary', null, '八、社会保障和就业支出', '支出/决算数', 1, 500), cell('expense', '208', '社会保障和就业支出', '本年支出合计', 2, 500), cell('expense', '210', '卫生健康支出', '本年支出合计', 2, 480)],
    checks: [
      { ...check('cross_table', 'income_expense_summary/八、社会保障和就业支出/支出/决算数', 1), pages: [1, 2], subjects: ['income_expense_summary/八、社会保障和就业支出/支出/决算数', 'expense/208/本年支出合计'] },
      { ...check('completion_pct', 'gpb_item', 3), pages: [3], subjects: ['gpb_item@三/五/三/B（项）'] },
    ],
  });

  it('outlines every cell and fact its subjects name, on every page, and no other', () => {
    const model = buildReview(doc(), geometry);
    const rec = byKey(model);
    expect(rec.get('table_cells:income_expense_summary//八、社会保障和就业支出/支出/决算数')!.status).toBe('error');
    expect(rec.get('table_cells:expense/208/社会保障和就业支出/本年支出合计')!.status).toBe('error');
    expect(rec.get('table_cells:expense/210/卫生健康支出/本年支出合计')!.status).toBe('ok');
    expect(model.checks[0].records).toHaveLength(2);
    // one statement of a key stated many times
    expect(model.pages.find((p) => p.page === 3)!.records.map((r) => [r.label, r.status])).toEqual([
      ['A（项）', 'ok'],
      ['B（项）', 'error'],
    ]);
  });
});

describe('review data: boxes in image pixels', () => {
  it('flips y with the page height and scales points to pixels', () => {
    expect(toPixels(box(100, 700, 200, 720), plainGeometry(1, 595, 842, 2))).toEqual({ left: 200, top: 244, width: 200, height: 40 });
  });

  it('adds the view box origin (records are relative to it, pdf.js transforms user space)', () => {
    // pdf.js viewport of a page whose view box starts at (10, 20), scale 1
    const g: PageGeometry = { page: 1, width: 595, height: 842, transform: [1, 0, 0, -1, -10, 862], view: [10, 20, 605, 862] };
    expect(toPixels(box(0, 0, 100, 10), g)).toEqual({ left: 0, top: 832, width: 100, height: 10 });
  });

  it('follows a rotated transform and drops boxes off the image', () => {
    const rotated: PageGeometry = { page: 1, width: 842, height: 595, transform: [0, 1, 1, 0, 0, 0], view: [0, 0, 595, 842] };
    expect(toPixels(box(100, 700, 200, 720), rotated)).toEqual({ left: 700, top: 100, width: 20, height: 100 });
    expect(toPixels(box(700, 900, 800, 950), plainGeometry(1, 595, 842, 1))).toBeNull();
  });

  it('has no box for a record on a page without an image', () => {
    const model = buildReview(sampleDoc(), geometry.slice(0, 1));
    expect(model.pages.find((p) => p.page === 2)).toMatchObject({ rendered: false });
    expect(model.pages.find((p) => p.page === 2)!.records.every((r) => r.box === null)).toBe(true);
    expect(model.kinds.find((k) => k.kind === 'facts')!.boxed).toBe(3);
  });
});

describe('review html', () => {
  it('lists and outlines every record, escapes text, and needs nothing from the network', () => {
    const doc = sampleDoc();
    (doc.facts as { label: string }[])[0].label = '<b>本年收入</b> & "x"';
    const model = buildReview(doc, geometry);
    const html = renderHtml(model, new Map([1, 2, 3].map((p) => [p, `d.pages/p00${p}.jpg`])));
    for (const r of model.pages.flatMap((p) => p.records)) {
      expect(html).toContain(`<tr class="rec st-${r.status}" id="${r.id}"`);
      expect(html).toContain(`class="box rec st-${r.status}" data-id="${r.id}"`);
    }
    expect(html).toContain('&lt;b&gt;本年收入&lt;/b&gt; &amp; &quot;x&quot;');
    expect(html).not.toContain('<b>本年收入</b>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('(not placed on a record)');
  });
});
