/** Prints a diff: an aligned table for the terminal and CSV for a spreadsheet. */
import { writeToString } from 'fast-csv';
import { neutraliseCell } from '../write/csv.js';
import { RECORD_FIELD, type Change } from './diff.js';
import type { Delta } from './delta.js';

export const DIFF_COLUMNS = ['kind', 'id', 'field', 'a', 'b'] as const;

/** Terminal columns a string takes: CJK ideographs and full-width forms take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Long values (source_text of a paragraph) are cut so one change stays one line. */
function cell(s: string, max = 60): string {
  const flat = s.replace(/\s+/g, ' ');
  if (displayWidth(flat) <= max) return flat;
  let out = '';
  for (const ch of flat) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

export function formatTable(changes: Change[], nameA: string, nameB: string): string {
  if (changes.length === 0) return `no differences between ${nameA} and ${nameB}\n`;
  const rows = [['kind', 'id', 'field', 'a', 'b'], ...changes.map((c) => [c.kind, c.id, c.field, c.a, c.b].map((v) => cell(v)))];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v + ' '.repeat(widths[i] - displayWidth(v)))).join('  ').trimEnd();
  const records = changes.filter((c) => c.field === RECORD_FIELD);
  const summary = `${changes.length} differences: ${changes.length - records.length} changed fields, ${records.filter((c) => !c.b).length} records only in a, ${records.filter((c) => !c.a).length} only in b (a = ${nameA}, b = ${nameB})`;
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line), '', summary, ''].join('\n');
}

export function formatCsv(changes: Change[]): Promise<string> {
  return writeToString(
    changes.map((c) => DIFF_COLUMNS.map((k) => neutraliseCell(String(c[k] ?? '')))),
    { headers: [...DIFF_COLUMNS], writeHeaders: true, alwaysWriteHeaders: true, includeEndRowDelimiter: true },
  );
}

/** The --delta listing: per record the two values, the change and the percentage. */
export function formatDeltaTable(deltas: Delta[], nameA: string, nameB: string): string {
  if (deltas.length === 0) return `no value differs between ${nameA} and ${nameB}\n`;
  const rows = [['kind', 'id', 'a', 'b', 'change', 'change_pct', 'unit'], ...deltas.map((d) => [d.kind, cell(d.id), d.a, d.b, d.change, d.change_pct ? `${d.change_pct}%` : '', d.unit])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
  const right = new Set([2, 3, 4, 5]);
  const line = (r: string[]) => r.map((v, i) => (right.has(i) ? ' '.repeat(widths[i] - displayWidth(v)) + v : i === r.length - 1 ? v : v + ' '.repeat(widths[i] - displayWidth(v)))).join('  ').trimEnd();
  const both = deltas.filter((d) => d.change).length;
  const summary = `${deltas.length} values differ: ${both} in both (largest change first), ${deltas.filter((d) => !d.b).length} only in a, ${deltas.filter((d) => !d.a).length} only in b (a = ${nameA}, b = ${nameB})`;
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line), '', summary, ''].join('\n');
}
