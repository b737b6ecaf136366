/**
 * document.json as the review and diff read it: loosely typed on purpose. The schema grows (evaluations,
 * indicators, coded tables…), and a review of an older or newer extraction should still open, so every
 * top-level array whose elements carry a page and a box is a kind of record.
 */
import type { CheckFailure } from '../validate/types.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Any record with provenance; the other fields depend on its kind. */
export interface SourcedRecord {
  page: number;
  bbox: Box;
  source_text: string;
  [field: string]: unknown;
}

/** A row of checks.csv as document.json holds it. */
export type CheckRow = CheckFailure;

export interface ExtractionDoc {
  doc_id: string;
  source: { file: string; path?: string; sha256: string; pages: number; ocr_pages?: number[]; unreadable_pages?: { page: number; reason: string }[] };
  meta?: { department?: string | null; year?: number | null; published?: string | null };
  checks?: CheckRow[];
  [kind: string]: unknown;
}

/** Record kinds in the order a reader expects them; kinds not listed follow in document order. */
export const KNOWN_KINDS = ['facts', 'restatements', 'line_items', 'basic_items', 'staff', 'units', 'unread', 'evaluations', 'evaluation_funds', 'indicators', 'tables', 'table_cells'] as const;

export function isSourced(v: unknown): v is SourcedRecord {
  const r = v as SourcedRecord;
  return typeof r === 'object' && r !== null && typeof r.page === 'number' && typeof r.bbox === 'object' && r.bbox !== null && typeof r.bbox.x0 === 'number';
}

/** Every record array of the document, known kinds first. Empty arrays are kept (a count of 0 is information). */
export function recordKinds(doc: ExtractionDoc): { kind: string; records: SourcedRecord[] }[] {
  const arrays = Object.entries(doc).filter(([k, v]) => k !== 'checks' && k !== 'sections' && Array.isArray(v) && v.every(isSourced));
  const rank = (k: string) => {
    const i = (KNOWN_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? KNOWN_KINDS.length : i;
  };
  return arrays
    .map(([kind, v]) => ({ kind, records: v as SourcedRecord[] }))
    .sort((a, b) => rank(a.kind) - rank(b.kind));
}

/** A document.json path, or a directory holding one. */
export async function resolveDocumentJson(p: string): Promise<string> {
  const s = await stat(p);
  return s.isDirectory() ? path.join(p, 'document.json') : p;
}

/** A document.json that cannot be used: not JSON (truncated), or without the fields every reader needs. */
export class BadExtractionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadExtractionError';
  }
}

export async function loadDocument(p: string): Promise<{ file: string; doc: ExtractionDoc }> {
  const file = await resolveDocumentJson(p);
  let doc: ExtractionDoc;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as ExtractionDoc;
  } catch (err) {
    if (err instanceof SyntaxError) throw new BadExtractionError(`${file} is not valid JSON (truncated or damaged?): ${err.message}`);
    throw err;
  }
  const s = doc?.source;
  if (typeof doc?.doc_id !== 'string' || typeof s?.file !== 'string' || typeof s.sha256 !== 'string' || typeof s.pages !== 'number') {
    throw new BadExtractionError(`${file} is not a juesuan document.json (no doc_id, source.file, source.sha256 or source.pages)`);
  }
  return { file, doc };
}
