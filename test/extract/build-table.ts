/** Synthetic Table objects for tests: rows of cells, spans given per cell, a plain grid of boxes. */
import type { Cell, Table } from '../../src/tables/index.js';

/** A cell spec: its text, or {t, cs (colSpan), rs (rowSpan)}; null where a span above/left covers the slot. */
export type Spec = string | { t: string; cs?: number; rs?: number } | null;

const W = 50;
const H = 20;

/**
 * Builds a table from rows of specs. `pageBreaks` lists rows that start a new page (the table continues there,
 * as joinContinuedTables leaves it): cells of those rows and below carry the next page number.
 */
export function buildTable(rows: Spec[][], opts: { page?: number; pageBreaks?: number[] } = {}): Table {
  const page0 = opts.page ?? 1;
  const breaks = [...(opts.pageBreaks ?? [])].sort((a, b) => a - b);
  const pageOf = (r: number) => page0 + breaks.filter((b) => b <= r).length;
  const cols = Math.max(...rows.map((r) => r.reduce((n, s) => n + (s === null ? 1 : typeof s === 'string' ? 1 : (s.cs ?? 1)), 0)));
  const cells: Cell[] = [];
  const top = 800;
  rows.forEach((specs, r) => {
    let col = 0;
    for (const s of specs) {
      if (s === null) {
        col++;
        continue;
      }
      const { t, cs, rs } = typeof s === 'string' ? { t: s, cs: 1, rs: 1 } : { t: s.t, cs: s.cs ?? 1, rs: s.rs ?? 1 };
      cells.push({
        page: pageOf(r),
        row: r,
        col,
        rowSpan: rs,
        colSpan: cs,
        text: t,
        bbox: { x0: col * W, x1: (col + cs) * W, y1: top - r * H, y0: top - (r + rs) * H },
        items: [],
      });
      col += cs;
    }
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  const bbox = { x0: 0, x1: cols * W, y1: top, y0: top - rows.length * H };
  const parts = [{ page: page0, bbox, rowOffset: 0 }, ...breaks.map((b, i) => ({ page: page0 + i + 1, bbox, rowOffset: b }))];
  return { page: page0, bbox, rows: rows.length, cols, cells, xs: Array.from({ length: cols + 1 }, (_, i) => i * W), source: 'rulings', parts };
}
