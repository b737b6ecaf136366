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

/** A document that failed leaves no stale output from an earlier run behind (its store entry says why). */
export async function removeDocumentOutput(outDir: string, docId: string): Promise<void> {
  await removeInside(outDir, [docId]);
}

export interface ManifestEntry {
  /** as named on the command line (or by `queue add`) */
  file: string;
  doc_id: string;
  /** relative to the working directory of the run that read it, `/`-separated: what review opens */
  path: string;
  /** of the bytes read; null when the file could not be read at all */
  sha256: string | null;
  /** of the rule files the result was made with (src/rules/load.ts rulesFingerprint) */
  rules_sha256: string;
  juesuan_version: string;
  /** when the document finished (ISO time) */
  finished: string;
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
  /** peak resident memory of the process that read it, MB (null when not measured) */
  peak_rss_mb: number | null;
}

/** What a finished document's manifest entry says about its content (the document process sends only this). */
export type DocumentSummary = Pick<ManifestEntry, 'pages' | 'ocr_pages' | 'unreadable_pages' | 'records' | 'checks_failed'>;

export function summarize(doc: DocumentResult): DocumentSummary {
  return {
    pages: doc.source.pages,
    ocr_pages: doc.source.ocr,
    unreadable_pages: doc.source.unreadable_pages.map((p) => ({ page: p.page, reason: p.reason })),
    records: { facts: doc.facts.length, line_items: doc.line_items.length, basic_items: doc.basic_items.length, evaluations: doc.evaluations.length, indicators: doc.indicators.length, table_cells: doc.table_cells.length, staff: doc.staff.length, units: doc.units.length },
    checks_failed: { error: doc.checks.filter((c) => c.severity === 'error').length, warning: doc.checks.filter((c) => c.severity === 'warning').length },
  };
}

/** The whole store: every document in the output folder, whichever run (or worker) read it. */
export interface Manifest {
  juesuan_version: string;
  /** the run that last rebuilt the corpus files */
  started: string;
  finished: string;
  rules_dir: string;
  /** every finished document of the store, by doc_id */
  documents: ManifestEntry[];
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  await writeInside(outDir, ['manifest.json'], JSON.stringify(manifest, null, 2) + '\n');
}

export { CSV_NAMES };
