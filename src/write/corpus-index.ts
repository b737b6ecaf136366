/**
 * What is built over the whole output folder once the corpus CSVs and manifest.json are written (end of
 * `juesuan extract`): the documents' identities (documents.csv; duplicate reports flagged in manifest.json),
 * the data dictionary (datapackage.json) and the typed database (juesuan.duckdb). A function of the files
 * alone, so it composes with however the corpus files were made.
 */
import { corpusDocuments, readManifest } from '../corpus/load.js';
import { identify, type DuplicateReport } from '../corpus/identity.js';
import { DOCUMENT_COLUMNS } from '../corpus/fields.js';
import { factKeyVocabulary, tableKindVocabulary } from '../corpus/vocabulary.js';
import type { Rules } from '../rules/schema.js';
import { csvText } from './csv.js';
import { buildDatabase, type DatabaseSummary } from './database.js';
import { DATAPACKAGE_FILE, dataPackage } from './datapackage.js';
import { writeManifest, type Manifest } from './output.js';
import { writeInside } from './paths.js';

export const DUPLICATE_WARNING = 'duplicate_report';

export interface CorpusIndex {
  duplicates: DuplicateReport[];
  database: DatabaseSummary;
}

export async function indexCorpus(outDir: string, rules: Pick<Rules, 'facts' | 'tables' | 'departments'>, opts: { bom: boolean; version: string }): Promise<CorpusIndex> {
  const manifest = await readManifest(outDir);
  const { documents, duplicates } = identify(await corpusDocuments(outDir, manifest), rules.departments);
  await writeInside(outDir, ['documents.csv'], csvText(DOCUMENT_COLUMNS, documents.map((d) => ({ ...d })), opts.bom));
  await writeManifest(outDir, withDuplicates(manifest, duplicates));
  const vocab = { factKeys: factKeyVocabulary(rules), tableKinds: tableKindVocabulary(rules) };
  await writeInside(outDir, [DATAPACKAGE_FILE], JSON.stringify(dataPackage(vocab, opts.version), null, 2) + '\n');
  const database = await buildDatabase(outDir, vocab);
  return { duplicates, database };
}

/** The manifest with `duplicate_reports` and each such document's `duplicate_report` warning (idempotent). */
export function withDuplicates(manifest: Manifest, duplicates: DuplicateReport[]): Manifest & { duplicate_reports: DuplicateReport[] } {
  const dup = new Set(duplicates.flatMap((d) => d.doc_ids));
  return {
    ...manifest,
    documents: manifest.documents.map((e) => ({ ...e, warnings: [...e.warnings.filter((w) => w !== DUPLICATE_WARNING), ...(dup.has(e.doc_id) ? [DUPLICATE_WARNING] : [])] })),
    duplicate_reports: duplicates,
  };
}
