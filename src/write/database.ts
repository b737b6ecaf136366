/**
 * extracted/juesuan.duckdb: the corpus CSVs as typed tables (DuckDB through its official Node package), so
 * a researcher gets amounts as decimals and codes as text without forcing types by hand. Built from the
 * files of the output folder alone (documents.csv and the corpus CSVs), after they are written: the
 * database always says what the CSVs say, and is rebuilt whole on every run.
 *
 * Each CSV is a table of the same name with the same columns, typed by the data dictionary
 * (src/corpus/fields.ts): decimals at the largest scale printed in the column with the printed string
 * beside them (`amount` DECIMAL(18,2), `amount_printed` VARCHAR; a cell that is not a number is NULL there
 * and kept in `_printed`), integers and years INTEGER, positions DOUBLE, codes and ids VARCHAR. Views join
 * records to their document and rename the columns that are SQL keywords (group, check, table, column, row).
 */
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CORPUS_CSVS, FILE_DOCS, columnsOf, fieldDoc, type CorpusCsv, type FieldDoc } from '../corpus/fields.js';
import type { FactKeyTerm, TableKindTerm } from '../corpus/vocabulary.js';
import { pathInside } from './paths.js';

export const DATABASE_FILE = 'juesuan.duckdb';

/** An identifier quoted for SQL (every column name is: several are keywords). */
export const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The SQL of src/write/csv.ts's restoreCell: a cell quoted against spreadsheet formulas reads as printed. */
const restored = (c: string) => `CASE WHEN regexp_matches(${c}, '^''+[=+\\-@\\t\\r]') AND NOT regexp_matches(substr(${c}, 2), '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$') THEN substr(${c}, 2) ELSE ${c} END`;

export interface DatabaseSummary {
  file: string;
  bytes: number;
  tables: Record<string, number>;
  seconds: number;
}

/** The header of a CSV file: its column names (juesuan's are plain ASCII, never quoted). */
async function headerOf(file: string): Promise<string[] | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  const first = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0];
  return first ? first.split(',').map((h) => h.replace(/^"|"$/g, '')) : null;
}

function docOf(file: CorpusCsv, column: string): FieldDoc {
  try {
    return fieldDoc(file, column);
  } catch {
    // a column added after this dictionary: kept, as text
    return { type: 'string', zh: column, en: column };
  }
}

/** Loads one CSV into its typed table; a CSV that is missing becomes an empty table with its columns. */
async function loadTable(con: DuckDBConnection, outDir: string, name: CorpusCsv): Promise<void> {
  const file = `${outDir}/${name}.csv`;
  const columns = (await headerOf(file)) ?? [...columnsOf(name)];
  const raw = `raw_${name}`;
  const cols = `{${columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`;
  const exists = await stat(file).then(() => true, () => false);
  if (exists) {
    await con.run(`CREATE TEMP TABLE ${q(raw)} AS SELECT * FROM read_csv(${lit(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${cols})`);
  } else {
    await con.run(`CREATE TEMP TABLE ${q(raw)} (${columns.map((c) => `${q(c)} VARCHAR`).join(', ')})`);
  }
  const select: string[] = [];
  const defs: FieldDoc[] = [];
  for (const c of columns) {
    const d = docOf(name, c);
    const col = q(c);
    if (d.type === 'decimal') {
      const r = await con.runAndReadAll(`SELECT coalesce(max(length(regexp_extract(${col}, '\\.(\\d+)$', 1))), 0) AS s FROM ${q(raw)}`);
      const scale = Math.min(Number(r.getRowObjectsJS()[0].s), 10);
      select.push(`TRY_CAST(${col} AS DECIMAL(18, ${scale})) AS ${col}`, `${col} AS ${q(`${c}_printed`)}`);
    } else if (d.type === 'integer' || d.type === 'year') {
      select.push(`TRY_CAST(${col} AS INTEGER) AS ${col}`);
    } else if (d.type === 'number') {
      select.push(`TRY_CAST(${col} AS DOUBLE) AS ${col}`);
    } else {
      select.push(`${restored(col)} AS ${col}`);
    }
    defs.push(d);
  }
  await con.run(`CREATE TABLE ${q(name)} AS SELECT ${select.join(', ')} FROM ${q(raw)}`);
  await con.run(`DROP TABLE ${q(raw)}`);
  // the descriptions, in one round trip
  const comments = [`COMMENT ON TABLE ${q(name)} IS ${lit(`${FILE_DOCS[name].zh} / ${FILE_DOCS[name].en}`)}`];
  for (const [i, c] of columns.entries()) {
    const d = defs[i];
    const unit = d.unit ? `（单位 unit: ${d.unit}）` : '';
    comments.push(`COMMENT ON COLUMN ${q(name)}.${q(c)} IS ${lit(`${d.zh} / ${d.en}${unit}`)}`);
    if (d.type === 'decimal') comments.push(`COMMENT ON COLUMN ${q(name)}.${q(`${c}_printed`)} IS ${lit(`${c} 的印刷原文 / ${c} as printed`)}`);
  }
  await con.run(comments.join(';\n'));
}

