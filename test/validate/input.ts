/** Hand-made check inputs: the real rules/checks.yaml, empty records, and tables written as rows of values. */
import { readFileSync } from 'node:fs';
import { checksRulesSchema } from '../../src/rules/checks-schema.js';
import { tableRulesSchema } from '../../src/rules/tables-schema.js';
import { parseRuleFile } from '../../src/rules/load.js';
import { newFact, type Fact, type HeaderNode, type TableCell, type TableInfo } from '../../src/extract/types.js';
import type { CheckInput } from '../../src/validate/types.js';

export const checkRules = parseRuleFile('rules/checks.yaml', readFileSync(new URL('../../rules/checks.yaml', import.meta.url), 'utf8'), checksRulesSchema);

export const tableRules = parseRuleFile('rules/tables.yaml', readFileSync(new URL('../../rules/tables.yaml', import.meta.url), 'utf8'), tableRulesSchema);

export const prov = { page: 3, bbox: { x0: 0, y0: 0, x1: 10, y1: 10 }, source_text: 's' };

export function checkInput(x: Partial<CheckInput> = {}): CheckInput {
  return {
    meta: { department: null, year: null, published: null },
    sections: [],
    text: [],
    facts: [],
    lineItems: [],
    basicItems: [],
    unread: [],
    staff: [],
    units: [],
    evaluations: [],
    funds: [],
    indicators: [],
    codedTables: [],
    tables: [],
    cells: [],
    unreadCells: [],
    rules: { checks: checkRules, tables: tableRules.statistical, below_confidence: 0.8 },
    ...x,
  };
}

export function fact(key: string, amount: string, more: Partial<Fact> = {}): Fact {
  return { ...newFact({ ...prov, key, section: '二/一', label: key, amount, unit: '万元' }), share_of: more.parent ?? null, ...more };
}

/** A header tree from column paths ("收入/决算数"): shared prefixes are one node. */
function headerOf(paths: readonly string[]): HeaderNode[] {
  const roots: HeaderNode[] = [];
  paths.forEach((p, col) => {
    let level = roots;
    for (const seg of p.split('/')) {
      let n = level.find((x) => x.text === seg);
      if (!n) level.push((n = { text: seg, cols: [col, col], children: [] }));
      n.cols[1] = col;
      level = n.children;
    }
  });
  return roots;
}

export interface RowSpec {
  code?: string;
  row?: string;
  /** column path → printed value (blank cells are left out) */
  v: Record<string, string>;
  page?: number;
}

/** One table as the reader gives it: its info (header from `columns`) and one cell per printed value. */
export function table(kind: string, table_no: number, columns: readonly string[], rows: readonly RowSpec[], more: Partial<TableInfo> = {}): { info: TableInfo; cells: TableCell[] } {
  const page = more.page ?? 5;
  const info: TableInfo = { table_no, kind, title: more.title ?? kind, pages: [page], unit: '万元', header: headerOf(columns), rows: rows.length, empty: rows.length === 0, empty_note: null, page, bbox: prov.bbox, ...more };
  const cells = rows.flatMap((r, row_no) =>
    Object.entries(r.v).map(([column, value]): TableCell => ({ ...prov, page: r.page ?? page, table_no, table: kind, title: info.title, row_code: r.code ?? null, row: r.row ?? '', row_no, column, value, unit: '万元' })),
  );
  return { info, cells };
}

/** Tables merged into one input's `tables` and `cells`. */
export function withTables(...ts: { info: TableInfo; cells: TableCell[] }[]): Pick<CheckInput, 'tables' | 'cells'> {
  return { tables: ts.map((t) => t.info), cells: ts.flatMap((t) => t.cells) };
}
