/**
 * `juesuan diff A B --delta`: what changed in value between two reports (two years of one department,
 * two departments): per record the two values, the change and the percentage, largest change first.
 * Positions, source text and pages are left out; records are matched by what they are (fact key, section
 * and label; table, row and column; context and code), not where they are printed.
 */
import { D, dec, decimalsOf } from '../values/decimal.js';
import { toWan } from '../corpus/series.js';
import type { Side } from './diff.js';
import type { FlatRecord } from './keys.js';

/** The kinds compared, the field holding the value, and the fields that say which record it is. */
const VALUE_KINDS: { kind: string; value: string; key: string[] }[] = [
  { kind: 'facts', value: 'amount', key: ['key', 'section', 'label'] },
  { kind: 'line_items', value: 'amount', key: ['context', 'code', 'name'] },
  { kind: 'basic_items', value: 'amount', key: ['group', 'name'] },
  { kind: 'table_cells', value: 'value', key: ['table', 'row_code', 'row', 'column'] },
];

export const DELTA_COLUMNS = ['kind', 'id', 'a', 'b', 'change', 'change_pct', 'unit'] as const;

export interface Delta {
  kind: string;
  id: string;
  a: string;
  b: string;
  /** b − a, empty when one side lacks the record or is not a number */
  change: string;
  /** (b − a) / a × 100 to 2 places, empty when a is 0 or missing */
  change_pct: string;
  unit: string;
}

const NUM = /^[+-]?\d+(\.\d+)?$/;

function keyed(rows: FlatRecord[], fields: string[]): Map<string, FlatRecord> {
  // a restatement repeats its first statement: compare first statements only
  const first = rows.filter((r) => !r.restates);
  const seen = new Map<string, number>();
  const out = new Map<string, FlatRecord>();
  first.forEach((r) => {
    const base = fields.map((f) => r[f] ?? '').filter(Boolean).join('/');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(n === 1 ? base : `${base}#${n}`, r);
  });
  return out;
}

export function deltaSides(a: Side, b: Side): Delta[] {
  const out: Delta[] = [];
  for (const vk of VALUE_KINDS) {
    const ta = a.kinds[vk.kind];
    const tb = b.kinds[vk.kind];
    if (!ta && !tb) continue;
    const ma = keyed(ta?.rows ?? [], vk.key);
    const mb = keyed(tb?.rows ?? [], vk.key);
    for (const id of new Set([...ma.keys(), ...mb.keys()])) {
      const ra = ma.get(id);
      const rb = mb.get(id);
      const va = ra ? toWan(ra[vk.value] ?? '', ra.unit ?? '') : null;
      const vb = rb ? toWan(rb[vk.value] ?? '', rb.unit ?? '') : null;
      const unit = vb?.unit ?? va?.unit ?? '';
      let change = '';
      let pct = '';
      if (va && vb && NUM.test(va.value) && NUM.test(vb.value) && va.unit === vb.unit) {
        const ch = dec(vb.value).minus(dec(va.value));
        // at the finer of the two printed scales (352.00 − 300.00 = 52.00)
        change = ch.toFixed(Math.max(decimalsOf(va.value), decimalsOf(vb.value)));
        if (!dec(va.value).isZero()) pct = ch.div(dec(va.value)).times(100).toFixed(2);
      }
      if (va && vb && va.value === vb.value) continue;
      out.push({ kind: vk.kind, id, a: va?.value ?? '', b: vb?.value ?? '', change, change_pct: pct, unit });
    }
  }
  // largest change first; records on one side only after those
  const size = (d: Delta) => (d.change ? dec(d.change).abs() : new D(-1));
  return out.sort((x, y) => size(y).comparedTo(size(x)) || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
