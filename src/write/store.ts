/**
 * The output folder as a corpus store: which key (doc_id) each input has, and the journal of results.
 *
 * `--out/.juesuan/docs/<doc_id>` (JSON; no extension, so any doc_id fits in a segment) is one document's entry: where it was read from (path relative to
 * the working directory, sha256), with which rules and program version, and its outcome (the manifest
 * entry). It is created when the key is claimed (status `pending`), replaced atomically when the document
 * finishes (`ok` / `failed`), and is what the corpus files are rebuilt from (src/write/corpus.ts). Entries
 * are files of their own, not lines of one log, so processes on several machines sharing the folder
 * (queue mode) never write the same file at once, and a kill -9 can lose at most the document in flight.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ManifestEntry } from './output.js';
import { createExclusive, docIdOf, listInside, MAX_SEGMENT_BYTES, readInside, STORE_DIR, truncateUtf8, writeInside } from './paths.js';

const DOCS = 'docs';

/** A document's entry in the store: its manifest entry, or `pending` while it is being read. */
export type StoreEntry = Omit<ManifestEntry, 'status'> & { status: ManifestEntry['status'] | 'pending' };

/** What identifies an input to the store. */
export interface SourceId {
  /** as named on the command line (or in the job) */
  file: string;
  /** relative to the working directory of the run that named it, `/`-separated */
  path: string;
  /** null when the file could not be read at all (a FIFO, no permission…) */
  sha256: string | null;
}

export interface Claim {
  docId: string;
  /** another input of the same name holds the plain key: this one has its sha256 prefix */
  clash: boolean;
  /** the entry stored under this key before (same content, or the same path with new content) */
  previous?: StoreEntry;
}

/** `path` of an input: relative to the working directory, with `/` (what the manifest and review use). */
export function relativeSourcePath(file: string, cwd = process.cwd()): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/') || path.basename(file);
}

/**
 * The key of an input: its file name (docIdOf), or, when the store already holds another file of that
 * name (other content, other path), the name plus a short sha256 prefix (longer if that clashes too).
 * The same content or the same path gets its old key back. Claims are atomic (createExclusive), so two
 * processes, even on two machines, never get one key for two files.
 */
export async function claimKey(outDir: string, src: SourceId, template: StoreEntry): Promise<Claim> {
  const base = docIdOf(src.file).id;
  const hash = src.sha256 ?? createHash('sha256').update(src.path).digest('hex');
  const candidates = [base, ...[8, 16, 64].map((n) => `${truncateUtf8(base, MAX_SEGMENT_BYTES - n - 1)}-${hash.slice(0, n)}`)];
  for (const [i, docId] of candidates.entries()) {
    for (let tries = 0; tries < 3; tries++) {
      const previous = await readEntry(outDir, docId);
      if (previous) {
        if ((src.sha256 !== null && previous.sha256 === src.sha256) || previous.path === src.path) return { docId, clash: i > 0, previous };
        break; // another file's key
      }
      if (await createExclusive(outDir, entrySegments(docId), JSON.stringify({ ...template, file: src.file, path: src.path, sha256: src.sha256, doc_id: docId, status: 'pending' }, null, 2) + '\n')) return { docId, clash: i > 0 };
      // someone claimed it between the read and the create: read again
    }
  }
  throw new Error(`no free key for ${src.file} (every candidate of ${base} is taken)`);
}

function entrySegments(docId: string): string[] {
  return [STORE_DIR, DOCS, docId];
}

export async function readEntry(outDir: string, docId: string): Promise<StoreEntry | undefined> {
  const text = await readInside(outDir, entrySegments(docId));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as StoreEntry;
  } catch {
    return undefined; // never half-written (atomic), but a hand-edited one is not trusted
  }
}

export async function writeEntry(outDir: string, entry: StoreEntry): Promise<void> {
  await writeInside(outDir, entrySegments(entry.doc_id), JSON.stringify(entry, null, 2) + '\n');
}

/** Every finished entry of the store (pending ones are left out: their result is not there), by doc_id. */
export async function listEntries(outDir: string): Promise<ManifestEntry[]> {
  // (temporary files of atomic writes start with a dot; no doc_id does)
  const names = (await listInside(outDir, [STORE_DIR, DOCS])).filter((n) => !n.startsWith('.'));
  names.sort();
  const entries: ManifestEntry[] = [];
  for (const n of names) {
    const e = await readEntry(outDir, n);
    if (e && e.status !== 'pending') entries.push(e as ManifestEntry);
  }
  return entries;
}

/** A stored result that needs no redoing: ok, from the same bytes, rules and program version. */
export function upToDate(entry: StoreEntry | undefined, now: { sha256: string | null; rules_sha256: string; juesuan_version: string }): boolean {
  return !!entry && entry.status === 'ok' && now.sha256 !== null && entry.sha256 === now.sha256 && entry.rules_sha256 === now.rules_sha256 && entry.juesuan_version === now.juesuan_version;
}
