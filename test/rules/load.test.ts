import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleError, loadRules, parseRuleFile } from '../../src/rules/load.js';
import { factRulesSchema } from '../../src/rules/schema.js';

const rulesDir = new URL('../../rules', import.meta.url).pathname;

describe('rule files', () => {
  it('load and validate', async () => {
    const r = await loadRules(rulesDir);
    expect(r.facts.length).toBeGreaterThan(50);
    // one key may have several rules (by section, wording, or the statement before), never the same rule twice
    const rule = (f: (typeof r.facts)[number]) => JSON.stringify([f.key, f.section, f.label, f.unit, f.after, f.role]);
    expect(new Set(r.facts.map(rule)).size).toBe(r.facts.length);
  });

  it('report a bad value with its file and line', () => {
    const text = 'facts:\n  - {key: income_total, label: "^本年收入$"}\n  - {key: Bad-Key, label: "x"}\n';
    expect(() => parseRuleFile('rules/facts.yaml', text, factRulesSchema)).toThrow(/^rules\/facts\.yaml:3: .*snake_case.* at facts\.1\.key$/);
  });

  it('report an invalid regular expression with its line', () => {
    const text = 'facts:\n  - key: income_total\n    label: "^本年(收入$"\n';
    expect(() => parseRuleFile('f.yaml', text, factRulesSchema)).toThrow(/^f\.yaml:3: invalid regular expression/);
  });

  it('report YAML syntax errors with their line', () => {
    expect(() => parseRuleFile('f.yaml', 'facts:\n  - {key: a\n', factRulesSchema)).toThrow(RuleError);
  });

  it('report a missing rule file by name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'juesuan-rules-'));
    await cp(rulesDir, dir, { recursive: true });
    await writeFile(path.join(dir, 'facts.yaml'), (await readFile(path.join(dir, 'facts.yaml'), 'utf8')).replace('facts:', 'fact:'));
    await expect(loadRules(dir)).rejects.toThrow(/facts\.yaml:\d+: /);
  });
});
