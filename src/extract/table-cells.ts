/** Reading values out of table cells: text folding, header keys, printed numbers, cell provenance. */
import type { Box } from '../read/types.js';
import type { Cell, Table } from '../tables/index.js';
import { cellAt } from '../tables/index.js';
import { foldChar } from '../normalize/chars.js';
import { cleanNumber } from '../values/decimal.js';
import type { Provenance } from './types.js';

/**
 * A cell's text for output: characters folded (Kangxi radicals, full-width digits) and whitespace runs made one
 * space, but spaces kept otherwise — free text such as "…影响此指标。 后续将…" is written as printed.
 */
export function cellValue(cell: Cell | undefined): string {
  if (!cell) return '';
  return Array.from(cell.text)
    .map(foldChar)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text used to match headers and labels: folded, all whitespace removed (a wrapped "年初预 算数" is one word). */
export function cellKey(cell: Cell | undefined): string {
  return cellValue(cell).replace(/\s+/g, '');
}

/**
 * True when a cell holds several numbers apart by whitespace ("293 41", "100.00 200.00"): the cell text has a
 * space between digits only at a field gap or between stacked lines (lines/gaps.ts, joinWrapped), so it is
 * never one number fused from them.
 */
export function severalNumbers(cell: Cell | undefined): boolean {
  return /[\d.,]\s+[\d.,]/.test(cellValue(cell));
}

export interface NumberRules {
  empty: readonly string[];
  suffixes: readonly string[];
}

/**
 * A printed number: "10.00分" → "10.00", "100.00%" → "100.00", "1,500" → "1500"; an empty-marker ("—") or
 * blank → null. `bad` is true when the cell has text that is not a number (the caller reports it).
 */
export function cellNumber(cell: Cell | undefined, rules: NumberRules): { value: string | null; bad: boolean } {
  if (severalNumbers(cell)) return { value: null, bad: true };
  let s = cellKey(cell);
  if (s === '' || rules.empty.includes(s)) return { value: null, bad: false };
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of rules.suffixes) {
      if (s.length > suf.length && s.endsWith(suf)) {
        s = s.slice(0, -suf.length);
        changed = true;
      }
    }
  }
  const v = cleanNumber(s);
  return v === null ? { value: null, bad: true } : { value: v, bad: false };
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

export function roundBox(b: Box): Box {
  return { x0: r2(b.x0), y0: r2(b.y0), x1: r2(b.x1), y1: r2(b.y1) };
}

export function unionBox(boxes: Box[]): Box {
  return boxes.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));
}

/** Where a value was read: the cell's page and box, and its raw text. */
export function cellProvenance(cell: Cell): Provenance {
  return withConfidence({ page: cell.page, bbox: roundBox(cell.bbox), source_text: cell.text }, [cell]);
}

/** OCR'd cells carry the lowest confidence (0–1) of the words they were read from. */
function withConfidence(p: Provenance, cells: Cell[]): Provenance {
  const confs = cells.flatMap((c) => c.items.map((i) => i.confidence)).filter((x): x is number => x !== undefined);
  if (confs.length) p.confidence = Math.round(Math.min(...confs)) / 100;
  return p;
}

/**
 * Provenance of a row read from several cells: the page of the first non-empty one, the union of the boxes of
 * the row's cells on that page, the texts joined with " | ".
 */
export function rowProvenance(cells: (Cell | undefined)[]): Provenance | null {
  const filled = cells.filter((c): c is Cell => !!c && c.text.trim() !== '');
  if (!filled.length) return null;
  const page = filled[0].page;
  const onPage = filled.filter((c) => c.page === page);
  return withConfidence({ page, bbox: roundBox(unionBox(onPage.map((c) => c.bbox))), source_text: filled.map((c) => c.text).join(' | ') }, filled);
}

/** The cells whose top row is `row` (not those spanning down into it). */
export function topCells(table: Table, row: number): Cell[] {
  return table.cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
}

/**
 * Find a header row: the first row in [from, to) where at least `min` of the patterns match one of the row's
 * own cells. Returns the row and, per pattern key, the matching cell (first match, left to right).
 */
export function findHeaderRow<K extends string>(
  table: Table,
  patterns: Record<K, RegExp>,
  min: number,
  from = 0,
  to = table.rows,
): { row: number; cols: Partial<Record<K, Cell>> } | null {
  for (let r = from; r < to; r++) {
    const cells = topCells(table, r).map((c) => ({ c, k: cellKey(c) }));
    const cols: Partial<Record<K, Cell>> = {};
    let n = 0;
    for (const key of Object.keys(patterns) as K[]) {
      const hit = cells.find((x) => x.k && patterns[key].test(x.k));
      if (hit) {
        cols[key] = hit.c;
        n++;
      }
    }
    if (n >= min) return { row: r, cols };
  }
  return null;
}

/** The cell under grid position (row, col of the header cell); undefined when the header is missing. */
export function under(table: Table, row: number, header: Cell | undefined): Cell | undefined {
  return header ? cellAt(table, row, header.col) : undefined;
}

export function compile<K extends string>(src: Record<K, string>): Record<K, RegExp> {
  const out = {} as Record<K, RegExp>;
  for (const k of Object.keys(src) as K[]) out[k] = new RegExp(src[k], 'u');
  return out;
}
