/**
 * Reads a corpus from an output folder (extract --out): manifest.json, each ok document's document.json
 * (its meta and source: department, year, sha256) and the corpus CSVs. Only the files are read, so
 * whatever wrote them (one run, or the corpus store rebuilt across runs) the result is the same.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../diff/load.js';
import type { Manifest } from '../write/output.js';
import type { CorpusDocument } from './identity.js';

export type CsvRow = Record<string, string>;

export async function readManifest(outDir: string): Promise<Manifest> {
  const file = path.join(outDir, 'manifest.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) throw new Error(`${file}: no manifest.json (is ${outDir} the output folder of juesuan extract?)`);
  return JSON.parse(text) as Manifest;
}

interface DocumentJson {
  source?: { sha256?: string; pages?: number };
  meta?: { department?: string | null; year?: number | null; published?: string | null };
}

/** One document per manifest entry; an ok document's department, year and sha256 from its document.json. */
export async function corpusDocuments(outDir: string, manifest: Manifest): Promise<CorpusDocument[]> {
  return Promise.all(
    manifest.documents.map(async (e): Promise<CorpusDocument> => {
      let doc: DocumentJson = {};
      if (e.status === 'ok') {
        const text = await readFile(path.join(outDir, e.doc_id, 'document.json'), 'utf8').catch(() => null);
        if (text !== null) doc = JSON.parse(text) as DocumentJson;
      }
      const sha = (e as { sha256?: string }).sha256 ?? doc.source?.sha256 ?? null;
      return {
        doc_id: e.doc_id,
        file: e.file,
        status: e.status,
        error_code: e.error?.code ?? null,
        department: doc.meta?.department ?? null,
        year: doc.meta?.year ?? null,
        published: doc.meta?.published ?? null,
        sha256: sha,
        pages: e.pages ?? doc.source?.pages ?? null,
        checks_error: e.checks_failed?.error ?? null,
        checks_warning: e.checks_failed?.warning ?? null,
      };
    }),
  );
}

/** The rows of outDir/<name>.csv as printed (formula quotes undone); none when the file is missing. */
export async function readCorpusCsv(outDir: string, name: string): Promise<CsvRow[]> {
  const text = await readFile(path.join(outDir, `${name}.csv`), 'utf8').catch(() => null);
  if (text === null) return [];
  return (await parseCsv(text.replace(/^\ufeff/, ''))).rows;
}
