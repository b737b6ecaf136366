/**
 * A 年度指标值 / 实际完成值 as printed ("<=12.5万元", ">=90%", "=20个", "显著提高") split into an operator,
 * a number and a unit. The printed text itself is kept by the caller; this only reads it.
 */
import { cleanNumber } from './decimal.js';

export type TargetOp = '=' | '>=' | '<=' | '>' | '<' | '';

export interface ParsedTarget {
  op: TargetOp;
  /** the number as printed (no separators), or null when the text is not "number + unit" */
  value: string | null;
  /** what follows the number ("万元", "%", "元/人/场次"), or null */
  unit: string | null;
}

// Longest forms first so "≥" / ">=" are not read as ">" followed by "=".
const OPS: [RegExp, TargetOp][] = [
  [/^(>=|≥|≧|＞＝|大于等于|不低于|不少于)/u, '>='],
  [/^(<=|≤|≦|＜＝|小于等于|不高于|不超过|不多于)/u, '<='],
  [/^(>|＞|大于|高于)/u, '>'],
  [/^(<|＜|小于|低于)/u, '<'],
  [/^(=|＝|等于)/u, '='],
];

// A unit is short and wordlike: no digits, no operators or sentence punctuation ("7*24小时…" is not a value).
const UNIT = /^[^\d\s*+×~～\-—，。；、,;:：（）()]{1,8}$/u;

/** Splits a printed target. Full-width digits/symbols are folded; spaces are ignored. */
export function parseTarget(printed: string | null | undefined): ParsedTarget {
  const none: ParsedTarget = { op: '', value: null, unit: null };
  if (!printed) return none;
  let s = printed.normalize('NFKC').replace(/\s+/g, '');
  let op: TargetOp = '';
  for (const [re, o] of OPS) {
    const m = re.exec(s);
    if (m) {
      op = o;
      s = s.slice(m[0].length);
      break;
    }
  }
  const m = /^([+-]?\d[\d,]*(?:\.\d+)?)(.*)$/u.exec(s);
  if (!m) return { op, value: null, unit: null };
  const value = cleanNumber(m[1]);
  const rest = m[2];
  if (value === null) return { op, value: null, unit: null };
  if (rest === '') return { op, value, unit: null };
  if (!UNIT.test(rest)) return { op, value: null, unit: null };
  return { op, value, unit: rest };
}
