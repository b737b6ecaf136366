/** Coded tables: their levels add up, and they say what the narrative says (DOMAIN.md "Classification codes"). */
import type { CodedTable } from '../../extract/statistical-tables.js';
import type { LineItem } from '../../extract/types.js';
import { D, dec, decimalsOf } from '../../values/decimal.js';
import { mid, overlaps, printed, sum } from '../interval.js';
import type { CheckFailure } from '../types.js';
import type { TableCheck } from '../table-types.js';

/** Children of a code one level down: 类 → its 款, 款 → its 项. */
function children(lines: LineItem[], code: string): LineItem[] {
  return lines.filter((l) => l.code.length === code.length + 2 && l.code.startsWith(code));
}

function sumFailure(t: CodedTable, subject: string, total: string, parts: string[], page: number, what: string): CheckFailure[] {
  const s = sum(parts.map(printed));
  if (overlaps(s, printed(total))) return [];
  const dp = Math.max(decimalsOf(total), ...parts.map(decimalsOf));
  return [
    {
      check: 'coded_table_sum',
      severity: 'error',
      subject,
      expected: total,
      actual: mid(s, dp),
      message: `${t.context}: ${what}: ${parts.length} rows sum to ${mid(s, dp)}, printed ${total}`,
      page,
    },
  ];
}

export const codedTableSum: TableCheck = {
  id: 'coded_table_sum',
  description: 'In a coded table 类 = Σ its 款, 款 = Σ its 项, and 合计 = Σ 类, within printed rounding.',
  run({ codedTables }) {
    const out: CheckFailure[] = [];
    for (const t of codedTables) {
      for (const l of t.lines) {
        if (l.level === '项') continue;
        const kids = children(t.lines, l.code);
        if (kids.length) out.push(...sumFailure(t, `${t.context}/${l.code}`, l.amount, kids.map((k) => k.amount), l.page, `${l.level} ${l.code} ${l.name}`));
      }
      const tops = t.lines.filter((l) => l.level === '类');
      if (t.total && tops.length) out.push(...sumFailure(t, t.total_key, t.total.amount, tops.map((l) => l.amount), t.total.page, t.total.label));
    }
    return out;
  },
};

/**
 * The same quantity printed twice: equal once the finer printing is rounded to the coarser one's decimals
 * ("1000" and "1000.00" agree; "100.01" and "100.02" do not — intervals would let them touch).
 */
export function samePrinted(a: string, b: string): boolean {
  const dp = Math.min(decimalsOf(a), decimalsOf(b));
  return dec(a).toDecimalPlaces(dp, D.ROUND_HALF_UP).eq(dec(b).toDecimalPlaces(dp, D.ROUND_HALF_UP));
}

export const tableMatchesNarrative: TableCheck = {
  id: 'table_matches_narrative',
  description: 'A coded table and the narrative statement it restates agree: same code → same amount, and the same total.',
  run({ codedTables, narrativeLines, narrativeFacts }) {
    const out: CheckFailure[] = [];
    for (const t of codedTables) {
      const narrative = t.narrative_context ? narrativeLines.filter((l) => l.context === t.narrative_context && l.unit === t.unit) : [];
      if (narrative.length) {
        const byCode = new Map(t.lines.map((l) => [l.code, l]));
        const inNarrative = new Set(narrative.map((n) => n.code));
        // The narrative lists the table's 项 rows; one missing there is reported (a warning: wording may merge lines).
        for (const row of t.lines) {
          if (row.level === '项' && !inNarrative.has(row.code)) {
            out.push({ check: 'table_matches_narrative', severity: 'warning', subject: `${t.context}/${row.code}`, expected: '', actual: row.amount, message: `${row.code} ${row.name} ${row.amount} of ${t.context} is not in the narrative`, page: row.page });
          }
        }
        for (const n of narrative) {
          const row = byCode.get(n.code);
          if (!row) {
            out.push({ check: 'table_matches_narrative', severity: 'warning', subject: `${t.context}/${n.code}`, expected: n.amount, actual: '', message: `${n.code} ${n.name} ${n.amount} of the narrative is not in ${t.context}`, page: n.page });
          } else if (!samePrinted(row.amount, n.amount)) {
            out.push({ check: 'table_matches_narrative', severity: 'error', subject: `${t.context}/${n.code}`, expected: n.amount, actual: row.amount, message: `${n.code} ${n.name}: table ${row.amount}, narrative ${n.amount}`, page: row.page });
          }
        }
      }
      const stated = t.narrative_total_key ? narrativeFacts.find((f) => f.key === t.narrative_total_key) : undefined;
      if (t.total && stated && stated.unit === t.total.unit && !samePrinted(t.total.amount, stated.amount)) {
        out.push({
          check: 'table_matches_narrative',
          severity: 'error',
          subject: t.total_key,
          expected: stated.amount,
          actual: t.total.amount,
          message: `${t.context} ${t.total.label} ${t.total.amount}, the narrative's ${stated.label} ${stated.amount} (${stated.section})`,
          page: t.total.page,
        });
      }
    }
    return out;
  },
};

export const CODED_TABLE_CHECKS: readonly TableCheck[] = [codedTableSum, tableMatchesNarrative];
