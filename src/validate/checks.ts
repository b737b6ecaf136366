import { basicItemsSum, codedLinesSum, componentsSum, staffSum } from './checks/sums.js';
import { changePct, completionPct, completionZeroBudget, shares, variancePct } from './checks/ratios.js';
import { restatements, unreadAmounts } from './checks/consistency.js';
import { EVALUATION_CHECKS } from './checks/evaluations.js';
import { CODED_TABLE_CHECKS } from './checks/coded-tables.js';
import { lowOcrConfidence } from './checks/confidence.js';
import { withinTableSum } from './checks/within-table.js';
import { crossTable } from './checks/cross-table.js';
import { emptyTableNote, missingTable } from './checks/completeness.js';
import { comparisonWord, departmentName, templatePlaceholder, wrongYear } from './checks/words.js';
import { amountBound } from './checks/bounds.js';
import { itemPurposeCopied, listedItemZero } from './checks/item-words.js';
import { tableUnknown, unreadCells } from './checks/reading.js';
import type { Check, CheckInput, CheckRow } from './types.js';

export type { CheckFailure, CheckInput, CheckRow } from './types.js';

/** Every check, in the order their failures are listed: the narrative's, the tables', then what was not read. */
export const CHECKS: readonly Check[] = [
  componentsSum,
  shares,
  changePct,
  variancePct,
  completionPct,
  completionZeroBudget,
  codedLinesSum,
  basicItemsSum,
  staffSum,
  restatements,
  amountBound,
  unreadAmounts,
  ...EVALUATION_CHECKS,
  ...CODED_TABLE_CHECKS,
  withinTableSum,
  crossTable,
  missingTable,
  emptyTableNote,
  templatePlaceholder,
  wrongYear,
  departmentName,
  comparisonWord,
  listedItemZero,
  itemPurposeCopied,
  lowOcrConfidence,
  tableUnknown,
  unreadCells,
];

/** Runs the checks over one document's records; every row lists its pages (its `page` is the first) and subjects. */
export function runChecks(input: CheckInput, checks: readonly Check[] = CHECKS): CheckRow[] {
  return checks.flatMap((c) =>
    c.run(input).map((f) => {
      const pages = f.pages?.length ? [...new Set(f.pages)].sort((a, b) => a - b) : [f.page];
      const subjects = f.subjects?.length ? [...new Set(f.subjects)] : [f.subject];
      return { ...f, page: pages[0], pages, subjects };
    }),
  );
}
