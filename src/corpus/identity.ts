/**
 * One report, one identity: a document is (department, year) as well as a file. Department names are folded
 * and aliased by rules/departments.yaml, so a series follows one department through renames and 本级
 * suffixes, and two files of one report (two producers, a re-publication) are seen as one.
 */
import type { DepartmentRules } from '../rules/departments-schema.js';

/** What identity needs of a document of the corpus. */
export interface CorpusDocument {
  doc_id: string;
  file: string;
  status: 'ok' | 'failed';
  error_code: string | null;
  department: string | null;
  year: number | null;
  published: string | null;
  sha256: string | null;
  pages: number | null;
  checks_error: number | null;
  checks_warning: number | null;
}

export interface IdentifiedDocument extends CorpusDocument {
  /** the department's identity (its alias group's name, folded); null when no department was read */
  department_id: string | null;
  /** the document the series use instead of this one; null when this one is used */
  duplicate_of: string | null;
}

/** Two or more documents of one department and year (manifest.json `duplicate_reports`). */
export interface DuplicateReport {
  department_id: string;
  year: number;
  /** every document of the report, the chosen one first */
  doc_ids: string[];
  files: string[];
  /** the one the series use: the fewest failed checks (errors, then warnings), then the first file by name */
  chosen: string;
  /** why, in Chinese, with the counts */
  reason: string;
}

/** NFKC (full-width brackets and digits folded), no white space, the listed suffixes cut from the end. */
export function foldName(name: string, rules: DepartmentRules): string {
  let s = name.normalize('NFKC').replace(/\s+/g, '');
  const suffixes = rules.normalise.strip_suffixes.map((x) => x.normalize('NFKC').replace(/\s+/g, '')).sort((a, b) => b.length - a.length);
  for (let cut = true; cut; ) {
    cut = false;
    for (const x of suffixes) {
      if (s.length > x.length && s.endsWith(x)) {
        s = s.slice(0, -x.length);
        cut = true;
        break;
      }
    }
  }
  return s;
}

/** A function from a printed department name to its identity. */
export function departmentIdentity(rules: DepartmentRules): (name: string) => string {
  const alias = new Map<string, string>();
  for (const a of rules.aliases) {
    const target = foldName(a.name, rules);
    for (const n of [a.name, ...a.also]) alias.set(foldName(n, rules), target);
  }
  return (name) => {
    const f = foldName(name, rules);
    return alias.get(f) ?? f;
  };
}

/** Gives each document its identity and finds the reports present more than once. */
export function identify(docs: readonly CorpusDocument[], rules: DepartmentRules): { documents: IdentifiedDocument[]; duplicates: DuplicateReport[] } {
  const id = departmentIdentity(rules);
  const documents: IdentifiedDocument[] = docs.map((d) => ({ ...d, department_id: d.department ? id(d.department) : null, duplicate_of: null }));
  const groups = new Map<string, IdentifiedDocument[]>();
  for (const d of documents) {
    if (d.status !== 'ok' || d.department_id === null || d.year === null) continue;
    const k = `${d.department_id}\u0000${d.year}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const duplicates: DuplicateReport[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const ranked = [...g].sort((a, b) => (a.checks_error ?? 0) - (b.checks_error ?? 0) || (a.checks_warning ?? 0) - (b.checks_warning ?? 0) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const chosen = ranked[0];
    for (const d of ranked.slice(1)) d.duplicate_of = chosen.doc_id;
    const count = (d: IdentifiedDocument) => `${d.file}（检查未通过：错误 ${d.checks_error ?? 0} 条、警告 ${d.checks_warning ?? 0} 条）`;
    duplicates.push({
      department_id: chosen.department_id!,
      year: chosen.year!,
      doc_ids: ranked.map((d) => d.doc_id),
      files: ranked.map((d) => d.file),
      chosen: chosen.doc_id,
      reason: `${chosen.department_id} ${chosen.year} 年度的报告有 ${ranked.length} 份：采用 ${count(chosen)}，未采用 ${ranked.slice(1).map(count).join('、')}`,
    });
  }
  duplicates.sort((a, b) => (a.department_id < b.department_id ? -1 : a.department_id > b.department_id ? 1 : a.year - b.year));
  return { documents, duplicates };
}
