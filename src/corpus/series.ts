/**
 * Time series over a corpus (pure: the rows are already read). A series key is a fact key
 * (`income_total`), a table kind with a row and a column (`gpb_expense:2130101:合计`, the row by its code
 * or its label as printed), or a 功能分类 code (`2130101`, from the line items). One value per document and
 * key, from the documents the series use (one per department and year: see identity.ts); amounts printed
 * in 元 (千元, 亿元) are given in 万元, the printed value and unit kept beside. Cross-year checks compare
 * each year's printed change with the report of the year before.
 */
import { D, dec, type Dec } from '../values/decimal.js';
import { minus, mid, overlaps, percent, printed, scale, type Interval } from '../validate/interval.js';
import type { IdentifiedDocument } from './identity.js';

export type CsvRow = Record<string, string>;

export type SeriesSpec = { kind: 'fact'; key: string; text: string } | { kind: 'cell'; table: string; row: string; column: string; text: string } | { kind: 'code'; code: string; text: string };

export class SeriesKeyError extends Error {}

/** Parses one series key of the command line; a table kind must be one the rules know. */
export function parseSeriesKey(text: string, tableKinds: readonly string[]): SeriesSpec {
  if (/^\d{3}(\d{2}){0,2}$/.test(text)) return { kind: 'code', code: text, text };
  const m = /^([a-z][a-z0-9_]*):([^:]+):(.+)$/.exec(text);
  if (m) {
    if (!tableKinds.includes(m[1])) throw new SeriesKeyError(`“${text}”：没有这种表（${m[1]}）；表的种类：${tableKinds.join('、')}`);
    return { kind: 'cell', table: m[1], row: m[2], column: m[3], text };
  }
  if (/^[a-z][a-z0-9_]*$/.test(text)) return { kind: 'fact', key: text, text };
  throw new SeriesKeyError(`“${text}”不是序列键：应为事实键（income_total）、表:行:列（gpb_expense:2130101:合计）或功能分类编码（2130101）`);
}

export const SERIES_COLUMNS = ['department', 'year', 'key', 'value', 'unit', 'doc_id', 'page', 'label', 'printed_value', 'printed_unit', 'change', 'change_pct', 'department_printed', 'source', 'duplicates'] as const;

export interface SeriesPoint {
  /** the department's identity (rules/departments.yaml) */
  department: string;
  year: number;
  key: string;
  /** in 万元 when printed in 元 / 千元 / 亿元, else as printed */
  value: string;
  unit: string;
  doc_id: string;
  page: string;
  label: string;
  printed_value: string;
  printed_unit: string;
  change: string;
  change_pct: string;
  department_printed: string;
  source: 'fact' | 'table_cell' | 'line_item';
  /** the other documents of the same report, not used (duplicate_report) */
  duplicates: string;
  /** the conversion factor applied to the printed value */
  factor: Dec;
}

/** Money units converted to 万元 (the unit of OUTPUT.md); others are kept. */
const TO_WAN: Record<string, string> = { 元: '0.0001', 千元: '0.1', 万元: '1', 亿元: '10000' };

/** A printed amount in 万元 when printed in 元 / 千元 / 亿元 (decimal.js), else as printed. */
export function toWan(v: string, unit: string): { value: string; unit: string; factor: Dec } {
  const u = unit || '万元';
  const f = TO_WAN[u];
  // as printed when nothing is converted (1580.10 stays 1580.10)
  if (!f || f === '1' || !/^[+-]?\d+(\.\d+)?$/.test(v)) return { value: v, unit: f ? '万元' : u, factor: new D(1) };
  return { value: dec(v).times(f).toFixed(), unit: '万元', factor: new D(f) };
}

export interface SeriesInput {
  documents: IdentifiedDocument[];
  facts: CsvRow[];
  table_cells: CsvRow[];
  line_items: CsvRow[];
  /** line-item contexts to prefer for a code (the tables' line_items contexts of rules/tables.yaml) */
  codeContexts: string[];
}

