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
import { isNtTruth, NT_CHECK_IDS, runNtChecks, runChecks, type NtTruth, type Truth } from '../scripts/fixtures/truth.js';
import { foldText, readPdfText } from '../scripts/fixtures/pdfjs-text.js';
import { foldPage, missingFromText, quotes } from '../scripts/fixtures/nt-fixtures.js';
import { PLANTS } from '../scripts/fixtures/nt-qinglan-2023.js';

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

  it('lists every file in test/fixtures exactly once (files in subfolders as folder/file)', () => {
    const files = (readdirSync(DIR, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(DIR, path.join(e.parentPath, e.name)))
      .filter((f) => f !== 'README.md')
      .sort();
    expect(rows.map((r) => r.file).sort()).toEqual(files);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it.each(manifest().map((r) => [r.file, r.sha]))('%s has sha256 %s…', (file, sha) => {
    expect(sha).toMatch(/^[0-9a-f]{12}$/);
    expect(createHash('sha256').update(read(file)).digest('hex').slice(0, 12)).toBe(sha);
  });
});

describe('truth files', () => {
  // the national-template truth files (putuo schema) are checked here and in their own block below
  const truthFiles = readdirSync(DIR).filter((f) => f.endsWith('.truth.json') && !isNtTruth(truthOf(f)));
  const nationalFiles = readdirSync(DIR).filter((f) => f.endsWith('.truth.json') && isNtTruth(truthOf(f)));

  it.each(nationalFiles)('%s (national template) has the schema: decimals as printed, one fact per key, section and label', (file) => {
    const t = JSON.parse(read(file).toString('utf8')) as {
      doc: Record<string, unknown>;
      facts: { key: string; section: string; label: string; amount: string; change: string | null; change_pct: string | null; share_pct: string | null; budget?: string; completion_pct?: string | null }[];
      tables: { kind: string; cells: { value: string }[] }[];
    };
    expect(Object.keys(t.doc).sort()).toEqual(['department', 'id', 'published', 'year']);
    expect(new Set(t.facts.map((f) => `${f.key}/${f.section}/${f.label}`)).size).toBe(t.facts.length);
    const dec = /^-?\d+(\.\d+)?$/;
    for (const f of t.facts) for (const v of [f.amount, f.change, f.change_pct, f.share_pct, f.budget, f.completion_pct]) if (v != null) expect(v, f.key).toMatch(dec);
    for (const tb of t.tables) for (const c of tb.cells) expect(c.value, tb.kind).toMatch(dec);
  });

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

  it('gaps-*.pdf set their text one glyph per run, with the gaps the README lists', async () => {
    for (const f of ['gaps-sample-layout.pdf', 'gaps-template-layout.pdf']) {
      const r = await readPdfText(read(f));
      const runs = r.runs!.flat().filter((x) => x.trim() !== '');
      expect(runs.filter((x) => [...x.trim()].length === 1).length / runs.length, f).toBeGreaterThan(0.75);
      // names spread over a narrow cell: pdf.js puts a space between every two glyphs
      expect(runs.filter((x) => /\p{Script=Han} \p{Script=Han} \p{Script=Han}/u.test(x)).length, f).toBeGreaterThanOrEqual(5);
      expect(runs.join(''), f).toMatch(/[\u2F0A\u2F40].*[０-９]|[０-９].*[\u2F0A\u2F40]/su);
    }
    const sample = (await readPdfText(read('gaps-sample-layout.pdf'))).pages!.join('').replace(/\s+/g, ' ');
    for (const gap of ['60145.5 1', '575 65.64', '60030. 17', '214 7.42', '1 000']) expect(sample).toContain(gap);
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

// ---------------------------------------------------------------------------------------------
// National-template fixtures (putuo truth schema: facts, tables with every printed cell, notes)

// a scan of some pages of a report has its report's truth restricted to them (source_pages): checked on its own below
const ntFiles = readdirSync(DIR).filter((f) => f.endsWith('.truth.json') && isNtTruth(truthOf(f)) && !('source_pages' in truthOf(f)));
const ntScanFiles = readdirSync(DIR).filter((f) => f.endsWith('.truth.json') && isNtTruth(truthOf(f)) && 'source_pages' in truthOf(f));
const ntTruth = (f: string) => truthOf(f) as unknown as NtTruth;
const ntPdf = (truthFile: string) => truthFile.replace(/\.truth\.json$/, '.pdf');
const pdfCache = new Map<string, Promise<Awaited<ReturnType<typeof readPdfText>>>>();
const pdf = (file: string) => {
  if (!pdfCache.has(file)) pdfCache.set(file, readPdfText(read(file)));
  return pdfCache.get(file)!;
};

/** truth.ts identities that fail on each national truth file ("check path") */
const NT_EXPECTED: Record<string, string[]> = {
  // the published report's own mistakes (its notes 1, 2, 4, 5, 6, 7; notes 3 and 8 are wording)
  'putuo-shgzb-2024.truth.json': [
    'within_table_sum gpb_basic_expense/302/决算数', // note 1: 302 ≠ Σ its 款 (10.23 vs 10.22)
    'cross_table gpb_basic_expense/人员经费合计/决算数+gpb_basic_expense/公用经费合计/决算数~gpb_expense/合计/基本支出', // note 2: 95.36 + 10.23 ≠ 105.58
    'component_sum gpb_basic_total@三/六<三/六', // note 2, in the narrative
    'share_recomputed gpb_class@三/五/二[住房保障支出（类）]', // note 4: 9.55 printed, 9.56 computed
    'completion_zero_budget gpb_expense_total@三/五/三', // note 5: 完成年初预算的 95.89% with 年初预算 0
    'change_recomputed income_expense_grand_total@三/一', // note 6: 增长 100.00% from a base of 0 (four times)
    'change_recomputed fiscal_grand_total@三/四',
    'change_recomputed gpb_expense_total@三/五/一',
    'change_recomputed admin_running_cost@三/十一/一',
    'procurement_bound procurement_sme_reserved_awarded+procurement_other_sme_awarded>procurement_total', // note 7
  ],
  'nt-qinglan-2023-planted.truth.json': PLANTS.flatMap((p) => p.truthFailures),
};

const KINDS = new Set(['units', 'income_expense_summary', 'income', 'expense', 'fiscal_summary', 'gpb_expense', 'gpb_basic_expense', 'three_public', 'gov_fund', 'state_capital', 'other']);

describe('national-template truth files', () => {
  it('the national fixtures are all there', () => {
    expect(ntFiles.sort()).toEqual(
      [
        'nt-qinglan-2023-planted.truth.json',
        'nt-qinglan-2023-word.truth.json',
        'nt-qinglan-2023.truth.json',
        'nt-shapes-filled.truth.json',
        'nt-shapes-grey.truth.json',
        'nt-shapes-hairline.truth.json',
        'nt-shapes-unruled.truth.json',
        'putuo-shgzb-2024.truth.json',
      ].sort(),
    );
  });

  it.each(ntFiles)('%s has the putuo schema', (file) => {
    const t = ntTruth(file);
    expect(Object.keys(t).sort()).toEqual(['doc', 'facts', 'notes', 'tables', 'units']);
    expect(Object.keys(t.doc).sort()).toEqual(['department', 'id', 'published', 'year']);
    expect(t.doc.id).toBe(file.replace(/\.truth\.json$/, ''));
    expect(t.units.map((u) => u.seq)).toEqual(t.units.map((_, i) => i + 1));
    const dec = /^-?\d+(\.\d+)?$/;
    const seen = new Set<string>();
    for (const f of t.facts) {
      expect(f.amount, f.key).toMatch(dec);
      for (const v of [f.change, f.change_pct, f.share_pct, f.budget, f.completion_pct]) if (v != null) expect(v, f.key).toMatch(dec);
      expect(f.section, f.key).toMatch(/^三(\/[一二三四五六七八九十]+)+$/);
      expect(Number.isInteger(f.page), f.key).toBe(true);
      const k = `${f.key}|${f.section}|${f.label}|${f.item_no ?? ''}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
    for (const tab of t.tables) {
      expect(KINDS.has(tab.kind), tab.kind).toBe(true);
      expect(tab.pages.length, tab.title).toBeGreaterThan(0);
      expect([...tab.pages].sort((a, b) => a - b), tab.title).toEqual(tab.pages);
      if (tab.empty) expect(tab.cells, tab.title).toEqual([]);
      for (const c of tab.cells) {
        expect(c.value, `${tab.kind} ${c.row} ${c.col}`).toMatch(dec);
        if (c.row_code !== null) expect(c.row_code).toMatch(/^\d{3,7}$/);
        expect(c.col).not.toBe('');
        expect(c.row).not.toMatch(/\s/);
      }
    }
    for (const n of t.notes) expect(typeof n).toBe('string');
  });

  it.each(ntFiles)('%s: arithmetic holds except for its listed problems', (file) => {
    const failing = runNtChecks(ntTruth(file))
      .map((f) => `${f.check} ${f.path}`)
      .sort();
    expect(failing).toEqual([...(NT_EXPECTED[file] ?? [])].sort());
  });

  it.each(ntFiles)('%s: every cell value is on its table\'s pages and every fact amount on its page (pdf.js)', async (file) => {
    const r = await pdf(ntPdf(file));
    expect(r.ok).toBe(true);
    expect(missingFromText(ntTruth(file), r.pages!)).toEqual([]);
    for (const tab of ntTruth(file).tables) {
      if (tab.kind === 'units') continue;
      const title = foldPage(tab.title);
      expect(foldPage(r.pages![tab.pages[0] - 1]), tab.title).toContain(title);
      // a table continued over pages repeats neither title nor header
      for (const p of tab.pages.slice(1)) expect(foldPage(r.pages![p - 1]).includes(title), `${tab.title} on p${p}`).toBe(false);
      if (tab.remark && tab.kind !== 'units') expect(foldPage(r.pages![tab.pages[tab.pages.length - 1] - 1])).toContain(foldPage(tab.remark));
    }
  });

  it('the scans of some pages of a national report: putuo-shgzb-2024-scan200-noisy', () => {
    expect(ntScanFiles).toEqual(['putuo-shgzb-2024-scan200-noisy.truth.json']);
  });

  it.each(ntScanFiles)('%s is its report\'s truth restricted to its source pages, renumbered', (file) => {
    const t = ntTruth(file) as NtTruth & { source_pages: number[] };
    const src = ntTruth(`${file.replace(/-scan.*$/, '')}.truth.json`);
    const at = (p: number) => t.source_pages.indexOf(p) + 1;
    expect(t.doc).toEqual({ ...src.doc, id: file.replace(/\.truth\.json$/, '') });
    expect(t.tables).toEqual(src.tables.filter((x) => x.pages.every((p) => t.source_pages.includes(p))).map((x) => ({ ...x, pages: x.pages.map(at) })));
    expect(t.facts).toEqual(src.facts.filter((f) => t.source_pages.includes(f.page)).map((f) => ({ ...f, page: at(f.page) })));
    expect(t.tables.length).toBeGreaterThan(0);
    expect(t.facts.length).toBeGreaterThan(0);
  });

  it('the putuo copy lists exactly the report\'s 8 notes and 205 cells', () => {
    const t = ntTruth('putuo-shgzb-2024.truth.json');
    expect(t.notes).toHaveLength(8);
    expect(t.tables.reduce((a, x) => a + x.cells.length, 0)).toBe(205);
  });

  it('nt-qinglan-2023 in its two printings has one truth but for doc.id and pages', () => {
    const strip = (t: NtTruth) => ({ ...t, doc: { ...t.doc, id: '' }, facts: t.facts.map((f) => ({ ...f, page: 0 })), tables: t.tables.map((x) => ({ ...x, pages: [] })) });
    const wps = ntTruth('nt-qinglan-2023.truth.json');
    const word = ntTruth('nt-qinglan-2023-word.truth.json');
    expect(strip(word)).toEqual(strip(wps));
    expect(word.facts.map((f) => f.page)).not.toEqual(wps.facts.map((f) => f.page));
    expect(wps.notes).toEqual([]);
    // every kind of fact of national-template.md's 第三部分 is there, with codes on the 类 and 项 facts
    const keys = new Set(wps.facts.map((f) => f.key));
    for (const k of ['income_expense_grand_total', 'fiscal_grand_total', 'gpb_class', 'gpb_item', 'gpb_expense_budget_initial', 'three_public_total', 'three_public_vehicle_stock', 'gov_fund_item', 'performance_self_eval_avg_score', 'admin_running_cost', 'procurement_other_sme_awarded', 'assets_equipment_over_100']) {
      expect(keys.has(k), k).toBe(true);
    }
    for (const f of wps.facts.filter((x) => x.key === 'gpb_item' || x.key === 'gov_fund_item')) expect(f.code, f.label).toMatch(/^\d{7}$/);
    expect(wps.facts.filter((x) => x.key === 'gpb_class').every((f) => /^\d{3}$/.test(f.code ?? ''))).toBe(true);
    expect(wps.facts.find((f) => f.key === 'admin_running_cost')).toMatchObject({ change: '0', change_pct: '0' });
  });

  it('nt-qinglan-2023-planted: 10 notes, each naming a check, each quoted phrase printed there and not in the clean report', async () => {
    const t = ntTruth('nt-qinglan-2023-planted.truth.json');
    expect(t.notes).toHaveLength(10);
    const ids = ['within_table_sum', 'cross_table', 'narrative_vs_table', 'share_recomputed', 'completion_recomputed', 'completion_zero_budget', 'comparison_word', 'wrong_year', 'department_name', 'template_placeholder', 'missing_table', 'empty_table_without_note'];
    for (const n of t.notes) expect(ids, n).toContain(n.split(' ')[0]);
    // the arithmetic ones name a check truth.ts also has
    for (const p of PLANTS) for (const f of p.truthFailures) expect(NT_CHECK_IDS).toContain(f.split(' ')[0]);
    const planted = foldPage((await pdf('nt-qinglan-2023-planted.pdf')).pages!.join(''));
    const clean = foldPage((await pdf('nt-qinglan-2023.pdf')).pages!.join(''));
    const phrases = t.notes.flatMap(quotes);
    expect(phrases.length).toBeGreaterThanOrEqual(4);
    for (const q of phrases) {
      expect(planted, q).toContain(foldPage(q));
      expect(clean, q).not.toContain(foldPage(q));
    }
    expect(t.tables.map((x) => x.kind)).not.toContain('expense');
    expect(ntTruth('nt-qinglan-2023.truth.json').tables.map((x) => x.kind)).toContain('expense');
  });

  it('the shape fixtures print the shapes the manifest names', async () => {
    const sizes = async (f: string) => (await pdf(f)).sizes!;
    const landscape = (s: { w: number; h: number }) => s.w > s.h;
    // landscape pages by size (rotation 0) between portrait ones
    const hs = await sizes('nt-shapes-hairline.pdf');
    expect(hs.every((s) => s.rotate === 0)).toBe(true);
    expect(hs.map(landscape)).toEqual([false, true, true, true, false, false]);
    const h = ntTruth('nt-shapes-hairline.truth.json');
    expect(h.tables.find((t) => t.kind === 'income')!.pages).toHaveLength(3);
    // wrapped header texts are joined in the column path; thousands separators dropped
    const inc = h.tables.find((t) => t.kind === 'income')!;
    expect(new Set(inc.cells.map((c) => c.col))).toEqual(new Set(['本年收入合计', '财政拨款收入', '其他收入']));
    expect((await pdf('nt-shapes-hairline.pdf')).pages![0]).toMatch(/\d,\d{3}\.\d\d/);
    // 合计 first in 收入决算表, last in 一般公共预算财政拨款支出决算表
    expect(inc.cells[0].row).toBe('合计');
    const gpb = h.tables.find((t) => t.kind === 'gpb_expense')!;
    expect(gpb.cells[gpb.cells.length - 1].row).toBe('合计');
    // letter-spaced 总计: one glyph per text run
    expect((await pdf('nt-shapes-hairline.pdf')).pages![0]).toMatch(/总\s+计/);
    const g = ntTruth('nt-shapes-grey.truth.json');
    expect(g.tables.find((t) => t.kind === 'expense')!.pages).toHaveLength(3);
    // 类 left blank on 款/项 rows: the codes are still whole in the truth
    expect(g.tables.find((t) => t.kind === 'expense')!.cells.some((c) => c.row_code === '2040601')).toBe(true);
    // a label printed twice in one table
    const fs = g.tables.find((t) => t.kind === 'fiscal_summary')!;
    expect(fs.cells.filter((c) => c.row === '一、一般公共预算财政拨款' && c.col === '收入/决算数')).toHaveLength(2);
    expect(g.tables.find((t) => t.kind === 'three_public')).toMatchObject({ empty: true, cells: [] });
    const f = ntTruth('nt-shapes-filled.truth.json');
    const cols = new Set(f.tables.flatMap((t) => t.cells.map((c) => c.col)));
    expect(cols.has('财政拨款“三公”经费/公务用车购置及运行维护费/公务用车购置费/预算数')).toBe(true);
    expect(cols.has('决算数/公务用车购置及运行费/购置费')).toBe(true);
    const tp = f.tables.filter((t) => t.kind === 'three_public');
    expect(tp.map((t) => new Set(t.cells.map((c) => c.row)))).toEqual([new Set(['']), new Set([''])]);
    for (const b of f.tables.filter((t) => t.kind === 'gpb_basic_expense')) {
      expect(b.cells.filter((c) => c.row === '人员经费合计' || c.row === '公用经费合计').map((c) => c.row)).toEqual(['人员经费合计', '公用经费合计']);
    }
    expect((await pdf('nt-shapes-filled.pdf')).pages!.join('')).toMatch(/因\s+公\s+出\s+国/);
    const u = ntTruth('nt-shapes-unruled.truth.json');
    expect(u.tables.filter((t) => t.empty).map((t) => t.kind).sort()).toEqual(['gov_fund', 'state_capital', 'three_public']);
  });

  it('nt-qinglan-2023 (WPS and Word) has its contents on pages 2–3 and landscape table pages', async () => {
    for (const f of ['nt-qinglan-2023.pdf', 'nt-qinglan-2023-word.pdf']) {
      const r = await pdf(f);
      expect(r.numPages).toBeLessThanOrEqual(30);
      expect(foldPage(r.pages![1])).toContain('目录');
      expect(foldPage(r.pages![2])).toContain('第四部分名词解释');
      expect(r.sizes!.some((s) => s.w > s.h)).toBe(true);
      expect(r.sizes![0].h).toBeGreaterThan(r.sizes![0].w);
    }
    // Word's contents carry page numbers: 第三部分 at the page its heading is on
    const word = ntTruth('nt-qinglan-2023-word.truth.json');
    const first = Math.min(...word.facts.map((x) => x.page));
    expect(foldPage((await pdf('nt-qinglan-2023-word.pdf')).pages![2])).toMatch(new RegExp(`情况说明\\.+${first}`));
  });
});
