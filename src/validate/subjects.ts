/**
 * How a check names the records it is about (CheckFailure.subject / subjects), and how the review page ties
 * records to checks by the same names (src/review/data.ts claimsOf): one definition for both.
 */

/** A table cell: table kind / row code (else its label) / column path. */
export function cellSubject(kind: string, row: { code?: string | null; label?: string; row_code?: string | null; row?: string }, column: string): string {
  return `${kind}/${(row.code ?? row.row_code ?? '') || (row.label ?? row.row ?? '')}/${column}`;
}

/** One fact row (a key stated in several sections, or many times in one, names each statement apart): key@section/label. */
export function factSubject(f: { key: string; section: string; label: string }): string {
  return `${f.key}@${f.section}/${f.label}`;
}
