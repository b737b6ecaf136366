import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type PreparedRules } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { score, summary, type Truth } from './score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

/**
 * The generated report of the national template (another department and year, every paragraph kind of the
 * template's 第三部分 including the 三公 section's two sub-headings) in a WPS-like and a Word-like printing
 * (justified, letter-spaced, 类/款/项 columns): every fact of the truth field by field, and the unit list.
 */
describe('golden: nt-qinglan-2023 narrative (national template, generated, two printings)', () => {
  let prepared: PreparedRules;
  beforeAll(async () => {
    prepared = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
  });

  it.each(['nt-qinglan-2023', 'nt-qinglan-2023-word'])('%s: every fact and unit as the truth has it', async (id) => {
    const truth = JSON.parse(readFileSync(fixture(`${id}.truth.json`), 'utf8')) as Truth;
    const result = await processDocument(fixture(`${id}.pdf`), prepared, { readSegments });
    // table5_total is the table stage's total of 表五, a fact the narrative truth does not list
    const s = score(result, truth, { resultFact: (f) => f.key !== 'table5_total', kinds: ['facts', 'units'] });
    console.log(`${id}: ${summary(s)}`);
    expect(s.mismatches).toEqual([]);
    expect(s.fields.facts.total).toBeGreaterThan(1300);
  });
});
