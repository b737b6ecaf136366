import type { Box } from '../read/types.js';

/** Where a value came from: page (1-based), box in PDF user space (points, origin bottom-left), and the text. */
export interface Provenance {
  page: number;
  bbox: Box;
  source_text: string;
  /** for values read by OCR: the lowest confidence (0–1) of the characters they were read from */
  confidence?: number;
}

export interface Fact extends Provenance {
  key: string;
  /** section path, e.g. "二/七" */
  section: string;
  label: string;
  /** as printed, without thousands separators */
  amount: string;
  unit: string;
  change: string | null;
  change_pct: string | null;
  share_pct: string | null;
  variance_pct: string | null;
  /** the 决算数 printed with a budget-versus-final statement (for the variance check) */
  final_amount: string | null;
  /** "年初预算为 B 万元，支出决算为 F 万元，完成…的 r%": amount is F, budget B, completion_pct r */
  budget: string | null;
  /** which budget `budget` (and completion_pct) is: 年初预算 / 全年预算 / 调整预算 */
  budget_basis: string | null;
  completion_pct: string | null;
  parent: string | null;
  /** the key of the total share_pct is a share of (the parent unless a rule says otherwise) */
  share_of: string | null;
  /** false when the fact belongs to its parent's statement but is not one of its summands */
  additive: boolean;
  /** the printed number of a numbered item ("3、一般公共服务支出（类）…（项）") */
  item_no: number | null;
  /** the 功能分类 code of the table row the fact names (linkFactCodes) */
  code: string | null;
  /** a statement of a value stated before (same key, same label for keys stated per item): the first one's section */
  restates: string | null;
}

export interface LineItem extends Provenance {
  /** the statement or table the line belongs to, e.g. 一般公共预算财政拨款支出 */
  context: string;
  /** key of the fact stating the total the lines sum to (narrative), or null */
  total_key: string | null;
  code: string;
  level: '类' | '款' | '项';
  name: string;
  amount: string;
  unit: string;
  section: string;
}

export interface BasicItem extends Provenance {
  group: string;
  /** key of the subtotal fact the group sums to */
  group_key: string;
  name: string;
  amount: string;
  unit: string;
  section: string;
}

export interface StaffCount extends Provenance {
  field: string;
  count: number;
}

export interface Unit {
  seq: number;
  name: string;
  /** 单位性质, or null when the table has no such column (the national template's 序号/单位名称/备注) */
  kind: string | null;
  page: number;
  bbox: Box;
  source_text: string;
}

/** An amount the rules could not place: reported, never dropped silently. */
export interface UnreadAmount extends Provenance {
  section: string;
  label: string;
  amount: string;
  unit: string;
  reason: string;
}

export interface DocumentMeta {
  department: string | null;
  year: number | null;
  published: string | null;
}

/** A fact with no change, share or variance yet: modifiers fill those in as the statement is read. */
export function newFact(fields: Provenance & { key: string; section: string; label: string; amount: string; unit: string; parent?: string | null; share_of?: string | null; additive?: boolean; item_no?: number | null; restates?: string | null }): Fact {
  return {
    change: null,
    change_pct: null,
    share_pct: null,
    variance_pct: null,
    final_amount: null,
    budget: null,
    budget_basis: null,
    completion_pct: null,
    item_no: null,
    code: null,
    restates: null,
    ...fields,
    parent: fields.parent ?? null,
    share_of: fields.share_of ?? fields.parent ?? null,
    additive: fields.additive ?? true,
  };
}

/**
 * One printed non-empty value cell of a statistical table (OUTPUT.md table_cells.csv). The cell's own page,
 * box and raw text are its provenance.
 */
export interface TableCell extends Provenance {
  /** which table of the document (1-based, reading order): two tables of one kind stay apart */
  table_no: number;
  /** stable snake_case kind from rules/tables.yaml (`other` when no rule knows the title) */
  table: string;
  /** the title as printed (normalised, spaces removed) */
  title: string;
  /** classification code of the row (类/款/项 columns joined; economic codes too), or null */
  row_code: string | null;
  /** the row label as printed: numbering kept, line breaks and spaces removed; '' for an unlabelled row */
  row: string;
  /** 0-based index of the row among the table's body rows (tells two rows with one label apart) */
  row_no: number;
  /** header path, top level first, joined by '/'; two-sided tables start with the side (收入/决算数) */
  column: string;
  /** as printed without thousands separators; a number except where the cell printed text (then flagged) */
  value: string;
  unit: string;
}

/** A header cell of a table and the header cells under it. */
export interface HeaderNode {
  text: string;
  /** 0-based grid columns the header cell spans: [first, last] */
  cols: [number, number];
  children: HeaderNode[];
}

/** Every table found in the document, as listed in document.json. */
export interface TableInfo {
  table_no: number;
  kind: string;
  title: string;
  pages: number[];
  unit: string;
  header: HeaderNode[];
  /** body rows (rows below the header) */
  rows: number;
  /** true when the table prints no value (e.g. "故本表无数据") */
  empty: boolean;
  /** the printed note saying why it is empty, or null */
  empty_note: string | null;
  /** where the table is on its first page */
  page: number;
  bbox: Box;
}
