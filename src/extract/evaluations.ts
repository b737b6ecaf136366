/**
 * 项目支出绩效自评表 → evaluations, their 项目资金 rows and their indicators. Everything is located by the
 * header and label texts of rules/tables.yaml (`evaluation`), never by column position.
 */
import type { Box } from '../read/types.js';
import type { Cell, Table } from '../tables/index.js';
import { cellAt } from '../tables/index.js';
import type { EvaluationRules, TableRules } from '../rules/tables-schema.js';
import { parseTarget, type TargetOp } from '../values/target.js';
import type { Provenance } from './types.js';
import {
  cellKey,
  cellNumber,
  cellProvenance,
  cellValue,
  compile,
  findHeaderRow,
  roundBox,
  rowProvenance,
  topCells,
  under,
  type NumberRules,
} from './table-cells.js';

export const FUND_FIELDS = ['initial', 'full_year', 'executed', 'weight', 'rate_pct', 'score'] as const;
export type FundField = (typeof FUND_FIELDS)[number];
export const INDICATOR_FIELDS = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

type Money = Record<FundField, string | null>;

/** A money column as a user reads it in a message. */
const FUND_FIELD_NAME: Record<FundField, string> = { initial: '年初预算数', full_year: '全年预算数', executed: '全年执行数', weight: '分值', rate_pct: '执行率', score: '得分' };

/** One 自评表. The money columns are its 年度资金总额 row. */
export interface Evaluation extends Provenance, Money {
  /** 1-based number of the 自评表 in the document (funds and indicators refer to it) */
  eval_no: number;
  project: string;
  /** 主管部门 */
  supervisor: string | null;
  implementer: string | null;
  goal_expected: string | null;
  goal_actual: string | null;
  total_score: string | null;
  /** the 分值 printed on the 总分 row (normally 100) */
  total_weight: string | null;
  /** per field, the cell it was read from */
  cells: Partial<Record<string, Provenance>>;
}

export interface EvaluationFund extends Provenance, Money {
  eval_no: number;
  project: string;
  /** canonical row name (年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金) */
  row: string;
  /** the row whose money columns are the evaluation's own (年度资金总额) */
  total: boolean;
  cells: Partial<Record<FundField | 'label', Provenance>>;
}

export interface Indicator extends Provenance {
  eval_no: number;
  project: string;
  level1: string | null;
  level2: string | null;
  name: string | null;
  target: string | null;
  target_op: TargetOp;
  target_value: string | null;
  target_unit: string | null;
  actual: string | null;
  actual_value: string | null;
  actual_unit: string | null;
  weight: string | null;
  score: string | null;
  deviation: string | null;
  cells: Partial<Record<IndicatorField, Provenance>>;
}

export interface UnreadCell {
  page: number;
  bbox: Box;
  source_text: string;
  reason: string;
}

export interface EvaluationsResult {
  evaluations: Evaluation[];
  funds: EvaluationFund[];
  indicators: Indicator[];
  unread: UnreadCell[];
}

interface Compiled {
  rules: EvaluationRules;
  anchor: RegExp;
  labels: Record<'project' | 'supervisor' | 'implementer', RegExp>;
  fundCols: Record<FundField, RegExp>;
  fundRows: { row: string; label: RegExp; total: boolean }[];
  goal: Record<'anchor' | 'expected' | 'actual', RegExp>;
  indCols: Record<IndicatorField, RegExp>;
  totalScore: RegExp;
  numbers: NumberRules;
}

function compileRules(rules: EvaluationRules): Compiled {
  return {
    rules,
    anchor: new RegExp(rules.anchor, 'u'),
    labels: compile(rules.labels),
    fundCols: compile(rules.funds.columns),
    fundRows: rules.funds.rows.map((r) => ({ row: r.row, label: new RegExp(r.label, 'u'), total: r.total })),
    goal: compile(rules.goal),
    indCols: compile(rules.indicators.columns),
    totalScore: new RegExp(rules.total_score, 'u'),
    numbers: { empty: rules.empty, suffixes: rules.number_suffixes },
  };
}

/** Reads every 自评表 among the tables (tables continued over pages already joined). */
export function readEvaluations(tables: readonly Table[], rules: TableRules | EvaluationRules): EvaluationsResult {
  const c = compileRules('evaluation' in rules ? rules.evaluation : rules);
  const out: EvaluationsResult = { evaluations: [], funds: [], indicators: [], unread: [] };
  for (const table of tables) {
    // A joined table could hold two 自评表 (same layout on consecutive pages): one block per anchor row.
    const anchors = [...new Set(table.cells.filter((x) => c.anchor.test(cellKey(x))).map((x) => x.row))].sort((a, b) => a - b);
    anchors.forEach((from, i) => readOne(table, from, anchors[i + 1] ?? table.rows, c, out));
  }
  return out;
}

