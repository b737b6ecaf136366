/**
 * Inputs the fuzz harness found (test/fixtures/fuzz/, named for what they trigger): two once killed the
 * whole batch, one made a document fail its schema check. In a batch with a good document, each must
 * fail alone with its code, or be read.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, type CliResult } from '../helpers/cli.js';

/** the code and message each must fail with, or null: read ok */
const EXPECTED: Record<string, { code: string; message: RegExp } | null> = {
  'unhandled-xref-entry-exception.pdf': { code: 'invalid_pdf', message: /读取时未处理的异常：XRefEntryException/ },
  'unhandled-parser-eof-exception.pdf': { code: 'invalid_pdf', message: /读取时未处理的异常：ParserEOFException/ },
  // text runs with NaN positions are dropped, not sourced (they made its facts fail the schema: write_failed)
  'nan-text-position.pdf': null,
};

describe('fuzz crashers', () => {
  let out: string;
  let r: CliResult;
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-crashers-'));
    r = await cli(['extract', fixture('fuzz'), fixture('owner-password-only.pdf'), '--out', out, '--concurrency', '2', '--ocr', 'never']);
  }, 120_000);

  it('has an expectation for every crasher kept', () => {
    expect(readdirSync(fixture('fuzz')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: fails alone with its code, or is read', async (file, want) => {
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { documents: { file: string; status: string; error: { code: string; message: string } | null }[] };
    const d = m.documents.find((x) => path.basename(x.file) === file);
    if (want === null) expect(d?.status, d?.error?.message).toBe('ok');
    else {
      expect(d?.error?.code).toBe(want.code);
      expect(d?.error?.message).toMatch(want.message);
    }
    expect(m.documents.find((x) => x.file.endsWith('owner-password-only.pdf'))?.status).toBe('ok');
  });
});
