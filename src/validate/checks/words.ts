/**
 * Words against numbers and against the report itself (issue 9 item 4): template wording left in the text, a year
 * that is not the report's where the report's year belongs, a department name in a heading that is not the
 * cover's. Word lists and patterns are rules/checks.yaml `words`.
 */
import { labelForm } from '../table-view.js';
import { headingTexts, lineAt, textRuns, type TextRun } from '../text.js';
import type { Check, CheckFailure, TextLine } from '../types.js';

const re = (s: string, flags = 'u') => new RegExp(s, flags);

/** A few characters either side of a match, for the message. */
function around(text: string, start: number, end: number, n = 12): string {
  return `${start > n ? '…' : ''}${text.slice(Math.max(0, start - n), end + n)}${end + n < text.length ? '…' : ''}`;
}

function where(l: TextLine): string {
  return l.section ?? '封面与目录';
}

export const templatePlaceholder: Check = {
  id: 'template_placeholder',
  description: 'Template wording left unfilled in the text ("XX局", "XXX 万元", "下降（增长）", "202 年度"): rules/checks.yaml words.placeholders.',
  run({ text, rules }) {
    const out: CheckFailure[] = [];
    const seen = new Set<string>();
    for (const run of textRuns(text)) {
      for (const p of rules.checks.words.placeholders) {
        for (const m of run.text.matchAll(re(p, 'gu'))) {
          const l = lineAt(run, m.index);
          const k = `${l.page}/${m.index}/${run.text.slice(0, 20)}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push({
            check: 'template_placeholder',
            severity: 'error',
            subject: where(l),
            expected: '',
            actual: m[0],
            message: `模板占位文字未替换：“${m[0]}”见于“${around(run.text, m.index, m.index + m[0].length)}”（${where(l)}，第${l.page}页）`,
            page: l.page,
          });
        }
      }
    }
    return out;
  },
};

export const wrongYear: Check = {
  id: 'wrong_year',
  description: 'A year where the report\'s year belongs (part headings, 部门决算表 headings, 截至…12月31日; the year compared with is the one before) that is not it.',
  run({ text, meta, rules }) {
    if (meta.year === null) return [];
    const out: CheckFailure[] = [];
    const seen = new Set<string>();
    const candidates: { text: string; line: TextLine; run?: TextRun }[] = [...headingTexts(text), ...textRuns(text).map((r) => ({ text: r.text, line: r.lines[0].line, run: r }))];
    for (const c of candidates) {
      for (const y of rules.checks.words.years) {
        for (const m of c.text.matchAll(re(y.pattern, 'gu'))) {
          const year = Number(m.groups?.year);
          const want = meta.year + y.offset;
          if (!year || year === want) continue;
          const l = c.run ? lineAt(c.run, m.index) : c.line;
          // one failure per printed line and year, however many patterns see it
          const k = `${l.page}/${l.bbox.y0}/${l.text}/${year}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push({
            check: 'wrong_year',
            severity: 'error',
            subject: where(l),
            expected: String(want),
            actual: String(year),
            message: `年份不符：“${m[0]}”写 ${year} 年，本报告为 ${meta.year} 年度${y.offset ? `，此处应为 ${want} 年` : ''}（${where(l)}，第${l.page}页）`,
            page: l.page,
          });
        }
      }
    }
    return out;
  },
};

/** Same department: equal, or one name inside the other (a heading may drop or add the 本级 suffix). */
function sameDepartment(a: string, b: string): boolean {
  const x = labelForm(a);
  const y = labelForm(b);
  return x === y || x.includes(y) || y.includes(x);
}

export const departmentName: Check = {
  id: 'department_name',
  description: 'A heading that names the department (第一部分 …概况, …年度部门决算表 / 情况说明) names the cover\'s department.',
  run({ text, meta, rules }) {
    if (!meta.department) return [];
    const out: CheckFailure[] = [];
    const seen = new Set<string>();
    for (const c of headingTexts(text)) {
      for (const p of rules.checks.words.departments) {
        const m = re(p).exec(labelForm(c.text));
        const d = m?.groups?.department;
        if (!d || sameDepartment(d, meta.department)) continue;
        const k = `${c.line.page}/${d}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({
          check: 'department_name',
          severity: 'error',
          subject: where(c.line),
          expected: meta.department,
          actual: d,
          message: `部门名称不符：“${c.text}”写“${d}”，封面为“${meta.department}”（第${c.line.page}页）`,
          page: c.line.page,
        });
      }
    }
    return out;
  },
};
