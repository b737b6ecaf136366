/**
 * The same quantity printed in two tables is the same (rules/checks.yaml `between`): declared cells (收入支出决算总表
 * 本年收入合计 = 收入决算表 合计 …) and every 类 row of one table against the same 类 of another — by code, or by the
 * 类 name for the two-sided tables whose rows are printed without codes ("八、社会保障和就业支出").
 */
import type { TableCell } from '../../extract/types.js';
import type { ChecksRules } from '../../rules/checks-schema.js';
import { compareSums, pagesText, uniquePages } from '../compare.js';
import { identityFailure, resolve } from '../identities.js';
import { cellName, cellSubject, findColumn, firstOfKind, labelForm, tableViews, type Row, type TableView } from '../table-view.js';
import type { Check, CheckFailure } from '../types.js';

const re = (s: string) => new RegExp(s, 'u');

/** 类 name (as printed, without numbering) → code, from the national list. */
export function classCodes(rules: ChecksRules): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of rules.function_classes) for (const n of c.names) out.set(labelForm(n), c.code);
  return out;
}

/** The 类 rows of a table in one column: by their code, or by their name when the table prints no codes. */
function classRows(v: TableView, column: string, names: Map<string, string>, numbered: RegExp): Map<string, { row: Row; cell: TableCell | undefined }> {
  const out = new Map<string, { row: Row; cell: TableCell | undefined }>();
  const coded = v.rows.some((r) => r.code);
  for (const r of v.rows) {
    const code = coded ? (r.code?.length === 3 ? r.code : undefined) : r.cells.has(column) ? names.get(labelForm(r.label).replace(numbered, '')) : undefined;
    if (code && !out.has(code)) out.set(code, { row: r, cell: r.cells.get(column) });
  }
  return out;
}

function classIdentity(rule: ChecksRules['between']['classes'][number], kinds: Map<string, TableView>, rules: ChecksRules): CheckFailure[] {
  const a = kinds.get(rule.a.table);
  const b = kinds.get(rule.b.table);
  if (!a || !b || a.info.unit !== b.info.unit) return [];
  const colOf = (v: TableView, ref: { column: string; basis?: string }) => findColumn(v, { column: re(ref.column), basis: ref.basis ? re(ref.basis) : undefined });
  const ca = colOf(a, rule.a);
  const cb = colOf(b, rule.b);
  // a table of another column set: no such identity; a table printed empty reads as zeros
  if ((ca === undefined && a.rows.length) || (cb === undefined && b.rows.length)) return [];
  const names = classCodes(rules);
  const numbered = re(rules.numbered);
  const ra = ca === undefined ? new Map() : classRows(a, ca, names, numbered);
  const rb = cb === undefined ? new Map() : classRows(b, cb, names, numbered);
  const out: CheckFailure[] = [];
  for (const code of [...new Set([...ra.keys(), ...rb.keys()])].sort()) {
    const x = ra.get(code);
    const y = rb.get(code);
    const verdict = compareSums(x?.cell ? [{ value: x.cell.value }] : [], y?.cell ? [{ value: y.cell.value }] : []);
    if (!verdict) continue;
    const pages = uniquePages([x?.cell?.page ?? a.info.page, y?.cell?.page ?? b.info.page]);
    const name = (v: TableView, r: { row: Row } | undefined, col: string | undefined) => (r ? cellName(v, r.row, col ?? '') : `${v.info.title || v.info.kind} ${code}（未列）`);
    const subjects = [x ? cellSubject(a.info.kind, x.row, ca!) : a.info.kind, y ? cellSubject(b.info.kind, y.row, cb!) : b.info.kind];
    out.push({
      check: 'cross_table',
      severity: verdict.severity,
      subject: subjects[0],
      subjects,
      expected: x?.cell?.value ?? '',
      actual: y?.cell?.value ?? '',
      message: `表间不一致：${name(a, x, ca)} ${x?.cell?.value ?? '空白'} ≠ ${name(b, y, cb)} ${y?.cell?.value ?? '空白'}（${pagesText(pages)}）`,
      page: pages[0],
      pages,
    });
  }
  return out;
}

export const crossTable: Check = {
  id: 'cross_table',
  description: 'A quantity printed in two tables (rules/checks.yaml between: declared cells, and every 类 row by code or name) is the same; a sum against a total within printed rounding.',
  run(input) {
    const { between } = input.rules.checks;
    const kinds = firstOfKind(tableViews(input));
    const out: CheckFailure[] = [];
    for (const rule of between.cells) {
      if (new Set([...rule.left, ...rule.right].map((r) => r.table)).size === 1) continue; // within_table_sum
      const left = rule.left.map((r) => resolve(kinds, r));
      const right = rule.right.map((r) => resolve(kinds, r));
      if ([...left, ...right].some((r) => r === undefined)) continue;
      out.push(...identityFailure('cross_table', left as NonNullable<(typeof left)[number]>[], right as NonNullable<(typeof right)[number]>[]));
    }
    for (const rule of between.classes) out.push(...classIdentity(rule, kinds, input.rules.checks));
    return out;
  },
};
