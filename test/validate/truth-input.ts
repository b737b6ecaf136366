/**
 * A truth file (putuo schema, national-template.md) as a check input: its tables as the reader's cells, so the
 * identities can be tried on what a report prints independently of how well it is read.
 */
import { readFileSync } from 'node:fs';
import type { TableCell, TableInfo } from '../../src/extract/types.js';
import type { CheckInput } from '../../src/validate/types.js';
import type { TruthTable } from '../golden/table-score.js';
import { checkInput, prov } from './input.js';

export interface NtTruth {
  doc: { id: string; department: string; year: number };
  tables: TruthTable[];
  notes: string[];
}

export function readTruth(file: string): NtTruth {
  return JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as NtTruth;
}

/** Header leaves from the printed columns (a column printed blank throughout is not known from a truth file). */
function header(cols: string[]): TableInfo['header'] {
  return cols.map((text, i) => ({ text, cols: [i, i] as [number, number], children: [] }));
}

export function truthTables(t: NtTruth): Pick<CheckInput, 'tables' | 'cells'> {
  const tables: TableInfo[] = [];
  const cells: TableCell[] = [];
  t.tables.forEach((tt, i) => {
    const table_no = i + 1;
    const cols = [...new Set(tt.cells.map((c) => c.col))];
    tables.push({ table_no, kind: tt.kind, title: tt.title, pages: tt.pages, unit: tt.unit ?? '万元', header: header(cols), rows: 0, empty: tt.cells.length === 0, empty_note: null, page: tt.pages[0], bbox: prov.bbox });
    // consecutive cells of one row (same code and label) are a row; a label printed again later is a new row
    let row_no = -1;
    let last: { key: string; cols: Set<string> } | undefined;
    for (const c of tt.cells) {
      const key = `${c.row_code}/${c.row}`;
      if (!last || last.key !== key || last.cols.has(c.col)) {
        row_no++;
        last = { key, cols: new Set() };
      }
      last.cols.add(c.col);
      cells.push({ ...prov, page: tt.pages[0], table_no, table: tt.kind, title: tt.title, row_code: c.row_code, row: c.row, row_no, column: c.col, value: c.value, unit: tt.unit ?? '万元' });
    }
  });
  return { tables, cells };
}
