import type { BasicItem, Fact, LineItem, StaffCount, UnreadAmount } from '../extract/types.js';

/** One row of checks.csv: a consistency check that failed. Values are never changed by a check. */
export interface CheckFailure {
  check: string;
  severity: 'error' | 'warning';
  /** what the check is about: a fact key, a line-item group, a table… */
  subject: string;
  expected: string;
  actual: string;
  message: string;
  page: number;
}

export interface CheckInput {
  /** every statement, restatements included (those carry `restates`) */
  facts: Fact[];
  lineItems: LineItem[];
  basicItems: BasicItem[];
  unread: UnreadAmount[];
  staff: StaffCount[];
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
