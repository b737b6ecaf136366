import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type DocumentResult } from '../../src/pipeline.js';
import { readDocument } from '../../src/read/document.js';
import { readSegments } from '../../src/read/rulings.js';
import { findTables, type Cell } from '../../src/tables/index.js';
import { isCjk } from '../../src/normalize/chars.js';
import { SAMPLE_CONTEXTS, SAMPLE_SECTIONS, templateExpected } from '../../scripts/fixtures/gaps.js';
import { score, summary, type Truth } from './score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;
const rulesDir = new URL('../../rules', import.meta.url).pathname;

/** a space between two CJK characters: what justified and letter-spaced text must not leave */
const innerSpace = (s: string) => Array.from(s).some((ch, i, a) => /\s/.test(ch) && isCjk(a[i - 1] ?? '') && isCjk(a[i + 1] ?? ''));

async function cellsOf(file: string): Promise<Cell[]> {
  const read = await readDocument(file, { readSegments });
  return read.pages.flatMap((p) => findTables(p.page, p.items, p.segments)).flatMap((t) => t.cells);
}

// The sample's narrative and 表五 re-set one glyph per run with Kangxi / compatibility characters,
// full-width and letter-spaced digits and gaps inside amounts (test/fixtures/README.md).
describe('golden: gaps-sample-layout (the sample set one glyph per run)', () => {
  let result: DocumentResult;
  let cells: Cell[];
  const truth = JSON.parse(readFileSync(fixture('urumqi-gxj-2021.truth.json'), 'utf8')) as Truth;

  beforeAll(async () => {
    const rules = prepareRules(await loadRules(rulesDir));
    result = await processDocument(fixture('gaps-sample-layout.pdf'), rules, { readSegments });
    cells = await cellsOf(fixture('gaps-sample-layout.pdf'));
  });

  it('reads every fact of 二/一–二/五 and every line item of 五 and 表五 as the sample truth has them', () => {
    const s = score(result, truth, { kinds: ['facts', 'line_items'], fact: (f) => SAMPLE_SECTIONS.includes(f.section), lineItem: (l) => SAMPLE_CONTEXTS.includes(l.context) });
    console.log(`gaps-sample-layout: ${summary(s)}`);
    expect(s.mismatches).toEqual([]);
    expect(s.fields.facts.total).toBe(19 * 9);
    expect(s.fields.line_items.total).toBe((13 + 26) * 2);
    expect(result.unread).toEqual([]);
  });

  it('flags the sample\'s own inconsistencies and nothing else', () => {
    expect(result.checks.map((c) => `${c.check}:${c.subject}:${c.actual}`).sort()).toEqual([
      'coded_lines_sum:gpb_expense_total:7030.18',
      'table_matches_narrative:table5_total:7030.18',
      'variance_pct:fiscal_expense_budget_initial:2795.46',
      'variance_pct:fiscal_income_budget_initial:2785.44',
    ]);
  });

  it('gives 表五 cells the names as printed, no spaces inside', () => {
    const names = cells.map((c) => c.text).filter((t) => /\p{Script=Han}/u.test(t));
    expect(names.filter(innerSpace)).toEqual([]);
    expect(names).toContain('机关事业单位基本养老保险缴费⽀出'); // the cell keeps the radical as printed; values fold it
  });
});

describe('golden: gaps-template-layout (the national template set one glyph per run)', () => {
  let result: DocumentResult;
  let cells: Cell[];
  const want = templateExpected();

  beforeAll(async () => {
    const rules = prepareRules(await loadRules(rulesDir));
    result = await processDocument(fixture('gaps-template-layout.pdf'), rules, { readSegments });
    cells = await cellsOf(fixture('gaps-template-layout.pdf'));
  });

  it('reads the narrative of 第三部分: every amount and share as printed', () => {
    const got = want.facts.map((f) => result.facts.find((x) => x.key === f.key));
    expect(got.map((f) => f && { key: f.key, section: f.section, label: f.label, amount: f.amount, share_pct: f.share_pct, change: f.change, change_pct: f.change_pct })).toEqual(want.facts);
    // the one amount left unread: "2 0.15万元", a field gap between two digit groups, with both readings
    expect(result.unread.map((u) => u.amount)).toEqual(want.unread.map((u) => u.amount));
    want.unread.forEach((u, i) => {
      for (const r of u.readings ?? []) expect(result.unread[i].reason).toContain(r);
    });
  });

  it('reads the coded table with its names as printed', () => {
    const got = result.line_items.map((l) => ({ context: l.context, code: l.code, name: l.name, amount: l.amount }));
    expect(got).toEqual(want.line_items);
  });

  it('gives every table cell its text as printed: no spaces inside names, two numbers of two cells apart', () => {
    const texts = cells.map((c) => c.text);
    expect(texts.filter(innerSpace)).toEqual([]);
    for (const name of want.cell_names) expect(texts, name).toContain(name);
    const [a, b] = want.adjacent_cells;
    const left = cells.find((c) => c.text === a);
    const right = cells.find((c) => c.text === b);
    expect(left && right && left.row === right.row && right.col === left.col + 1).toBe(true);
  });
});
