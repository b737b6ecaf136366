/** Schema of rules/tables.yaml: how the 第四部分 coded tables and the 项目支出绩效自评表 are read. */
import { z } from 'zod';

/** A regular expression source, checked when the rules are loaded so a bad one is reported with its line. */
const regex = z.string().min(1).superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

const key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case key');

/** Header patterns of the 项目资金 block, one per output column. */
const fundColumns = z.strictObject({
  initial: regex,
  full_year: regex,
  executed: regex,
  weight: regex,
  rate_pct: regex,
  score: regex,
});

const indicatorColumns = z.strictObject({
  level1: regex,
  level2: regex,
  name: regex,
  target: regex,
  actual: regex,
  weight: regex,
  score: regex,
  deviation: regex,
});

export const evaluationRulesSchema = z.strictObject({
  /** a table is a 自评表 when one of its cells matches this */
  anchor: regex,
  /** label cells whose value is the next cell to the right (or below, see `value_below`) */
  labels: z.strictObject({ project: regex, supervisor: regex, implementer: regex }),
  value_below: z.array(z.enum(['project', 'supervisor', 'implementer'])).default([]),
  funds: z.strictObject({
    columns: fundColumns,
    /** the header row is the first row where at least this many column patterns match */
    min_header_matches: z.number().int().min(1).default(3),
    /** row label pattern → canonical row name; the row with `total: true` is the evaluation's money row */
    rows: z.array(z.strictObject({ row: z.string().min(1), label: regex, total: z.boolean().default(false) })).min(1),
  }),
  goal: z.strictObject({ anchor: regex, expected: regex, actual: regex }),
  indicators: z.strictObject({
    columns: indicatorColumns,
    min_header_matches: z.number().int().min(1).default(4),
  }),
  total_score: regex,
  /** cell texts meaning "no value" ("—") */
  empty: z.array(z.string()),
  /** suffixes printed after a number and dropped from it ("10.00分", "100.00%") */
  number_suffixes: z.array(z.string().min(1)),
});

/** What a kind's coded rows give besides their cells: line items and a total (表五 → line_items.csv). */
export const lineItemRuleSchema = z.strictObject({
  /** what the rows' `context` says */
  context: z.string().min(1),
  /** section id used when the table's own section is not known */
  section: z.string().min(1),
  /** key of the total record made from the 合计 row */
  total_key: key,
  /** that key's name in Chinese (the fact-key vocabulary of datapackage.json) */
  total_label_zh: z.string().min(1),
  /** the narrative statement the table restates: its line items' context and its total's fact key */
  narrative_context: z.string().min(1).optional(),
  narrative_total_key: key.optional(),
  /** the value column giving each row's `amount`: matched against the last level of its header path (first match wins) */
  amount_column: regex,
});

/** One kind of statistical table (OUTPUT.md `table`): how its title is printed, what it gives. */
export const tableKindSchema = z.strictObject({
  kind: key,
  /** the kind's name in Chinese: the table-kind vocabulary of the data dictionary (datapackage.json) */
  label_zh: z.string().min(1),
  /** title patterns, matched against the title line after `title_prefixes`/`title_suffixes` are cut */
  titles: z.array(regex).default([]),
  /** header cells that identify the kind when no title matches (every pattern must match a cell) */
  header: z.array(regex).default([]),
  /** false for tables read into records of their own (units, 自评表): listed, but no table_cells rows */
  cells: z.boolean().default(true),
  line_items: lineItemRuleSchema.optional(),
});

export const statisticalTablesRulesSchema = z.strictObject({
  /** how many text lines above a table are searched for its title and unit */
  title_lines: z.number().int().min(1).default(6),
  /** cut from the start of a title line before matching ("表五", "公开05表", "附表1：") */
  title_prefixes: z.array(regex),
  /** cut from the end ("（公开01表）", "（续）") */
  title_suffixes: z.array(regex),
  /** a line above the table that is a title of some table (for tables no kind knows): ends like this */
  title_like: regex,
  unit: z.strictObject({ pattern: regex, default: z.string().min(1) }),
  /** the printed note below (or inside) a table printed empty ("故本表无数据") */
  empty_note: regex,
  /** a line under a table that starts its notes and so ends a table printed without rulings */
  note_start: regex,
  /** how far below a table its note is looked for (text lines) */
  note_lines: z.number().int().min(1).default(4),
  header: z.strictObject({
    /** a header cell over a column of whole codes ("科目编码"), or over one part of them (类 / 款 / 项) */
    code: regex,
    split: z.strictObject({ lei: regex, kuan: regex, xiang: regex }),
    /** a header cell over the row labels ("科目名称", "项目") */
    label: regex,
  }),
  /** a classification code as printed whole (功能分类 3/5/7 digits, 经济分类 3/5) */
  code: regex,
  /** row labels that start the table body even on a row printing no value */
  body_labels: z.array(regex),
  /** the row giving a coded table's total (for line_items' total record) */
  total_label: regex,
  /** cell texts that mean "no value" */
  empty_values: z.array(z.string()),
  /** the kind given to a table no kind's title or header names */
  other_kind: z.strictObject({ kind: key, label_zh: z.string().min(1) }),
  kinds: z.array(tableKindSchema).min(1),
});

export const tableRulesSchema = z.strictObject({
  evaluation: evaluationRulesSchema,
  statistical: statisticalTablesRulesSchema,
});

export type TableRules = z.infer<typeof tableRulesSchema>;
export type EvaluationRules = TableRules['evaluation'];
export type StatisticalTablesRules = TableRules['statistical'];
export type TableKindRule = z.infer<typeof tableKindSchema>;
export type LineItemRule = z.infer<typeof lineItemRuleSchema>;
