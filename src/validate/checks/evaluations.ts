/** Arithmetic of the 项目支出绩效自评表 (DOMAIN.md "evaluation tables"). Values are compared, never changed. */
import type { Evaluation, EvaluationFund, Indicator } from '../../extract/evaluations.js';
import { dec, decimalsOf } from '../../values/decimal.js';
import { mid, overlaps, percent, printed, scale, sum, type Interval } from '../interval.js';
import type { Check, CheckFailure, CheckInput } from '../types.js';

function fail(check: string, subject: string, expected: string, actual: string, message: string, page: number, severity: CheckFailure['severity'] = 'error'): CheckFailure {
  return { check, severity, subject, expected, actual, message, page };
}

/** 分值 are set by the evaluator, not rounded from anything: an integer weight is exact, "7.5" stands for itself too. */
function exact(s: string): Interval {
  const v = dec(s);
  return { lo: v, hi: v };
}

/**
 * A printed score: with decimals it is rounded ("0.67" for 2/3 of 1), an integer one is a whole mark given by the
 * evaluator — taking "7" as 6.5–7.5 would let ten indicators hide a five-point error.
 */
function score(s: string): Interval {
  return decimalsOf(s) > 0 ? printed(s) : exact(s);
}

function fundsOf(input: CheckInput, e: Evaluation): EvaluationFund[] {
  return input.funds.filter((f) => f.eval_no === e.eval_no);
}
function indicatorsOf(input: CheckInput, e: Evaluation): Indicator[] {
  return input.indicators.filter((i) => i.eval_no === e.eval_no);
}

/** 执行率 as printed against 全年执行数 / 全年预算数. */
export const evaluationRate: Check = {
  id: 'evaluation_rate',
  description: '执行率 = 全年执行数 / 全年预算数 × 100, within printed rounding.',
  run({ funds }) {
    const out: CheckFailure[] = [];
    for (const f of funds) {
      if (f.rate_pct === null || f.executed === null || f.full_year === null) continue;
      const pct = percent(printed(f.executed), printed(f.full_year));
      if (!pct || overlaps(pct, printed(f.rate_pct))) continue;
      out.push(fail('evaluation_rate', `${f.project}/${f.row}`, mid(pct), f.rate_pct, `${f.project} ${f.row}：全年执行数 ${f.executed} ÷ 全年预算数 ${f.full_year} = ${mid(pct)}%，执行率印为 ${f.rate_pct}%（第${f.page}页）`, f.page));
    }
    return out;
  },
};

/** The funds row's 得分 = 分值 × 执行率 (10 × 87.50% → 8.75), from the printed rate or the amounts. */
export const evaluationFundScore: Check = {
  id: 'evaluation_fund_score',
  description: 'The 项目资金 得分 = 分值 × 执行率, within printed rounding.',
  run({ funds }) {
    const out: CheckFailure[] = [];
    for (const f of funds) {
      if (f.score === null || f.weight === null || f.rate_pct === null) continue;
      const fromRate = scale(printed(f.rate_pct), dec(f.weight).div(100));
      const ratio = f.executed !== null && f.full_year !== null ? percent(printed(f.executed), printed(f.full_year)) : undefined;
      const fromAmounts = ratio ? scale(ratio, dec(f.weight).div(100)) : undefined;
      const s = printed(f.score);
      if (overlaps(fromRate, s) || (fromAmounts && overlaps(fromAmounts, s))) continue;
      out.push(fail('evaluation_fund_score', `${f.project}/${f.row}`, mid(fromRate), f.score, `${f.project} ${f.row}：分值 ${f.weight} × 执行率 ${f.rate_pct}% = ${mid(fromRate)}，得分印为 ${f.score}（第${f.page}页）`, f.page));
    }
    return out;
  },
};

/** No row scores more than its weight. */
export const evaluationScoreLeWeight: Check = {
  id: 'evaluation_score_le_weight',
  description: 'Every 得分 ≤ its 分值 (the 项目资金 row and each indicator).',
  run({ funds, indicators }) {
    const out: CheckFailure[] = [];
    const rows: { subject: string; weight: string | null; score: string | null; page: number }[] = [
      ...funds.map((f) => ({ subject: `${f.project}/${f.row}`, weight: f.weight, score: f.score, page: f.page })),
      ...indicators.map((i) => ({ subject: `${i.project}/${i.name ?? i.level2 ?? ''}`, weight: i.weight, score: i.score, page: i.page })),
    ];
    for (const r of rows) {
      if (r.weight === null || r.score === null) continue;
      if (dec(r.score).lte(dec(r.weight))) continue;
      out.push(fail('evaluation_score_le_weight', r.subject, `<= ${r.weight}`, r.score, `${r.subject.replace('/', ' ')}：得分 ${r.score} 超过分值 ${r.weight}（第${r.page}页）`, r.page));
    }
    return out;
  },
};

