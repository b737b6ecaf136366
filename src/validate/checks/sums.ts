import type { Fact } from '../../extract/types.js';
import { D, dec, decimalsOf } from '../../values/decimal.js';
import { overlaps, printed, roundingNoise, scale, sum, type Interval } from '../interval.js';
import { firstByKey, type Check, type CheckFailure } from '../types.js';
import { pagesText } from '../compare.js';
import { factSubject } from '../subjects.js';

/** Scale of a unit to 万元 for money; other units only add up with themselves. */
const TO_WAN: Record<string, string> = { 万元: '1', 元: '0.0001' };

function inUnitOf(target: { unit: string }, amount: string, unit: string): Interval | undefined {
  if (unit === target.unit) return printed(amount);
  const a = TO_WAN[unit];
  const b = TO_WAN[target.unit];
  return a && b ? scale(printed(amount), dec(a).div(dec(b))) : undefined;
}

/** The records a sum names: the total and its parts, with their pages (the review outlines each). */
interface Named {
  subjects: string[];
  pages: number[];
}

function sumFailure(check: string, subject: string, total: { amount: string; page: number; unit: string }, parts: { amount: string; unit: string; page?: number }[], what: string, named?: Named): CheckFailure[] {
  const intervals = parts.map((p) => inUnitOf(total, p.amount, p.unit));
  if (intervals.some((i) => !i)) return [];
  const dp = Math.max(decimalsOf(total.amount), ...parts.map((p) => decimalsOf(p.amount)));
  const exact = parts.reduce((acc, _, i) => acc.plus(intervals[i]!.lo.plus(intervals[i]!.hi).div(2)), new D(0));
  // parts in a finer unit (元 under a 万元 total) may only round to it
  if (exact.toDecimalPlaces(decimalsOf(total.amount), D.ROUND_HALF_UP).eq(dec(total.amount))) return [];
  // within rounding noise it is a warning (reports do print such slips, DOMAIN.md), beyond it an error
  const noise = roundingNoise(dp, parts.length + 1);
  const withinRounding = exact.minus(dec(total.amount)).abs().lte(noise) && overlaps(sum(intervals as Interval[]), printed(total.amount));
  return [
    {
      check,
      severity: withinRounding ? 'warning' : 'error',
      subject,
      expected: total.amount,
      actual: exact.toFixed(dp),
      message: `${what}：${parts.length} 项合计 ${exact.toFixed(dp)}${total.unit}，总数印为 ${total.amount}（${withinRounding ? '差额在印刷舍入范围内；' : ''}${pagesText(named?.pages ?? [total.page, ...parts.flatMap((p) => (p.page ? [p.page] : []))])}）`,
      page: total.page,
      ...(named ? { subjects: [subject, ...named.subjects], pages: named.pages } : { pages: [total.page, ...parts.flatMap((p) => (p.page ? [p.page] : []))] }),
    },
  ];
}

export const componentsSum: Check = {
  id: 'components_sum',
  description: 'The components of a total (其中 …) add up to it, within printed rounding; a key of many values (the 类, the 项 items) is a breakdown of its own.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    const byKey = firstByKey(facts);
    const children = new Map<string, Fact[]>();
    for (const f of facts) {
      if (!f.parent || !f.additive || f.restates) continue;
      children.set(f.parent, [...(children.get(f.parent) ?? []), f]);
    }
    for (const [key, parts] of children) {
      const total = byKey.get(key);
      if (!total) continue;
      for (const group of breakdowns(parts)) {
        const named = { subjects: [factSubject(total), ...group.map(factSubject)], pages: [total.page, ...group.map((g) => g.page)] };
        out.push(...sumFailure('components_sum', key, total, group, `${total.label}的组成部分`, named));
      }
    }
    return out;
  },
};

/** The components of one total: each key stated many times (gpb_class, gpb_item) is one breakdown, the other keys another. */
function breakdowns(parts: Fact[]): Fact[][] {
  const count = new Map<string, number>();
  for (const p of parts) count.set(p.key, (count.get(p.key) ?? 0) + 1);
  const many = [...count].filter(([, n]) => n > 1).map(([k]) => k);
  const single = parts.filter((p) => count.get(p.key) === 1);
  return [...(single.length ? [single] : []), ...many.map((k) => parts.filter((p) => p.key === k))];
}

export const codedLinesSum: Check = {
  id: 'coded_lines_sum',
  description: 'Coded lines (功能分类科目) of a statement sum to the total it states.',
  run({ facts, lineItems }) {
    const out: CheckFailure[] = [];
    const byKey = firstByKey(facts);
    const groups = new Map<string, typeof lineItems>();
    for (const li of lineItems) if (li.total_key) groups.set(li.total_key, [...(groups.get(li.total_key) ?? []), li]);
    for (const [key, items] of groups) {
      const total = byKey.get(key);
      if (total) out.push(...sumFailure('coded_lines_sum', key, total, items, `${total.label}的科目明细`));
    }
    return out;
  },
};

export const basicItemsSum: Check = {
  id: 'basic_items_sum',
  description: 'Each 人员经费 / 公用经费 list sums to its stated subtotal.',
  run({ facts, basicItems }) {
    const out: CheckFailure[] = [];
    const byKey = firstByKey(facts);
    const groups = new Map<string, typeof basicItems>();
    for (const b of basicItems) groups.set(b.group_key, [...(groups.get(b.group_key) ?? []), b]);
    for (const [key, items] of groups) {
      const total = byKey.get(key);
      if (total) out.push(...sumFailure('basic_items_sum', key, total, items, `${total.label}的明细`));
    }
    return out;
  },
};

export const staffSum: Check = {
  id: 'staff_sum',
  description: '实有人数 = 在职人员 + 离休人员 + 退休人员.',
  run({ staff }) {
    const total = staff.find((s) => s.field === 'total');
    const parts = staff.filter((s) => s.field !== 'total');
    if (!total || parts.length < 2) return [];
    const s = parts.reduce((a, p) => a + p.count, 0);
    if (s === total.count) return [];
    return [{ check: 'staff_sum', severity: 'error', subject: 'staff', expected: String(total.count), actual: String(s), message: `各类人员合计 ${s} 人，实有人数印为 ${total.count} 人（第${total.page}页）`, page: total.page }];
  },
};
