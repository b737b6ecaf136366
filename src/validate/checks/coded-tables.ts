/** Coded tables: their levels add up, and they say what the narrative says (DOMAIN.md "Classification codes"). */
import { compareSums, pagesText, samePrinted, uniquePages } from '../compare.js';
import { tableMatchesNarrative } from './narrative-tables.js';
import { cellName, cellSubject, labelForm, tableViews, type Row, type TableView } from '../table-view.js';
import type { Check, CheckFailure, CheckInput } from '../types.js';

const LEVEL_NAME: Record<number, string> = { 5: '款', 7: '项' };

/** The columns any of these rows prints. */
function columnsOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.flatMap((r) => [...r.cells.keys()]))];
}

/** Line-item subjects of a table that is also read as line items (表五): the review ties those records too. */
function lineSubjects(input: CheckInput, v: TableView, rows: readonly Row[]): string[] {
  const coded = input.codedTables.find((t) => t.table_no === v.info.table_no);
  if (!coded) return [];
  return rows.map((r) => (r.code ? `${coded.context}/${r.code}` : coded.total_key));
}

/** Σ parts against a total, in one column: a failure naming every cell, or none. */
function sumFailure(input: CheckInput, v: TableView, total: Row, parts: readonly Row[], column: string, what: string): CheckFailure[] {
  const t = total.cells.get(column);
  const ps = parts.map((p) => p.cells.get(column)).filter((c) => c !== undefined);
  const verdict = compareSums(t ? [{ value: t.value }] : [], ps.map((p) => ({ value: p.value })));
  if (!verdict) return [];
  const pages = uniquePages([...(t ? [t.page] : []), ...ps.map((p) => p.page)]);
  const subjects = [cellSubject(v.info.kind, total, column), ...parts.filter((p) => p.cells.has(column)).map((p) => cellSubject(v.info.kind, p, column)), ...lineSubjects(input, v, [total, ...parts])];
  return [
    {
      check: 'coded_table_sum',
      severity: verdict.severity,
      subject: subjects[0],
      subjects,
      expected: t?.value ?? '',
      actual: verdict.right,
      message: `表内不一致：${cellName(v, total, column)} 印为 ${t?.value ?? '空白'}，${what}之和为 ${verdict.right}（${verdict.rounding ? '差额在印刷舍入范围内；' : ''}${pagesText(pages)}）`,
      page: pages[0],
      pages,
    },
  ];
}

export const codedTableSum: Check = {
  id: 'coded_table_sum',
  description: 'In every coded table and every value column, 类 = Σ its 款, 款 = Σ its 项 (by code), and the 合计 row = Σ 类, within printed rounding.',
  run(input) {
    const out: CheckFailure[] = [];
    const totalRow = new RegExp(input.rules.checks.total_row, 'u');
    for (const v of tableViews(input)) {
      const coded = v.rows.filter((r) => r.code);
      if (!coded.length) continue;
      for (const r of coded) {
        const code = r.code!;
        if (code.length !== 3 && code.length !== 5) continue;
        const kids = coded.filter((k) => k.code!.length === code.length + 2 && k.code!.startsWith(code));
        if (!kids.length) continue;
        for (const col of columnsOf([r, ...kids])) out.push(...sumFailure(input, v, r, kids, col, `其下 ${kids.length} ${LEVEL_NAME[code.length + 2]}`));
      }
      const classes = coded.filter((r) => r.code!.length === 3);
      const totals = v.rows.filter((r) => !r.code && totalRow.test(labelForm(r.label)));
      for (const t of classes.length ? totals : []) {
        for (const col of columnsOf([t, ...classes])) out.push(...sumFailure(input, v, t, classes, col, `${classes.length} 类`));
      }
    }
    return out;
  },
};

export { samePrinted };
export { tableMatchesNarrative };

export const CODED_TABLE_CHECKS: readonly Check[] = [codedTableSum, tableMatchesNarrative];
