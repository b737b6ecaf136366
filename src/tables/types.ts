import type { Box, TextItem } from '../read/types.js';

/** One cell of a table grid. Rows count from the top, columns from the left, both 0-based. */
export interface Cell {
  /** 1-based page the cell was read from (a joined table keeps each cell's own page) */
  page: number;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** the cell's text: items in reading order, wrapped lines joined (see joinWrapped) */
  text: string;
  /** the cell's box on its page (grid lines for ruled tables, column/row extents for aligned ones) */
  bbox: Box;
  /** the text runs the text came from (pieces of runs where a run crossed a column boundary) */
  items: TextItem[];
  /** where the cell's text goes on after a page break (a row cut in two, see joinContinuedTables) */
  continuation?: { page: number; bbox: Box }[];
}

/** Where a table (or one page's part of a joined table) lies. */
export interface TablePart {
  page: number;
  bbox: Box;
  /** first row of the joined table that comes from this part */
  rowOffset: number;
}

export interface Table {
  /** page of the table's first part */
  page: number;
  /** box of the first part on its page */
  bbox: Box;
  rows: number;
  cols: number;
  /** one entry per cell, spanning cells once; ordered by row, then column */
  cells: Cell[];
  /** x of the column boundaries, left to right (cols + 1 values), of the first part */
  xs: number[];
  /** how the table was found */
  source: 'rulings' | 'alignment';
  /** every page's part, in order (one part unless joined across pages) */
  parts: TablePart[];
}
