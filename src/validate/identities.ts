/**
 * The identities of rules/checks.yaml evaluated over the tables: a cell reference resolved to its printed cell,
 * a sum of references compared with another, and the failure that names both sides.
 */
import type { TableCell } from '../extract/types.js';
import type { CellRef } from '../rules/checks-schema.js';
import { compareSums, pagesText, uniquePages, type Term, type Verdict } from './compare.js';
import { cellLabel, cellSubject, findColumn, labelForm, onSideOf, type Row, type TableView } from './table-view.js';
import type { CheckFailure } from './types.js';

/** A reference resolved: the table and column it names, the row found (undefined: not printed, 0). */
export interface Resolved {
  view: TableView;
  column: string;
  row: Row | undefined;
  cell: TableCell | undefined;
}

const re = (s: string) => new RegExp(s, 'u');

/** The rows of a table a reference may name: those with a label matching, between its anchors, in printed order. */
function candidates(v: TableView, ref: Pick<CellRef, 'row' | 'code' | 'above' | 'below'>, column: string): Row[] {
  const firstAt = (p: string) => v.rows.find((r) => re(p).test(labelForm(r.label)))?.row_no;
  const above = ref.above ? firstAt(ref.above) : undefined;
  const below = ref.below ? firstAt(ref.below) : undefined;
  return v.rows.filter((r) => {
    if (!onSideOf(v, r, column)) return false;
    if (above !== undefined && r.row_no >= above) return false;
    if (below !== undefined && r.row_no <= below) return false;
    if (ref.code) return r.code !== null && re(ref.code).test(r.code);
    if (ref.row) return re(ref.row).test(labelForm(r.label));
    return r.cells.has(column);
  });
}

/**
 * A reference in its table: undefined when the table is not printed, or prints values but has no such column
 * (another column set: the identity does not apply). A table printed empty reads as zeros.
 */
export function resolve(views: Map<string, TableView>, ref: CellRef): Resolved | undefined {
  const view = views.get(ref.table);
  if (!view) return undefined;
  const column = findColumn(view, { column: re(ref.column), basis: ref.basis ? re(ref.basis) : undefined });
  if (column === undefined) return view.rows.length ? undefined : { view, column: ref.column, row: undefined, cell: undefined };
  const row = candidates(view, ref, column)[ref.nth - 1];
  return { view, column, row, cell: row?.cells.get(column) };
}

/** One side of an identity as a reader reads it: each value with its row, the table named once per run of its cells. */
function sideText(rs: readonly Resolved[], total: string, before?: Resolved): string {
  const parts = rs.map((r, i) => {
    const prev = i > 0 ? rs[i - 1] : before;
    const title = prev?.view === r.view ? '' : `${r.view.info.title || r.view.info.kind} `;
    const label = r.row ? cellLabel(r.view, r.row, r.column) : r.column;
    return `${title}${label} ${r.cell?.value ?? '空白'}`;
  });
  return rs.length > 1 ? `${parts.join(' + ')} = ${total}` : parts[0];
}

function terms(rs: readonly Resolved[]): Term[] {
  return rs.filter((r) => r.cell).map((r) => ({ value: r.cell!.value }));
}

/**
 * A side whose rows are all absent from a table that prints values: that table does not print the quantity (a
 * variant, or a row the reader did not find), so there is nothing to compare. A table printed empty reads as zeros.
 */
function absent(rs: readonly Resolved[]): boolean {
  return rs.every((r) => !r.row && r.view.rows.length > 0);
}

/** Σ left = Σ right over resolved references: the failure, or none. */
export function identityFailure(check: string, left: readonly Resolved[], right: readonly Resolved[]): CheckFailure[] {
  const l = terms(left);
  const r = terms(right);
  if ((!l.length && !r.length) || absent(left) || absent(right)) return [];
  // tables printed in different units (元 beside 万元) are not compared digit by digit
  if (new Set([...left, ...right].map((x) => x.view.info.unit)).size > 1) return [];
  const verdict: Verdict | null = compareSums(l, r);
  if (!verdict) return [];
  const all = [...left, ...right];
  const cells = all.filter((x) => x.cell);
  const pages = uniquePages(cells.length ? cells.map((x) => x.cell!.page) : all.map((x) => x.view.info.page));
  const subjects = all.map((x) => (x.row ? cellSubject(x.view.info.kind, x.row, x.column) : x.view.info.kind));
  const oneTable = new Set(all.map((x) => x.view.info.table_no)).size === 1;
  return [
    {
      check,
      severity: verdict.severity,
      subject: subjects[0],
      subjects,
      expected: verdict.left,
      actual: verdict.right,
      message: `${oneTable ? '表内不一致' : '表间不一致'}：${sideText(left, verdict.left)} ≠ ${sideText(right, verdict.right, left[left.length - 1])}（${verdict.rounding ? '差额在印刷舍入范围内；' : ''}${pagesText(pages)}）`,
      page: pages[0],
      pages,
    },
  ];
}
