/**
 * The vocabularies of the data dictionary, taken from the rule files (never a second hand-written copy):
 * fact keys with their Chinese names (rules/facts.yaml label_zh, and the totals tables.yaml makes from a
 * table's 合计 row), table kinds with theirs (rules/tables.yaml).
 */
import type { Rules } from '../rules/schema.js';

export interface FactKeyTerm {
  /** the key, or its template ("three_public_reception_item_{n}") */
  key: string;
  label_zh: string;
  /** a regular expression every key of this entry matches (the template's groups as [a-z0-9_]+) */
  pattern: string;
  /** unit class or unit of the rule (money when absent) */
  unit: string;
  parent: string | null;
}

export interface TableKindTerm {
  kind: string;
  label_zh: string;
}

export function factKeyVocabulary(rules: Pick<Rules, 'facts' | 'tables'>): FactKeyTerm[] {
  const out = new Map<string, FactKeyTerm>();
  for (const f of rules.facts) {
    if (out.has(f.key) || !f.label_zh) continue;
    const pattern = '^' + f.key.split(/\{[a-z_]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[a-z0-9_]+') + '$';
    out.set(f.key, { key: f.key, label_zh: f.label_zh, pattern, unit: f.unit ?? 'money', parent: f.parent ?? null });
  }
  for (const k of rules.tables.statistical.kinds) {
    const li = k.line_items;
    if (li && !out.has(li.total_key)) out.set(li.total_key, { key: li.total_key, label_zh: li.total_label_zh, pattern: `^${li.total_key}$`, unit: 'money', parent: null });
  }
  return [...out.values()];
}

export function tableKindVocabulary(rules: Pick<Rules, 'tables'>): TableKindTerm[] {
  const s = rules.tables.statistical;
  return [...s.kinds.map((k) => ({ kind: k.kind, label_zh: k.label_zh })), { kind: s.other_kind.kind, label_zh: s.other_kind.label_zh }];
}
