/**
 * Natural keys: what makes a record "the same record" in two extractions, so a changed amount shows as a
 * changed field, not as one record removed and another added. Records are flat string maps here (as in
 * the CSVs), so one function serves document.json and hand-corrected CSV files alike.
 */
export type FlatRecord = Record<string, string>;

const KEY_FIELDS: Record<string, string[]> = {
  facts: ['key'],
  restatements: ['key', 'section'],
  line_items: ['context', 'code'],
  basic_items: ['group', 'name'],
  staff: ['field'],
  units: ['seq'],
  unread: ['section', 'label'],
  evaluations: ['project'],
  evaluation_funds: ['project', 'row'],
  indicators: ['project', 'name'],
  tables: ['kind', 'table_no'],
  table_cells: ['table', 'row_code', 'row', 'column'],
  checks: ['check', 'subject'],
  // one row: doc_id, department, year, published
  meta: [],
};

/** The key fields of a kind; unknown kinds are keyed by where they are printed. */
export function keyFields(kind: string): string[] {
  return KEY_FIELDS[kind] ?? ['page', 'source_text'];
}

/**
 * Keys of a list of records of one kind, in order. A key that repeats (two indicators of one project with
 * the same name, a restated key) gets its occurrence appended, "#2", "#3", so each key is unique.
 */
export function naturalKeys(kind: string, records: FlatRecord[]): string[] {
  const fields = keyFields(kind);
  const seen = new Map<string, number>();
  return records.map((r) => {
    const base = fields.map((f) => r[f] ?? '').join('/');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
