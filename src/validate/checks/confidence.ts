import type { Provenance } from '../../extract/types.js';
import type { Check, CheckFailure, CheckInput } from '../types.js';

/** The records a value read by OCR can be in (table cells carry the confidence of the records made from them). */
function records(input: CheckInput): readonly (Provenance & Record<string, unknown>)[] {
  return [
    ...input.facts,
    ...input.codedTables.flatMap((t) => (t.total ? [t.total] : [])),
    ...input.lineItems,
    ...input.codedTables.flatMap((t) => t.lines),
    ...input.basicItems,
    ...input.staff,
    ...input.units,
    ...input.evaluations,
    ...input.funds,
    ...input.indicators,
  ] as unknown as (Provenance & Record<string, unknown>)[];
}

/**
 * Values read by OCR below the confidence threshold are listed for review (never silently trusted):
 * one warning per record, naming what it is and where.
 */
export const lowOcrConfidence: Check = {
  id: 'low_ocr_confidence',
  description: 'A value read by OCR with a confidence below rules/ocr.yaml review.below_confidence is listed for review (warning).',
  run(input) {
    const threshold = input.rules.below_confidence;
    return records(input)
      .filter((r) => r.confidence !== undefined && r.confidence < threshold)
      .map(
        (r): CheckFailure => ({
          check: 'low_ocr_confidence',
          severity: 'warning',
          subject: String(r.key ?? r.code ?? r.name ?? r.field ?? r.project ?? r.row ?? ''),
          expected: `>= ${threshold}`,
          actual: String(r.confidence),
          message: `OCR 识别置信度 ${r.confidence}（低于 ${threshold}），请核对：“${r.source_text}”（第${r.page}页）`,
          page: r.page,
        }),
      );
  },
};
