import type { Provenance } from '../../extract/types.js';
import type { CheckFailure } from '../types.js';

/**
 * Values read by OCR below the confidence threshold are listed for review (never silently trusted):
 * one warning per record, naming what it is and where.
 */
export function lowConfidence(records: readonly Provenance[], threshold: number): CheckFailure[] {
  return (records as readonly (Provenance & Record<string, unknown>)[])
    .filter((r) => r.confidence !== undefined && r.confidence < threshold)
    .map((r) => ({
      check: 'low_ocr_confidence',
      severity: 'warning' as const,
      subject: String(r.key ?? r.code ?? r.name ?? r.field ?? r.project ?? r.row ?? ''),
      expected: `>= ${threshold}`,
      actual: String(r.confidence),
      message: `read by OCR with confidence ${r.confidence}: “${r.source_text}”`,
      page: r.page,
    }));
}
