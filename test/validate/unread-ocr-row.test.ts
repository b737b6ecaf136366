/**
 * An OCR'd 表五 row whose code and amount are both unreadable is reported with its OCR confidence; the
 * document carrying that report must still pass its schema (it once failed the whole document with
 * "Unrecognized key: confidence").
 */
import { describe, expect, it } from 'vitest';
import { readStatisticalTables } from '../../src/extract/statistical-tables.js';
import { loadRules } from '../../src/rules/load.js';
import type { PageContent, TextItem } from '../../src/read/types.js';
import { validateDocument } from '../../src/validate/schemas.js';
import { buildTable } from '../extract/build-table.js';

const rules = (await loadRules(new URL('../../rules', import.meta.url).pathname)).tables;

/** The cells' text as OCR'd items (with confidence), as the table stage hands them on for a scan. */
function ocrItems(table: ReturnType<typeof buildTable>, confidence: number): void {
  for (const c of table.cells) {
    if (!c.text) continue;
    const item: TextItem = { page: c.page, str: c.text, x: c.bbox.x0 + 2, y: c.bbox.y0 + 4, width: c.bbox.x1 - c.bbox.x0 - 4, height: 10, confidence };
    c.items = [item];
  }
}

function emptyDocument(): Record<string, unknown> {
  return {
    doc_id: 'scan',
    source: { file: 'scan.pdf', path: 'scans/scan.pdf', sha256: '0'.repeat(64), pages: 1, producer: null, ocr_pages: [1], ocr: [], unreadable_pages: [] },
    meta: { department: null, year: null, published: null },
    sections: [],
    staff: [],
    units: [],
    facts: [],
    line_items: [],
    basic_items: [],
    evaluations: [],
    evaluation_funds: [],
    indicators: [],
    tables: [],
    table_cells: [],
    unread: [],
    unread_cells: [],
    checks: [],
  };
}

describe('an OCR-read 表五 row with neither code nor amount', () => {
  it('is reported with its confidence and the document still validates', () => {
    const table = buildTable([
      ['科目编码', '科目名称', '本年支出'],
      [{ t: '合计', cs: 2 }, '130.50'],
      ['201', '一般公共服务支出', '130.50'],
      ['2O1O3', '政府办公厅及相关机构事务', '13O.5一'], // neither the code nor the amount reads as such
    ]);
    ocrItems(table, 42);
    const page: PageContent = { page: 1, width: 595, height: 842, items: [{ page: 1, str: '一般公共预算财政拨款支出决算表', x: 60, y: 870, width: 150, height: 10 }], segments: [] };
    const r = readStatisticalTables([table], [page], rules);
    expect(r.line_items.map((l) => l.code)).toEqual(['201']);
    expect(r.unread).toHaveLength(1);
    expect(r.unread[0]).toMatchObject({ page: 1, confidence: 0.42 });
    const doc = { ...emptyDocument(), line_items: [], unread_cells: r.unread };
    expect(() => validateDocument(doc)).not.toThrow();
    expect(validateDocument(doc).unread_cells[0].confidence).toBe(0.42);
  });
});
