import { z } from 'zod';
import { tableRulesSchema, type TableRules } from './tables-schema.js';
import { ocrRulesSchema, type OcrRules } from '../ocr/rules.js';
import { checksRulesSchema, type ChecksRules } from './checks-schema.js';

/** A regular expression source; compiled (with the u flag) when the rules are loaded, so a bad one is reported with its line. */
const regex = z.string().min(1).superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

const scoped = z.strictObject({ scope: z.enum(['start', 'headings', 'text', 'end']), pattern: regex });

export const documentRulesSchema = z.strictObject({
  report: z.strictObject({ signatures: z.array(z.string().min(1)).min(1), vocabulary: z.array(z.string().min(1)).min(1) }),
  furniture: z.strictObject({ margin: z.number().min(0).max(0.5), patterns: z.array(regex) }),
  meta: z.strictObject({ department: z.array(scoped), year: z.array(scoped), published: z.array(scoped) }),
  staff: z.strictObject({ section: regex, fields: z.record(z.string(), regex) }),
  units: z.strictObject({ section: regex, columns: z.strictObject({ seq: regex, name: regex, kind: regex }) }),
});

export const headingRulesSchema = z.strictObject({
  levels: z.array(z.strictObject({ level: z.number().int().min(1).max(6), pattern: regex })).min(1),
  max_title_chars: z.number().int().positive(),
  not_ending_with: z.string(),
  not_containing: z.string(),
  /** a title that ends with a full stop when it ends with one of these words ("（一）…总体情况说明。") */
  title_period: regex.optional(),
  contents_entry: regex,
  contents_title: regex,
  blocks: z.array(z.strictObject({ kind: z.string(), start: regex, until_level: z.number().int().min(1) })),
});

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number as a string');

export const statementRulesSchema = z.strictObject({
  units: z.array(
    z.strictObject({
      printed: z.array(z.string().min(1)).min(1),
      unit: z.string().min(1),
      class: z.enum(['money', 'percent', 'count', 'area']),
      scale: decimalString.optional(),
      /** the printed unit counts only when the next character does not match (万 of "5万（含…）", not of "5万人次") */
      not_followed_by: regex.optional(),
    }),
  ),
  threshold_suffixes: z.array(z.string().min(1)),
  clause_boundaries: z.string().min(1),
  boundary_phrases: z.array(z.string().min(1)),
  modifiers: z.strictObject({
    change: z.strictObject({ positive: z.array(z.string().min(1)), negative: z.array(z.string().min(1)) }),
    change_prefix: regex,
    share: z.array(z.string().min(1)),
    share_of_pattern: regex,
    variance: z.array(z.string().min(1)),
    final: z.array(z.string().min(1)),
    item_amount: z.array(z.string().min(1)),
    filler_suffix: regex,
    budget: z.array(z.strictObject({ words: z.array(z.string().min(1)).min(1), basis: z.string().min(1) })),
    budget_final: z.array(z.string().min(1)),
    completion_pattern: regex,
    unchanged: z.array(z.string().min(1)),
  }),
  label_strip_prefix: z.array(regex),
  label_strip_suffix: z.array(regex),
  attribute_labels: z.array(z.string().min(1)),
  enumeration_marker: regex,
  basic_item_lists: z.array(z.string().min(1)),
  coded_line: regex,
  budget_items: z.strictObject({ marker: regex, label: regex }),
});

const keyTemplate = z.string().regex(/^[a-z][a-z0-9_]*(\{[a-z_]+\}[a-z0-9_]*)*$/, 'a snake_case key, optionally with {group} placeholders');

export const factRuleSchema = z.strictObject({
  key: keyTemplate,
  label: regex,
  section: regex.optional(),
  unit: z.string().min(1).optional(),
  parent: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  output_label: z.string().min(1).optional(),
  additive: z.boolean().optional(),
  share_of: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  role: z.enum(['item', 'budget_item']).optional(),
  after: z.string().optional(),
  /** several statements of this key are several values (one per label), not restatements */
  many: z.boolean().optional(),
  /** the label is matched against the clause before the amount (default) or the whole sentence part back to 。/； */
  scope: z.enum(['clause', 'sentence']).optional(),
});

export const factRulesSchema = z.strictObject({ facts: z.array(factRuleSchema).min(1) });

export type DocumentRules = z.infer<typeof documentRulesSchema>;
export type HeadingRules = z.infer<typeof headingRulesSchema>;
export type StatementRules = z.infer<typeof statementRulesSchema>;
export type FactRule = z.infer<typeof factRuleSchema>;

/** The rule files of `rules/`, one schema each. */
export const RULE_FILES = {
  document: { file: 'document.yaml', schema: documentRulesSchema },
  headings: { file: 'headings.yaml', schema: headingRulesSchema },
  statements: { file: 'statements.yaml', schema: statementRulesSchema },
  facts: { file: 'facts.yaml', schema: factRulesSchema },
  tables: { file: 'tables.yaml', schema: tableRulesSchema },
  ocr: { file: 'ocr.yaml', schema: ocrRulesSchema },
  checks: { file: 'checks.yaml', schema: checksRulesSchema },
} as const;

export interface Rules {
  document: DocumentRules;
  headings: HeadingRules;
  statements: StatementRules;
  facts: FactRule[];
  tables: TableRules;
  ocr: OcrRules;
  checks: ChecksRules;
}
