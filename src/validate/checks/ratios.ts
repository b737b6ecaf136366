import { dec } from '../../values/decimal.js';
import { minus, mid, overlaps, percent, printed } from '../interval.js';
import { firstByKey, type Check, type CheckFailure } from '../types.js';

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
        if (!dec(f.share_pct).isZero() && !dec(f.amount).isZero()) out.push(fail('share_pct', f.key, '', f.share_pct, `${f.label}（${f.section}）占总额零的 ${f.share_pct}%`, f.page));
        continue;
      }
      if (!overlaps(pct, printed(f.share_pct))) {
        out.push(fail('share_pct', f.key, mid(pct), f.share_pct, `${f.label} ${f.amount} ÷ ${total.label} ${total.amount} = ${mid(pct)}%，印为 ${f.share_pct}%（${f.section}，第${f.page}页）`, f.page));
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
        out.push({ ...fail('change_pct', f.key, '', f.change_pct, `${f.label}：增加 ${f.change} 即本年全数 ${f.amount}，上年为 0，增长率无从计算，却印为 ${f.change_pct}%（${f.section}，第${f.page}页）`, f.page), severity: 'warning' });
        continue;
      }
      const lastYear = minus(printed(f.amount), printed(f.change));
      const pct = percent(printed(f.change), lastYear);
      if (!pct) continue;
      if (!overlaps(pct, printed(f.change_pct))) {
        out.push(fail('change_pct', f.key, mid(pct), f.change_pct, `${f.label}：增减 ${f.change} ÷ 上年 ${mid(lastYear)} = ${mid(pct)}%，印为 ${f.change_pct}%（${f.section}，第${f.page}页）`, f.page));
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
        out.push(fail('variance_pct', f.key, mid(pct), f.variance_pct, `${f.label}：预算 ${f.amount}，决算 ${f.final_amount}，差异 ${mid(pct)}%，印为 ${f.variance_pct}%（${f.section}，第${f.page}页）`, f.page));
      }
    }
    return out;
  },
};

export const completionPct: Check = {
  id: 'completion_pct',
  description: '完成…预算的 x% = 决算数 / the budget it names × 100, within printed rounding; a zero budget has no completion rate.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    for (const f of facts) {
      if (f.completion_pct === null || f.budget === null) continue;
      const basis = f.budget_basis ?? '预算';
      const pct = percent(printed(f.amount), printed(f.budget));
      if (!pct) {
        if (!dec(f.amount).isZero()) out.push(fail('completion_pct', f.key, '', f.completion_pct, `${f.label}：${basis}为 ${f.budget}，无法计算完成率，却印为 ${f.completion_pct}%（${f.section}，第${f.page}页）`, f.page));
        continue;
      }
      if (!overlaps(pct, printed(f.completion_pct))) {
        out.push(fail('completion_pct', f.key, mid(pct), f.completion_pct, `${f.label}：决算 ${f.amount} ÷ ${basis} ${f.budget} = ${mid(pct)}%，印为 ${f.completion_pct}%（${f.section}，第${f.page}页）`, f.page));
      }
    }
    return out;
  },
};

function fail(check: string, subject: string, expected: string, actual: string, message: string, page: number): CheckFailure {
  return { check, severity: 'error', subject, expected, actual, message, page };
}
