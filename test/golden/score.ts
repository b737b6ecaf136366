/**
 * Field-by-field comparison of an extraction with a hand-checked truth file (the samples' schema). Used
 * by the golden tests and by `npm run score` for the figures; it reports every mismatch, never a verdict.
 */
import type { DocumentResult } from '../../src/pipeline.js';

export interface Truth {
  doc: { id: string; department: string; year: number; published: string | null };
  staff?: Record<string, number>;
  units: { seq: number; name: string; kind: string | null }[];
  facts: TruthFact[];
  line_items?: { context: string; code: string; name: string; amount: string }[];
  basic_items?: { group: string; name: string; amount: string }[];
  evaluations?: TruthEvaluation[];
}

/** A truth fact; the national template's truth adds budget versus final, item numbers and codes. */
export interface TruthFact {
  key: string;
  section: string;
  label: string;
  amount: string;
  change?: string | null;
  change_pct?: string | null;
  share_pct?: string | null;
  variance_pct?: string | null;
  parent?: string | null;
  unit?: string;
  page?: number;
  budget?: string | null;
  /** 年初预算 / 全年预算 / 调整预算: the extraction's budget_basis */
  budget_label?: string | null;
  completion_pct?: string | null;
  item_no?: number | null;
  code?: string | null;
}

/** Fact fields compared only when the truth file records them (in any of its facts): truth field → extraction field. */
const OPTIONAL_FACT_FIELDS = { budget: 'budget', budget_label: 'budget_basis', completion_pct: 'completion_pct', item_no: 'item_no', code: 'code' } as const;
type OptionalFactField = keyof typeof OPTIONAL_FACT_FIELDS;

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
  fact?: (f: TruthFact) => boolean;
  /** an extracted fact left out of the comparison is not reported as missing from the truth either */
  resultFact?: (f: DocumentResult['facts'][number]) => boolean;
  lineItem?: (l: NonNullable<Truth['line_items']>[number]) => boolean;
  /** compare only these record kinds: doc, staff, units, facts, line_items, basic_items, evaluations (with their funds and indicators); default: all the truth has */
  kinds?: string[];
  /** optional fact fields not compared even when the truth has them (e.g. code before tables are read) */
  skipFactFields?: OptionalFactField[];
}

export function score(result: DocumentResult, truth: Truth, scope: ScoreScope = {}): Score {
  const s: Score = { fields: {}, mismatches: [] };
  const cmp = (kind: string, id: string, field: string, expected: unknown, actual: unknown) => {
    const f = (s.fields[kind] ??= { matched: 0, total: 0 });
    f.total++;
    if (norm(expected) === norm(actual)) f.matched++;
    else s.mismatches.push({ kind, id, field, expected, actual });
  };

  const wanted = (kind: string) => !scope.kinds || scope.kinds.includes(kind);
  if (wanted('doc')) {
    cmp('doc', 'doc', 'department', truth.doc.department, result.meta.department);
    cmp('doc', 'doc', 'year', truth.doc.year, result.meta.year);
    cmp('doc', 'doc', 'published', truth.doc.published, result.meta.published);
  }

  if (wanted('staff')) for (const [field, value] of Object.entries(truth.staff ?? {})) cmp('staff', field, 'count', value, result.staff.find((x) => x.field === field)?.count);

  if (wanted('units')) {
    for (const u of truth.units) {
      const got = result.units.find((x) => x.seq === u.seq);
      cmp('units', String(u.seq), 'name', u.name, got?.name);
      cmp('units', String(u.seq), 'kind', u.kind, got?.kind);
    }
  }

  if (wanted('facts')) scoreFacts(result, truth, scope, cmp, s);

  if (wanted('line_items')) {
    const used = new Set<object>();
    for (const l of (truth.line_items ?? []).filter(scope.lineItem ?? (() => true))) {
      const got = result.line_items.find((x) => !used.has(x) && x.context === l.context && x.code === l.code);
      if (got) used.add(got);
      const id = `${l.context}/${l.code}`;
      cmp('line_items', id, 'name', l.name, got?.name);
      cmp('line_items', id, 'amount', l.amount, got?.amount);
    }
    for (const x of result.line_items.filter((x) => !used.has(x))) s.mismatches.push({ kind: 'line_items', id: `${x.context}/${x.code}`, field: '(not in truth)', expected: undefined, actual: x.amount });
  }
  if (wanted('basic_items')) scoreBasicItems(result, truth, cmp, s);
  // an evaluation's funds and indicators are compared with it
  if (wanted('evaluations')) scoreEvaluations(result, truth, cmp, s);
  return s;
}

