/** General table reading: ruled grids, unruled (aligned) tables, tables continued across pages. */
export type { Cell, Table, TablePart } from './types.js';
export { findTables, cellAt, rowCells, clusterValues, type GridOptions } from './grid.js';
export { tableFromAlignment, alignedTable, findUnruledTables, type AlignmentOptions, type AlignedPart, type UnruledOptions } from './alignment.js';
export { joinContinuedTables, type JoinOptions } from './join.js';
export { cellText, joinWrapped, splitItemAt, isCJK } from './text.js';