/** The series of the keys, sorted by key, department and year. */
export function buildSeries(specs: SeriesSpec[], input: SeriesInput): SeriesPoint[] {
  const used = new Map(input.documents.filter((d) => d.status === 'ok' && d.duplicate_of === null && d.year !== null && d.department_id !== null).map((d) => [d.doc_id, d]));
  const others = new Map<string, string[]>();
  for (const d of input.documents) if (d.duplicate_of) others.set(d.duplicate_of, [...(others.get(d.duplicate_of) ?? []), d.doc_id]);
  const out: SeriesPoint[] = [];
  const point = (doc: IdentifiedDocument, key: string, r: CsvRow, v: string, source: SeriesPoint['source'], label: string): SeriesPoint => {
    const c = toWan(v, r.unit ?? '');
    const ch = r.change ? toWan(r.change, r.unit ?? '').value : '';
    return { department: doc.department_id!, year: doc.year!, key, value: c.value, unit: c.unit, doc_id: doc.doc_id, page: r.page ?? '', label, printed_value: v, printed_unit: r.unit || '万元', change: ch, change_pct: r.change_pct ?? '', department_printed: doc.department ?? '', source, duplicates: (others.get(doc.doc_id) ?? []).join(';'), factor: c.factor };
  };
  const byDoc = (rows: CsvRow[], keep: (r: CsvRow) => boolean) => {
    const m = new Map<string, CsvRow[]>();
    for (const r of rows) if (used.has(r.doc_id) && keep(r)) m.set(r.doc_id, [...(m.get(r.doc_id) ?? []), r]);
    return m;
  };
  for (const s of specs) {
    if (s.kind === 'fact') {
      // first statements only (a restatement repeats a value); a key of many values (the 类) is one series per label
      const rows = byDoc(input.facts, (r) => r.key === s.key && !r.restates);
      const many = [...rows.values()].some((rs) => new Set(rs.map((r) => r.label)).size > 1);
      for (const [id, rs] of rows) {
        const seen = new Set<string>();
        for (const r of rs) {
          const key = many ? `${s.key}[${r.label}]` : s.key;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(point(used.get(id)!, key, r, r.amount, 'fact', r.label));
        }
      }
    } else if (s.kind === 'cell') {
      const rows = byDoc(input.table_cells, (r) => r.table === s.table && (r.row_code === s.row || r.row === s.row) && r.column === s.column);
      for (const [id, rs] of rows) out.push(point(used.get(id)!, s.text, { ...rs[0], change: '', change_pct: '' }, rs[0].value, 'table_cell', `${rs[0].row}（${rs[0].title}）`));
    } else {
      const rows = byDoc(input.line_items, (r) => r.code === s.code);
      for (const [id, rs] of rows) {
        const r = rs.find((x) => input.codeContexts.includes(x.context)) ?? rs[0];
        out.push(point(used.get(id)!, s.text, { ...r, change: '', change_pct: '' }, r.amount, 'line_item', `${r.name}（${r.context}）`));
      }
    }
  }
  const order = new Map(specs.map((s, i) => [s.text, i]));
  const rank = (k: string) => order.get(k) ?? order.get(k.replace(/\[.*$/, '')) ?? 0;
  return out.sort((a, b) => rank(a.key) - rank(b.key) || cmp(a.key, b.key) || cmp(a.department, b.department) || a.year - b.year);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One column per year: a row per department, key and unit. */
export function wideSeries(points: SeriesPoint[]): { columns: string[]; rows: Record<string, string>[] } {
  const years = [...new Set(points.map((p) => p.year))].sort((a, b) => a - b).map(String);
  const rows = new Map<string, Record<string, string>>();
  for (const p of points) {
    const k = `${p.department}\u0000${p.key}\u0000${p.unit}`;
    const r = rows.get(k) ?? { department: p.department, key: p.key, unit: p.unit, label: p.label };
    r[String(p.year)] = p.value;
    rows.set(k, r);
  }
  return { columns: ['department', 'key', 'unit', 'label', ...years], rows: [...rows.values()] };
}

/** checks.csv's columns, with the document of the year before. */
export const CROSS_YEAR_CHECK_COLUMNS = ['doc_id', 'check', 'severity', 'subject', 'expected', 'actual', 'message', 'page', 'pages', 'prior_doc_id', 'prior_page'] as const;

export interface CrossYearCheck {
  doc_id: string;
  check: 'cross_year_change' | 'cross_year_change_pct';
  severity: 'error';
  subject: string;
  expected: string;
  actual: string;
  message: string;
  page: string;
  pages: string;
  prior_doc_id: string;
  prior_page: string;
}

/** A printed value (in its own unit) as an interval, then in the series' unit. */
const iv = (printedValue: string, factor: Dec): Interval => scale(printed(printedValue), factor);

const dp = (s: string) => (/\.(\d+)$/.exec(s)?.[1].length ?? 0);

/**
 * Where a fact series has both years: amount(Y) − printed change(Y) must be amount(Y−1) as the Y−1 report
 * prints it, and the printed change_pct must be (amount(Y) − amount(Y−1)) / amount(Y−1) — within printed
 * rounding. A change that misses names both documents; its change_pct is then not checked again (it was
 * printed from the same wrong base; the one failure says it).
 */
export function crossYearChecks(points: SeriesPoint[], labelOf: (key: string) => string): CrossYearCheck[] {
  const facts = points.filter((p) => p.source === 'fact');
  const at = new Map(facts.map((p) => [`${p.department}\u0000${p.key}\u0000${p.year}`, p]));
  const out: CrossYearCheck[] = [];
  for (const p of facts) {
    const q = at.get(`${p.department}\u0000${p.key}\u0000${p.year - 1}`);
    if (!q || q.unit !== p.unit || !isNum(p.printed_value) || !isNum(q.printed_value)) continue;
    const name = `${p.department} ${labelOf(p.key) || p.label}`;
    const where = (x: SeriesPoint) => `${x.year} 年度报告（${x.doc_id}，第${x.page}页）`;
    const cur = iv(p.printed_value, p.factor);
    const prev = iv(q.printed_value, q.factor);
    const u = p.unit;
    const base = { doc_id: p.doc_id, severity: 'error' as const, subject: p.key, page: p.page, pages: p.page, prior_doc_id: q.doc_id, prior_page: q.page };
    const rawChange = p.change ? p.change : '';
    if (rawChange && isNum(rawChange)) {
      // the printed change is in the printed unit of p
      const ch = scale(printed(changePrinted(p)), p.factor);
      const implied = minus(cur, ch);
      if (!overlaps(implied, prev)) {
        const places = Math.max(dp(p.value), dp(q.value), 2);
        const impliedMid = mid(implied, places);
        out.push({
          ...base,
          check: 'cross_year_change',
          expected: q.value,
          actual: impliedMid,
          message: `跨年度不符：${name} ${where(p)}印 ${p.value}${u}、比上年${signed(p.change)}${u}，推得 ${q.year} 年为 ${impliedMid}${u}；${where(q)}印为 ${q.value}${u}，相差 ${dec(impliedMid).minus(dec(q.value)).abs().toFixed(places)}${u}`,
        });
        continue;
      }
    }
    if (p.change_pct && isNum(p.change_pct)) {
      const pct = percent(minus(cur, prev), prev);
      if (pct && !overlaps(pct, printed(p.change_pct))) {
        const m = mid(pct, Math.max(dp(p.change_pct), 2));
        out.push({
          ...base,
          check: 'cross_year_change_pct',
          expected: m,
          actual: p.change_pct,
          message: `跨年度增减率不符：${name} ${where(p)}印 ${p.value}${u}、增减 ${p.change_pct}%；按${where(q)}的 ${q.value}${u}，应为 (${p.value} − ${q.value}) ÷ ${q.value} = ${m}%`,
        });
      }
    }
  }
  return out;
}

const isNum = (s: string) => /^[+-]?\d+(\.\d+)?$/.test(s);
const signed = (s: string) => (s.startsWith('-') ? `减少 ${s.slice(1)}` : `增加 ${s}`);

/** The change as printed (the point holds it converted): back to the printed unit. */
function changePrinted(p: SeriesPoint): string {
  return p.factor.eq(1) ? p.change : dec(p.change).div(p.factor).toFixed();
}
