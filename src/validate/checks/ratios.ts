import type { Fact } from '../../extract/types.js';
import { dec } from '../../values/decimal.js';
import { minus, mid, overlaps, percent, printed } from '../interval.js';
import { firstByKey, type Check, type CheckFailure } from '../types.js';
import { pagesText } from '../compare.js';
import { factSubject } from '../subjects.js';

export const shares: Check = {
  id: 'share_pct',
  description: 'A component\'s 占 x% equals component / total × 100, within printed rounding.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    const byKey = firstByKey(facts);
    for (const f of facts) {
      if (f.share_pct === null || !f.share_of) continue;
      const total = byKey.get(f.share_of);
      if (!total || total.unit !== f.unit) continue;
      const pct = percent(printed(f.amount), printed(total.amount));
      if (!pct) {
        if (!dec(f.share_pct).isZero() && !dec(f.amount).isZero()) out.push(fail('share_pct', f.key, '', f.share_pct, `${f.label}（${f.section}）占总额零的 ${f.share_pct}%`, f.page, f));
        continue;
      }
      if (!overlaps(pct, printed(f.share_pct))) {
        const pages = [f.page, total.page];
        out.push({
          ...fail('share_pct', f.key, mid(pct), f.share_pct, `占比不符：${f.label} ${f.amount} ÷ ${total.label} ${total.amount} = ${mid(pct)}%，印为 ${f.share_pct}%（${f.section}，${pagesText(pages)}）`, f.page),
          subjects: [factSubject(f), factSubject(total)],
          pages,
        });
      }
    }
    return out;
  },
};

export const changePct: Check = {
  id: 'change_pct',
  description: 'change_pct = change / (this year − change) × 100, within printed rounding; a rate on a zero base (the change is the whole amount) has no value.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    for (const f of facts) {
      if (f.change === null || f.change_pct === null) continue;
      if (dec(f.change).eq(dec(f.amount)) && !dec(f.amount).isZero()) {
        // last year was 0: no rate can be computed, whatever is printed
        out.push({ ...fail('change_pct', f.key, '', f.change_pct, `${f.label}：增加 ${f.change} 即本年全数 ${f.amount}，上年为 0，增长率无从计算，却印为 ${f.change_pct}%（${f.section}，第${f.page}页）`, f.page, f), severity: 'warning' });
        continue;
      }
      const lastYear = minus(printed(f.amount), printed(f.change));
      const pct = percent(printed(f.change), lastYear);
      if (!pct) continue;
      if (!overlaps(pct, printed(f.change_pct))) {
        out.push(fail('change_pct', f.key, mid(pct), f.change_pct, `${f.label}：增减 ${f.change} ÷ 上年 ${mid(lastYear)} = ${mid(pct)}%，印为 ${f.change_pct}%（${f.section}，第${f.page}页）`, f.page, f));
      }
    }
    return out;
  },
};

export const variancePct: Check = {
  id: 'variance_pct',
  description: '预决算差异率 = (决算数 − 年初预算数) / 年初预算数 × 100, within printed rounding.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    for (const f of facts) {
      if (f.variance_pct === null || f.final_amount === null) continue;
      const pct = percent(minus(printed(f.final_amount), printed(f.amount)), printed(f.amount));
      if (!pct) continue;
      if (!overlaps(pct, printed(f.variance_pct))) {
        out.push(fail('variance_pct', f.key, mid(pct), f.variance_pct, `${f.label}：预算 ${f.amount}，决算 ${f.final_amount}，差异 ${mid(pct)}%，印为 ${f.variance_pct}%（${f.section}，第${f.page}页）`, f.page, f));
      }
    }
    return out;
  },
};

export const completionPct: Check = {
  id: 'completion_pct',
  description: '完成…预算的 x% = 决算数 / the budget it names × 100, within printed rounding (a zero budget: completion_zero_budget).',
  run({ facts }) {
    const out: CheckFailure[] = [];
    for (const f of facts) {
      if (f.completion_pct === null || f.budget === null) continue;
      const basis = f.budget_basis ?? '预算';
      const pct = percent(printed(f.amount), printed(f.budget));
      if (!pct) continue;
      if (!overlaps(pct, printed(f.completion_pct))) {
        out.push(fail('completion_pct', f.key, mid(pct), f.completion_pct, `${f.label}：决算 ${f.amount} ÷ ${basis} ${f.budget} = ${mid(pct)}%，印为 ${f.completion_pct}%（${f.section}，第${f.page}页）`, f.page, f));
      }
    }
    return out;
  },
};

/**
 * "完成年初预算的 x%" where that 年初预算 is 0: no rate exists, whatever is printed. When another budget the
 * statement prints gives the printed rate (the 全年预算), the message says so: the sentence named the wrong budget.
 */
export const completionZeroBudget: Check = {
  id: 'completion_zero_budget',
  description: 'A completion rate printed against a budget of 0 (完成年初预算的 x% with 年初预算为 0), which has no rate.',
  run({ facts, rules }) {
    const out: CheckFailure[] = [];
    const budgetLabel = new RegExp(rules.checks.words.budget_label, 'u');
    for (const f of facts) {
      if (f.completion_pct === null || f.budget === null || !dec(f.budget).isZero()) continue;
      const basis = f.budget_basis ?? '预算';
      // the other budgets of the same statement: facts of its section naming a budget
      const gives = (b: Fact) => {
        const pct = percent(printed(f.amount), printed(b.amount));
        return pct !== undefined && overlaps(pct, printed(f.completion_pct!));
      };
      const other = facts.find((b) => b !== f && b.section === f.section && b.unit === f.unit && budgetLabel.test(b.label) && gives(b));
      const hint = other ? `；${f.completion_pct}% 是 ${f.amount} ÷ ${other.amount}，即对“${other.label}”的完成率` : '';
      const pages = [f.page, ...(other ? [other.page] : [])];
      out.push({
        check: 'completion_zero_budget',
        severity: 'error',
        subject: f.key,
        subjects: [f.key, factSubject(f), ...(other ? [factSubject(other)] : [])],
        expected: '',
        actual: f.completion_pct,
        message: `完成率无从计算：${f.label} ${f.amount}，${basis}为 ${f.budget}，却印“完成${basis}的 ${f.completion_pct}%”${hint}（${f.section}，${pagesText(pages)}）`,
        page: f.page,
        pages,
      });
    }
    return out;
  },
};

/** A failure about one fact: its key is the subject, the statement itself the record the review outlines. */
function fail(check: string, subject: string, expected: string, actual: string, message: string, page: number, f?: Fact): CheckFailure {
  return { check, severity: 'error', subject, expected, actual, message, page, ...(f ? { subjects: [factSubject(f)] } : {}) };
}
