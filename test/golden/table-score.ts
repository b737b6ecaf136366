/**
 * Field-by-field comparison of the extracted tables with a truth file's `tables` (the national-template
 * truth schema: kind, title, pages, unit, cells {row_code, row, col, value}, empty). Each truth cell is a
 * field: it matches when a cell of a table of the same kind has the same row code, row label, column path
 * and value (each extracted cell used once). Extracted cells the truth does not have are listed as extras.
 */
import type { DocumentResult } from '../../src/pipeline.js';

export interface TruthTable {
  kind: string;
  title: string;
  pages: number[];
  unit: string | null;
  cells: { row_code: string | null; row: string; col: string; value: string }[];
  empty?: boolean;
}

export interface TableScore {
  /** per kind: truth cells matched / total, and table-level fields (title, pages, unit, empty) */
  kinds: Record<string, { matched: number; total: number }>;
  tableFields: { matched: number; total: number };
  missing: string[];
  extra: string[];
  fieldMismatches: string[];
}

const cellId = (kind: string, c: { row_code: string | null; row: string; col: string; value: string }) => `${kind} | ${c.row_code ?? ''} | ${c.row} | ${c.col} = ${c.value}`;

export function scoreTables(result: Pick<DocumentResult, 'tables' | 'table_cells'>, truth: TruthTable[]): TableScore {
  const s: TableScore = { kinds: {}, tableFields: { matched: 0, total: 0 }, missing: [], extra: [], fieldMismatches: [] };
  const pool = new Map<string, number>();
  for (const c of result.table_cells) {
    const id = cellId(c.table, { row_code: c.row_code, row: c.row, col: c.column, value: c.value });
    pool.set(id, (pool.get(id) ?? 0) + 1);
  }
  const field = (name: string, want: unknown, got: unknown) => {
    s.tableFields.total++;
    if (JSON.stringify(want) === JSON.stringify(got)) s.tableFields.matched++;
    else s.fieldMismatches.push(`${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  // tables of one kind are paired by title, then in order
  const usedTables = new Set<unknown>();
  for (const t of truth) {
    const k = (s.kinds[t.kind] ??= { matched: 0, total: 0 });
    const same = result.tables.filter((x) => x.kind === t.kind && !usedTables.has(x));
    const got = same.find((x) => x.title === t.title) ?? same[0];
    usedTables.add(got);
    field(`${t.kind}.found`, true, !!got);
    if (got) {
      field(`${t.kind}.title`, t.title, got.title);
      field(`${t.kind}.pages`, t.pages, got.pages);
      if (t.unit) field(`${t.kind}.unit`, t.unit, got.unit);
      field(`${t.kind}.empty`, t.empty ?? false, got.empty);
    }
    for (const c of t.cells) {
      k.total++;
      const id = cellId(t.kind, c);
      const n = pool.get(id) ?? 0;
      if (n > 0) {
        k.matched++;
        pool.set(id, n - 1);
      } else s.missing.push(id);
    }
  }
  const truthKinds = new Set(truth.map((t) => t.kind));
  for (const [id, n] of pool) if (n > 0 && truthKinds.has(id.split(' | ')[0])) for (let i = 0; i < n; i++) s.extra.push(id);
  return s;
}

export function tableSummary(s: TableScore): string {
  const all = Object.values(s.kinds).reduce((a, k) => ({ m: a.m + k.matched, t: a.t + k.total }), { m: 0, t: 0 });
  const per = Object.entries(s.kinds)
    .map(([k, v]) => `${k} ${v.matched}/${v.total}`)
    .join(', ');
  return `cells ${all.m}/${all.t} (${per}); table fields ${s.tableFields.matched}/${s.tableFields.total}; extra cells ${s.extra.length}`;
}
