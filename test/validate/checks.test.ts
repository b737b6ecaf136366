import { describe, expect, it } from 'vitest';
import type { BasicItem, LineItem } from '../../src/extract/types.js';
import { CHECKS, runChecks } from '../../src/validate/checks.js';
import type { CheckInput } from '../../src/validate/types.js';
import { checkInput, fact, prov } from './input.js';

const input = (x: Partial<CheckInput>): CheckInput => checkInput(x);
const ids = (x: Partial<CheckInput>) => runChecks(input(x)).map((c) => `${c.severity}:${c.check}:${c.subject}`);

describe('checks', () => {
  it('each has an id and a description', () => {
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^[a-z_]+$/);
      expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it('components_sum: passes when parts add up, warns on a rounding slip, errors on a typo', () => {
    const total = fact('t', '100.00');
    expect(ids({ facts: [total, fact('a', '60.00', { parent: 't' }), fact('b', '40.00', { parent: 't' })] })).toEqual([]);
    expect(ids({ facts: [total, fact('a', '60.00', { parent: 't' }), fact('b', '40.01', { parent: 't' })] })).toEqual(['warning:components_sum:t']);
    expect(ids({ facts: [total, fact('a', '60.00', { parent: 't' }), fact('b', '41.00', { parent: 't' })] })).toEqual(['error:components_sum:t']);
    // parts that are not summands are left out
    expect(ids({ facts: [total, fact('a', '100.00', { parent: 't' }), fact('b', '50', { parent: 't', additive: false })] })).toEqual([]);
    // 元 parts under a 万元 total
    expect(ids({ facts: [fact('r', '0.11'), fact('i1', '450', { parent: 'r', unit: '元' }), fact('i2', '650', { parent: 'r', unit: '元' })] })).toEqual([]);
  });

  it('share_pct: printed rounding passes, a wrong share fails', () => {
    const total = fact('t', '31.32');
    expect(ids({ facts: [total, fact('a', '0.11', { parent: 't', additive: false, share_pct: '0.35' })] })).toEqual([]);
    expect(ids({ facts: [total, fact('a', '0.11', { parent: 't', additive: false, share_pct: '3.5' })] })).toEqual(['error:share_pct:a']);
  });

  it('change_pct: against last year (this year − change)', () => {
    expect(ids({ facts: [fact('a', '59923.16', { change: '-14782.79', change_pct: '-19.79' })] })).toEqual([]);
    // 0.01 / 0.12 = 8.33%: fine although the amounts are tiny and rounded
    expect(ids({ facts: [fact('a', '0.11', { change: '-0.01', change_pct: '-8.33' })] })).toEqual([]);
    // divided by this year instead of last year
    expect(ids({ facts: [fact('a', '130.55', { change: '38.63', change_pct: '29.59' })] })).toEqual(['error:change_pct:a']);
  });

  it('change_pct: a rate on a zero base (the change is the whole amount) is flagged whatever is printed', () => {
    expect(ids({ facts: [fact('a', '307.82', { change: '307.82', change_pct: '100.00' })] })).toEqual(['warning:change_pct:a']);
  });

  it('completion_pct: final / the budget it names; a zero budget has no rate (completion_zero_budget, an error of its own)', () => {
    expect(ids({ facts: [fact('a', '51.32', { budget: '52.00', budget_basis: '全年预算', completion_pct: '98.69' })] })).toEqual([]);
    expect(ids({ facts: [fact('a', '51.32', { budget: '52.00', budget_basis: '全年预算', completion_pct: '98.96' })] })).toEqual(['error:completion_pct:a']);
    // 95.89% is 307.82 / 321.02 (全年预算), printed as 完成年初预算的 with a 年初预算 of 0
    expect(ids({ facts: [fact('a', '307.82', { budget: '0', budget_basis: '年初预算', completion_pct: '95.89' })] })).toEqual(['error:completion_zero_budget:a']);
    // no budget printed: nothing to compare
    expect(ids({ facts: [fact('a', '5', { completion_pct: '50' })] })).toEqual([]);
  });

  it('components_sum: each key of many values (the 类, the 项 items) is a breakdown of its own', () => {
    const t = fact('t', '30');
    const many = (key: string, amount: string, label: string) => fact(key, amount, { parent: 't', label });
    expect(ids({ facts: [t, many('cls', '10', 'A'), many('cls', '20', 'B'), many('item', '5', 'a1'), many('item', '5', 'a2'), many('item', '20', 'b1')] })).toEqual([]);
    expect(ids({ facts: [t, many('cls', '10', 'A'), many('cls', '20', 'B'), many('item', '5', 'a1'), many('item', '20', 'b1')] })).toEqual(['error:components_sum:t']);
  });

  it('variance_pct: (final − budget) / budget', () => {
    expect(ids({ facts: [fact('a', '33.2', { final_amount: '31.32', variance_pct: '-5.66' })] })).toEqual([]);
    expect(ids({ facts: [fact('a', '2147.42', { final_amount: '59815.06', variance_pct: '2785.44' })] })).toEqual(['error:variance_pct:a']);
  });

  it('coded_lines_sum and basic_items_sum', () => {
    const li = (code: string, amount: string): LineItem => ({ ...prov, context: 'c', total_key: 'g', code, level: '项', name: 'n', amount, unit: '万元', section: '二/五' });
    expect(ids({ facts: [fact('g', '30')], lineItems: [li('2070101', '10'), li('2070102', '20')] })).toEqual([]);
    expect(ids({ facts: [fact('g', '30')], lineItems: [li('2070101', '10'), li('2070102', '25')] })).toEqual(['error:coded_lines_sum:g']);
    const bi = (name: string, amount: string): BasicItem => ({ ...prov, group: 'p', group_key: 'p', name, amount, unit: '万元', section: '二/六' });
    expect(ids({ facts: [fact('p', '14.56')], basicItems: [bi('a', '10'), bi('b', '4.56')] })).toEqual([]);
    expect(ids({ facts: [fact('p', '14.56')], basicItems: [bi('a', '10'), bi('b', '4.65')] })).toEqual(['error:basic_items_sum:p']);
  });

  it('restatement and staff_sum', () => {
    const r = (amount: string) => fact('a', amount, { section: '二/二', restates: '二/一' });
    expect(ids({ facts: [fact('a', '5.0'), r('5.00')] })).toEqual([]);
    expect(ids({ facts: [fact('a', '5.0'), r('5.01')] })).toEqual(['error:restatement:a']);
    // a restated total is not a second total, nor a restated component a second summand
    expect(ids({ facts: [fact('t', '10'), fact('c', '10', { parent: 't' }), fact('t', '10', { restates: '二/一' }), fact('c', '10', { parent: 't', restates: '二/一' })] })).toEqual([]);
    const s = (field: string, count: number) => ({ ...prov, field, count });
    expect(ids({ staff: [s('total', 10), s('in_service', 7), s('retired_tui', 3)] })).toEqual([]);
    expect(ids({ staff: [s('total', 10), s('in_service', 7), s('retired_tui', 2)] })).toEqual(['error:staff_sum:staff']);
  });

  it('lists unread amounts as warnings', () => {
    expect(ids({ unread: [{ ...prov, section: '二/一', label: 'x', amount: '7', unit: '万元', reason: 'no fact rule matches the label' }] })).toEqual(['warning:unread_amount:二/一']);
  });
});
