import type { DocumentResult } from '../pipeline.js';
import { validateDocument } from '../validate/schemas.js';
import { removeInside, writeInside } from './paths.js';
import { CSV_COLUMNS, csvRows, toCsv, type CsvName } from './csv.js';

const CSV_NAMES = Object.keys(CSV_COLUMNS) as CsvName[];

/** Writes extracted/<doc_id>/: document.json (schema-checked first) and the seven CSVs. */
export async function writeDocument(outDir: string, doc: DocumentResult, bom: boolean): Promise<void> {
  const json = validateDocument(doc);
  const rows = csvRows(doc);
  await writeInside(outDir, [doc.doc_id, 'document.json'], JSON.stringify(json, null, 2) + '\n');
  for (const name of CSV_NAMES) await writeInside(outDir, [doc.doc_id, `${name}.csv`], await toCsv(name, rows[name], bom));
}

/** A document that failed leaves no stale output from an earlier run behind. */
export async function removeDocumentOutput(outDir: string, docId: string): Promise<void> {
  await removeInside(outDir, [docId]);
}

/** The corpus-level CSVs: every document's rows, concatenated in input order. */
export async function writeCorpus(outDir: string, docs: DocumentResult[], bom: boolean): Promise<void> {
  const all = docs.map(csvRows);
  for (const name of CSV_NAMES) {
    await writeInside(outDir, [`${name}.csv`], await toCsv(name, all.flatMap((r) => r[name]), bom));
  }
}

export interface ManifestEntry {
  file: string;
  doc_id: string;
  status: 'ok' | 'failed';
  error: { code: string; message: string } | null;
  /** codes of what a user should know about an ok (or failed) document; README "Warnings" lists them */
  warnings: string[];
  pages: number | null;
  /** pages read by OCR, with why, their DPI, time and mean confidence */
  ocr_pages: import('../pipeline.js').OcrPageReport[];
  unreadable_pages: { page: number; reason: string }[];
  records: { facts: number; line_items: number; basic_items: number; evaluations: number; indicators: number; table_cells: number; staff: number; units: number } | null;
  checks_failed: { error: number; warning: number } | null;
  seconds: number;
}

export interface Manifest {
  juesuan_version: string;
  started: string;
  finished: string;
  rules_dir: string;
  documents: ManifestEntry[];
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  await writeInside(outDir, ['manifest.json'], JSON.stringify(manifest, null, 2) + '\n');
}
