import { z } from 'zod';

/** Numbers as printed: plain ASCII decimals, optional sign, no separators (OUTPUT.md). */
const num = z.string().regex(/^-?\d+(\.\d+)?$/, 'a plain decimal string');
const box = z.strictObject({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
const provenance = { page: z.number().int().positive(), bbox: box, source_text: z.string().min(1), confidence: z.number().min(0).max(1).optional() };
const key = z.string().regex(/^[a-z][a-z0-9_]*$/);
const section = z.string().min(1);

export const factSchema = z.strictObject({
  ...provenance,
  key,
  section,
  label: z.string().min(1),
  amount: num,
  unit: z.string().min(1),
  change: num.nullable(),
  change_pct: num.nullable(),
  share_pct: num.nullable(),
  variance_pct: num.nullable(),
  final_amount: num.nullable(),
  budget: num.nullable(),
  budget_basis: z.string().min(1).nullable(),
  completion_pct: num.nullable(),
  parent: key.nullable(),
  share_of: key.nullable(),
  additive: z.boolean(),
  item_no: z.number().int().positive().nullable(),
  code: z.string().regex(/^\d{3}(\d{2}){0,2}$/).nullable(),
  restates: section.nullable(),
});

export const lineItemSchema = z
  .strictObject({
    ...provenance,
    context: z.string().min(1),
    total_key: key.nullable(),
    code: z.string().regex(/^\d{3}(\d{2}){0,2}$/),
    level: z.enum(['类', '款', '项']),
    name: z.string().min(1),
    amount: num,
    unit: z.string().min(1),
    section,
  })
  .refine((li) => li.level === ({ 3: '类', 5: '款', 7: '项' } as Record<number, string>)[li.code.length], { message: 'level does not match the code length' });

export const basicItemSchema = z.strictObject({ ...provenance, group: z.string().min(1), group_key: key, name: z.string().min(1), amount: num, unit: z.string().min(1), section });

export const staffSchema = z.strictObject({ ...provenance, field: z.string().min(1), count: z.number().int().nonnegative() });

export const unitSchema = z.strictObject({ ...provenance, seq: z.number().int().positive(), name: z.string().min(1), kind: z.string().nullable() });

export const unreadSchema = z.strictObject({ ...provenance, section, label: z.string(), amount: num, unit: z.string(), reason: z.string().min(1) });

const cellProvenance = z.strictObject(provenance);
const money = {
  initial: num.nullable(),
  full_year: num.nullable(),
  executed: num.nullable(),
  weight: num.nullable(),
  rate_pct: num.nullable(),
  score: num.nullable(),
};

export const evaluationSchema = z.strictObject({
  ...provenance,
  ...money,
  eval_no: z.number().int().positive(),
  project: z.string().min(1),
  supervisor: z.string().nullable(),
  implementer: z.string().nullable(),
  goal_expected: z.string().nullable(),
  goal_actual: z.string().nullable(),
  total_score: num.nullable(),
  total_weight: num.nullable(),
  cells: z.record(z.string(), cellProvenance),
});

export const evaluationFundSchema = z.strictObject({
  ...provenance,
  ...money,
  eval_no: z.number().int().positive(),
  project: z.string().min(1),
  row: z.string().min(1),
  total: z.boolean(),
  cells: z.record(z.string(), cellProvenance),
});

export const indicatorSchema = z.strictObject({
  ...provenance,
  eval_no: z.number().int().positive(),
  project: z.string().min(1),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string().nullable(),
  target: z.string().nullable(),
  target_op: z.enum(['=', '>=', '<=', '>', '<', '']),
  target_value: num.nullable(),
  target_unit: z.string().nullable(),
  actual: z.string().nullable(),
  actual_value: num.nullable(),
  actual_unit: z.string().nullable(),
  weight: num.nullable(),
  score: num.nullable(),
  deviation: z.string().nullable(),
  cells: z.record(z.string(), cellProvenance),
});

export const unreadCellSchema = z.strictObject({ page: z.number().int().positive(), bbox: box, source_text: z.string(), reason: z.string().min(1), confidence: z.number().min(0).max(1).optional() });

export const tableCellSchema = z.strictObject({
  ...provenance,
  table_no: z.number().int().positive(),
  table: key,
  title: z.string(),
  row_code: z.string().regex(/^\d{3,7}$/).nullable(),
  row: z.string(),
  row_no: z.number().int().nonnegative(),
  column: z.string(),
  value: z.string().min(1),
  unit: z.string().min(1),
});

interface HeaderNodeJson {
  text: string;
  cols: [number, number];
  children: HeaderNodeJson[];
}
const headerNodeSchema: z.ZodType<HeaderNodeJson> = z.lazy(() =>
  z.strictObject({ text: z.string().min(1), cols: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]), children: z.array(headerNodeSchema) }),
);

export const tableInfoSchema = z.strictObject({
  table_no: z.number().int().positive(),
  kind: key,
  title: z.string(),
  pages: z.array(z.number().int().positive()).min(1),
  unit: z.string().min(1),
  header: z.array(headerNodeSchema),
  rows: z.number().int().nonnegative(),
  empty: z.boolean(),
  empty_note: z.string().nullable(),
  page: z.number().int().positive(),
  bbox: box,
});

export const checkSchema = z.strictObject({
  check: z.string().min(1),
  severity: z.enum(['error', 'warning']),
  subject: z.string(),
  expected: z.string(),
  actual: z.string(),
  message: z.string().min(1),
  page: z.number().int().nonnegative(),
  /** every page the failure names, the first being `page` */
  pages: z.array(z.number().int().nonnegative()).min(1),
  /** every record the failure names (the review page outlines each) */
  subjects: z.array(z.string()).min(1),
});

export const documentSchema = z.strictObject({
  doc_id: z.string().min(1),
  source: z.strictObject({
    file: z.string().min(1),
    /** where it was read from, relative to the working directory of the run (review opens it) */
    path: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    pages: z.number().int().positive(),
    producer: z.string().nullable(),
    ocr_pages: z.array(z.number().int().positive()),
    ocr: z.array(z.strictObject({ page: z.number().int().positive(), reason: z.string(), dpi: z.number().positive(), seconds: z.number().nonnegative(), mean_confidence: z.number().min(0).max(100), turned_deg: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]) })),
    unreadable_pages: z.array(z.strictObject({ page: z.number().int().positive(), source: z.enum(['text', 'ocr', 'unreadable']), reason: z.string() })),
  }),
  meta: z.strictObject({
    department: z.string().min(1).nullable(),
    year: z.number().int().min(1990).max(2100).nullable(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  }),
  sections: z.array(z.strictObject({ id: z.string().min(1), level: z.number().int().positive(), title: z.string(), page: z.number().int().positive() })),
  staff: z.array(staffSchema),
  units: z.array(unitSchema),
  facts: z.array(factSchema),
  line_items: z.array(lineItemSchema),
  basic_items: z.array(basicItemSchema),
  evaluations: z.array(evaluationSchema),
  evaluation_funds: z.array(evaluationFundSchema),
  indicators: z.array(indicatorSchema),
  tables: z.array(tableInfoSchema),
  table_cells: z.array(tableCellSchema),
  unread: z.array(unreadSchema),
  unread_cells: z.array(unreadCellSchema),
  checks: z.array(checkSchema),
});

export type DocumentJson = z.infer<typeof documentSchema>;

/** Validates a document result before it is written; the error lists the first problems with their paths. */
export function validateDocument(doc: unknown): DocumentJson {
  const r = documentSchema.safeParse(doc);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`document.json does not match its schema: ${problems.join('; ')}`);
}
