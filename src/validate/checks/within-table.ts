/**
 * Identities inside one table, as rules/checks.yaml `within` declares them per kind: across columns (本年支出合计 =
 * 基本支出 + 项目支出 + …, 三公 合计 = 出国 + 公务用车 + 接待 for 预算数 and 决算数 alike) and across rows (总计 =
 * 本年合计 + 结转结余 lines, 人员经费合计 = 301 + 303), and the `between.cells` entries whose sides are in one table
 * (the two sides' 总计 equal). 类 = Σ 款 = Σ 项 is coded_table_sum.
 */
import type { TableCell } from '../../extract/types.js';
import type { ChecksRules, RowTerm } from '../../rules/checks-schema.js';
import { compareSums, pagesText, uniquePages, type Term } from '../compare.js';
import { identityFailure, resolve } from '../identities.js';
import { cellName, cellSubject, firstOfKind, labelForm, splitBasis, tableViews, type Row, type TableView } from '../table-view.js';
import type { Check, CheckFailure } from '../types.js';

const re = (s: string) => new RegExp(s, 'u');

type ColumnRule = ChecksRules['within']['columns'][number];
type RowRule = ChecksRules['within']['rows'][number];

/** The table's columns in groups of one basis each (预算数 / 决算数), each column with its path without the basis. */
function basisGroups(v: TableView, per: string | undefined): Map<string, { path: string; rest: string }[]> {
  const groups = new Map<string, { path: string; rest: string }[]>();
  for (const path of v.columns) {
    const s = per ? splitBasis(path, re(per)) : { rest: path, basis: '' };
    if (!s) continue;
    groups.set(s.basis, [...(groups.get(s.basis) ?? []), { path, rest: s.rest }]);
  }
  return groups;
}

function failure(v: TableView, total: { row: Row; column: string; cell: TableCell | undefined }, parts: { row: Row; column: string; cell: TableCell; minus?: boolean }[], partsName: string): CheckFailure[] {
  const terms: Term[] = parts.map((p) => ({ value: p.cell.value, minus: p.minus }));
  const verdict = compareSums(total.cell ? [{ value: total.cell.value }] : [], terms);
  if (!verdict) return [];
  const pages = uniquePages([...(total.cell ? [total.cell.page] : []), ...parts.map((p) => p.cell.page)]);
  const subjects = [cellSubject(v.info.kind, total.row, total.column), ...parts.map((p) => cellSubject(v.info.kind, p.row, p.column))];
  return [
    {
      check: 'within_table_sum',
      severity: verdict.severity,
      subject: subjects[0],
      subjects,
      expected: total.cell?.value ?? '',
      actual: verdict.right,
      message: `表内不一致：${cellName(v, total.row, total.column)} 印为 ${total.cell?.value ?? '空白'}，${partsName}为 ${verdict.right}（${verdict.rounding ? '差额在印刷舍入范围内；' : ''}${pagesText(pages)}）`,
      page: pages[0],
      pages,
    },
  ];
}

const last = (path: string) => path.split('/').pop() ?? path;

/** What a row identity's name says its parts are: the right-hand side of "总计 = 本年合计 + 结转结余". */
const partsOf = (name: string) => name.split(' = ').slice(1).join(' = ') || name;

function columnIdentity(v: TableView, rule: ColumnRule): CheckFailure[] {
  const out: CheckFailure[] = [];
  const rows = rule.rows ? v.rows.filter((r) => re(rule.rows!).test(labelForm(r.label))) : v.rows;
  for (const [basis, cols] of basisGroups(v, rule.per)) {
    const find = (p: string) => cols.find((c) => re(p).test(c.rest))?.path;
    const total = find(rule.total);
    const parts = rule.parts.map(find);
    const minus = rule.minus.map(find);
    // another column set: the identity does not apply
    if (total === undefined || parts.some((p) => p === undefined) || minus.some((p) => p === undefined)) continue;
    const restOf = new Map(cols.map((c) => [c.path, c.rest]));
    const terms = [...parts, ...rule.optional.map(find)].filter((p): p is string => p !== undefined).map((path) => ({ path, minus: false }));
    terms.push(...(minus as string[]).map((path) => ({ path, minus: true })));
    const name = terms.map((t, i) => `${i === 0 ? '' : t.minus ? ' − ' : ' + '}${last(restOf.get(t.path) ?? t.path)}`).join('') + (basis ? `（${basis}）` : '') + ' ';
    for (const r of rows) {
      const printed = terms.flatMap((t) => (r.cells.has(t.path) ? [{ row: r, column: t.path, cell: r.cells.get(t.path)!, minus: t.minus }] : []));
      if (!r.cells.has(total) && !printed.length) continue;
      out.push(...failure(v, { row: r, column: total, cell: r.cells.get(total) }, printed, name));
    }
  }
  return out;
}