type Cmp = (kind: string, id: string, field: string, expected: unknown, actual: unknown) => void;

/**
 * Facts: a key the truth lists once is matched with the first statement of that key (its restatements are
 * rows of their own that the truth does not list); a key the truth lists several times (gpb_item, a
 * restated gpb_expense_total) is matched by key, section and label.
 */
function scoreFacts(result: DocumentResult, truth: Truth, scope: ScoreScope, cmp: Cmp, s: Score): void {
  const count = new Map<string, number>();
  for (const f of truth.facts) count.set(f.key, (count.get(f.key) ?? 0) + 1);
  const optional = (Object.keys(OPTIONAL_FACT_FIELDS) as OptionalFactField[]).filter((k) => truth.facts.some((f) => k in f) && !scope.skipFactFields?.includes(k));
  const used = new Set<object>();
  for (const f of truth.facts.filter(scope.fact ?? (() => true))) {
    const several = (count.get(f.key) ?? 0) > 1;
    const got = result.facts.find((x) => !used.has(x) && x.key === f.key && (several ? x.section === f.section && x.label === f.label : !x.restates));
    if (got) used.add(got);
    const id = several ? `${f.key}@${f.section}/${f.label}` : f.key;
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
      ...optional.map((k): [string, unknown, unknown] => [k, f[k] ?? null, got ? got[OPTIONAL_FACT_FIELDS[k]] : undefined]),
    ];
    for (const [field, e, a] of fields) cmp('facts', id, field, e, a);
  }
  // extracted facts the truth does not have: a key it lacks, an unmatched statement of a key it lists
  // several times, or a second first statement of a key it lists once (restatements are not extra)
  for (const x of result.facts.filter((x) => !used.has(x) && (scope.resultFact ?? (() => true))(x))) {
    const n = count.get(x.key) ?? 0;
    if (n === 1 && x.restates) continue;
    s.mismatches.push({ kind: 'facts', id: n > 1 ? `${x.key}@${x.section}/${x.label}` : x.key, field: '(not in truth)', expected: undefined, actual: x.amount });
  }
}

function scoreBasicItems(result: DocumentResult, truth: Truth, cmp: Cmp, s: Score): void {
  const usedB = new Set<object>();
  for (const b of truth.basic_items ?? []) {
    const got = result.basic_items.find((x) => !usedB.has(x) && x.group === b.group && x.name === b.name);
    if (got) usedB.add(got);
    cmp('basic_items', `${b.group}/${b.name}`, 'amount', b.amount, got?.amount);
  }
  for (const x of result.basic_items.filter((x) => !usedB.has(x))) s.mismatches.push({ kind: 'basic_items', id: `${x.group}/${x.name}`, field: '(not in truth)', expected: undefined, actual: x.amount });
}

/** Evaluations in document order; their funds by row name, their indicators in order. */
function scoreEvaluations(result: DocumentResult, truth: Truth, cmp: Cmp, s: Score): void {
  const evaluations = truth.evaluations ?? [];
  evaluations.forEach((te, i) => {
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
    for (const x of inds.slice(te.indicators.length)) s.mismatches.push({ kind: 'indicators', id: `${id}/${x.name}`, field: '(not in truth)', expected: undefined, actual: x.score });
  });
  for (const e of result.evaluations.slice(evaluations.length)) s.mismatches.push({ kind: 'evaluations', id: e.project, field: '(not in truth)', expected: undefined, actual: e.total_score });
}

function norm(v: unknown): string {
  return v === undefined ? '<missing>' : v === null ? '<null>' : String(v);
}

export function summary(s: Score): string {
  return Object.entries(s.fields)
    .map(([k, v]) => `${k} ${v.matched}/${v.total}`)
    .join(', ');
}
