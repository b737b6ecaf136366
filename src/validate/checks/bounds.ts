/** Amounts that are parts of another cannot exceed it (rules/checks.yaml `bounds`): Σ parts ≤ whole. */
import { mid, printed, sum } from '../interval.js';
import { pagesText, uniquePages } from '../compare.js';
import { factSubject } from '../subjects.js';
import { firstByKey, type Check, type CheckFailure } from '../types.js';

export const amountBound: Check = {
  id: 'amount_bound',
  description: 'Amounts that are parts of another (中小企业中标 of 政府采购, 小微 of 中小企业) sum to no more than it, beyond printed rounding.',
  run({ facts, rules }) {
    const out: CheckFailure[] = [];
    const byKey = firstByKey(facts);
    for (const b of rules.checks.bounds) {
      const whole = byKey.get(b.whole);
      const parts = b.parts.map((k) => byKey.get(k));
      if (!whole || parts.some((p) => !p || p.unit !== whole.unit)) continue;
      const ps = parts as NonNullable<(typeof parts)[number]>[];
      const s = sum(ps.map((p) => printed(p.amount)));
      // only a sum that exceeds the whole whatever the rounding
      if (s.lo.lte(printed(whole.amount).hi)) continue;
      const total = mid(s);
      const pages = uniquePages([whole.page, ...ps.map((p) => p.page)]);
      const subjects = [factSubject(whole), ...ps.map(factSubject), whole.key, ...ps.map((p) => p.key)];
      out.push({
        check: 'amount_bound',
        severity: 'error',
        subject: subjects[0],
        subjects,
        expected: `<= ${whole.amount}`,
        actual: total,
        message: `金额超过总额：${ps.map((p) => `“${p.label}” ${p.amount}`).join(' + ')} = ${total}${whole.unit}，超过“${whole.label}” ${whole.amount}${whole.unit}（${b.name}；${pagesText(pages)}）`,
        page: pages[0],
        pages,
      });
    }
    return out;
  },
};
