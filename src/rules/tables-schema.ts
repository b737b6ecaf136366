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

export const codedTableRuleSchema = z.strictObject({
  /** pattern for the title printed above the table (normalised, spaces removed) */
  title: regex,
  /** what the rows' `context` says */
  context: z.string().min(1),
  section: z.string().min(1),
  /** key of the total record made from the 合计 row */
  total_key: key,
  /** the narrative statement the table restates: its line items' context and its total's fact key */
  narrative_context: z.string().min(1).optional(),
  narrative_total_key: key.optional(),
  /** the amount column giving each row's `amount` (first matching header wins) */
  amount_column: regex,
});

export const codedTablesRulesSchema = z.strictObject({
  /** how many text lines above a table are searched for its title */
  title_lines: z.number().int().min(1).default(5),
  unit: z.strictObject({ pattern: regex, default: z.string().min(1) }),
  columns: z.strictObject({
    /** one code column ("科目编码"), or three split ones (类 / 款 / 项) */
    code: regex,
    split: z.strictObject({ lei: regex, kuan: regex, xiang: regex }),
    name: regex,
  }),
  total_label: regex,
  /** a line above a table that looks like a report table's title: when it matches none of `tables`, the table is reported unread */
  title_like: regex.optional(),
  tables: z.array(codedTableRuleSchema).min(1),
});

export const tableRulesSchema = z.strictObject({
  evaluation: evaluationRulesSchema,
  coded_tables: codedTablesRulesSchema,
});

export type TableRules = z.infer<typeof tableRulesSchema>;
export type EvaluationRules = TableRules['evaluation'];
export type CodedTablesRules = TableRules['coded_tables'];
export type CodedTableRule = z.infer<typeof codedTableRuleSchema>;
