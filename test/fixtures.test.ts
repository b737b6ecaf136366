/**
 * The fixtures are what test/fixtures/README.md says they are: the files listed there, with those
 * sha256 prefixes; truth files whose arithmetic holds except for the documented mistakes; generated
 * PDFs whose text layer says what the truth and the README say. Needs no font (PDFs are committed).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks, type Truth } from '../scripts/fixtures/truth.js';
import { foldText, readPdfText } from '../scripts/fixtures/pdfjs-text.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (f: string) => readFileSync(path.join(DIR, f));
const truthOf = (f: string) => JSON.parse(read(f).toString('utf8')) as Truth;

interface Row {
  id: string;
  file: string;
  sha: string;
}

function manifest(): Row[] {
  const rows: Row[] = [];
  for (const line of read('README.md').toString('utf8').split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| id ')) continue;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    rows.push({ id: cells[1], file: cells[2], sha: cells[3] });
  }
  return rows;
}

/** the checks each truth file is known to fail: "check path" */
const EXPECTED_FAILURES: Record<string, string[]> = {
  // real mistakes in the published 2021 report, kept as printed (see README "Notes")
  'urumqi-gxj-2021.truth.json': [
    'basic_items_sum 公用经费',
    'change_pct admin_running_cost',
    'change_pct daily_public_cost_unit_2',
    'line_items_sum gpb_expense_total',
    'table5_matches_narrative table5_total',
    'variance_pct fiscal_expense_budget_initial',
    'variance_pct fiscal_income_budget_initial',
  ],
};
// the scanned form prints the same report
EXPECTED_FAILURES['urumqi-gxj-2021-scan300.truth.json'] = EXPECTED_FAILURES['urumqi-gxj-2021.truth.json'];
EXPECTED_FAILURES['urumqi-gxj-2021-scan200-noisy.truth.json'] = EXPECTED_FAILURES['urumqi-gxj-2021.truth.json'];

