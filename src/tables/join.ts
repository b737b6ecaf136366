/** Tables that continue on the next page: joined into one, each cell keeping its own page. */
import type { PageContent } from '../read/types.js';
import type { Cell, Table } from './types.js';
import { itemMidY, joinWrapped, toLines } from './text.js';

export interface JoinOptions {
  /** column boundaries within this many points are the same (default 3) */
  tolerance?: number;
  /**
   * The pages' content. When given, a join also needs nothing but a page number below the first part and
   * nothing but a page number, a "续" caption or a unit line ("单位：万元") above the second part — so that
   * two separate tables with the same layout on consecutive pages (one 自评表 per page) stay apart.
   * Without it, "last table on page p" + "first table on page p+1" + matching columns is enough.
   */
  pages?: PageContent[];
  /**
   * A row cut by the page break: when the second part's first body row has text only in a minority of its
   * cells, all of them cells that have text in the first part's last row too, while some other cell of that
   * row is blank here, the texts are appended to the row above instead of making a new row (default true).
   */
  mergeSplitRows?: boolean;
  /** a cell text that starts a row of its own (a numbered label, a code): such a row is never a split row */
  isRowStart?: (text: string) => boolean;
}

const PAGE_NUMBER = /^\s*[-—–]?\s*(第\s*)?\d{1,4}\s*页?\s*([/／]\s*(共\s*)?\d+\s*页?)?\s*[-—–]?\s*$/;
const ALLOWED_ABOVE = /续|单位\s*[:：]/;

