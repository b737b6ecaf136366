/** Field-by-field comparison of two extractions (pure: the sides are already loaded and flattened). */
import { naturalKeys, type FlatRecord } from './keys.js';

/** One kind of record on one side. `columns` is null for document.json (every field it has). */
export interface KindTable {
  columns: string[] | null;
  rows: FlatRecord[];
}

export interface Side {
  /** what the user named: a directory, document.json or a CSV file */
  name: string;
  kinds: Record<string, KindTable>;
}

export interface Change {
  kind: string;
  id: string;
  field: string;
  a: string;
  b: string;
}

/** The field name of a record present on one side only. */
export const RECORD_FIELD = '(record)';
export const PRESENT = 'present';

export interface DiffOptions {
  /** fields never compared (e.g. x0,y0,x1,y1 when only the values matter) */
  ignore?: string[];
}

/**
 * Every difference between A and B. Kinds compared: those on both sides when either side is a CSV (a
 * facts.csv says nothing about line items), all kinds otherwise. Fields compared: the CSV's columns when a
 * CSV is involved, every field of either side otherwise (a missing field reads as empty).
 */
export function diffSides(a: Side, b: Side, opts: DiffOptions = {}): Change[] {
  const ignore = new Set(opts.ignore ?? []);
  const partial = Object.values(a.kinds).some((k) => k.columns) || Object.values(b.kinds).some((k) => k.columns);
  const kinds = unique([...Object.keys(a.kinds), ...Object.keys(b.kinds)]).filter((k) => !partial || (k in a.kinds && k in b.kinds));
  const out: Change[] = [];
  for (const kind of kinds) {
    const ta = a.kinds[kind] ?? { columns: null, rows: [] };
    const tb = b.kinds[kind] ?? { columns: null, rows: [] };
    const fields = comparedFields(ta, tb).filter((f) => !ignore.has(f));
    out.push(...diffKind(kind, ta.rows, tb.rows, fields));
  }
  return out;
}

function comparedFields(a: KindTable, b: KindTable): string[] {
  const all = unique([...(a.columns ?? a.rows.flatMap(Object.keys)), ...(b.columns ?? b.rows.flatMap(Object.keys))]);
  return all.filter((f) => (!a.columns || a.columns.includes(f)) && (!b.columns || b.columns.includes(f)));
}

function diffKind(kind: string, rowsA: FlatRecord[], rowsB: FlatRecord[], fields: string[]): Change[] {
  const mapA = new Map(naturalKeys(kind, rowsA).map((k, i) => [k, rowsA[i]]));
  const mapB = new Map(naturalKeys(kind, rowsB).map((k, i) => [k, rowsB[i]]));
  const out: Change[] = [];
  // A's order first, then what only B has: the listing follows the report.
  for (const id of unique([...mapA.keys(), ...mapB.keys()])) {
    const ra = mapA.get(id);
    const rb = mapB.get(id);
    if (!ra || !rb) {
      out.push({ kind, id, field: RECORD_FIELD, a: ra ? PRESENT : '', b: rb ? PRESENT : '' });
      continue;
    }
    for (const f of fields) {
      const va = ra[f] ?? '';
      const vb = rb[f] ?? '';
      if (va !== vb) out.push({ kind, id, field: f, a: va, b: vb });
    }
  }
  return out;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** A record's fields as strings, the way the CSVs print them: null is empty, bbox is x0 y0 x1 y1, nested objects get dotted names. */
export function flatten(record: Record<string, unknown>, prefix = ''): FlatRecord {
  const out: FlatRecord = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'bbox' && prefix === '' && v && typeof v === 'object') {
      for (const [c, n] of Object.entries(v)) out[c] = String(n);
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    } else {
      out[prefix + k] = v === null || v === undefined ? '' : Array.isArray(v) ? JSON.stringify(v) : String(v);
    }
  }
  return out;
}
