import type { Box } from '../read/types.js';
import type { CodedTable } from '../extract/statistical-tables.js';
import type { Evaluation, EvaluationFund, Indicator, UnreadCell } from '../extract/evaluations.js';
import type { BasicItem, DocumentMeta, Fact, LineItem, StaffCount, TableCell, TableInfo, Unit, UnreadAmount } from '../extract/types.js';
import type { ChecksRules } from '../rules/checks-schema.js';
import type { StatisticalTablesRules } from '../rules/tables-schema.js';

/** One row of checks.csv: a consistency check that failed. Values are never changed by a check. */
export interface CheckFailure {
  check: string;
  severity: 'error' | 'warning';
  /** what the check is about: a fact key, a line-item group, a table cell (table/row/column)… the first of `subjects` */
  subject: string;
  expected: string;
  actual: string;
  message: string;
  /** the first page of `pages` */
  page: number;
  /** every page the failure's records are printed on (both sides of a comparison); [page] when not given */
  pages?: number[];
  /** every record the failure names, as the review page ties records to checks; [subject] when not given */
  subjects?: string[];
}

/** A failure as the runner returns it: pages and subjects always listed. */
export type CheckRow = CheckFailure & { pages: number[]; subjects: string[] };

/** A printed line of the document, with where it is: the words checks read these. */
export interface TextLine {
  page: number;
  /** PDF points, origin bottom-left */
  bbox: Box;
  /** normalised text of the line */
  text: string;
  /** id of the section the line is in ("三/五/三"), null before the first heading (cover, contents) */
  section: string | null;
  /** the line is (part of) its section's heading */
  heading: boolean;
  /** the line is printed inside a table (its cells' text): read alone, never joined with the lines around it */
  in_table: boolean;
}

/**
 * Everything a check may look at: the records of every stage of one document and the rules of the checks.
 * One input for every check, so one runner runs them all (ARCHITECTURE.md).
 */
export interface CheckInput {
  meta: DocumentMeta;
  sections: { id: string; level: number; title: string; page: number }[];
  /** every line of the document in reading order, with its section */
  text: TextLine[];
  /** the narrative's statements, restatements included (those carry `restates`) */
  facts: Fact[];
  /** the narrative's coded lines (a coded table's own lines are in `codedTables`) */
  lineItems: LineItem[];
  basicItems: BasicItem[];
  unread: UnreadAmount[];
  staff: StaffCount[];
  units: Unit[];
  evaluations: Evaluation[];
  funds: EvaluationFund[];
  indicators: Indicator[];
  /** the tables whose rows are also line items (表五), with their 合计 fact */
  codedTables: CodedTable[];
  tables: TableInfo[];
  cells: TableCell[];
  /** table cells that should hold a number and do not */
  unreadCells: UnreadCell[];
  rules: {
    checks: ChecksRules;
    /** rules/tables.yaml statistical: which table kind a title names (the contents' entries) and the 空表说明 */
    tables: StatisticalTablesRules;
    /** rules/ocr.yaml review.below_confidence: OCR'd values below it are listed */
    below_confidence: number;
  };
}

/**
 * The first statement of each key: totals are looked up here, so a total restated later is not taken for
 * another total (the restatement check compares the two).
 */
export function firstByKey(facts: readonly Fact[]): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of facts) if (!f.restates && !out.has(f.key)) out.set(f.key, f);
  return out;
}

/** A named arithmetic or consistency check (DOMAIN.md "Arithmetic that holds in a correct report"). */
export interface Check {
  id: string;
  description: string;
  run(input: CheckInput): CheckFailure[];
}
