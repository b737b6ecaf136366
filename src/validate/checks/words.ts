/**
 * Words against numbers and against the report itself (issue 9 item 4): template wording left in the text, a year
 * that is not the report's where the report's year belongs, a department name in a heading that is not the
 * cover's. Word lists and patterns are rules/checks.yaml `words`.
 */
import { dec } from '../../values/decimal.js';
import { pagesText, samePrinted } from '../compare.js';
import { factSubject } from '../subjects.js';
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

/** A place in reading order: page, then from the top (a statement's place is where its box ends). */
const order = (page: number, y: number) => page * 100000 - y;
const endOf = (f: { page: number; bbox: { y0: number } }) => order(f.page, f.bbox.y0);

const HOLDS: Record<'>' | '<' | '=', (final: string, budget: string) => boolean> = {
  '>': (f, b) => dec(f).gt(dec(b)),
  '<': (f, b) => dec(f).lt(dec(b)),
  '=': (f, b) => samePrinted(f, b),
};
const RELATION_TEXT = { '>': '大于', '<': '小于', '=': '等于' } as const;

/**
 * A comparison word that contradicts its amounts: "决算数大于预算数" after a 支出决算 smaller than every budget the
 * statement printed (the one the word names, when it names one), 持平 when they differ; and a change whose word
 * says one direction while its numbers say the other (增加 with a negative amount, 增加 … 下降 x%).
 */
export const comparisonWord: Check = {
  id: 'comparison_word',
  description: 'A comparison word (大于 / 小于 / 持平 / 等于, 增加 / 减少) that contradicts the amounts it speaks of.',
  run({ text, facts, rules }) {
    const { words } = rules.checks;
    const budgetLabel = new RegExp(words.budget_label, 'u');
    const out: CheckFailure[] = [];
    const seen = new Set<string>();
    for (const run of textRuns(text)) {
      const first = run.lines[0].line;
      if (first.in_table || first.heading) continue;
      for (const c of words.comparisons) {
        for (const m of run.text.matchAll(new RegExp(c.pattern, 'gu'))) {
          const line = lineAt(run, m.index);
          // the statement the word speaks of: the last one with a budget before it, in its section
          const at = order(line.page, line.bbox.y0) + 2;
          const stated = facts.filter((f) => f.budget !== null && f.section === line.section && endOf(f) <= at);
          const f = stated[stated.length - 1];
          if (!f) continue;
          const since = stated.length > 1 ? endOf(stated[stated.length - 2]) : -Infinity;
          // the budgets that statement printed: its own, and the budget facts of the section since the statement before
          const basisOf = (label: string) => {
            const b = budgetLabel.exec(label)?.groups?.basis;
            return b ? `${b}预算` : '';
          };
          const budgets = [
            { basis: f.budget_basis ?? '', amount: f.budget! },
            ...facts.filter((b) => b !== f && b.section === f.section && b.unit === f.unit && budgetLabel.test(b.label) && endOf(b) > since && endOf(b) <= at).map((b) => ({ basis: basisOf(b.label), amount: b.amount })),
          ];
          const named = m.groups?.basis ? budgets.filter((b) => b.basis.startsWith(m.groups!.basis)) : [];
          const against = named.length ? named : budgets;
          if (against.some((b) => HOLDS[c.relation](f.amount, b.amount))) continue;
          const k = `${line.page}/${m.index}/${f.key}/${f.label}`;
          if (seen.has(k)) continue;
          seen.add(k);
          const b = against[0];
          const pages = [f.page, line.page];
          out.push({
            check: 'comparison_word',
            severity: 'error',
            subject: factSubject(f),
            subjects: [factSubject(f), f.key],
            expected: `${RELATION_TEXT[c.relation]} ${b.amount}`,
            actual: f.amount,
            message: `文字与数字矛盾：说明写“${m[0]}”，而“${f.label}”决算 ${f.amount} 与${b.basis || '预算'} ${b.amount} 相比并非${RELATION_TEXT[c.relation]}（${f.section}，${pagesText(pages)}）`,
            page: Math.min(...pages),
            pages,
          });
        }
      }
    }
    // a change whose words and numbers disagree
    const increase = words.increase.map(escape).join('|');
    const decrease = words.decrease.map(escape).join('|');
    const signedAfter = new RegExp(`(?<word>${increase}|${decrease})了?\\s*(?<minus>[-－])\\s*\\d`, 'u');
    for (const f of facts) {
      if (f.change === null) continue;
      const a = f.change_pct !== null && !dec(f.change).isZero() && !dec(f.change_pct).isZero() && dec(f.change).isNeg() !== dec(f.change_pct).isNeg();
      const printedMinus = signedAfter.exec(f.source_text);
      if (!a && !printedMinus) continue;
      out.push({
        check: 'comparison_word',
        severity: 'error',
        subject: f.key,
        subjects: [f.key, factSubject(f)],
        expected: '',
        actual: `${f.change} / ${f.change_pct ?? ''}%`,
        message: printedMinus
          ? `文字与数字矛盾：“${f.label}”写“${printedMinus.groups!.word}”却印负数（${f.section}，第${f.page}页）`
          : `文字与数字矛盾：“${f.label}”增减额 ${f.change} 与增减率 ${f.change_pct}% 方向相反（${f.section}，第${f.page}页）`,
        page: f.page,
      });
    }
    return out;
  },
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
