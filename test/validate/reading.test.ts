import { describe, expect, it } from 'vitest';
import { lowOcrConfidence } from '../../src/validate/checks/confidence.js';
import { tableUnknown, unreadCells } from '../../src/validate/checks/reading.js';
import { CHECKS } from '../../src/validate/checks.js';
import { checkInput, fact, prov, table, withTables } from './input.js';

describe('what was not read, or read with doubt', () => {
  it('low_ocr_confidence: a value read by OCR below the threshold is listed; one above, or from a text layer, is not', () => {
    expect(lowOcrConfidence.run(checkInput({ facts: [fact('a', '1'), fact('b', '2', { confidence: 0.95 })] }))).toEqual([]);
    const f = lowOcrConfidence.run(checkInput({ facts: [fact('b', '2', { confidence: 0.42, source_text: '本年收入2万元' })] }));
    expect(f.map((x) => [x.severity, x.subject, x.actual, x.message])).toEqual([['warning', 'b', '0.42', 'OCR 识别置信度 0.42（低于 0.8），请核对：“本年收入2万元”（第3页）']]);
  });

  it('table_unknown: a table of kind other that prints values; one of a known kind, or empty, is not', () => {
    const known = table('income', 1, ['本年收入合计'], [{ row: '合计', v: { 本年收入合计: '1.00' } }]);
    expect(tableUnknown.run(checkInput(withTables(known, table('other', 2, ['x'], []))))).toEqual([]);
    expect(tableUnknown.run(checkInput(withTables(table('other', 3, ['x'], [{ row: 'a', v: { x: '1' } }], { title: '项目明细表' })))).map((x) => x.actual)).toEqual(['项目明细表']);
  });

  it('unread_cell: each cell that should hold a number and does not, with its page', () => {
    expect(unreadCells.run(checkInput())).toEqual([]);
    const f = unreadCells.run(checkInput({ unreadCells: [{ ...prov, page: 7, source_text: '八分', reason: '项目支出绩效自评表 P 年度资金总额得分：印的不是数字' }] }));
    expect(f.map((x) => [x.severity, x.subject, x.message])).toEqual([['warning', 'page 7', '项目支出绩效自评表 P 年度资金总额得分：印的不是数字（第7页）']]);
  });

  it('every check has a stable id and a description, and the ids are unique', () => {
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^[a-z_]+$/);
      expect(c.description.length).toBeGreaterThan(10);
    }
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });
});
