/**
 * Words about items against the items' numbers (issue 9 item 4): an item the narrative names as a main content of
 * an amount ("公用经费…主要包括：办公费、邮电费…") while the table prints it as 0.00; and the "主要用于" of a
 * numbered item copied from an item of another 款. Both warnings: 0.00 may be an amount under half the printed
 * unit, and two items may have one purpose.
 */
import { dec } from '../../values/decimal.js';
import { pagesText, uniquePages } from '../compare.js';
import { factSubject } from '../subjects.js';
import { cellName, cellSubject, firstOfKind, labelForm, tableViews, type Row } from '../table-view.js';
import { lineAt, textRuns } from '../text.js';
import type { Check, CheckFailure } from '../types.js';
import type { Fact } from '../../extract/types.js';

const re = (s: string, flags = 'u') => new RegExp(s, flags);

/** The row an item name means: the same label, else the shortest label containing it (or contained in it). */
function rowNamed(rows: readonly Row[], item: string): Row | undefined {
  const exact = rows.find((r) => labelForm(r.label) === item);
  if (exact) return exact;
  const near = rows.filter((r) => r.label.length >= 2 && (labelForm(r.label).includes(item) || item.includes(labelForm(r.label))));
  return near.sort((a, b) => a.label.length - b.label.length)[0];
}

export const listedItemZero: Check = {
  id: 'listed_item_zero',
  description: 'An item the narrative lists as a main content of an amount (主要包括：…) is printed 0.00 in its table (warning).',
  run(input) {
    const { words } = input.rules.checks;
    const kinds = firstOfKind(tableViews(input));
    const out: CheckFailure[] = [];
    for (const run of textRuns(input.text)) {
      if (run.lines[0].line.in_table) continue;
      for (const list of words.item_lists) {
        const v = kinds.get(list.table);
        if (!v) continue;
        const coded = v.rows.filter((r) => r.code);
        for (const m of run.text.matchAll(re(list.pattern, 'gu'))) {
          const line = lineAt(run, m.index);
          for (const raw of (m.groups?.items ?? '').split(re(words.item_separator))) {
            const item = labelForm(raw).replace(re(words.item_suffix), '');
            if (item.length < 2) continue;
            const row = rowNamed(coded, item);
            if (!row || ![...row.cells.values()].every((c) => dec(c.value).isZero())) continue;
            const cells = [...row.cells.values()];
            const pages = uniquePages([line.page, ...cells.map((c) => c.page)]);
            out.push({
              check: 'listed_item_zero',
              severity: 'warning',
              subject: cellSubject(v.info.kind, row, cells[0].column),
              subjects: [cellSubject(v.info.kind, row, cells[0].column), line.section ?? ''],
              expected: '> 0',
              actual: cells[0].value,
              message: `文字与数字矛盾：说明把“${item}”列为${m.groups?.group ?? ''}的主要内容，而${cellName(v, row, cells[0].column)} 印为 ${cells[0].value}（${line.section ?? ''}；${pagesText(pages)}）`,
              page: pages[0],
              pages,
            });
          }
        }
      }
    }
    return out;
  },
};

/** The 类 and 款 an item names: its code's first five digits, else the names before its 项. */
function kuanOf(f: Fact): string {
  if (f.code && f.code.length >= 5) return f.code.slice(0, 5);
  return labelForm(f.label).replace(/[^（）]*（项）$/u, '');
}

export const itemPurposeCopied: Check = {
  id: 'item_purpose_copied',
  description: 'A numbered item says it is for (主要用于) exactly what an item of another 款 says: copied wording (warning).',
  run({ facts, rules }) {
    const { words } = rules.checks;
    const out: CheckFailure[] = [];
    const items = facts.filter((f) => words.purpose_facts.includes(f.key) && !f.restates);
    const purpose = (f: Fact) => re(words.purpose).exec(f.source_text)?.groups?.text?.replace(/\s+/g, '');
    for (let i = 0; i < items.length; i++) {
      const f = items[i];
      const p = purpose(f);
      if (!p) continue;
      const earlier = items.slice(0, i).find((g) => g.key === f.key && g.section === f.section && purpose(g) === p && kuanOf(g) !== kuanOf(f));
      if (!earlier) continue;
      const pages = uniquePages([earlier.page, f.page]);
      const no = (x: Fact) => (x.item_no !== null ? `第${x.item_no}项` : '');
      out.push({
        check: 'item_purpose_copied',
        severity: 'warning',
        subject: factSubject(f),
        subjects: [factSubject(f), factSubject(earlier)],
        expected: '',
        actual: p,
        message: `说明疑似照抄：${no(f)}“${f.label}”写“主要用于：${p}”，与${no(earlier)}“${earlier.label}”相同，而两者不是同一款（${f.section}；${pagesText(pages)}）`,
        page: pages[0],
        pages,
      });
    }
    return out;
  },
};
