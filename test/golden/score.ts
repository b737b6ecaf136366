/**
 * Field-by-field comparison of an extraction with a hand-checked truth file (the samples' schema). Used
 * by the golden tests and by `npm run score` for the figures; it reports every mismatch, never a verdict.
 */
import type { DocumentResult } from '../../src/pipeline.js';

export interface Truth {
  doc: { id: string; department: string; year: number; published: string };
  staff: Record<string, number>;
  units: { seq: number; name: string; kind: string }[];
  facts: { key: string; section: string; label: string; amount: string; change?: string | null; change_pct?: string | null; share_pct?: string | null; variance_pct?: string | null; parent?: string | null; unit?: string }[];
  line_items: { context: string; code: string; name: string; amount: string }[];
  basic_items: { group: string; name: string; amount: string }[];
  evaluations: TruthEvaluation[];
}

export interface TruthEvaluation {
  project: string;
  department: string;
  implementer: string;
  funds: { row: string; initial: string | null; full_year: string | null; executed: string | null; weight: string | null; rate_pct: string | null; score: string | null }[];
  goal_expected: string | null;
  goal_actual: string | null;
  indicators: { level1: string; level2: string; name: string; target: string; actual: string; weight: string; score: string; deviation: string | null }[];
  total_score: string;
}

export interface Mismatch {
  kind: string;
  id: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface Score {
  /** per record type: fields compared and matched */
  fields: Record<string, { matched: number; total: number }>;
  mismatches: Mismatch[];
}

export interface ScoreScope {
  /** keep a truth record in the comparison (e.g. only the narrative's records) */
  fact?: (f: Truth['facts'][number]) => boolean;
  lineItem?: (l: Truth['line_items'][number]) => boolean;
  /** compare only these record kinds ("facts", "line_items", …); default all */
  kinds?: string[];
}

export function score(result: DocumentResult, truth: Truth, scope: ScoreScope = {}): Score {
  const s: Score = { fields: {}, mismatches: [] };
  const want = (kind: string) => !scope.kinds || scope.kinds.includes(kind);
  const cmp = (kind: string, id: string, field: string, expected: unknown, actual: unknown) => {
    if (!want(kind)) return;
    const f = (s.fields[kind] ??= { matched: 0, total: 0 });
    f.total++;
    if (norm(expected) === norm(actual)) f.matched++;
    else s.mismatches.push({ kind, id, field, expected, actual });
  };

  cmp('doc', 'doc', 'department', truth.doc.department, result.meta.department);
  cmp('doc', 'doc', 'year', truth.doc.year, result.meta.year);
  cmp('doc', 'doc', 'published', truth.doc.published, result.meta.published);

  for (const [field, value] of Object.entries(truth.staff)) cmp('staff', field, 'count', value, result.staff.find((x) => x.field === field)?.count);

  for (const u of truth.units) {
    const got = result.units.find((x) => x.seq === u.seq);
    cmp('units', String(u.seq), 'name', u.name, got?.name);
    cmp('units', String(u.seq), 'kind', u.kind, got?.kind);
  }

  for (const f of truth.facts.filter(scope.fact ?? (() => true))) {
    const got = result.facts.find((x) => x.key === f.key);
    const fields: [string, unknown, unknown][] = [
      ['section', f.section, got?.section],
      ['label', f.label, got?.label],
      ['amount', f.amount, got?.amount],
      ['unit', f.unit ?? '万元', got?.unit],
      ['change', f.change ?? null, got ? got.change : undefined],
      ['change_pct', f.change_pct ?? null, got ? got.change_pct : undefined],
      ['share_pct', f.share_pct ?? null, got ? got.share_pct : undefined],
      ['variance_pct', f.variance_pct ?? null, got ? got.variance_pct : undefined],
      ['parent', f.parent ?? null, got ? got.parent : undefined],
    ];
    for (const [field, e, a] of fields) cmp('facts', f.key, field, e, a);
  }
  const extraFacts = result.facts.filter((x) => !truth.facts.some((f) => f.key === x.key));
  for (const x of want('facts') ? extraFacts : []) s.mismatches.push({ kind: 'facts', id: x.key, field: '(not in truth)', expected: undefined, actual: x.amount });

  const used = new Set<object>();
  for (const l of truth.line_items.filter(scope.lineItem ?? (() => true))) {
    const got = result.line_items.find((x) => !used.has(x) && x.context === l.context && x.code === l.code);
    if (got) used.add(got);
    const id = `${l.context}/${l.code}`;
    cmp('line_items', id, 'name', l.name, got?.name);
    cmp('line_items', id, 'amount', l.amount, got?.amount);
  }
  for (const x of want('line_items') ? result.line_items.filter((x) => !used.has(x)) : []) s.mismatches.push({ kind: 'line_items', id: `${x.context}/${x.code}`, field: '(not in truth)', expected: undefined, actual: x.amount });

  const usedB = new Set<object>();
  for (const b of truth.basic_items) {
    const got = result.basic_items.find((x) => !usedB.has(x) && x.group === b.group && x.name === b.name);
    if (got) usedB.add(got);
    cmp('basic_items', `${b.group}/${b.name}`, 'amount', b.amount, got?.amount);
  }
  for (const x of want('basic_items') ? result.basic_items.filter((x) => !usedB.has(x)) : []) s.mismatches.push({ kind: 'basic_items', id: `${x.group}/${x.name}`, field: '(not in truth)', expected: undefined, actual: x.amount });

  // evaluations in document order; their funds by row name, their indicators in order
  truth.evaluations.forEach((te, i) => {
    const e = result.evaluations[i];
    const id = `#${i + 1} ${te.project}`;
    cmp('evaluations', id, 'project', te.project, e?.project);
    cmp('evaluations', id, 'supervisor', te.department, e?.supervisor);
    cmp('evaluations', id, 'implementer', te.implementer, e?.implementer);
    cmp('evaluations', id, 'goal_expected', te.goal_expected, e ? e.goal_expected : undefined);
    cmp('evaluations', id, 'goal_actual', te.goal_actual, e ? e.goal_actual : undefined);
    cmp('evaluations', id, 'total_score', te.total_score, e?.total_score);
    const funds = e ? result.evaluation_funds.filter((f) => f.eval_no === e.eval_no) : [];
    for (const tf of te.funds) {
      const f = funds.find((x) => x.row === tf.row);
      for (const k of ['initial', 'full_year', 'executed', 'weight', 'rate_pct', 'score'] as const) cmp('evaluation_funds', `${id}/${tf.row}`, k, tf[k], f ? f[k] : undefined);
    }
    const inds = e ? result.indicators.filter((x) => x.eval_no === e.eval_no) : [];
    te.indicators.forEach((ti, j) => {
      const x = inds[j];
      for (const k of ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'] as const) cmp('indicators', `${id}/${j + 1}`, k, ti[k], x ? x[k] : undefined);
    });
    for (const x of want('indicators') ? inds.slice(te.indicators.length) : []) s.mismatches.push({ kind: 'indicators', id: `${id}/${x.name}`, field: '(not in truth)', expected: undefined, actual: x.score });
  });
  for (const e of want('evaluations') ? result.evaluations.slice(truth.evaluations.length) : []) s.mismatches.push({ kind: 'evaluations', id: e.project, field: '(not in truth)', expected: undefined, actual: e.total_score });
  return s;
}

function norm(v: unknown): string {
  return v === undefined ? '<missing>' : v === null ? '<null>' : String(v);
}

export function summary(s: Score): string {
  return Object.entries(s.fields)
    .map(([k, v]) => `${k} ${v.matched}/${v.total}`)
    .join(', ');
}
