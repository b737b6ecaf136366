import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, root } from '../helpers/cli.js';

const BAD = ['bad-not-a-pdf.pdf', 'bad-truncated.pdf', 'bad-user-password.pdf', 'bad-no-pages.pdf', 'not-a-report.pdf', 'garbled-text-layer.pdf'];

describe('juesuan extract on a batch with bad inputs', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-cli-'));
    result = await cli(['extract', fixture('other-dept-2019.pdf'), ...BAD.map(fixture), fixture('owner-password-only.pdf'), '--out', out, '--concurrency', '2']);
  }, 120_000);

  it('finishes the batch and exits 0 without --strict', () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}.*other-dept-2019\.pdf: \d+ 页，事实 \d+ 条/m);
    expect(result.stdout).toMatch(/^ok {3}.*owner-password-only\.pdf/m);
  });

  it('gives each bad file a one-line reason naming it, in stdout and the manifest', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { documents: { file: string; status: string; error: { code: string; message: string } | null }[] };
    const byFile = Object.fromEntries(manifest.documents.map((d) => [path.basename(d.file), d]));
    const expected: Record<string, string> = {
      'bad-not-a-pdf.pdf': 'not_pdf',
      'bad-truncated.pdf': 'invalid_pdf',
      'bad-user-password.pdf': 'password_required',
      'bad-no-pages.pdf': 'no_pages',
      'not-a-report.pdf': 'not_a_report',
    };
    for (const [file, code] of Object.entries(expected)) {
      expect(byFile[file]?.status, file).toBe('failed');
      expect(byFile[file]?.error?.code, file).toBe(code);
      expect(byFile[file]?.error?.message).toContain(file);
      const line = result.stdout.split('\n').find((l) => l.startsWith('FAIL') && l.includes(file));
      expect(line, file).toBeDefined();
    }
    expect(byFile['other-dept-2019.pdf'].status).toBe('ok');
    expect(byFile['owner-password-only.pdf'].status).toBe('ok');
  });

  it('reads a garbled text layer by OCR and says so in the manifest', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { documents: { file: string; status: string; ocr_pages: { page: number; reason: string }[] }[] };
    const garbled = manifest.documents.find((d) => d.file.endsWith('garbled-text-layer.pdf'))!;
    expect(garbled.status).toBe('ok');
    expect(garbled.ocr_pages.map((p) => p.page)).toEqual([1, 2]);
    expect(garbled.ocr_pages[0].reason).toMatch(/ToUnicode/);
  });

  it('writes the per-document files and the corpus CSVs, with no output for failed documents', async () => {
    const top = await readdir(out);
    for (const f of ['facts.csv', 'line_items.csv', 'basic_items.csv', 'evaluations.csv', 'evaluation_funds.csv', 'indicators.csv', 'checks.csv', 'manifest.json']) expect(top).toContain(f);
    expect(top).toContain('other-dept-2019');
    expect(top).not.toContain('bad-truncated');
    const facts = await readFile(path.join(out, 'facts.csv'), 'utf8');
    expect(facts.split('\n')[0]).toBe('doc_id,department,year,section,key,label,amount,unit,change,change_pct,share_pct,variance_pct,budget,completion_pct,parent,page,source_text,x0,y0,x1,y1,budget_basis,code,item_no,restates');
    expect(facts.charCodeAt(0)).not.toBe(0xfeff);
    const doc = JSON.parse(await readFile(path.join(out, 'other-dept-2019', 'document.json'), 'utf8')) as { meta: { year: number } };
    expect(doc.meta.year).toBe(2019);
    // no temporary files left behind by the atomic writes
    expect((await readdir(path.join(out, 'other-dept-2019'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('with --ocr never reports a garbled document as unreadable instead', async () => {
    const out3 = await mkdtemp(path.join(os.tmpdir(), 'juesuan-cli-'));
    const r = await cli(['extract', fixture('garbled-text-layer.pdf'), '--out', out3, '--ocr', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FAIL .*garbled-text-layer\.pdf: 没有一页有可用的文字层.*OCR disabled/m);
  }, 60_000);

  it('exits 1 with --strict when a document failed, and writes a BOM with --bom', async () => {
    const out2 = await mkdtemp(path.join(os.tmpdir(), 'juesuan-cli-'));
    const r = await cli(['extract', fixture('bad-not-a-pdf.pdf'), fixture('owner-password-only.pdf'), '--out', out2, '--strict', '--bom']);
    expect(r.code).toBe(1);
    expect((await readFile(path.join(out2, 'facts.csv'), 'utf8')).charCodeAt(0)).toBe(0xfeff);
  }, 60_000);

  it('exits 2 naming the file and line of a bad rule file', async () => {
    const rules = await mkdtemp(path.join(os.tmpdir(), 'juesuan-rules-'));
    for (const f of await readdir(path.join(root, 'rules'))) await writeFile(path.join(rules, f), await readFile(path.join(root, 'rules', f)));
    const facts = await readFile(path.join(rules, 'facts.yaml'), 'utf8');
    await writeFile(path.join(rules, 'facts.yaml'), facts.replace('{key: income_total,', '{key: Income-Total,'));
    const r = await cli(['extract', fixture('owner-password-only.pdf'), '--rules', rules, '--out', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/facts\.yaml:\d+: .*facts\.\d+\.key/);
  }, 60_000);

  it('prints help', async () => {
    const r = await cli(['extract', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--concurrency');
  });
});
