/** What the table reader could not place: reported, so that nothing printed is dropped silently. */
import type { Check } from '../types.js';

/** A table no rule knows is still exported (kind other): said once, so that a new region's titles get a rule. */
export const tableUnknown: Check = {
  id: 'table_unknown',
  description: 'A table with value cells whose title no kind of rules/tables.yaml knows (exported as kind other; warning).',
  run({ tables, cells }) {
    return tables
      .filter((t) => t.kind === 'other' && cells.some((c) => c.table_no === t.table_no))
      .map((t) => ({
        check: 'table_unknown',
        severity: 'warning' as const,
        subject: `table_${t.table_no}`,
        expected: '',
        actual: t.title,
        message: `第${t.page}页的表格“${t.title || '（无标题）'}”不是规则认识的表种，其单元格以 other 导出（${cells.filter((c) => c.table_no === t.table_no).length} 个）`,
        page: t.page,
      }));
  },
};

export const unreadCells: Check = {
  id: 'unread_cell',
  description: 'A table cell that should hold a number and does not, or a table part that could not be read (warning).',
  run({ unreadCells }) {
    return unreadCells.map((u) => ({
      check: 'unread_cell',
      severity: 'warning' as const,
      subject: `page ${u.page}`,
      expected: '',
      actual: u.source_text,
      message: /（第\d+页）$/.test(u.reason) ? u.reason : `${u.reason}（第${u.page}页）`,
      page: u.page,
    }));
  },
};
