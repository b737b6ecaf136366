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
        if (Number(f.share_pct) !== 0 && Number(f.amount) !== 0) out.push(fail('share_pct', f.key, '', f.share_pct, `share of a zero total`, f.page));
        continue;
      }
      if (!overlaps(pct, printed(f.share_pct))) {
        out.push(fail('share_pct', f.key, mid(pct), f.share_pct, `${f.label} ${f.amount} / ${total.label} ${total.amount} is ${mid(pct)}%, printed ${f.share_pct}%`, f.page));
      }
    }
    return out;
  },
};

export const changePct: Check = {
  id: 'change_pct',
  description: 'change_pct = change / (this year − change) × 100, within printed rounding.',
  run({ facts }) {
    const out: CheckFailure[] = [];
    for (const f of facts) {
      if (f.change === null || f.change_pct === null) continue;
      const lastYear = minus(printed(f.amount), printed(f.change));
      const pct = percent(printed(f.change), lastYear);
      if (!pct) continue;
      if (!overlaps(pct, printed(f.change_pct))) {
        out.push(fail('change_pct', f.key, mid(pct), f.change_pct, `${f.label}: change ${f.change} on last year's ${mid(lastYear)} is ${mid(pct)}%, printed ${f.change_pct}%`, f.page));
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
        out.push(fail('variance_pct', f.key, mid(pct), f.variance_pct, `${f.label}: budget ${f.amount}, final ${f.final_amount} differ by ${mid(pct)}%, printed ${f.variance_pct}%`, f.page));
      }
    }
    return out;
  },
};

function fail(check: string, subject: string, expected: string, actual: string, message: string, page: number): CheckFailure {
  return { check, severity: 'error', subject, expected, actual, message, page };
}
