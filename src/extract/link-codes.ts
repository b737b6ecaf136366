import type { Fact, TableCell } from './types.js';

/**
 * "A（类）B（款）C（项）" (or just "A（类）", "A（类）B（款）"), ASCII parentheses too; a name may hold a short
 * parenthesis of its own ("政府办公厅（室）及相关机构事务").
 */
const NAME = String.raw`(?:[^（）()]|[（(](?![类款项][）)])[^（）()]{1,6}[）)])+?`;
const CHAIN = new RegExp(String.raw`^(?<lei>${NAME})[（(]类[）)](?:(?<kuan>${NAME})[（(]款[）)])?(?:(?<xiang>${NAME})[（(]项[）)])?$`, 'u');

/** Names as compared: spaces, parentheses' width and a leading 一、 numbering do not matter. */
function fold(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^[一二三四五六七八九十]+、/u, '');
}

interface Row {
  code: string;
  name: string;
}

/**
 * Gives each fact whose label names a 功能分类 item by its 类/款/项 chain ("一般公共服务支出（类）财政事务（款）
 * 行政运行（项）", "住房保障支出（类）") the code of the table row with those names: the 类 among rows with
 * 3-digit codes, its 款 among the 5-digit rows under it, its 项 among the 7-digit rows under that. Tables are
 * tried in order; the codes are national, so any coded table that has the chain gives the same code. A fact
 * already coded, or whose chain no table has, is left as it is.
 */
export function linkFactCodes(facts: Fact[], cells: TableCell[]): Fact[] {
  const tables = new Map<number, Row[]>();
  for (const c of cells) {
    if (!c.row_code || !/^\d{3}(\d{2}){0,2}$/.test(c.row_code)) continue;
    const rows = tables.get(c.table_no) ?? [];
    if (!rows.some((r) => r.code === c.row_code)) rows.push({ code: c.row_code, name: fold(c.row) });
    tables.set(c.table_no, rows);
  }
  return facts.map((f) => {
    if (f.code !== null) return f;
    const chain = CHAIN.exec(f.label.replace(/\s+/g, ''))?.groups;
    if (!chain) return f;
    const names = [chain.lei, chain.kuan, chain.xiang].filter((n): n is string => n !== undefined).map(fold);
    for (const rows of tables.values()) {
      let code = '';
      for (const name of names) {
        const row = rows.find((r) => r.code.length === code.length + (code ? 2 : 3) && r.code.startsWith(code) && r.name === name);
        if (!row) {
          code = '';
          break;
        }
        code = row.code;
      }
      if (code) return { ...f, code };
    }
    return f;
  });
}