const sqlValue = (v: string | null) => (v === null ? 'NULL' : lit(v));

/** The views researchers need first: one row per document, records joined to their document. */
const VIEWS = [
  `CREATE VIEW document_overview AS SELECT doc_id, department, department_id, "year", sha256, status, error_code, pages, checks_error, checks_warning, duplicate_of, duplicate_of IS NULL AS in_series, file FROM documents`,
  `CREATE VIEW fact_values AS SELECT d.department_id, d.sha256, d.duplicate_of IS NULL AS in_series, f.*, k.label_zh AS key_label_zh FROM facts f JOIN documents d USING (doc_id) LEFT JOIN fact_keys k ON regexp_matches(f."key", k.pattern)`,
  `CREATE VIEW cell_values AS SELECT d.department_id, d.sha256, d.duplicate_of IS NULL AS in_series, c.doc_id, c.department, c."year", c."table" AS table_kind, t.label_zh AS table_label_zh, c.title, c.row_code, c."row" AS row_label, c."column" AS column_path, c."value", c.value_printed, c.unit, c.page, c.source_text, c.table_no, c.row_no FROM table_cells c JOIN documents d USING (doc_id) LEFT JOIN table_kinds t ON t.kind = c."table"`,
  `CREATE VIEW line_item_values AS SELECT d.department_id, d.sha256, d.duplicate_of IS NULL AS in_series, l.* FROM line_items l JOIN documents d USING (doc_id)`,
  `CREATE VIEW basic_item_values AS SELECT d.department_id, b.doc_id, b.department, b."year", b."group" AS item_group, b.name, b.amount, b.amount_printed, b.unit, b.page FROM basic_items b JOIN documents d USING (doc_id)`,
  `CREATE VIEW check_results AS SELECT d.department, d.department_id, d."year", c.doc_id, c."check" AS check_id, c.severity, c.subject, c.expected, c.actual, c.message, c.page, c.pages FROM checks c JOIN documents d USING (doc_id)`,
];

/**
 * Builds outDir/juesuan.duckdb from outDir's documents.csv and corpus CSVs and the vocabularies: written
 * to a temporary sibling and renamed into place, so a reader never sees half a database.
 */
export async function buildDatabase(outDir: string, vocab: { factKeys: FactKeyTerm[]; tableKinds: TableKindTerm[] }): Promise<DatabaseSummary> {
  const started = performance.now();
  const target = await pathInside(outDir, [DATABASE_FILE]);
  const tmp = `${target}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  await rm(`${tmp}.wal`, { force: true });
  const instance = await DuckDBInstance.create(tmp);
  const tables: Record<string, number> = {};
  try {
    const con = await instance.connect();
    try {
      await con.run(`CREATE TABLE fact_keys ("key" VARCHAR PRIMARY KEY, label_zh VARCHAR NOT NULL, pattern VARCHAR NOT NULL, unit VARCHAR, parent VARCHAR)`);
      if (vocab.factKeys.length) await con.run(`INSERT INTO fact_keys VALUES ${vocab.factKeys.map((k) => `(${[k.key, k.label_zh, k.pattern, k.unit, k.parent].map(sqlValue).join(', ')})`).join(', ')}`);
      await con.run(`CREATE TABLE table_kinds (kind VARCHAR PRIMARY KEY, label_zh VARCHAR NOT NULL)`);
      if (vocab.tableKinds.length) await con.run(`INSERT INTO table_kinds VALUES ${vocab.tableKinds.map((k) => `(${sqlValue(k.kind)}, ${sqlValue(k.label_zh)})`).join(', ')}`);
      await con.run(`COMMENT ON TABLE fact_keys IS '事实键词表（rules/facts.yaml）/ fact-key vocabulary'`);
      await con.run(`COMMENT ON TABLE table_kinds IS '表种类词表（rules/tables.yaml）/ table-kind vocabulary'`);
      for (const name of CORPUS_CSVS) await loadTable(con, outDir, name);
      for (const v of VIEWS) await con.run(v);
      for (const name of CORPUS_CSVS) {
        const r = await con.runAndReadAll(`SELECT count(*) AS n FROM ${q(name)}`);
        tables[name] = Number(r.getRowObjectsJS()[0].n);
      }
      await con.run('CHECKPOINT');
    } finally {
      con.closeSync();
    }
  } catch (err) {
    instance.closeSync();
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
    throw err;
  }
  instance.closeSync();
  await rm(`${tmp}.wal`, { force: true });
  await rename(tmp, target);
  const bytes = (await stat(target)).size;
  return { file: target, bytes, tables, seconds: (performance.now() - started) / 1000 };
}