function norm(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Map each of b's column boundaries to the index of a's boundary at the same x, or null if any has none. */
function mapColumns(a: Table, b: Table, tol: number): number[] | null {
  const map: number[] = [];
  for (const x of b.xs) {
    const k = a.xs.findIndex((ax) => Math.abs(ax - x) <= tol);
    if (k < 0) return null;
    map.push(k);
  }
  if (map[0] !== 0 || map[map.length - 1] !== a.cols) return null;
  return map;
}

/** Column boundaries drawn in a row, as a string key (in the first table's column indices). */
function rowShape(cells: Cell[], map?: number[]): string {
  const m = (c: number): number => (map ? map[c] : c);
  return cells
    .map((c) => `${m(c.col)}-${m(c.col + c.colSpan)}`)
    .sort()
    .join(',');
}

function cellsInRow(t: Table, row: number): Cell[] {
  return t.cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
}

/** Cells whose bottom edge is the table's bottom (what the page break cut). */
function bottomCells(t: Table): Cell[] {
  return t.cells.filter((c) => c.row + c.rowSpan === t.rows).sort((a, b) => a.col - b.col);
}

/** The page's text lines (runs joined), for telling page furniture from content. */
function linesOf(pc: PageContent, keep: (y: number) => boolean): string[] {
  return toLines(pc.items.filter((it) => it.str.trim() !== '' && keep(itemMidY(it)))).map((l) => l.text);
}

function clearBelow(t: Table, pages: Map<number, PageContent>): boolean {
  const part = t.parts[t.parts.length - 1];
  const pc = pages.get(part.page);
  if (!pc) return true;
  // lines, not runs: a page number set as three runs ("第", "6", "页") is still a page number
  return linesOf(pc, (y) => y < part.bbox.y0).every((l) => PAGE_NUMBER.test(l));
}

function clearAbove(t: Table, pages: Map<number, PageContent>): boolean {
  const pc = pages.get(t.page);
  if (!pc) return true;
  return linesOf(pc, (y) => y > t.bbox.y1).every((l) => PAGE_NUMBER.test(l) || ALLOWED_ABOVE.test(l));
}

/**
 * Join tables continued across pages. Input: every table of the document (any order). A table B is joined
 * onto the table A before it when B is the first table of page p+1, A the last of page p, every column
 * boundary of B matches one of A's (same outer edges) and B's first body row has the same cell layout as A's
 * last row. Leading rows of B that repeat A's first rows (a repeated header) are dropped. Columns that do not
 * match: no join. Returns the tables in reading order, joined ones with several `parts`.
 */
export function joinContinuedTables(tables: Table[], options: JoinOptions = {}): Table[] {
  const tol = options.tolerance ?? 3;
  const pages = new Map((options.pages ?? []).map((p) => [p.page, p]));
  const sorted = [...tables].sort((a, b) => a.page - b.page || b.bbox.y1 - a.bbox.y1);
  const out: Table[] = [];
  for (const t of sorted) {
    const prev = out[out.length - 1];
    const joined = prev ? tryJoin(prev, t, tol, pages, options.mergeSplitRows ?? true, options.isRowStart ?? (() => false)) : null;
    if (joined) out[out.length - 1] = joined;
    else out.push(t);
  }
  return out;
}

function tryJoin(a: Table, b: Table, tol: number, pages: Map<number, PageContent>, mergeSplit: boolean, isRowStart: (text: string) => boolean): Table | null {
  const last = a.parts[a.parts.length - 1];
  if (b.page !== last.page + 1 || b.parts.length !== 1) return null;
  if (!clearBelow(a, pages) || !clearAbove(b, pages)) return null;
  const map = mapColumns(a, b, tol);
  if (!map) return null;

  // Repeated header: B's first k rows equal A's first k rows, cell for cell.
  let k = 0;
  while (k < a.rows && k < b.rows - 1) {
    const ra = cellsInRow(a, k);
    const rb = cellsInRow(b, k);
    const key = (cs: Cell[], m?: number[]): string => cs.map((c) => `${m ? m[c.col] : c.col}:${norm(c.text)}`).join('|');
    if (!ra.some((c) => norm(c.text)) || key(ra) !== key(rb, map) || rowShape(ra) !== rowShape(rb, map)) break;
    k++;
  }

  // Without the pages to show that nothing but furniture stands between the parts, B's first body row
  // must also be laid out like A's last row; with them, a part may start with a row of its own layout
  // (the 人员经费合计 | 公用经费合计 row, alone on the next page).
  const aBottom = bottomCells(a);
  const bFirst = cellsInRow(b, k);
  const sameShape = rowShape(aBottom) === rowShape(bFirst, map);
  if (!sameShape && pages.size === 0) return null;

  // A row split by the page break continues A's last row.
  let splitRow = false;
  if (mergeSplit) {
    const filled = bFirst.filter((c) => norm(c.text));
    const aFilled = new Set(aBottom.filter((c) => norm(c.text)).map((c) => c.col));
    const bFilledCols = new Set(filled.map((c) => map[c.col]));
    splitRow =
      sameShape &&
      filled.length > 0 &&
      !filled.some((c) => isRowStart(norm(c.text))) &&
      filled.length * 2 <= bFirst.length &&
      filled.every((c) => aFilled.has(map[c.col])) &&
      [...aFilled].some((col) => !bFilledCols.has(col));
  }

  const cells: Cell[] = a.cells.map((c) => ({ ...c }));
  if (splitRow) {
    for (const bc of bFirst) {
      if (!norm(bc.text)) continue;
      const target = cells.find((c) => c.row + c.rowSpan === a.rows && c.col === map[bc.col]);
      if (!target) continue;
      target.text = joinWrapped(target.text, bc.text);
      target.items = [...target.items, ...bc.items];
      target.continuation = [...(target.continuation ?? []), { page: bc.page, bbox: bc.bbox }];
    }
  }
  const skip = k + (splitRow ? 1 : 0);
  for (const c of b.cells) {
    if (c.row < skip) continue;
    cells.push({ ...c, row: c.row - skip + a.rows, col: map[c.col], colSpan: map[c.col + c.colSpan] - map[c.col] });
  }
  const rows = a.rows + b.rows - skip;
  cells.sort((p, q) => p.row - q.row || p.col - q.col);
  return { ...a, rows, cells, parts: [...a.parts, { page: b.page, bbox: b.bbox, rowOffset: a.rows }] };
}
