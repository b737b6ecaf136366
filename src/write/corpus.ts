/**
 * The corpus-level files of an output folder, rebuilt from what the store holds (src/write/store.ts):
 * manifest.json lists every finished document, the top-level CSVs concatenate every ok document's own
 * CSVs. Each run (and each queue worker when its queue is drained) ends with rebuildCorpus, so the corpus
 * files always describe the whole folder, never only the last run. The CSVs are streamed file by file
 * (memory does not grow with the corpus) and each replaces the old one in one rename: a reader, or a run
 * killed halfway, sees the old file or the whole new one.
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CSV_COLUMNS, type CsvName } from './csv.js';
import { CSV_NAMES, writeManifest, type Manifest, type ManifestEntry } from './output.js';
import { readPathInside, streamInside } from './paths.js';
import { listEntries } from './store.js';

export interface CorpusRun {
  juesuan_version: string;
  rules_dir: string;
  /** when the run started */
  started: string;
  bom: boolean;
}

/** Writes manifest.json from the store's entries (also the journal written while a run goes on). */
export async function writeStoreManifest(outDir: string, run: CorpusRun, entries?: ManifestEntry[]): Promise<Manifest> {
  const manifest: Manifest = {
    juesuan_version: run.juesuan_version,
    started: run.started,
    finished: new Date().toISOString(),
    rules_dir: run.rules_dir,
    documents: entries ?? (await listEntries(outDir)),
  };
  await writeManifest(outDir, manifest);
  return manifest;
}

/** Rebuilds every corpus file of the folder from the per-document results: the CSVs, then the manifest. */
export async function rebuildCorpus(outDir: string, run: CorpusRun): Promise<Manifest> {
  const entries = await listEntries(outDir);
  const ok = entries.filter((e) => e.status === 'ok').map((e) => e.doc_id);
  for (const name of CSV_NAMES) {
    await streamInside(outDir, [`${name}.csv`], async (out) => {
      await write(out, (run.bom ? '\ufeff' : '') + CSV_COLUMNS[name].join(',') + '\n');
      for (const docId of ok) await appendRows(out, outDir, docId, name);
    });
  }
  return writeStoreManifest(outDir, run, entries);
}

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A document's CSV without its header line (and its BOM), streamed. A missing file adds nothing. */
async function appendRows(out: Writable, outDir: string, docId: string, name: CsvName): Promise<void> {
  let file: string;
  try {
    file = await readPathInside(outDir, [docId, `${name}.csv`]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  let header = true;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      let c = chunk;
      if (header) {
        const nl = c.indexOf(10);
        if (nl < 0) continue;
        c = c.subarray(nl + 1);
        header = false;
      }
      if (c.length) await write(out, c);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
}
