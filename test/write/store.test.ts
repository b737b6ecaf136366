/** The corpus store's keys and journal (src/write/store.ts) and the corpus files rebuilt from it (src/write/corpus.ts). */
import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { rebuildCorpus } from '../../src/write/corpus.js';
import type { ManifestEntry } from '../../src/write/output.js';
import { claimKey, listEntries, relativeSourcePath, upToDate, writeEntry, type StoreEntry } from '../../src/write/store.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);

function entry(docId: string, over: Partial<ManifestEntry> = {}): ManifestEntry {
  return { file: `${docId}.pdf`, doc_id: docId, path: `${docId}.pdf`, sha256: SHA_A, rules_sha256: 'r', juesuan_version: '1', finished: '', status: 'ok', error: null, warnings: [], pages: 1, ocr_pages: [], unreadable_pages: [], records: null, checks_failed: null, seconds: 0, peak_rss_mb: null, ...over };
}
const template = entry('') as StoreEntry;

describe('claimKey', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-store-'));
  });

  it('gives a second file of the same name its sha256 prefix, and each file its own key back', async () => {
    const first = await claimKey(out, { file: '2023/附件1.pdf', path: '2023/附件1.pdf', sha256: SHA_A }, template);
    expect(first).toEqual({ docId: '附件1', clash: false });
    const second = await claimKey(out, { file: '2024/附件1.pdf', path: '2024/附件1.pdf', sha256: SHA_B }, template);
    expect(second).toEqual({ docId: '附件1-bbbbbbbb', clash: true });
    // the same content under another folder is the same document; the same path with new content too
    expect((await claimKey(out, { file: 'copy/附件1.pdf', path: 'copy/附件1.pdf', sha256: SHA_B }, template)).docId).toBe('附件1-bbbbbbbb');
    expect((await claimKey(out, { file: '2023/附件1.pdf', path: '2023/附件1.pdf', sha256: SHA_C }, template)).docId).toBe('附件1');
    // a third file of that name
    expect((await claimKey(out, { file: '2025/附件1.pdf', path: '2025/附件1.pdf', sha256: SHA_C.replace(/^c/, 'd') }, template)).docId).toBe('附件1-dccccccc');
  });

  it('never gives one key to two files claiming at once', async () => {
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => claimKey(out, { file: `d${i}/r.pdf`, path: `d${i}/r.pdf`, sha256: i.toString(16).repeat(64) }, template)));
    expect(new Set(claims.map((c) => c.docId)).size).toBe(12);
    expect(claims.filter((c) => !c.clash)).toHaveLength(1);
  });

  it('keeps an unreadable input (no sha256) apart by its path', async () => {
    const a = await claimKey(out, { file: 'x/fifo.pdf', path: 'x/fifo.pdf', sha256: null }, template);
    const b = await claimKey(out, { file: 'y/fifo.pdf', path: 'y/fifo.pdf', sha256: null }, template);
    expect(a.docId).toBe('fifo');
    expect(b.docId).toMatch(/^fifo-[0-9a-f]{8}$/);
    expect((await claimKey(out, { file: 'x/fifo.pdf', path: 'x/fifo.pdf', sha256: null }, template)).docId).toBe('fifo');
  });
});

describe('upToDate', () => {
  const now = { sha256: SHA_A, rules_sha256: 'r', juesuan_version: '1' };
  it('is true only for an ok result of the same bytes, rules and version', () => {
    expect(upToDate(entry('a'), now)).toBe(true);
    expect(upToDate(entry('a', { sha256: SHA_B }), now)).toBe(false);
    expect(upToDate(entry('a', { rules_sha256: 'other' }), now)).toBe(false);
    expect(upToDate(entry('a', { juesuan_version: '2' }), now)).toBe(false);
    expect(upToDate(entry('a', { status: 'failed' }), now)).toBe(false);
    expect(upToDate({ ...entry('a'), status: 'pending' }, now)).toBe(false);
    expect(upToDate(undefined, now)).toBe(false);
  });
});

describe('rebuildCorpus', () => {
  it('lists every finished entry and concatenates the ok documents’ CSVs, header once, BOMs dropped', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-corpus-'));
    const header = 'doc_id,check,severity,subject,expected,actual,message,page,pages';
    for (const [id, bom] of [['b', true], ['a', false]] as const) {
      await mkdir(path.join(out, id));
      await writeFile(path.join(out, id, 'checks.csv'), `${bom ? '\ufeff' : ''}${header}\n${id},c1,error,s,1,2,"多行\n消息",3,3\n`);
      await writeEntry(out, entry(id));
    }
    await writeEntry(out, entry('f', { status: 'failed', error: { code: 'not_pdf', message: 'f.pdf: not a PDF' } }));
    await writeEntry(out, { ...entry('p'), status: 'pending' });
    const m = await rebuildCorpus(out, { juesuan_version: '1', rules_dir: 'rules', started: 'now', bom: false });
    expect(m.documents.map((d) => [d.doc_id, d.status])).toEqual([['a', 'ok'], ['b', 'ok'], ['f', 'failed']]);
    expect(await readFile(path.join(out, 'checks.csv'), 'utf8')).toBe(`${header}\na,c1,error,s,1,2,"多行\n消息",3,3\nb,c1,error,s,1,2,"多行\n消息",3,3\n`);
    // a document without rows of a kind adds none; every corpus CSV has its header
    expect(await readFile(path.join(out, 'facts.csv'), 'utf8')).toMatch(/^doc_id,department,year,section,key,[^\n]*\n$/);
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')).documents).toHaveLength(3);
    expect((await listEntries(out)).map((e) => e.doc_id)).toEqual(['a', 'b', 'f']);
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('relativeSourcePath', () => {
  it('is relative to the working directory, with /', () => {
    expect(relativeSourcePath('/data/raw/a.pdf', '/data')).toBe('raw/a.pdf');
    expect(relativeSourcePath('raw/a.pdf', '/data')).toBe('raw/a.pdf');
    expect(relativeSourcePath('/elsewhere/a.pdf', '/data')).toBe('../elsewhere/a.pdf');
  });
});
