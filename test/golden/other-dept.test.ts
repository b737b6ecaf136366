import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type DocumentResult } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { score, summary, type Truth } from './score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

// Another department and year, another PDF producer (pdfkit), other wording, Kangxi and full-width
// characters: the rules were never tuned on it (test/fixtures/README.md).
describe('golden: other-dept-2019 (generated report of another department and year)', () => {
  let result: DocumentResult;
  const truth = JSON.parse(readFileSync(fixture('other-dept-2019.truth.json'), 'utf8')) as Truth & { known_inconsistencies: string[] };

  beforeAll(async () => {
    const rules = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
    result = await processDocument(fixture('other-dept-2019.pdf'), rules, { readSegments });
  });

  it('matches every field of the truth file', () => {
    const s = score(result, truth);
    console.log(`other-dept-2019: ${summary(s)}`);
    expect(s.mismatches).toEqual([]);
    expect(s.fields.facts.total).toBe(truth.facts.length * 9);
  });

  it('flags exactly its one planted inconsistency (差旅费 14.65 for 14.56)', () => {
    expect(truth.known_inconsistencies).toHaveLength(1);
    expect(result.checks.map((c) => `${c.severity}:${c.check}:${c.subject}:${c.expected}:${c.actual}`)).toEqual(['error:basic_items_sum:gpb_public:173.42:173.51']);
  });
});