/** Same grid position rules for a label's value: the next cell to the right, or the one below. */
function valueOf(table: Table, label: Cell, below: boolean): Cell | undefined {
  return below ? cellAt(table, label.row + label.rowSpan, label.col) : cellAt(table, label.row, label.col + label.colSpan);
}

function findCell(table: Table, re: RegExp, from: number, to: number): Cell | undefined {
  return table.cells.find((x) => x.row >= from && x.row < to && re.test(cellKey(x)));
}

/** What the readers of one 自评表 block share. */
interface Block {
  table: Table;
  from: number;
  to: number;
  c: Compiled;
  out: EvaluationsResult;
  eval_no: number;
  project: string;
  /** the evaluation's own values' cells */
  cells: Evaluation['cells'];
}

function report(b: Block, cell: Cell | undefined, reason: string): void {
  const at = cell ?? b.table.cells.find((x) => x.row === b.from)!;
  b.out.unread.push({ page: at.page, bbox: roundBox(at.bbox), source_text: at.text || '(empty)', reason });
}

/** A printed number, or null; text that is not a number is reported, not guessed at. */
function num(b: Block, cell: Cell | undefined, what: string): string | null {
  const { value, bad } = cellNumber(cell, b.c.numbers);
  if (bad) report(b, cell, `项目支出绩效自评表 ${b.project || ''} ${what}：印的不是数字`);
  return value;
}

/** A text value of the evaluation, remembering its cell. */
function text(b: Block, cell: Cell | undefined, field: string): string | null {
  const v = cellValue(cell);
  if (cell && v) b.cells[field] = cellProvenance(cell);
  return v || null;
}

const NO_MONEY: Money = { initial: null, full_year: null, executed: null, weight: null, rate_pct: null, score: null };

function readOne(table: Table, from: number, to: number, c: Compiled, out: EvaluationsResult): void {
  const b: Block = { table, from, to, c, out, eval_no: out.evaluations.length + 1, project: '', cells: {} };
  const anchor = findCell(table, c.anchor, from, to);

  const labelled: Partial<Record<'project' | 'supervisor' | 'implementer', string | null>> = {};
  for (const k of ['project', 'supervisor', 'implementer'] as const) {
    const label = findCell(table, c.labels[k], from, to);
    labelled[k] = label ? text(b, valueOf(table, label, c.rules.value_below.includes(k)), k) : null;
  }
  b.project = labelled.project ?? '';
  if (!b.project) report(b, anchor, '项目支出绩效自评表没有项目名称');

  // The goal anchor and the indicator header end the 项目资金 block.
  const goalAnchor = findCell(table, c.goal.anchor, from, to);
  const indHead = findHeaderRow(table, c.indCols, c.rules.indicators.min_header_matches, from, to);
  const fundHead = findHeaderRow(table, c.fundCols, c.rules.funds.min_header_matches, from, indHead?.row ?? to);
  if (!fundHead) report(b, anchor, `项目支出绩效自评表 ${b.project} 没有项目资金表头`);
  const money = fundHead ? readFunds(b, fundHead, Math.min(goalAnchor?.row ?? to, indHead?.row ?? to)) : NO_MONEY;
  const goal = goalAnchor ? readGoal(b, goalAnchor) : { goal_expected: null, goal_actual: null };
  if (!indHead) report(b, anchor, `项目支出绩效自评表 ${b.project} 没有绩效指标表头`);
  const totals = indHead ? readIndicators(b, indHead) : { total_score: null, total_weight: null };

  const first = table.parts[0];
  out.evaluations.push({
    eval_no: b.eval_no,
    project: b.project,
    supervisor: labelled.supervisor ?? null,
    implementer: labelled.implementer ?? null,
    ...money,
    ...goal,
    ...totals,
    page: anchor?.page ?? first.page,
    // the table's box when the block is the whole table, else the anchor cell's
    bbox: roundBox(from === 0 ? first.bbox : (anchor?.bbox ?? first.bbox)),
    source_text: `${anchor?.text ?? ''} ${b.project}`.trim() || '(evaluation)',
    cells: b.cells,
  });
}

/** The 项目资金 rows below their header, up to `end`; returns the total row's money (the evaluation's own). */
function readFunds(b: Block, head: { row: number; cols: Partial<Record<FundField, Cell>> }, end: number): Money {
  const { table, c } = b;
  let money = NO_MONEY;
  const firstValueCol = Math.min(...Object.values<Cell | undefined>(head.cols).filter((x): x is Cell => !!x).map((x) => x.col));
  for (let r = head.row + 1; r < end; r++) {
    // The row label: a cell left of the value columns matching a row pattern (the block label spans rows too).
    let rule: Compiled['fundRows'][number] | undefined;
    let label: Cell | undefined;
    for (let col = 0; col < firstValueCol && !rule; col++) {
      const cell = cellAt(table, r, col);
      const k = cellKey(cell);
      if (!cell || !k) continue;
      rule = c.fundRows.find((fr) => fr.label.test(k));
      if (rule) label = cell;
    }
    if (!rule || !label) continue;
    const row: Money = { ...NO_MONEY };
    const cells: EvaluationFund['cells'] = { label: cellProvenance(label) };
    for (const f of FUND_FIELDS) {
      const cell = under(table, r, head.cols[f]);
      row[f] = num(b, cell, `${rule.row}${FUND_FIELD_NAME[f]}`);
      if (cell && row[f] !== null) cells[f] = cellProvenance(cell);
    }
    const prov = rowProvenance([label, ...FUND_FIELDS.map((f) => under(table, r, head.cols[f]))])!;
    b.out.funds.push({ eval_no: b.eval_no, project: b.project, row: rule.row, total: rule.total, ...row, ...prov, cells });
    if (rule.total) {
      money = row;
      for (const f of FUND_FIELDS) if (cells[f]) b.cells[f] = cells[f];
    }
  }
  return money;
}

