import { basicItemsSum, codedLinesSum, componentsSum, staffSum } from './checks/sums.js';
import { changePct, completionPct, shares, variancePct } from './checks/ratios.js';
import { restatements, unreadAmounts } from './checks/consistency.js';
import type { Check, CheckFailure, CheckInput } from './types.js';

export type { CheckFailure, CheckInput } from './types.js';

/** Every check, in the order their failures are listed. */
export const CHECKS: readonly Check[] = [componentsSum, shares, changePct, variancePct, completionPct, codedLinesSum, basicItemsSum, staffSum, restatements, unreadAmounts];

export function runChecks(input: CheckInput, checks: readonly Check[] = CHECKS): CheckFailure[] {
  return checks.flatMap((c) => c.run(input));
}
