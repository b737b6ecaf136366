/**
 * The narrative against the tables (issue 9 item 3): every narrative amount that restates a table value equals
 * it. Two kinds of restatement: a coded table whose 项 rows the narrative lists as coded lines (表五 of the
 * 二、… layout) with its 合计, and the facts rules/checks.yaml `narrative` ties to a table cell (totals,
 * components, (类) amounts, numbered items by their code, 基本支出 / 人员经费 / 公用经费, 三公 budget and final).
 */
import type { Fact } from '../../extract/types.js';
import type { ChecksRules } from '../../rules/checks-schema.js';
import { pagesText, samePrinted, uniquePages } from '../compare.js';
import { resolve, type Resolved } from '../identities.js';
import { factSubject } from '../subjects.js';
import { cellName, cellSubject, findColumn, findColumns, firstOfKind, labelForm, tableViews, type TableView } from '../table-view.js';
import type { Check, CheckFailure, CheckInput } from '../types.js';
import { classCodes } from './cross-table.js';

const re = (s: string) => new RegExp(s, 'u');

/** 表五 and the narrative's coded lines and total (the 二、… layout). */
function codedLines({ codedTables, lineItems, facts }: CheckInput): CheckFailure[] {
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
}

type Entry = ChecksRules['narrative'][number];

/** The row a fact naming a 类/款/项 restates: by its linked code, else (a 类) by the national 类 name. */
function byCode(v: TableView, f: Fact, column: string, rules: ChecksRules): Resolved | null {
  const code = f.code ?? classCodes(rules).get(labelForm(f.label).replace(/（类）$/u, ''));
  if (!code) return null;
  const row = v.rows.find((r) => r.code === code);
  return { view: v, column, row, cell: row?.cells.get(column) };
}

function locate(kinds: Map<string, TableView>, e: Entry, f: Fact, rules: ChecksRules): Resolved | null | undefined {
  if (e.cell) return resolve(kinds, e.cell);
  const ref = e.coded!;
  const v = kinds.get(ref.table);
  if (!v) return undefined;
  const column = findColumn(v, { column: re(ref.column), basis: ref.basis ? re(ref.basis) : undefined });
  if (column === undefined) return v.rows.length ? undefined : { view: v, column: ref.column, row: undefined, cell: undefined };
  return byCode(v, f, column, rules);
}

function mismatch(f: Fact, r: Resolved, printedValue: string | undefined, what: string, expected: string): CheckFailure {
  const pages = uniquePages([f.page, printedValue !== undefined ? (r.cell?.page ?? r.view.info.page) : r.view.info.page]);
  const cellText = r.row ? cellName(r.view, r.row, r.column) : `${r.view.info.title || r.view.info.kind} ${r.column}`;
  const subjects = [factSubject(f), f.key, r.row ? cellSubject(r.view.info.kind, r.row, r.column) : r.view.info.kind];
  return {
    check: 'table_matches_narrative',
    severity: 'error',
    subject: subjects[0],
    subjects,
    expected,
    actual: printedValue ?? '',
    message: `表与说明不一致：说明“${f.label}”${what} ${expected} ≠ ${cellText} ${printedValue ?? '空白'}（${f.section}；${pagesText(pages)}）`,
    page: pages[0],
    pages,
  };
}

/** Facts that restate a table cell (rules/checks.yaml narrative); a restated row is the restatement check's. */
function factCells(input: CheckInput): CheckFailure[] {
  const rules = input.rules.checks;
  const kinds = firstOfKind(tableViews(input));
  const out: CheckFailure[] = [];
  for (const f of input.facts) {
    if (f.restates) continue;
    for (const e of rules.narrative.filter((x) => x.fact === f.key)) {
      const r = locate(kinds, e, f, rules);
      if (r === undefined) continue;
      if (r === null || (!r.row && r.view.rows.length && e.coded)) {
        // a 类/款/项 the narrative names that the table does not print
        out.push({
          check: 'table_matches_narrative',
          severity: 'warning',
          subject: factSubject(f),
          subjects: [factSubject(f), f.key],
          expected: f.amount,
          actual: '',
          message: `说明所列“${f.label}” ${f.amount}${f.unit} 在${r?.view.info.title || e.coded?.table}中找不到对应科目（${f.section}，第${f.page}页）`,
          page: f.page,
        });
        continue;
      }
      // a row a table that prints values does not have: that table does not print this quantity
      if (!r.row && r.view.rows.length) continue;
      if (r.view.info.unit !== f.unit) continue;
      if (!samePrinted(f.amount, r.cell?.value ?? '0')) out.push(mismatch(f, r, r.cell?.value, '', f.amount));
      if (e.budget && f.budget !== null && r.row) {
        // the budget column of the budget the sentence names (年初预算数 beside 调整预算数), or the only one
        const columns = findColumns(r.view, { column: re(e.budget.column), basis: e.budget.basis ? re(e.budget.basis) : undefined });
        const column = columns.find((c) => f.budget_basis && c.includes(f.budget_basis)) ?? (columns.length === 1 ? columns[0] : undefined);
        const b = column === undefined ? undefined : { ...r, column, cell: r.row.cells.get(column) };
        if (b && !samePrinted(f.budget, b.cell?.value ?? '0')) out.push(mismatch(f, b, b.cell?.value, `${f.budget_basis ?? '预算'}`, f.budget));
      }
    }
  }
  return out;
}

export const tableMatchesNarrative: Check = {
  id: 'table_matches_narrative',
  description: 'A narrative amount that restates a table value equals it: 表五 and the narrative\'s coded lines and total; each fact rules/checks.yaml narrative ties to a cell (and its budget to the budget column).',
  run(input) {
    return [...codedLines(input), ...factCells(input)];
  },
};