/** 年度总体目标: the texts below the 预期目标 / 实际完成情况 sub-headers, else the cell right of the anchor. */
function readGoal(b: Block, anchor: Cell): { goal_expected: string | null; goal_actual: string | null } {
  const { table, c } = b;
  const exp = findCell(table, c.goal.expected, anchor.row, anchor.row + anchor.rowSpan);
  const act = findCell(table, c.goal.actual, anchor.row, anchor.row + anchor.rowSpan);
  return {
    goal_expected: text(b, exp ? cellAt(table, exp.row + exp.rowSpan, exp.col) : valueOf(table, anchor, false), 'goal_expected'),
    goal_actual: act ? text(b, cellAt(table, act.row + act.rowSpan, act.col), 'goal_actual') : null,
  };
}

/** The indicator rows below their header, down to the 总分 row; returns the 总分 row's score and weight. */
function readIndicators(b: Block, head: { row: number; cols: Partial<Record<IndicatorField, Cell>> }): { total_score: string | null; total_weight: string | null } {
  const { table, c } = b;
  // First rows of the pages after the first: a span cut by a page break comes back empty there.
  const partStarts = new Set(table.parts.slice(1).map((p) => p.rowOffset));
  const carried: { level1: string | null; level2: string | null } = { level1: null, level2: null };
  for (let r = head.row + 1; r < b.to; r++) {
    const totalCell = topCells(table, r).find((x) => c.totalScore.test(cellKey(x)));
    if (totalCell) return readTotal(b, r, totalCell, head.cols);
    const get = (f: IndicatorField) => under(table, r, head.cols[f]);
    const cells: Indicator['cells'] = {};
    const txt = (f: IndicatorField): string | null => {
      const cell = get(f);
      const v = cellValue(cell);
      if (cell && v) cells[f] = cellProvenance(cell);
      return v || null;
    };
    const levels = { level1: txt('level1'), level2: txt('level2') };
    for (const k of ['level1', 'level2'] as const) {
      const cell = get(k);
      if (levels[k] === null && cell && partStarts.has(cell.row)) levels[k] = carried[k];
      carried[k] = levels[k];
    }
    const name = txt('name');
    const target = txt('target');
    const actual = txt('actual');
    const weight = num(b, get('weight'), '指标分值');
    const score = num(b, get('score'), '指标得分');
    if (weight !== null) cells.weight = cellProvenance(get('weight')!);
    if (score !== null) cells.score = cellProvenance(get('score')!);
    // An 二级 category printed with no indicator under it gives no row.
    if (!name && !target && !actual && weight === null && score === null) continue;
    const deviation = txt('deviation');
    const t = parseTarget(target);
    const a = parseTarget(actual);
    const prov = rowProvenance((['name', 'target', 'actual', 'weight', 'score', 'deviation'] as const).map(get))!;
    b.out.indicators.push({
      eval_no: b.eval_no,
      project: b.project,
      ...levels,
      name,
      target,
      target_op: t.op,
      target_value: t.value,
      target_unit: t.unit,
      actual,
      actual_value: a.value,
      actual_unit: a.unit,
      weight,
      score,
      deviation,
      ...prov,
      cells,
    });
  }
  return { total_score: null, total_weight: null };
}

/** The 总分 row: score and weight under the indicator columns, or the row's last numbers when the label spans them. */
function readTotal(b: Block, r: number, label: Cell, cols: Partial<Record<IndicatorField, Cell>>): { total_score: string | null; total_weight: string | null } {
  const { table, c } = b;
  const nums = topCells(table, r).filter((x) => x !== label && cellNumber(x, c.numbers).value !== null);
  const scoreCell = under(table, r, cols.score);
  const weightCell = under(table, r, cols.weight);
  const sc = scoreCell && scoreCell !== label ? scoreCell : nums[nums.length - 1];
  const wc = weightCell && weightCell !== label ? weightCell : nums[nums.length - 2];
  const total_score = num(b, sc, '总分');
  if (sc && total_score !== null) b.cells.total_score = cellProvenance(sc);
  return { total_score, total_weight: num(b, wc, 'total_weight') };
}
