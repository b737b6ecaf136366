/** What the table checks look at: the records of the table stage, and the narrative they restate. */
import type { CodedTable } from '../extract/statistical-tables.js';
import type { Evaluation, EvaluationFund, Indicator } from '../extract/evaluations.js';
import type { Fact, LineItem } from '../extract/types.js';
import type { CheckFailure } from './types.js';

export interface TableCheckInput {
  evaluations: Evaluation[];
  funds: EvaluationFund[];
  indicators: Indicator[];
  codedTables: CodedTable[];
  /** the narrative's coded lines and facts (a coded table is compared with the statement it restates) */
  narrativeLines: LineItem[];
  narrativeFacts: Fact[];
}

/** Like Check (validate/types.ts), over the table stage's records. */
export interface TableCheck {
  id: string;
  description: string;
  run(input: TableCheckInput): CheckFailure[];
}
