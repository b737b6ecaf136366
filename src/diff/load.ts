/** Reads one side of a diff: an extraction directory, a document.json, or one of the CSV files. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseString } from 'fast-csv';
import { restoreCell } from '../write/csv.js';
import { loadDocument, recordKinds, type ExtractionDoc } from '../review/doc.js';
import { flatten, type Side } from './diff.js';
import type { FlatRecord } from './keys.js';

/** Columns every CSV row repeats for concatenation; they describe the document, not the record. */
const DOC_COLUMNS = new Set(['doc_id', 'department', 'year']);

/** A column only one kind of CSV has, to recognise a renamed file (facts.fixed.csv is still facts). */
const KIND_BY_COLUMN: [string, string][] = [
  ['check', 'checks'],
  ['key', 'facts'],
  ['code', 'line_items'],
  ['group', 'basic_items'],
  ['level1', 'indicators'],
  ['row', 'evaluation_funds'],
  ['supervisor', 'evaluations'],
];

export async function loadSide(p: string): Promise<Side> {
  const s = await stat(p);
  if (!s.isDirectory() && /\.csv$/i.test(p)) return loadCsv(p);
  return sideOfDocument(p, (await loadDocument(p)).doc);
}

export function sideOfDocument(name: string, doc: ExtractionDoc): Side {
  const kinds: Side['kinds'] = {};
  for (const { kind, records } of recordKinds(doc)) kinds[kind] = { columns: null, rows: records.map((r) => flatten(r)) };
  kinds.checks = { columns: null, rows: (doc.checks ?? []).map((c) => flatten({ ...c })) };
  kinds.meta = { columns: null, rows: [flatten({ doc_id: doc.doc_id, ...(doc.meta ?? {}) })] };
  return { name, kinds };
}

async function loadCsv(file: string): Promise<Side> {
  const text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  const { headers, rows } = await parseCsv(text);
  const kind = csvKind(path.basename(file), headers);
  if (!kind) throw new Error(`${file}: cannot tell which records this CSV holds (name it facts.csv, line_items.csv, …)`);
  const columns = headers.filter((h) => !DOC_COLUMNS.has(h));
  return { name: file, kinds: { [kind]: { columns, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? '']))) } } };
}

export function csvKind(fileName: string, headers: string[]): string | undefined {
  const byName = /^(facts|line_items|basic_items|evaluations|evaluation_funds|indicators|checks)\b/.exec(fileName)?.[1];
  return byName ?? KIND_BY_COLUMN.find(([col]) => headers.includes(col))?.[1];
}

export function parseCsv(text: string): Promise<{ headers: string[]; rows: FlatRecord[] }> {
  return new Promise((resolve, reject) => {
    let headers: string[] = [];
    const rows: FlatRecord[] = [];
    parseString<FlatRecord, FlatRecord>(text, { headers: true })
      .on('headers', (h: string[]) => {
        headers = h;
      })
      .on('error', reject)
      // juesuan's CSVs quote cells a spreadsheet would run as formulas (src/write/csv.ts): read them back as printed
      .on('data', (r: FlatRecord) => rows.push(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? restoreCell(v) : v]))))
      .on('end', () => resolve({ headers, rows }));
  });
}
