import { describe, expect, it } from 'vitest';
import { cellNumber } from '../../src/extract/table-cells.js';
import type { Cell } from '../../src/tables/index.js';

const cell = (text: string): Cell => ({ page: 1, row: 0, col: 0, rowSpan: 1, colSpan: 1, text, bbox: { x0: 0, y0: 0, x1: 10, y1: 10 }, items: [] });
const rules = { empty: ['—'], suffixes: ['分', '%'] };

describe('cellNumber', () => {
  it('reads a printed number, and never fuses two numbers of one cell into one', () => {
    expect(cellNumber(cell('1,500.00'), rules)).toEqual({ value: '1500.00', bad: false });
    expect(cellNumber(cell('１０.００分'), rules)).toEqual({ value: '10.00', bad: false });
    expect(cellNumber(cell('—'), rules)).toEqual({ value: null, bad: false });
    // a space between digits is left only at a field gap or between two stacked lines: two numbers
    expect(cellNumber(cell('293 41'), rules)).toEqual({ value: null, bad: true });
    expect(cellNumber(cell('100.00 200.00'), rules)).toEqual({ value: null, bad: true });
  });
});
