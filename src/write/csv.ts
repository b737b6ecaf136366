import type { DocumentResult } from '../pipeline.js';

type Row = Record<string, string | number | null | undefined>;

/** The CSV files of OUTPUT.md with their stable columns (extra columns only ever appended). */
export const CSV_COLUMNS = {
  facts: ['doc_id', 'department', 'year', 'section', 'key', 'label', 'amount', 'unit', 'change', 'change_pct', 'share_pct', 'variance_pct', 'budget', 'completion_pct', 'parent', 'page', 'source_text', 'x0', 'y0', 'x1', 'y1', 'budget_basis', 'code', 'item_no', 'restates'],
  line_items: ['doc_id', 'department', 'year', 'context', 'code', 'level', 'name', 'amount', 'unit', 'page', 'source_text', 'section', 'x0', 'y0', 'x1', 'y1'],
  basic_items: ['doc_id', 'department', 'year', 'group', 'name', 'amount', 'unit', 'page', 'source_text', 'section', 'x0', 'y0', 'x1', 'y1'],
  evaluations: ['doc_id', 'department', 'year', 'project', 'supervisor', 'implementer', 'initial', 'full_year', 'executed', 'weight', 'rate_pct', 'score', 'goal_expected', 'goal_actual', 'total_score', 'page', 'eval_no', 'x0', 'y0', 'x1', 'y1'],
  evaluation_funds: ['doc_id', 'department', 'year', 'project', 'row', 'initial', 'full_year', 'executed', 'weight', 'rate_pct', 'score', 'page', 'eval_no', 'source_text', 'x0', 'y0', 'x1', 'y1'],
  indicators: ['doc_id', 'department', 'year', 'project', 'level1', 'level2', 'name', 'target', 'target_op', 'target_value', 'target_unit', 'actual', 'actual_value', 'actual_unit', 'weight', 'score', 'deviation', 'page', 'eval_no', 'source_text', 'x0', 'y0', 'x1', 'y1'],
  table_cells: ['doc_id', 'department', 'year', 'table', 'title', 'row_code', 'row', 'column', 'value', 'unit', 'page', 'source_text', 'x0', 'y0', 'x1', 'y1', 'table_no', 'row_no'],
  checks: ['doc_id', 'check', 'severity', 'subject', 'expected', 'actual', 'message', 'page', 'pages'],
} as const;

export type CsvName = keyof typeof CSV_COLUMNS;

/** Rows of each CSV for one document; every row carries doc_id, department and year so files concatenate. */
export function csvRows(doc: DocumentResult): Record<CsvName, Row[]> {
  const common = { doc_id: doc.doc_id, department: doc.meta.department ?? '', year: doc.meta.year ?? '' };
  const box = (b: { x0: number; y0: number; x1: number; y1: number }) => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
  return {
    facts: doc.facts.map((f) => ({ ...common, section: f.section, key: f.key, label: f.label, amount: f.amount, unit: f.unit, change: f.change, change_pct: f.change_pct, share_pct: f.share_pct, variance_pct: f.variance_pct, budget: f.budget, completion_pct: f.completion_pct, parent: f.parent, page: f.page, source_text: f.source_text, ...box(f.bbox), budget_basis: f.budget_basis, code: f.code, item_no: f.item_no, restates: f.restates })),
    line_items: doc.line_items.map((l) => ({ ...common, context: l.context, code: l.code, level: l.level, name: l.name, amount: l.amount, unit: l.unit, page: l.page, source_text: l.source_text, section: l.section, ...box(l.bbox) })),
    basic_items: doc.basic_items.map((b) => ({ ...common, group: b.group, name: b.name, amount: b.amount, unit: b.unit, page: b.page, source_text: b.source_text, section: b.section, ...box(b.bbox) })),
    evaluations: doc.evaluations.map((e) => ({ ...common, project: e.project, supervisor: e.supervisor, implementer: e.implementer, initial: e.initial, full_year: e.full_year, executed: e.executed, weight: e.weight, rate_pct: e.rate_pct, score: e.score, goal_expected: e.goal_expected, goal_actual: e.goal_actual, total_score: e.total_score, page: e.page, eval_no: e.eval_no, ...box(e.bbox) })),
    evaluation_funds: doc.evaluation_funds.map((f) => ({ ...common, project: f.project, row: f.row, initial: f.initial, full_year: f.full_year, executed: f.executed, weight: f.weight, rate_pct: f.rate_pct, score: f.score, page: f.page, eval_no: f.eval_no, source_text: f.source_text, ...box(f.bbox) })),
    indicators: doc.indicators.map((i) => ({ ...common, project: i.project, level1: i.level1, level2: i.level2, name: i.name, target: i.target, target_op: i.target_op, target_value: i.target_value, target_unit: i.target_unit, actual: i.actual, actual_value: i.actual_value, actual_unit: i.actual_unit, weight: i.weight, score: i.score, deviation: i.deviation, page: i.page, eval_no: i.eval_no, source_text: i.source_text, ...box(i.bbox) })),
    table_cells: doc.table_cells.map((t) => ({ ...common, table: t.table, title: t.title, row_code: t.row_code, row: t.row, column: t.column, value: t.value, unit: t.unit, page: t.page, source_text: t.source_text, ...box(t.bbox), table_no: t.table_no, row_no: t.row_no })),
    checks: doc.checks.map((c) => ({ doc_id: doc.doc_id, check: c.check, severity: c.severity, subject: c.subject, expected: c.expected, actual: c.actual, message: c.message, page: c.page, pages: c.pages.join(';') })),
  };
}

/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @, a tab or a carriage return
 * as a formula (=HYPERLINK(…) printed as a department name). Such a cell gets a leading single quote,
 * unless it is a plain number (a decrease -12.5 stays a number). Cells that already start with quotes
 * before such a character get one more, so restoreCell undoes it exactly (juesuan diff reads CSVs back).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function neutraliseCell(v: string): string {
  return FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
}

/** The text a CSV cell written by neutraliseCell stands for. */
export function restoreCell(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) && !PLAIN_NUMBER.test(v.slice(1)) ? v.slice(1) : v;
}

/**
 * One RFC 4180 field. Quoted when it holds a quote, comma or line break, and also when it starts or ends
 * with white space: fast-csv's formatter leaves " " bare (and drops NUL characters), and readers that trim
 * unquoted fields (fast-csv's own parser among them, so juesuan diff) would then read "" back.
 */
function csvField(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export async function toCsv(name: CsvName, rows: Row[], bom: boolean): Promise<string> {
  const headers = [...CSV_COLUMNS[name]];
  // null and undefined become empty cells (OUTPUT.md: empty cell = empty string)
  const lines = [headers.join(','), ...rows.map((r) => headers.map((h) => (r[h] === null || r[h] === undefined ? '' : csvField(neutraliseCell(String(r[h]))))).join(','))];
  return (bom ? '\ufeff' : '') + lines.join('\n') + '\n';
}