/** The rows a row term names, given the rows of the identity's columns (printed order) and the total row's index. */
function termRows(rows: readonly Row[], at: number, term: RowTerm, numbered: RegExp, column: string): Row[] {
  const isNumbered = (r: Row) => numbered.test(labelForm(r.label));
  if ('row' in term) return [rows.filter((r) => re(term.row).test(labelForm(r.label)))[term.nth - 1]].filter((r): r is Row => r !== undefined);
  if ('code' in term) return rows.filter((r) => r.code !== null && re(term.code).test(r.code));
  const run = (from: number, step: number) => {
    const out: Row[] = [];
    for (let i = from; i >= 0 && i < rows.length && isNumbered(rows[i]); i += step) out.push(rows[i]);
    return out;
  };
  if ('items_above' in term) return run(at - 1, -1);
  if ('items_below' in term) return run(at + 1, 1);
  const start = rows.findIndex((r) => re(term.rows_from).test(labelForm(r.label)));
  if (start < 0 || start >= at) return [];
  // a numbered row is an item of the unnumbered row above it: counted only when that row is blank here
  const out: Row[] = [];
  let parentPrinted = false;
  for (let i = start; i < at; i++) {
    const r = rows[i];
    if (!isNumbered(r)) {
      parentPrinted = i !== start && r.cells.has(column);
      out.push(r);
    } else if (!parentPrinted) out.push(r);
  }
  return out;
}

function rowIdentity(v: TableView, rule: RowRule, numbered: RegExp): CheckFailure[] {
  const out: CheckFailure[] = [];
  const columns = re(rule.columns);
  const valueColumns = [...new Set(v.rows.flatMap((r) => [...r.cells.keys()]))].filter((c) => columns.test(c));
  // the rows of these columns only: a two-sided table's other side is another list of rows
  const rows = v.rows.filter((r) => [...r.cells.keys()].some((c) => columns.test(c)));
  const totals = rows.filter((r) => re(rule.total.row).test(labelForm(r.label)));
  const total = totals[rule.total.nth - 1];
  if (!total) return [];
  const at = rows.indexOf(total);
  // items the table does not print at all (a variant without the 一、二、三 lines under 结转和结余): no identity
  if (rule.parts.some((t) => ('items_above' in t || 'items_below' in t) && !termRows(rows, at, t, numbered, '').length)) return [];
  for (const column of valueColumns) {
    const parts = rule.parts.flatMap((t) => termRows(rows, at, t, numbered, column)).filter((r) => r !== total);
    const printed = [...new Set(parts)].flatMap((r) => (r.cells.has(column) ? [{ row: r, column, cell: r.cells.get(column)! }] : []));
    if (!total.cells.has(column) && !printed.length) continue;
    out.push(...failure(v, { row: total, column, cell: total.cells.get(column) }, printed, `${partsOf(rule.name)} ${printed.length} 行之和`));
  }
  return out;
}

export const withinTableSum: Check = {
  id: 'within_table_sum',
  description: 'Identities inside one table declared in rules/checks.yaml (across columns, across rows, the two sides\' 总计), within printed rounding.',
  run(input) {
    const { within, between, numbered } = input.rules.checks;
    const views = tableViews(input);
    const out: CheckFailure[] = [];
    for (const v of views) {
      for (const rule of within.columns) if (rule.table === v.info.kind) out.push(...columnIdentity(v, rule));
      for (const rule of within.rows) if (rule.table === v.info.kind) out.push(...rowIdentity(v, rule, re(numbered)));
    }
    const kinds = firstOfKind(views);
    for (const rule of between.cells) {
      const tables = new Set([...rule.left, ...rule.right].map((r) => r.table));
      if (tables.size !== 1) continue;
      const left = rule.left.map((r) => resolve(kinds, r));
      const right = rule.right.map((r) => resolve(kinds, r));
      if ([...left, ...right].some((r) => r === undefined)) continue;
      out.push(...identityFailure('within_table_sum', left as NonNullable<(typeof left)[number]>[], right as NonNullable<(typeof right)[number]>[]));
    }
    return out;
  },
};
