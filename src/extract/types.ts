import type { Box } from '../read/types.js';

/** Where a value came from: page (1-based), box in PDF user space (points, origin bottom-left), and the text. */
export interface Provenance {
  page: number;
  bbox: Box;
  source_text: string;
  /** for values read by OCR: the lowest confidence (0–1) of the characters they were read from */
  confidence?: number;
}

export interface Fact extends Provenance {
  key: string;
  /** section path, e.g. "二/七" */
  section: string;
  label: string;
  /** as printed, without thousands separators */
  amount: string;
  unit: string;
  change: string | null;
  change_pct: string | null;
  share_pct: string | null;
  variance_pct: string | null;
  /** the 决算数 printed with a budget-versus-final statement (for the variance check) */
  final_amount: string | null;
  parent: string | null;
  /** the key of the total share_pct is a share of (the parent unless a rule says otherwise) */
  share_of: string | null;
  /** false when the fact belongs to its parent's statement but is not one of its summands */
  additive: boolean;
}

/** A statement read again later in the report (same key): kept to check it against the first. */
export interface Restatement extends Provenance {
  key: string;
  section: string;
  amount: string;
  unit: string;
}

export interface LineItem extends Provenance {
  /** the statement or table the line belongs to, e.g. 一般公共预算财政拨款支出 */
  context: string;
  /** key of the fact stating the total the lines sum to (narrative), or null */
  total_key: string | null;
  code: string;
  level: '类' | '款' | '项';
  name: string;
  amount: string;
  unit: string;
  section: string;
}

export interface BasicItem extends Provenance {
  group: string;
  /** key of the subtotal fact the group sums to */
  group_key: string;
  name: string;
  amount: string;
  unit: string;
  section: string;
}

export interface StaffCount extends Provenance {
  field: string;
  count: number;
}

export interface Unit {
  seq: number;
  name: string;
  kind: string;
  page: number;
  bbox: Box;
  source_text: string;
}

/** An amount the rules could not place: reported, never dropped silently. */
export interface UnreadAmount extends Provenance {
  section: string;
  label: string;
  amount: string;
  unit: string;
  reason: string;
}

export interface DocumentMeta {
  department: string | null;
  year: number | null;
  published: string | null;
}

/** A fact with no change, share or variance yet: modifiers fill those in as the statement is read. */
export function newFact(fields: Provenance & { key: string; section: string; label: string; amount: string; unit: string; parent?: string | null; share_of?: string | null; additive?: boolean }): Fact {
  return {
    change: null,
    change_pct: null,
    share_pct: null,
    variance_pct: null,
    final_amount: null,
    ...fields,
    parent: fields.parent ?? null,
    share_of: fields.share_of ?? fields.parent ?? null,
    additive: fields.additive ?? true,
  };
}
