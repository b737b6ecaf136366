import type { BasicItem, Fact, LineItem, Restatement, StaffCount, UnreadAmount } from '../extract/types.js';

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
  facts: Fact[];
  restatements: Restatement[];
  lineItems: LineItem[];
  basicItems: BasicItem[];
  unread: UnreadAmount[];
  staff: StaffCount[];
}

/** A named arithmetic or consistency check (DOMAIN.md "Arithmetic that holds in a correct report"). */
export interface Check {
  id: string;
  description: string;
  run(input: CheckInput): CheckFailure[];
}
