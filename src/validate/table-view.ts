/**
 * The printed cells of one table as rows and columns, for the table checks: rows in printed order, found by label
 * or code pattern; columns by pattern on their header path (with an optional basis segment, see rules/checks.yaml).
 * A blank cell is not a cell: it prints 0.
 */
import { matchForm } from '../extract/statements.js';
import type { HeaderNode, TableCell, TableInfo } from '../extract/types.js';
import { cleanNumber } from '../values/decimal.js';
import type { CheckInput } from './types.js';

export { cellSubject } from './subjects.js';

export interface Row {
  row_no: number;
  code: string | null;
  label: string;
  /** printed numeric cells by column path */
  cells: Map<string, TableCell>;
}

/** A column matcher: `column` against the path, or with `basis` against the path without its basis segment. */
export interface ColumnPattern {
  column: RegExp;
  basis?: RegExp;
}

export interface TableView {
  info: TableInfo;
  rows: Row[];
  /** every column path of the table: the header's leaves, then any other column a cell names */
  columns: string[];
}

/** The column paths under a header tree: one per leaf, top level first. */
function leafPaths(nodes: readonly HeaderNode[], prefix: string[] = []): string[] {
  return nodes.flatMap((n) => (n.children.length ? leafPaths(n.children, [...prefix, n.text]) : [[...prefix, n.text].join('/')]));
}

export function tableView(info: TableInfo, cells: readonly TableCell[]): TableView {
  const rows: Row[] = [];
  const byKey = new Map<string, Row>();
  for (const c of cells) {
    const value = c.table_no === info.table_no ? cleanNumber(c.value) : null;
    if (value === null) continue;
    // a row is its position and identity: two column groups printed side by side share a position
    const k = `${c.row_no}\u0000${c.row_code ?? ''}\u0000${c.row}`;
    let r = byKey.get(k);
    if (!r) {
      r = { row_no: c.row_no, code: c.row_code, label: c.row, cells: new Map() };
      byKey.set(k, r);
      rows.push(r);
    }
    // the checks compute with the number as cleanNumber reads it (an OCR'd "264.87 3" is not a decimal's text)
    if (!r.cells.has(c.column)) r.cells.set(c.column, { ...c, value });
  }
  rows.sort((a, b) => a.row_no - b.row_no);
  const columns = [...new Set([...leafPaths(info.header), ...cells.filter((c) => c.table_no === info.table_no).map((c) => c.column)])];
  return { info, rows, columns };
}

/** Every table with its rows, in document order (tables printing no cells included: they are printed, empty). */
export function tableViews(input: Pick<CheckInput, 'tables' | 'cells'>): TableView[] {
  return input.tables.map((t) => tableView(t, input.cells));
}

/** The first table of each kind: identities between tables compare the first of each (a kind printed twice is rare). */
export function firstOfKind(views: readonly TableView[]): Map<string, TableView> {
  const out = new Map<string, TableView>();
  for (const v of views) if (!out.has(v.info.kind)) out.set(v.info.kind, v);
  return out;
}

/** The path with its basis segment taken out, and that segment; undefined when no segment is a basis. */
export function splitBasis(path: string, basis: RegExp): { rest: string; basis: string } | undefined {
  const segs = path.split('/');
  const i = segs.findIndex((s) => basis.test(s));
  if (i < 0) return undefined;
  return { rest: [...segs.slice(0, i), ...segs.slice(i + 1)].join('/'), basis: segs[i] };
}

export function columnMatches(path: string, p: ColumnPattern): boolean {
  if (!p.basis) return p.column.test(path);
  const s = splitBasis(path, p.basis);
  return s !== undefined && p.column.test(s.rest);
}

/**
 * The first column the pattern names: among the columns printing values first (a loose pattern such as "^收入/"
 * must not name the 收入/项目 label column), else among the header's (a value column printed blank throughout).
 */
export function findColumn(v: TableView, p: ColumnPattern): string | undefined {
  const printed = new Set(v.rows.flatMap((r) => [...r.cells.keys()]));
  return v.columns.find((c) => printed.has(c) && columnMatches(c, p)) ?? v.columns.find((c) => columnMatches(c, p));
}

/**
 * Whether a row belongs to the side of the table a column is on: a two-sided table (收入 | 支出: every value
 * column under one of several top headers) lists two sets of rows, and a row label (总计) may be on both.
 */
export function onSideOf(v: TableView, row: Row, column: string): boolean {
  const valueColumns = [...new Set(v.rows.flatMap((r) => [...r.cells.keys()]))];
  const tops = new Set(valueColumns.map((c) => c.split('/')[0]));
  if (tops.size < 2 || valueColumns.some((c) => !c.includes('/'))) return true;
  const side = column.split('/')[0] + '/';
  return [...row.cells.keys()].some((c) => c.startsWith(side));
}

/** Every column the pattern names, header order. */
export function findColumns(v: TableView, p: ColumnPattern): string[] {
  return v.columns.filter((c) => columnMatches(c, p));
}

/** Labels compared as rules are: ASCII and full-width parentheses and quotes alike, no spaces. */
export function labelForm(s: string): string {
  return matchForm(s.replace(/\s+/g, ''));
}

export function rowsByLabel(v: TableView, re: RegExp): Row[] {
  return v.rows.filter((r) => re.test(labelForm(r.label)));
}

/** A cell as a reader names it within its table: row (code and label) and, when the table has several, the column. */
export function cellLabel(v: TableView, row: Pick<Row, 'code' | 'label'>, column: string): string {
  const rowName = [row.code, row.label].filter(Boolean).join(' ');
  const valueColumns = new Set(v.rows.flatMap((r) => [...r.cells.keys()]));
  return [rowName, valueColumns.size > 1 || !rowName ? column : ''].filter(Boolean).join(' ');
}

/** A cell as a reader names it: table title, row and column (cellLabel). */
export function cellName(v: TableView, row: Pick<Row, 'code' | 'label'>, column: string): string {
  return [v.info.title || v.info.kind, cellLabel(v, row, column)].filter(Boolean).join(' ');
}