/** 总分 = 项目资金 得分 + Σ indicator 得分. */
export const evaluationTotalScore: Check = {
  id: 'evaluation_total_score',
  description: '总分 = the 项目资金 得分 + the sum of the indicators\' 得分, within printed rounding.',
  run(input) {
    const out: CheckFailure[] = [];
    for (const e of input.evaluations) {
      if (e.total_score === null) continue;
      const scores = [e.score, ...indicatorsOf(input, e).map((i) => i.score)].filter((s): s is string => s !== null);
      const s = sum(scores.map(score));
      if (overlaps(s, score(e.total_score))) continue;
      const dp = Math.max(decimalsOf(e.total_score), ...scores.map(decimalsOf));
      out.push(fail('evaluation_total_score', e.project, mid(s, dp), e.total_score, `${e.project}：项目资金与各项指标的 ${scores.length} 个得分之和为 ${mid(s, dp)}，总分印为 ${e.total_score}（第${e.page}页）`, e.page));
    }
    return out;
  },
};

/** Σ 分值 (the 项目资金 weight and every indicator's) = the 总分 row's 分值 (100 when not printed). */
export const evaluationWeightsSum: Check = {
  id: 'evaluation_weights_sum',
  description: 'The 分值 of the 项目资金 row and of the indicators add up to 100 (the 总分 row\'s 分值).',
  run(input) {
    const out: CheckFailure[] = [];
    for (const e of input.evaluations) {
      const weights = [e.weight, ...indicatorsOf(input, e).map((i) => i.weight)].filter((s): s is string => s !== null);
      if (weights.length < 2) continue;
      const s = sum(weights.map(exact));
      const want = e.total_weight ?? '100';
      if (overlaps(s, exact(want))) continue;
      out.push(fail('evaluation_weights_sum', e.project, want, mid(s, Math.max(0, ...weights.map(decimalsOf))), `${e.project}：${weights.length} 个分值之和为 ${mid(s, Math.max(0, ...weights.map(decimalsOf)))}，应为 ${want}（第${e.page}页）`, e.page));
    }
    return out;
  },
};

const FUND_COLUMN = { initial: '年初预算数', full_year: '全年预算数', executed: '全年执行数' } as const;

/** 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, per money column. */
export const evaluationFundsSum: Check = {
  id: 'evaluation_funds_sum',
  description: '年度资金总额 = the sum of the 其中 rows (当年财政拨款, 上年结转资金, 其他资金), per column, within printed rounding.',
  run(input) {
    const out: CheckFailure[] = [];
    for (const e of input.evaluations) {
      const rows = fundsOf(input, e);
      const total = rows.find((f) => f.total);
      const parts = rows.filter((f) => !f.total);
      if (!total || !parts.length) continue;
      for (const col of ['initial', 'full_year', 'executed'] as const) {
        const t = total[col];
        const ps = parts.map((p) => p[col]).filter((s): s is string => s !== null);
        if (t === null || !ps.length) continue;
        const s = sum(ps.map(printed));
        if (overlaps(s, printed(t))) continue;
        const dp = Math.max(decimalsOf(t), ...ps.map(decimalsOf));
        out.push(fail('evaluation_funds_sum', `${e.project}/${col}`, t, mid(s, dp), `${e.project}：${total.row}的${FUND_COLUMN[col]} ${t}，其中 ${parts.length} 行之和为 ${mid(s, dp)}（第${total.page}页）`, total.page));
      }
    }
    return out;
  },
};

/**
 * An indicator that misses its target (by its operator; a number on both sides, same unit) but gets full marks,
 * or meets a "=" / ">=" / ">" target and loses points. A met "<=" cap losing points is left alone: cost caps
 * are commonly scored by the share spent. A warning: scoring rules allow judgement.
 */
export const indicatorTargetScore: Check = {
  id: 'indicator_target_score',
  description: 'An indicator that misses its target should not get full marks; one that meets a =/>=/> target should not lose points (warning).',
  run({ indicators }) {
    const out: CheckFailure[] = [];
    for (const i of indicators) {
      if (!i.target_op || i.target_value === null || i.actual_value === null || i.weight === null || i.score === null) continue;
      if ((i.target_unit ?? '') !== (i.actual_unit ?? '')) continue;
      const a = dec(i.actual_value);
      const t = dec(i.target_value);
      const met = { '=': a.eq(t), '>=': a.gte(t), '<=': a.lte(t), '>': a.gt(t), '<': a.lt(t) }[i.target_op];
      const full = dec(i.score).gte(dec(i.weight));
      if (met === full || (met && (i.target_op === '<=' || i.target_op === '<'))) continue;
      const subject = `${i.project}/${i.name ?? ''}`;
      const message = met
        ? `${i.project} ${i.name ?? ''}：实际完成值 ${i.actual} 已达指标值 ${i.target}，得分却为 ${i.score}（分值 ${i.weight}）（第${i.page}页）`
        : `${i.project} ${i.name ?? ''}：实际完成值 ${i.actual} 未达指标值 ${i.target}，却得满分 ${i.weight}（第${i.page}页）`;
      out.push(fail('indicator_target_score', subject, met ? i.weight : `< ${i.weight}`, i.score, message, i.page, 'warning'));
    }
    return out;
  },
};

export const EVALUATION_CHECKS: readonly Check[] = [
  evaluationRate,
  evaluationFundScore,
  evaluationScoreLeWeight,
  evaluationTotalScore,
  evaluationWeightsSum,
  evaluationFundsSum,
  indicatorTargetScore,
];
