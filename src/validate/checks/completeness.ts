/**
 * The standard tables are printed (DOMAIN.md, issue 9): each kind the template requires (when the report prints
 * its tables: "第二部分 …部门决算表") or the table of contents lists is printed; an empty table says why.
 */
import { tableKindOf } from '../../extract/statistical-tables.js';
import { labelForm } from '../table-view.js';
import type { Check, CheckFailure, CheckInput, TextLine } from '../types.js';

const re = (s: string) => new RegExp(s, 'u');

/** The entries of the table of contents: the lines after its heading, up to the first line of prose. */
function contents(input: CheckInput): TextLine[] {
  const { completeness } = input.rules.checks;
  const start = input.text.findIndex((l) => re(completeness.contents).test(labelForm(l.text)));
  if (start < 0) return [];
  const out: TextLine[] = [];
  for (const l of input.text.slice(start + 1)) {
    if (re(completeness.contents_end).test(l.text)) break;
    out.push(l);
  }
  return out;
}

/** A title of this kind printed with its 空表说明 under it but no table (nothing to rule): an empty table. */
function printedAsNote(input: CheckInput, kind: string, skip: ReadonlySet<TextLine>): boolean {
  const note = re(input.rules.tables.empty_note);
  const n = input.rules.checks.completeness.note_lines;
  return input.text.some((l, i) => !skip.has(l) && tableKindOf(l.text, input.rules.tables) === kind && input.text.slice(i + 1, i + 1 + n).some((x) => note.test(labelForm(x.text))));
}

export const missingTable: Check = {
  id: 'missing_table',
  description: 'Every standard table the template requires (a report printing its tables) or the contents list is printed; an absent one is an error.',
  run(input) {
    const { completeness } = input.rules.checks;
    const entries = contents(input);
    const listed = new Map<string, TextLine>();
    const numbered = re(input.rules.checks.numbered);
    for (const l of entries) {
      const kind = tableKindOf(labelForm(l.text).replace(numbered, ''), input.rules.tables);
      if (kind && !listed.has(kind)) listed.set(kind, l);
    }
    const required = input.text.some((l) => re(completeness.required_when).test(labelForm(l.text))) ? completeness.required : [];
    const name = (kind: string) => completeness.required.find((r) => r.kind === kind)?.name ?? kind;
    const printed = new Set(input.tables.map((t) => t.kind));
    const skip = new Set(entries);
    const out: CheckFailure[] = [];
    for (const kind of [...new Set([...required.map((r) => r.kind), ...listed.keys()])]) {
      if (printed.has(kind) || printedAsNote(input, kind, skip)) continue;
      const entry = listed.get(kind);
      const page = entry?.page ?? input.tables[0]?.page ?? 1;
      out.push({
        check: 'missing_table',
        severity: 'error',
        subject: kind,
        expected: name(kind),
        actual: '',
        message: entry ? `缺少表格：目录列出“${entry.text}”，报告中未印出${name(kind)}（第${page}页）` : `缺少表格：部门决算报告应印出${name(kind)}，报告中未见（第${page}页起的部门决算表）`,
        page,
      });
    }
    return out;
  },
};

export const emptyTableNote: Check = {
  id: 'empty_table_note',
  description: 'A standard table printed empty says why (空表说明: "本年度没有…，故本表无数据"); one without is a warning.',
  run({ tables }) {
    return tables
      .filter((t) => t.empty && !t.empty_note)
      .map((t) => ({
        check: 'empty_table_note',
        severity: 'warning' as const,
        subject: t.kind,
        expected: '空表说明',
        actual: '',
        message: `空表无说明：${t.title || t.kind} 未印任何数据，也没有说明为何无数据（第${t.page}页）`,
        page: t.page,
      }));
  },
};
