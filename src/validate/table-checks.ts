/** The table stage's checks (issue 3), run like validate/checks.ts runs the narrative's. */
import { EVALUATION_CHECKS } from './checks/evaluations.js';
import { CODED_TABLE_CHECKS } from './checks/coded-tables.js';
import type { CheckFailure } from './types.js';
import type { TableCheck, TableCheckInput } from './table-types.js';

export type { TableCheck, TableCheckInput } from './table-types.js';

export const TABLE_CHECKS: readonly TableCheck[] = [...EVALUATION_CHECKS, ...CODED_TABLE_CHECKS];

export function runTableChecks(input: TableCheckInput, checks: readonly TableCheck[] = TABLE_CHECKS): CheckFailure[] {
  return checks.flatMap((c) => c.run(input));
}
