import type { LocatedText } from '../lines/types.js';
import type { DocumentRules } from '../rules/schema.js';
import { provenanceOf } from './provenance.js';
import type { DocumentMeta, Provenance, StaffCount } from './types.js';

export interface MetaSources {
  /** the first lines of the document, each a separate text */
  start: LocatedText[];
  /** the top-level headings ("第三部分 某局2024年度部门决算情况说明"), each a separate text */
  headings?: LocatedText[];
  /** the narrative text, section by section */
  text: LocatedText[];
  /** the last lines of the document */
  end: LocatedText[];
}

export interface MetaResult {
  meta: DocumentMeta;
  provenance: Partial<Record<keyof DocumentMeta, Provenance>>;
}

/** Department, year and publication date from the report's own text (never the file name). */
export function readMeta(src: MetaSources, rules: DocumentRules['meta']): MetaResult {
  const meta: DocumentMeta = { department: null, year: null, published: null };
  const provenance: MetaResult['provenance'] = {};
  const search = (scope: 'start' | 'headings' | 'text' | 'end', pattern: string) => {
    const re = new RegExp(pattern, 'u');
    const texts = scope === 'end' ? [...src.end].reverse() : (src[scope] ?? []);
    for (const t of texts) {
      const m = re.exec(t.text);
      if (m) return { m, prov: provenanceOf(t, m.index, m.index + m[0].length) };
    }
    return undefined;
  };
  for (const r of rules.department) {
    const hit = search(r.scope, r.pattern);
    const d = hit?.m.groups?.department?.trim();
    if (hit && d) {
      meta.department = d;
      provenance.department = hit.prov;
      break;
    }
  }
  for (const r of rules.year) {
    const hit = search(r.scope, r.pattern);
    const y = hit?.m.groups?.year;
    if (hit && y) {
      meta.year = Number(y);
      provenance.year = hit.prov;
      break;
    }
  }
  for (const r of rules.published) {
    const hit = search(r.scope, r.pattern);
    const g = hit?.m.groups;
    if (hit && g?.y && g.m && g.d) {
      meta.published = `${g.y}-${g.m.padStart(2, '0')}-${g.d.padStart(2, '0')}`;
      provenance.published = hit.prov;
      break;
    }
  }
  return { meta, provenance };
}

/** Staff counts (实有人数 …) from the text of the staff section. */
export function readStaff(texts: LocatedText[], fields: Record<string, string>): StaffCount[] {
  const out: StaffCount[] = [];
  for (const [field, pattern] of Object.entries(fields)) {
    const re = new RegExp(pattern, 'u');
    for (const t of texts) {
      const m = re.exec(t.text);
      if (m?.groups?.n) {
        out.push({ ...provenanceOf(t, m.index, m.index + m[0].length), field, count: Number(m.groups.n) });
        break;
      }
    }
  }
  return out;
}
