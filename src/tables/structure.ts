/**
 * A grid read as a statistical table: which top rows are the header (and the tree their cells make), what
 * each column holds (codes, row labels or values) and how the columns fall into groups (one group per side
 * of a two-sided table, or per side-by-side copy of the columns). Knows nothing of 决算: what a number, a
 * code and a label header look like is passed in.
 */
import { cellAt } from './grid.js';
import type { Cell, Table } from './types.js';

export type ColumnRole = 'code' | 'label' | 'value';
/** A code column holds the whole code, or one part of a code split over columns (类 / 款 / 项). */
export type CodePart = 'full' | 'lei' | 'kuan' | 'xiang';

export interface StructureHints {
  /** the text of a cell as it is to be compared (folded, without whitespace) */
  text(cell: Cell): string;
  /** a printed number (amount, count, percentage) */
  isNumber(text: string): boolean;
  /** a classification code, or a part of one, as printed in a code column */
  isCode(text: string): boolean;
  /** what a header cell says about the columns under it */
  headerRole(text: string): { role: 'code'; part: CodePart } | { role: 'label' } | undefined;
  /** a row label that starts the body even when its row prints no number (合计, 一、…) */
  isBodyLabel(text: string): boolean;
}

export interface HeaderTreeNode {
  cell: Cell;
  text: string;
  children: HeaderTreeNode[];
}

export interface ColumnInfo {
  col: number;
  role: ColumnRole;
  part?: CodePart;
  /** texts of the header cells above the column, top first (a cell spanning rows counted once) */
  path: string[];
  /** most of its body cells are numbers */
  numeric: boolean;
}

export interface ColumnGroup {
  codeCols: { col: number; part: CodePart }[];
  /** the column holding the row labels, or null (a table of values only, such as the 三公 table) */
  labelCol: number | null;
  valueCols: number[];
}

export interface TableStructure {
  /** rows [0, headerRows) are the header */
  headerRows: number;
  header: HeaderTreeNode[];
  columns: ColumnInfo[];
  groups: ColumnGroup[];
}

/** How far down the header hints are looked for (the deepest real header has four levels). */
const MAX_HEADER_ROWS = 6;

