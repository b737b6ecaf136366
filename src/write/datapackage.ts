/**
 * extracted/datapackage.json: the data dictionary of the corpus CSVs as a Frictionless Data Package
 * (https://specs.frictionlessdata.io/data-package/, tabular: Table Schema per resource). A resource per
 * CSV, every field with its type, unit and description in Chinese and English, primary keys, foreign
 * keys to the documents resource, and the vocabularies of fact keys and table kinds with their Chinese
 * names, taken from the rule files. Built from src/corpus/fields.ts, the same table the database uses.
 */
import { CORPUS_CSVS, FILE_DOCS, columnsOf, fieldDoc, type CorpusCsv, type FieldType } from '../corpus/fields.js';
import type { FactKeyTerm, TableKindTerm } from '../corpus/vocabulary.js';

export const DATAPACKAGE_FILE = 'datapackage.json';

/**
 * Primary keys where the columns are unique by construction; facts, line items, basic items and checks
 * have none (a report may print one statement twice, a check may fail twice on one subject), nor table
 * cells (the side-by-side groups of a 基本支出 table print one column name twice on one row).
 */
const PRIMARY_KEYS: Partial<Record<CorpusCsv, string[]>> = {
  documents: ['doc_id'],
  evaluations: ['doc_id', 'eval_no'],
  evaluation_funds: ['doc_id', 'eval_no', 'row'],
};

/** Frictionless field types for ours: decimals are `number` as printed (plain ASCII, no separators). */
const FRICTIONLESS_TYPE: Record<FieldType, string> = { string: 'string', decimal: 'number', integer: 'integer', year: 'integer', number: 'number' };

export interface TableField {
  name: string;
  type: string;
  title: string;
  description: string;
  description_zh: string;
  unit?: string;
  /** juesuan's own type: decimal = number at the printed scale (DECIMAL in juesuan.duckdb) */
  'juesuan:type': FieldType;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}

export interface DataResource {
  name: string;
  path: string;
  profile: 'tabular-data-resource';
  format: 'csv';
  mediatype: 'text/csv';
  encoding: 'utf-8';
  title: string;
  description: string;
  dialect: { delimiter: ','; quoteChar: '"'; doubleQuote: true; header: true };
  schema: {
    fields: TableField[];
    missingValues: [''];
    primaryKey?: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

export interface DataPackage {
  profile: 'tabular-data-package';
  name: string;
  title: string;
  description: string;
  resources: DataResource[];
  /** the vocabularies of `facts.key` and `table_cells.table`, from the rule files */
  vocabularies: { fact_keys: FactKeyTerm[]; table_kinds: TableKindTerm[] };
}

/** One alternation of every key pattern: what facts.key must match. */
function keyPattern(keys: FactKeyTerm[]): string {
  return `^(${keys.map((k) => k.pattern.replace(/^\^|\$$/g, '')).join('|')})$`;
}

export function dataPackage(vocab: { factKeys: FactKeyTerm[]; tableKinds: TableKindTerm[] }, version: string): DataPackage {
  const resources = CORPUS_CSVS.map((name): DataResource => {
    const fields = columnsOf(name).map((c): TableField => {
      const d = fieldDoc(name, c);
      const f: TableField = { name: c, type: FRICTIONLESS_TYPE[d.type], title: d.zh.split(/[（：，]/)[0], description: d.en, description_zh: d.zh, 'juesuan:type': d.type };
      if (d.unit) f.unit = d.unit;
      if (c === 'doc_id') f.constraints = { required: true };
      if (name === 'facts' && c === 'key') f.constraints = { required: true, pattern: keyPattern(vocab.factKeys) };
      if (name === 'table_cells' && c === 'table') f.constraints = { required: true, enum: vocab.tableKinds.map((k) => k.kind) };
      if (name === 'documents' && c === 'status') f.constraints = { required: true, enum: ['ok', 'failed'] };
      if (name === 'checks' && c === 'severity') f.constraints = { required: true, enum: ['error', 'warning'] };
      return f;
    });
    const pk = PRIMARY_KEYS[name];
    return {
      name,
      path: `${name}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      title: FILE_DOCS[name].zh,
      description: FILE_DOCS[name].en,
      dialect: { delimiter: ',', quoteChar: '"', doubleQuote: true, header: true },
      schema: {
        fields,
        missingValues: [''],
        ...(pk ? { primaryKey: pk } : {}),
        ...(name === 'documents' ? {} : { foreignKeys: [{ fields: ['doc_id'], reference: { resource: 'documents', fields: ['doc_id'] } }] }),
      },
    };
  });
  return {
    profile: 'tabular-data-package',
    name: 'juesuan-corpus',
    title: '部门决算语料（juesuan 提取）',
    description: `Records extracted by juesuan ${version} from 部门决算 (final-accounts) reports: amounts as printed (万元 unless unit says otherwise), each with page and source text. Cells quoted against spreadsheet formulas start with ' (README, Safety).`,
    resources,
    vocabularies: { fact_keys: vocab.factKeys, table_kinds: vocab.tableKinds },
  };
}
