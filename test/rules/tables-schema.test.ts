import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableRulesSchema } from '../../src/rules/tables-schema.js';
import { parseRuleFile } from '../../src/rules/load.js';

const text = readFileSync(new URL('../../rules/tables.yaml', import.meta.url), 'utf8');

describe('rules/tables.yaml', () => {
  it('parses', () => {
    const r = parseRuleFile('tables.yaml', text, tableRulesSchema);
    expect(r.evaluation.funds.rows.filter((x) => x.total)).toHaveLength(1);
    expect(r.statistical.kinds.find((k) => k.kind === 'gpb_expense')?.line_items?.total_key).toBe('table5_total');
  });

  it('reports a bad pattern with its file and line', () => {
    const bad = text.replace("anchor: '^项目名称$'", () => "anchor: '^项目名称($'");
    const line = bad.split('\n').findIndex((l) => l.includes("'^项目名称($'")) + 1;
    expect(() => parseRuleFile('tables.yaml', bad, tableRulesSchema)).toThrow(new RegExp(`^tables\\.yaml:${line}: invalid regular expression`));
  });
});