describe('fixture manifest', () => {
  const rows = manifest();

  it('lists every file in test/fixtures exactly once', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md').sort();
    expect(rows.map((r) => r.file).sort()).toEqual(files);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it.each(manifest().map((r) => [r.file, r.sha]))('%s has sha256 %s…', (file, sha) => {
    expect(sha).toMatch(/^[0-9a-f]{12}$/);
    expect(createHash('sha256').update(read(file)).digest('hex').slice(0, 12)).toBe(sha);
  });
});

describe('truth files', () => {
  const truthFiles = readdirSync(DIR).filter((f) => f.endsWith('.truth.json'));

  it.each(truthFiles)('%s has the schema and unique fact keys', (file) => {
    const t = truthOf(file);
    expect(Object.keys(t.doc).sort()).toEqual(['department', 'id', 'published', 'year']);
    expect(t.doc.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // a truth restricted to some pages of its report (source_pages) has the staff printed there only
    const staff = ['in_service', 'retired_li', 'retired_tui', 'total'];
    if ((t as { source_pages?: number[] }).source_pages) expect(staff).toEqual(expect.arrayContaining(Object.keys(t.staff)));
    else expect(Object.keys(t.staff).sort()).toEqual(staff);
    expect(t.units.map((u) => u.seq)).toEqual(t.units.map((_, i) => i + 1));
    expect(new Set(t.facts.map((f) => f.key)).size).toBe(t.facts.length);
    const dec = /^-?\d+(\.\d+)?$/;
    for (const f of t.facts) {
      expect(f.amount, f.key).toMatch(dec);
      for (const v of [f.change, f.change_pct, f.share_pct, f.variance_pct]) if (v != null) expect(v, f.key).toMatch(dec);
    }
    for (const l of [...t.line_items, ...t.basic_items]) expect(l.amount).toMatch(dec);
    expect(Array.isArray(t.evaluations)).toBe(true);
  });

  it.each(truthFiles)('%s: arithmetic holds except for its documented mistakes', (file) => {
    const t = truthOf(file);
    const failing = runChecks(t)
      .map((f) => `${f.check} ${f.path}`)
      .sort();
    // generated truth files document their deliberate mistakes as "<check> <path>: explanation"
    const documented = t.known_inconsistencies
      ? t.known_inconsistencies.map((s) => s.split(':')[0]).sort()
      : EXPECTED_FAILURES[file];
    expect(documented, `no expected failures recorded for ${file}`).toBeDefined();
    expect(failing).toEqual(documented);
  });

  it('other-dept-2019 has exactly one deliberate inconsistency', () => {
    expect(truthOf('other-dept-2019.truth.json').known_inconsistencies).toHaveLength(1);
  });

  it('other-dept-2019 uses the sample truth vocabulary (same keys → same label, section, unit)', () => {
    const sample = new Map(truthOf('urumqi-gxj-2021.truth.json').facts.map((f) => [f.key, f]));
    const t = truthOf('other-dept-2019.truth.json');
    for (const f of t.facts) {
      if (f.key.startsWith('three_public_reception_item_')) continue; // labels are the items' own
      const s = sample.get(f.key);
      expect(s, `key ${f.key} not in the sample truth`).toBeDefined();
      expect([f.label, f.section, f.unit, f.parent], f.key).toEqual([s!.label, s!.section, s!.unit, s!.parent]);
      expect(Object.keys(f), f.key).toEqual(Object.keys(s!));
    }
  });
});

describe('generated PDFs (read with pdf.js)', () => {
  it('other-dept-2019.pdf prints every line item, basic item, staff count and unit of its truth', async () => {
    const r = await readPdfText(read('other-dept-2019.pdf'));
    expect(r.ok).toBe(true);
    // both sides folded the same way (NFKC also turns （，： into ASCII (,:)
    const text = foldText(r.pages!.join(''));
    const has = (s: string, msg?: string) => expect(text, msg).toContain(foldText(s));
    const t = truthOf('other-dept-2019.truth.json');
    for (const l of t.line_items) has(`${l.code}${l.name}${l.amount}`);
    for (const b of t.basic_items) has(`${b.name}${b.amount}万元`);
    const s = t.staff;
    has(`实有人数${s.total}人，其中：在职人员${s.in_service}人，离休人员${s.retired_li}人，退休人员${s.retired_tui}人`);
    for (const u of t.units) has(`${u.seq}${u.name}${u.kind}`);
    for (const f of t.facts) has(f.amount, f.key);
    has('2020年9月15日');
  });

  it('garbled-text-layer.pdf has a text layer with no Chinese in it', async () => {
    const r = await readPdfText(read('garbled-text-layer.pdf'));
    expect(r.ok).toBe(true);
    const text = r.pages!.join('');
    expect(text.replace(/\s/g, '').length).toBeGreaterThan(100);
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });

  it('owner-password-only.pdf opens without a password; bad-user-password.pdf needs one', async () => {
    const owner = await readPdfText(read('owner-password-only.pdf'));
    expect(owner.ok).toBe(true);
    expect(foldText(owner.pages!.join(''))).toContain(foldText('一、收入支出决算总体情况说明'));
    const user = await readPdfText(read('bad-user-password.pdf'));
    expect(user).toMatchObject({ ok: false, error: 'PasswordException' });
    const withPw = await readPdfText(read('bad-user-password.pdf'), 'juesuan-user');
    expect(withPw.ok).toBe(true);
  });

  it('bad-not-a-pdf.pdf is rejected as invalid', async () => {
    expect(await readPdfText(read('bad-not-a-pdf.pdf'))).toMatchObject({ ok: false, error: 'InvalidPDFException' });
  });

  it('not-a-report.pdf is readable Chinese text without report structure', async () => {
    const r = await readPdfText(read('not-a-report.pdf'));
    const text = foldText(r.pages!.join(''));
    expect(text).toContain('放假安排的通知');
    expect(text).not.toMatch(/部门决算|第二部分|万元/);
  });
});
