/**
 * The review page's view model: document.json → per page, the records printed on it with their box in
 * image pixels, a status (ok / failed check / low OCR confidence), a label and a value. Pure: page sizes
 * come in as geometry, images are the renderer's business.
 *
 * Which check a record fails (the mapping a validator reads the colours by):
 *  1. by what the check is about (each of its `subjects`, else its `subject`):
 *     - fact: subject = its key (every check of that fact: shares, change %, variance %, restatement, the
 *       sum it is the total of), key@section/label (that one statement: validate/subjects.ts), and subject =
 *       its parent for components_sum (a summand of a sum that fails);
 *     - table cell: table/row code or label/column (validate/subjects.ts);
 *     - restatement: restatement check, subject = its key, on its page;
 *     - line item: coded_lines_sum with subject = its total_key; any check with subject = context/code
 *       (the coded-table checks);
 *     - basic item: basic_items_sum with subject = its group_key;
 *     - staff: subject "staff";
 *     - unread amount: unread_amount check on its page with subject = its section;
 *     - evaluation: subject = project; evaluation fund: project/row; indicator: project/name (or level2);
 *  2. a check that rule 1 ties to no record falls back to the records on the check's page whose natural
 *     key (src/diff/keys.ts) is the subject, or starts or ends a path with it ("P" for "P/executed");
 *  3. a check still tied to nothing is listed in the summary as not placed, with its page.
 * A failed error outranks a warning, which outranks low OCR confidence.
 */
import { flatten } from '../diff/diff.js';
import { naturalKeys } from '../diff/keys.js';
import { cellSubject, factSubject } from '../validate/subjects.js';
import { recordKinds, type Box, type CheckRow, type ExtractionDoc, type SourcedRecord } from './doc.js';

/** PDF user space → image pixels, as pdf.js's viewport.transform. */
export type Matrix = [number, number, number, number, number, number];

export interface PageGeometry {
  page: number;
  /** image size, pixels */
  width: number;
  height: number;
  transform: Matrix;
  /** the page's view box [x0, y0, x1, y1]; record boxes are relative to its lower-left corner */
  view: [number, number, number, number];
}

/** An unrotated page of widthPt × heightPt points drawn at `scale` pixels per point (tests, fallbacks). */
export function plainGeometry(page: number, widthPt: number, heightPt: number, scale: number): PageGeometry {
  return { page, width: Math.round(widthPt * scale), height: Math.round(heightPt * scale), transform: [scale, 0, 0, -scale, 0, heightPt * scale], view: [0, 0, widthPt, heightPt] };
}

export type Status = 'error' | 'warning' | 'low_confidence' | 'ok';

/** Below this an OCR'd value is shown as low confidence (records from a text layer carry no confidence). */
export const LOW_CONFIDENCE = 0.8;

export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface RecordView {
  /** unique in the document, usable as an HTML id */
  id: string;
  kind: string;
  /** natural key, as juesuan diff matches records */
  key: string;
  label: string;
  value: string;
  /** secondary fields worth seeing beside the value (change, share, context…) */
  detail: string;
  status: Status;
  /** indices into ReviewModel.checks */
  checks: number[];
  page: number;
  source_text: string;
  box: PixelBox | null;
  confidence: number | null;
}

export interface CheckView extends CheckRow {
  index: number;
  /** ids of the records it is tied to; empty when not placed */
  records: string[];
}

export interface PageView {
  page: number;
  width: number;
  height: number;
  /** has an image (geometry); false for a page number only the records name */
  rendered: boolean;
  unreadable: string | null;
  ocr: boolean;
  records: RecordView[];
  failed: number;
  /** checks on this page tied to no record */
  unplaced: number[];
}

export interface KindSummary {
  kind: string;
  count: number;
  boxed: number;
  failed: number;
}

export interface ReviewModel {
  doc_id: string;
  department: string | null;
  year: number | null;
  file: string;
  sha256: string;
  pageCount: number;
  kinds: KindSummary[];
  checks: CheckView[];
  unreadable: { page: number; reason: string }[];
  ocrPages: number[];
  pages: PageView[];
}

