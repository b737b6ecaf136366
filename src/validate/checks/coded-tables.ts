/** Coded tables: their levels add up, and they say what the narrative says (DOMAIN.md "Classification codes"). */
import { compareSums, pagesText, samePrinted, uniquePages } from '../compare.js';
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

export const tableMatchesNarrative: Check = {
  id: 'table_matches_narrative',
  description: 'A coded table and the narrative statement it restates agree: same code → same amount, and the same total.',
  run({ codedTables, lineItems, facts }) {
    const out: CheckFailure[] = [];
    for (const t of codedTables) {
      const narrative = t.narrative_context ? lineItems.filter((l) => l.context === t.narrative_context && l.unit === t.unit) : [];
      if (narrative.length) {
        const byCode = new Map(t.lines.map((l) => [l.code, l]));
        const inNarrative = new Set(narrative.map((n) => n.code));
        // The narrative lists the table's 项 rows; one missing there is reported (a warning: wording may merge lines).
        for (const row of t.lines) {
          if (row.level === '项' && !inNarrative.has(row.code)) {
            const subject = `${t.context}/${row.code}`;
            out.push({ check: 'table_matches_narrative', severity: 'warning', subject, expected: '', actual: row.amount, message: `${t.context} ${row.code} ${row.name} ${row.amount}${row.unit} 在说明中未列出（第${row.page}页）`, page: row.page });
          }
        }
        for (const n of narrative) {
          const row = byCode.get(n.code);
          const subject = `${t.context}/${n.code}`;
          if (!row) {
            out.push({ check: 'table_matches_narrative', severity: 'warning', subject, subjects: [subject, `${n.context}/${n.code}`], expected: n.amount, actual: '', message: `说明所列 ${n.code} ${n.name} ${n.amount}${n.unit} 不在${t.context}中（第${n.page}页）`, page: n.page });
          } else if (!samePrinted(row.amount, n.amount)) {
            const pages = uniquePages([row.page, n.page]);
            out.push({
              check: 'table_matches_narrative',
              severity: 'error',
              subject,
              subjects: [subject, `${n.context}/${n.code}`],
              expected: n.amount,
              actual: row.amount,
              message: `表与说明不一致：${t.context} ${n.code} ${row.name} ${row.amount} ≠ 说明 ${n.amount}（${pagesText(pages)}）`,
              page: pages[0],
              pages,
            });
          }
        }
      }
      const stated = t.narrative_total_key ? facts.find((f) => f.key === t.narrative_total_key) : undefined;
      if (t.total && stated && stated.unit === t.total.unit && !samePrinted(t.total.amount, stated.amount)) {
        const pages = uniquePages([t.total.page, stated.page]);
        out.push({
          check: 'table_matches_narrative',
          severity: 'error',
          subject: t.total_key,
          subjects: [t.total_key, stated.key],
          expected: stated.amount,
          actual: t.total.amount,
          message: `表与说明不一致：${t.context} ${t.total.label} ${t.total.amount} ≠ 说明“${stated.label}” ${stated.amount}（${stated.section}）（${pagesText(pages)}）`,
          page: pages[0],
          pages,
        });
      }
    }
    return out;
  },
};

export { samePrinted };

export const CODED_TABLE_CHECKS: readonly Check[] = [codedTableSum, tableMatchesNarrative];