export function tableStructure(table: Table, hints: StructureHints): TableStructure {
  const top = (r: number) => table.cells.filter((c) => c.row === r);
  const text = (c: Cell | undefined) => (c ? hints.text(c) : '');

  // 1. Columns that a header cell of their own (one column wide) marks as code or label.
  const hinted = new Map<number, { role: 'code' | 'label'; part?: CodePart; depth: number; span: number }>();
  for (const c of table.cells) {
    if (c.row >= MAX_HEADER_ROWS) continue;
    const h = hints.headerRole(text(c));
    if (!h) continue;
    for (let k = c.col; k < c.col + c.colSpan; k++) {
      const prev = hinted.get(k);
      // the narrowest (then lowest) header cell over a column says what the column is
      if (!prev || c.colSpan < prev.span || (c.colSpan === prev.span && c.row > prev.depth)) {
        hinted.set(k, { role: h.role, part: h.role === 'code' ? h.part : undefined, depth: c.row, span: c.colSpan });
      }
    }
  }
  const isLabelOrCodeCol = (col: number) => hinted.has(col);

  // 2. The header ends at the first row that prints a value, a code in a code column, or a body label
  //    (合计, 一、…) with no header text beside it.
  let headerRows = -1;
  for (let r = 0; r < table.rows && headerRows < 0; r++) {
    const cells = top(r);
    const valueText = cells.filter((c) => !isLabelOrCodeCol(c.col) && text(c) !== '');
    const hasNumber = valueText.some((c) => hints.isNumber(text(c)));
    const hasCode = cells.some((c) => hinted.get(c.col)?.role === 'code' && c.colSpan === 1 && hints.isCode(text(c)));
    const bodyLabel = cells.some((c) => isLabelOrCodeCol(c.col) && hints.isBodyLabel(text(c))) && valueText.every((c) => hints.isNumber(text(c)));
    if (hasNumber || hasCode || (bodyLabel && r > 0)) headerRows = r;
  }
  if (headerRows < 0) {
    // Nothing but text: a table printed empty. Its header is every row with text.
    let last = -1;
    for (const c of table.cells) if (text(c) !== '') last = Math.max(last, c.row + c.rowSpan - 1);
    headerRows = last + 1;
  }

  // 3. Column roles: header hints first, else what the body cells hold.
  const columns: ColumnInfo[] = [];
  const stats: { numbers: number; texts: number; codes: number }[] = [];
  for (let col = 0; col < table.cols; col++) {
    const path: string[] = [];
    const seen = new Set<Cell>();
    for (let r = 0; r < headerRows; r++) {
      const c = cellAt(table, r, col);
      if (!c || seen.has(c)) continue;
      seen.add(c);
      const t = text(c);
      if (t) path.push(t);
    }
    const h = hinted.get(col);
    let numbers = 0;
    let texts = 0;
    let codes = 0;
    for (const c of table.cells) {
      if (c.col !== col || c.colSpan !== 1 || c.row < headerRows) continue;
      const t = text(c);
      if (!t) continue;
      if (hints.isCode(t) && !t.includes('.')) codes++;
      if (hints.isNumber(t)) numbers++;
      else texts++;
    }
    stats.push({ numbers, texts, codes });
    columns.push({ col, role: h?.role ?? 'value', part: h?.part, path, numeric: numbers > texts });
  }
  // Columns no header names: codes before any value column are codes; a column of text is a label when no
  // header names a label column, or when value columns follow it (the label of another side); else it is
  // a value column printing text (备注).
  const anyLabel = columns.some((c) => c.role === 'label');
  columns.forEach((c, k) => {
    if (hinted.has(c.col)) return;
    const { numbers, texts, codes } = stats[k];
    const before = columns.slice(0, k);
    if (codes > 0 && codes === numbers && texts === 0 && before.every((x) => x.role !== 'value')) {
      c.role = 'code';
      c.part = 'full';
    } else if (texts > 0 && texts >= numbers && (!anyLabel || columns.slice(k + 1).some((x) => !hinted.has(x.col) && stats[x.col].numbers > stats[x.col].texts))) {
      c.role = 'label';
    }
  });

  // 4. Groups: a run of code/label columns opens a group, the value columns after it belong to it.
  const groups: ColumnGroup[] = [];
  let g: ColumnGroup | undefined;
  for (const c of columns) {
    if (c.role === 'value') {
      if (!g) groups.push((g = { codeCols: [], labelCol: null, valueCols: [] }));
      g.valueCols.push(c.col);
      continue;
    }
    if (!g || g.valueCols.length > 0) groups.push((g = { codeCols: [], labelCol: null, valueCols: [] }));
    if (c.role === 'code') g.codeCols.push({ col: c.col, part: c.part ?? 'full' });
    else g.labelCol ??= c.col;
  }

  return { headerRows, header: headerTree(table, headerRows, text), columns, groups };
}

/** The header cells as a tree: a cell's children are the header cells right under it, within its columns. */
function headerTree(table: Table, headerRows: number, text: (c: Cell) => string): HeaderTreeNode[] {
  const cells = table.cells.filter((c) => c.row < headerRows && text(c) !== '').sort((a, b) => a.row - b.row || a.col - b.col);
  const nodes = cells.map((cell) => ({ cell, text: text(cell), children: [] as HeaderTreeNode[] }));
  const roots: HeaderTreeNode[] = [];
  for (const n of nodes) {
    const c = n.cell;
    // the lowest header cell above this one that covers all its columns
    let parent: HeaderTreeNode | undefined;
    for (const p of nodes) {
      const pc = p.cell;
      if (pc.row + pc.rowSpan > c.row || pc.col > c.col || pc.col + pc.colSpan < c.col + c.colSpan) continue;
      if (!parent || pc.row > parent.cell.row) parent = p;
    }
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}