interface Claim {
  subject: string;
  checks?: string[];
  page?: number;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** What checks a record answers to (rule 1 above). */
export function claimsOf(kind: string, r: SourcedRecord): Claim[] {
  switch (kind) {
    case 'facts':
      return [
        { subject: str(r.key) },
        { subject: factSubject({ key: str(r.key), section: str(r.section), label: str(r.label) }) },
        ...(r.parent && r.additive !== false ? [{ subject: str(r.parent), checks: ['components_sum'] }] : []),
      ];
    case 'restatements':
      return [{ subject: str(r.key), checks: ['restatement'], page: r.page }];
    case 'line_items':
      return [...(r.total_key ? [{ subject: str(r.total_key), checks: ['coded_lines_sum'] }] : []), { subject: `${str(r.context)}/${str(r.code)}` }];
    case 'basic_items':
      return [{ subject: str(r.group_key), checks: ['basic_items_sum'] }];
    case 'staff':
      return [{ subject: 'staff' }];
    case 'unread':
      return [{ subject: str(r.section), checks: ['unread_amount'], page: r.page }];
    case 'evaluations':
      return [{ subject: str(r.project) }];
    case 'evaluation_funds':
      return [{ subject: `${str(r.project)}/${str(r.row)}` }];
    case 'indicators':
      return [{ subject: `${str(r.project)}/${str(r.name ?? r.level2)}` }];
    case 'table_cells':
      // the table checks name a cell as table/row/column (row: its code, else its label)
      return [{ subject: cellSubject(str(r.table), { row_code: r.row_code === null ? null : str(r.row_code), row: str(r.row) }, str(r.column)) }];
    case 'tables':
      return [{ subject: str(r.kind) }];
    default:
      return [];
  }
}

export function claimMatches(claim: Claim, c: CheckRow): boolean {
  // a check names its records in `subjects` (both sides of a comparison); older extractions have only `subject`
  const named = c.subjects?.length ? c.subjects.includes(claim.subject) : claim.subject === c.subject;
  const pages = c.pages?.length ? c.pages : [c.page];
  return named && (!claim.checks || claim.checks.includes(c.check)) && (claim.page === undefined || pages.includes(claim.page));
}

/** The label, value and detail a validator compares with the page. */
export function describe(kind: string, r: SourcedRecord): { label: string; value: string; detail: string } {
  const money = (amount: unknown, unit: unknown) => [str(amount), str(unit)].filter(Boolean).join(' ');
  const pct = (name: string, v: unknown) => (v === null || v === undefined ? '' : `${name} ${str(v)}%`);
  const join = (...xs: string[]) => xs.filter(Boolean).join(' · ');
  switch (kind) {
    case 'facts':
      return {
        label: str(r.label),
        value: money(r.amount, r.unit),
        detail: join(
          r.change !== null && r.change !== undefined ? `change ${str(r.change)}${r.change_pct !== null && r.change_pct !== undefined ? ` (${str(r.change_pct)}%)` : ''}` : pct('change', r.change_pct),
          pct('share', r.share_pct),
          r.final_amount ? `final ${str(r.final_amount)}` : '',
          pct('variance', r.variance_pct),
        ),
      };
    case 'restatements':
      return { label: `${str(r.key)} (restated)`, value: money(r.amount, r.unit), detail: str(r.section) };
    case 'line_items':
      return { label: `${str(r.code)} ${str(r.name)}`, value: money(r.amount, r.unit), detail: join(str(r.level), str(r.context)) };
    case 'basic_items':
      return { label: `${str(r.group)} · ${str(r.name)}`, value: money(r.amount, r.unit), detail: '' };
    case 'staff':
      return { label: str(r.field), value: str(r.count), detail: '' };
    case 'units':
      return { label: `${str(r.seq)}. ${str(r.name)}`, value: str(r.kind), detail: '' };
    case 'unread':
      return { label: str(r.label) || `(unplaced in ${str(r.section)})`, value: money(r.amount, r.unit), detail: str(r.reason) };
    case 'evaluations':
      return { label: str(r.project), value: str(r.total_score), detail: join(r.executed ? `executed ${str(r.executed)}` : '', r.rate_pct ? `rate ${str(r.rate_pct)}%` : '') };
    case 'evaluation_funds':
      return { label: `${str(r.project)} · ${str(r.row)}`, value: str(r.executed), detail: join(r.weight ? `weight ${str(r.weight)}` : '', r.score ? `score ${str(r.score)}` : '') };
    case 'indicators':
      return { label: `${str(r.project)} · ${str(r.name ?? r.level2)}`, value: str(r.actual), detail: join(r.target ? `target ${str(r.target)}` : '', r.score ? `score ${str(r.score)}/${str(r.weight)}` : '') };
    case 'table_cells':
      return { label: `${str(r.title)} · ${[str(r.row_code), str(r.row)].filter(Boolean).join(' ')} · ${str(r.column)}`, value: money(r.value, r.unit), detail: str(r.table) };
    case 'tables':
      return { label: str(r.title) || str(r.kind), value: r.empty ? '空表' : `${str(r.rows)} 行`, detail: join(str(r.kind), r.empty_note ? str(r.empty_note) : '') };
    default: {
      const value = ['amount', 'count', 'value', 'score'].map((k) => r[k]).find((v) => v !== undefined && v !== null);
      return { label: str(r.label ?? r.name ?? r.key ?? kind), value: money(value, r.unit), detail: '' };
    }
  }
}

/** A PDF box (points, origin bottom-left of the view box) in image pixels; null when it has no area on the image. */
export function toPixels(b: Box, g: PageGeometry): PixelBox | null {
  const [a, bb, c, d, e, f] = g.transform;
  const pts = [
    [b.x0, b.y0],
    [b.x1, b.y1],
  ].map(([x, y]) => {
    const ux = x + g.view[0];
    const uy = y + g.view[1];
    return [a * ux + c * uy + e, bb * ux + d * uy + f];
  });
  const left = Math.max(0, Math.min(pts[0][0], pts[1][0]));
  const top = Math.max(0, Math.min(pts[0][1], pts[1][1]));
  const right = Math.min(g.width, Math.max(pts[0][0], pts[1][0]));
  const bottom = Math.min(g.height, Math.max(pts[0][1], pts[1][1]));
  if (right - left <= 0 || bottom - top <= 0) return null;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return { left: r1(left), top: r1(top), width: r1(right - left), height: r1(bottom - top) };
}

const RANK: Record<Status, number> = { error: 3, warning: 2, low_confidence: 1, ok: 0 };

export function buildReview(doc: ExtractionDoc, geometry: PageGeometry[]): ReviewModel {
  const checks: CheckView[] = (doc.checks ?? []).map((c, index) => ({ ...c, index, records: [] }));
  const geo = new Map(geometry.map((g) => [g.page, g]));
  const records: (RecordView & { claims: Claim[] })[] = [];
  for (const { kind, records: rs } of recordKinds(doc)) {
    const keys = naturalKeys(kind, rs.map((r) => flatten(r)));
    rs.forEach((r, i) => {
      const g = geo.get(r.page);
      const confidence = typeof r.confidence === 'number' ? r.confidence : null;
      records.push({ id: `r${records.length + 1}`, kind, key: keys[i], ...describe(kind, r), status: confidence !== null && confidence < LOW_CONFIDENCE ? 'low_confidence' : 'ok', checks: [], page: r.page, source_text: str(r.source_text), box: g ? toPixels(r.bbox, g) : null, confidence, claims: claimsOf(kind, r) });
    });
  }
  for (const c of checks) {
    let hit = records.filter((r) => r.claims.some((cl) => claimMatches(cl, c)));
    if (hit.length === 0) hit = records.filter((r) => r.page === c.page && (r.key === c.subject || c.subject.startsWith(r.key + '/') || r.key.startsWith(c.subject + '/')));
    for (const r of hit) {
      r.checks.push(c.index);
      if (RANK[c.severity] > RANK[r.status]) r.status = c.severity;
      c.records.push(r.id);
    }
  }
  const unreadable = (doc.source.unreadable_pages ?? []).map((u) => ({ page: u.page, reason: u.reason }));
  const ocrPages = doc.source.ocr_pages ?? [];
  const pageNumbers = [...new Set([...geometry.map((g) => g.page), ...records.map((r) => r.page), ...unreadable.map((u) => u.page)])].sort((a, b) => a - b);
  const pages: PageView[] = pageNumbers.map((page) => {
    const g = geo.get(page);
    // Reading order: top to bottom, then left to right; records without a box last.
    const rs = records.filter((r) => r.page === page).sort((a, b) => (a.box?.top ?? Infinity) - (b.box?.top ?? Infinity) || (a.box?.left ?? 0) - (b.box?.left ?? 0));
    return {
      page,
      width: g?.width ?? 0,
      height: g?.height ?? 0,
      rendered: Boolean(g),
      unreadable: unreadable.find((u) => u.page === page)?.reason ?? null,
      ocr: ocrPages.includes(page),
      records: rs.map(({ claims: _claims, ...r }) => r),
      failed: rs.filter((r) => r.status === 'error' || r.status === 'warning').length,
      unplaced: checks.filter((c) => c.records.length === 0 && c.page === page).map((c) => c.index),
    };
  });
  const kinds = recordKinds(doc).map(({ kind }) => {
    const rs = records.filter((r) => r.kind === kind);
    return { kind, count: rs.length, boxed: rs.filter((r) => r.box).length, failed: rs.filter((r) => r.status === 'error' || r.status === 'warning').length };
  });
  return { doc_id: doc.doc_id, department: doc.meta?.department ?? null, year: doc.meta?.year ?? null, file: doc.source.file, sha256: doc.source.sha256, pageCount: doc.source.pages, kinds, checks, unreadable, ocrPages, pages };
}
