import { dec } from '../../values/decimal.js';
import type { Check, CheckFailure } from '../types.js';
import { pagesText } from '../compare.js';
import { factSubject } from '../subjects.js';

export const restatements: Check = {
  id: 'restatement',
  description: 'An amount stated again later in the report (本年收入 in 一 and 二) is the same amount.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    for (const r of facts) {
      if (!r.restates) continue;
      const first = facts.filter((x) => !x.restates && x.key === r.key && x.section === r.restates);
      const f = first.find((x) => x.label === r.label) ?? first[0];
      if (!f || f.unit !== r.unit) continue;
      if (!dec(f.amount).eq(dec(r.amount))) {
        const pages = [f.page, r.page];
        out.push({
          check: 'restatement',
          severity: 'error',
          subject: r.key,
          subjects: [factSubject(r), factSubject(f)],
          expected: f.amount,
          actual: r.amount,
          message: `前后不一致：${f.label}在${f.section}为 ${f.amount}，在${r.section}为 ${r.amount}（${pagesText(pages)}）`,
          page: r.page,
          pages,
        });
      }
    }
    return out;
  },
};

export const unreadAmounts: Check = {
  id: 'unread_amount',
  description: 'Every amount of money in the narrative is placed by a rule; the ones that are not are listed for review.',
  run({ unread }) {
    return unread.map((u) => ({
      check: 'unread_amount',
      severity: 'warning' as const,
      subject: u.section,
      expected: '',
      actual: `${u.amount}${u.unit}`,
      message: `${u.reason}：“${u.source_text}”（${u.section}，第${u.page}页）`,
      page: u.page,
    }));
  },
};
