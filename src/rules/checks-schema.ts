/**
 * Schema of rules/checks.yaml: the identities a report must satisfy — inside one table, between tables, between
 * the narrative and the tables — and the word lists of the checks that read words. Tables are named by kind
 * (rules/tables.yaml), rows by label or code patterns, columns by patterns on their header path: never by position.
 */
import { z } from 'zod';

const regex = z.string().min(1).superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

const kind = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a table kind of rules/tables.yaml');
const key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case fact key');

/**
 * A column: `column` matches its header path ("本年支出/合计"); with `basis`, one segment of the path must match
 * `basis` ("决算数") and `column` is matched against the path without it (so "合计/决算数" and "决算数/合计" are one).
 */
const columnRef = { column: regex, basis: regex.optional() };

/** One printed value: a row (label pattern, or code pattern) of a table, in one column. Blank prints 0. */
export const cellRefSchema = z
  .strictObject({
    table: kind,
    /** the row label, matched after ASCII/full-width parentheses and quotes are made one; none: the table's first row */
    row: regex.optional(),
    /** the row's classification code */
    code: regex.optional(),
    /** the n-th row the pattern matches, top first (a label printed twice, e.g. under 年初结转和结余) */
    nth: z.number().int().min(1).default(1),
    /** only rows above the first row matching this (a label printed again below it means something else) */
    above: regex.optional(),
    /** only rows below the first row matching this */
    below: regex.optional(),
    ...columnRef,
  })
  .refine((r) => !(r.row && r.code), { message: 'a row is named by `row` or by `code`, not both' });

/** Row terms of a within-table row identity (each is read in the identity's column). */
const rowTerm = z.union([
  z.strictObject({ row: regex, nth: z.number().int().min(1).default(1) }),
  /** every row whose code matches (economic 类 301, 303 …) */
  z.strictObject({ code: regex }),
  /** the numbered rows (一、…) right above the total row */
  z.strictObject({ items_above: z.literal(true) }),
  /** the numbered rows right below the total row */
  z.strictObject({ items_below: z.literal(true) }),
  /**
   * every row from the one matching this (inclusive) down to the total row; a numbered row counts only when the
   * unnumbered row it is printed under is blank in that column (年初结转和结余 left blank, its 一、二、三 printed)
   */
  z.strictObject({ rows_from: regex }),
]);

const name = z.string().min(1);

export const checksRulesSchema = z.strictObject({
  /** printed numbering of a row label ("八、社会保障和就业支出") */
  numbered: regex,
  /** the row of a coded table that is the sum of its 类 rows */
  total_row: regex,
  /**
   * 支出功能分类科目 类 (national classification, public data): code and the names it has been printed under,
   * so the two-sided tables' rows ("八、社会保障和就业支出") meet the coded tables' 类 rows
   */
  function_classes: z.array(z.strictObject({ code: z.string().regex(/^\d{3}$/), names: z.array(z.string().min(1)).min(1) })).min(1),
  within: z.strictObject({
    /** in every row: total column = Σ parts − Σ minus */
    columns: z.array(
      z.strictObject({
        name,
        table: kind,
        total: regex,
        /** columns that must all be in the table's header for the identity to apply */
        parts: z.array(regex).min(1),
        /** columns counted when the table has them */
        optional: z.array(regex).default([]),
        minus: z.array(regex).default([]),
        /** the identity holds for each value of the path segment matching this (预算数 / 决算数) */
        per: regex.optional(),
        /** only rows whose label matches */
        rows: regex.optional(),
      }),
    ),
    /** in every value column matching `columns`: total row = Σ part rows */
    rows: z.array(
      z.strictObject({
        name,
        table: kind,
        columns: regex,
        total: z.strictObject({ row: regex, nth: z.number().int().min(1).default(1) }),
        parts: z.array(rowTerm).min(1),
      }),
    ),
  }),
  between: z.strictObject({
    /** Σ left = Σ right: the same quantity printed twice (in two tables, or on both sides of one) */
    cells: z.array(z.strictObject({ name, left: z.array(cellRefSchema).min(1), right: z.array(cellRefSchema).min(1) })),
    /** every 类 row of a = the same 类 of b (by code, or by the 类 name for rows printed without codes) */
    classes: z.array(
      z.strictObject({
        name,
        a: z.strictObject({ table: kind, ...columnRef }),
        b: z.strictObject({ table: kind, ...columnRef }),
      }),
    ),
  }),
  /** a narrative fact restates a table value (and its budget, when the table prints budgets) */
  narrative: z.array(
    z
      .strictObject({
        fact: key,
        /** the cell the fact restates */
        cell: cellRefSchema.optional(),
        /** the row of the fact's own code (its 类/款/项 linked to the table), else of its 类 name; in this column */
        coded: z.strictObject({ table: kind, ...columnRef }).optional(),
        /** the column of the budget the fact states beside its amount (the same row) */
        budget: z.strictObject(columnRef).optional(),
      })
      .refine((e) => Boolean(e.cell) !== Boolean(e.coded), { message: 'a narrative entry names its `cell` or its `coded` row, one of them' }),
  ),
  /** amounts that are parts of another cannot exceed it: Σ parts ≤ whole */
  bounds: z.array(z.strictObject({ name, parts: z.array(key).min(1), whole: key })),
  completeness: z.strictObject({
    /** the report prints the standard tables (a part heading or contents entry "第二部分 …部门决算表") */
    required_when: regex,
    /** the kinds the template requires, with the title a reader knows them by */
    required: z.array(z.strictObject({ kind, name: z.string().min(1) })),
    /** the line that starts the table of contents */
    contents: regex,
    /** a contents entry ends where a line reads like a sentence */
    contents_end: regex,
    /** how many lines below a title printed without a table its 空表说明 may be */
    note_lines: z.number().int().min(1).default(6),
  }),
  words: z.strictObject({
    /** template wording left in the text ("XX局", "下降（增长）", "202 年度") */
    placeholders: z.array(regex),
    /** where the report's year belongs (group `year`); offset −1 for the year compared with */
    years: z.array(z.strictObject({ pattern: regex, offset: z.number().int().default(0) })),
    /** headings naming the department (group `department`) */
    departments: z.array(regex),
    /** a comparison of the final amount with the budget: > < =; group `basis` names the budget (年初 / 全年 / 调整) */
    comparisons: z.array(z.strictObject({ pattern: regex, relation: z.enum(['>', '<', '=']) })),
    /** a fact's label naming a budget, and which budget it is (group `basis`: 年初预算 / 全年预算 / 调整预算) */
    budget_label: regex,
    /** words of an increase and of a decrease, for a change whose sign contradicts its word */
    increase: z.array(z.string().min(1)),
    decrease: z.array(z.string().min(1)),
    /** "人员经费…主要包括：A、B、C": each item named should be printed with an amount in the table (groups `group`, `items`) */
    item_lists: z.array(z.strictObject({ pattern: regex, table: kind })),
    /** the separator of a list's items, and words cut from an item's end ("等") */
    item_separator: regex,
    item_suffix: regex,
    /** what a numbered item says it is for (group `text`), and the keys of the numbered items */
    purpose: regex,
    purpose_facts: z.array(key),
  }),
});

export type ChecksRules = z.infer<typeof checksRulesSchema>;
export type CellRef = z.infer<typeof cellRefSchema>;
export type RowTerm = z.infer<typeof rowTerm>;
