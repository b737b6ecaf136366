import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type DocumentResult } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { scoreTables, tableSummary, type TruthTable } from './table-score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

describe('golden: the tables of putuo-shgzb-2024 (national template, WPS, ruled)', () => {
  let result: DocumentResult;
  const truth = JSON.parse(readFileSync(fixture('putuo-shgzb-2024.truth.json'), 'utf8')) as { tables: TruthTable[] };

  beforeAll(async () => {
    const rules = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
    result = await processDocument(fixture('putuo-shgzb-2024.pdf'), rules, { readSegments });
  });

  it('reads every printed cell of every table as the truth has it, and nothing else', () => {
    const s = scoreTables(result, truth.tables);
    console.log(`putuo-shgzb-2024 tables: ${tableSummary(s)}`);
    expect(s.missing).toEqual([]);
    expect(s.extra).toEqual([]);
    expect(s.fieldMismatches).toEqual([]);
  });

  it('lists the tables printed empty with their printed note', () => {
    const empty = result.tables.filter((t) => t.empty);
    expect(empty.map((t) => t.kind)).toEqual(['three_public', 'gov_fund', 'state_capital']);
    for (const t of empty) expect(t.empty_note).toMatch(/故本表无数据。$/);
  });

  it('gives every cell its own box inside its table, its page and its printed text', () => {
    for (const c of result.table_cells) {
      const t = result.tables.find((x) => x.table_no === c.table_no)!;
      expect(t.pages).toContain(c.page);
      expect(c.bbox.x1).toBeGreaterThan(c.bbox.x0);
      expect(c.bbox.y1).toBeGreaterThan(c.bbox.y0);
      expect(c.source_text.replace(/[\s,]/g, '')).toContain(c.value);
    }
  });

  it('keeps the header tree: the 三公 table has four levels over its twelve columns', () => {
    const t = result.tables.find((x) => x.kind === 'three_public')!;
    const depth = (ns: typeof t.header): number => (ns.length ? 1 + Math.max(...ns.map((n) => depth(n.children))) : 0);
    expect(depth(t.header)).toBe(4);
    expect(t.header[0]).toMatchObject({ text: '财政拨款“三公”经费', cols: [0, 11] });
  });
});

describe('golden: the same report with every ruling removed (tables read by alignment alone)', () => {
  it('reads every printed cell as the truth has it', async () => {
    const truth = JSON.parse(readFileSync(fixture('putuo-shgzb-2024.truth.json'), 'utf8')) as { tables: TruthTable[] };
    const rules = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
    const result = await processDocument(fixture('putuo-shgzb-2024.pdf'), rules, { readSegments: async () => [] });
    const s = scoreTables(result, truth.tables.filter((t) => t.kind !== 'units'));
    console.log(`putuo-shgzb-2024 without rulings: ${tableSummary(s)}`);
    expect(s.missing).toEqual([]);
    expect(s.extra).toEqual([]);
    expect(s.fieldMismatches).toEqual([]);
    expect(result.tables.every((t) => t.kind !== 'other')).toBe(true);
  });
});
