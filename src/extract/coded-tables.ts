/**
 * Coded tables of 第四部分 (表五 一般公共预算财政拨款支出决算表 and its kind): 科目编码 / 科目名称 / amounts.
 * Each coded row becomes a LineItem, the 合计 row a total record. Which table is which comes from the title
 * printed above it (rules/tables.yaml `coded_tables`).
 */
import type { Box, PageContent } from '../read/types.js';
import type { Cell, Table } from '../tables/index.js';
import { cellAt } from '../tables/index.js';
import { toLines } from '../tables/text.js';
import { foldChar } from '../normalize/chars.js';
import { fuzzyMatch, literalAlternatives } from '../normalize/fuzzy.js';
import type { CodedTableRule, CodedTablesRules, TableRules } from '../rules/tables-schema.js';
import { newFact, type Fact, type LineItem } from './types.js';
import { cellKey, cellNumber, cellValue, roundBox, rowProvenance, topCells, type NumberRules } from './table-cells.js';
import type { UnreadCell } from './evaluations.js';

/** One coded table as read: its rows and total, plus what it restates in the narrative (for the checks). */
export interface CodedTable {
  title: string;
  context: string;
  section: string;
  unit: string;
  page: number;
  bbox: Box;
  total_key: string;
  narrative_context: string | null;
  narrative_total_key: string | null;
  lines: LineItem[];
  total: Fact | null;
}

export interface CodedTablesResult {
  tables: CodedTable[];
  line_items: LineItem[];
  /** the 合计 rows as facts (key from the rule, e.g. table5_total) */
  totals: Fact[];
  unread: UnreadCell[];
}

const LEVEL: Record<number, LineItem['level']> = { 3: '类', 5: '款', 7: '项' };
const NUMBERS: NumberRules = { empty: ['—', '——', '-', '－', '/'], suffixes: [] };

function fold(s: string): string {
  return Array.from(s).map(foldChar).join('').replace(/\s+/g, '');
}

/**
 * The lines just above a table on its first page (nearest first), stopping at another table above it.
 * The title, "公开05表", "部门：…" and "金额单位：万元" lines are printed there.
 */
function linesAbove(table: Table, page: PageContent | undefined, others: readonly Table[], n: number): string[] {
  if (!page) return [];
  const top = table.bbox.y1;
  const ceiling = Math.min(
    Infinity,
    ...others.filter((t) => t !== table && t.parts.some((p) => p.page === table.page && p.bbox.y0 >= top - 1)).map((t) => t.parts.find((p) => p.page === table.page)!.bbox.y0),
  );
  const items = page.items.filter((it) => it.str.trim() !== '' && it.y > top && it.y < ceiling);
  return toLines(items)
    .sort((a, b) => a.y - b.y)
    .slice(0, n)
    .map((l) => fold(l.text));
}

/** Reads every coded table whose title is one of the rules' tables. */
export function readCodedTables(tables: readonly Table[], pages: readonly PageContent[], rules: TableRules | CodedTablesRules): CodedTablesResult {
  const r = 'coded_tables' in rules ? rules.coded_tables : rules;
  const byPage = new Map(pages.map((p) => [p.page, p]));
  const out: CodedTablesResult = { tables: [], line_items: [], totals: [], unread: [] };
  const titles = r.tables.map((t) => ({ rule: t, re: new RegExp(t.title, 'u') }));
  const unitRe = new RegExp(r.unit.pattern, 'u');
  const titleLike = r.title_like ? new RegExp(r.title_like, 'u') : null;
  for (const table of tables) {
    const above = linesAbove(table, byPage.get(table.page), tables, r.title_lines);
    const hit = matchTitle(above, titles);
    if (!hit) {
      const titled = titleLike && above.find((l) => titleLike.test(l));
      if (titled) out.unread.push({ page: table.page, bbox: roundBox(table.bbox), source_text: titled, reason: `第${table.page}页的表格“${titled}”与规则中的表名都不符，未读取` });
      continue;
    }
    const unit = above.map((l) => unitRe.exec(l)?.groups?.unit).find(Boolean) ?? r.unit.default;
    const read = readTable(table, hit.t.rule, hit.line, unit, r, out.unread);
    if (!read) continue;
    out.tables.push(read);
    out.line_items.push(...read.lines);
    if (read.total) out.totals.push(read.total);
  }
  return out;
}

/**
 * The rule whose title is printed above a table: an exact match on any line first, else a line one
 * character off a title (OCR: "一般公共了预算财政拨款支出决算表"), never one as close to another rule's title.
 */
export function matchTitle<T extends { re: RegExp }>(lines: readonly string[], titles: readonly T[]): { line: string; t: T } | null {
  for (const line of lines) {
    const t = titles.find((x) => x.re.test(line));
    if (t) return { line, t };
  }
  for (const line of lines) {
    const t = titles.find((x) => fuzzyMatch(line, x.re, { others: titles.filter((o) => o !== x).flatMap((o) => literalAlternatives(o.re.source)?.alternatives ?? []) }));
    if (t) return { line, t };
  }
  return null;
}

interface Columns {
  code?: Cell;
  split?: [Cell | undefined, Cell | undefined, Cell | undefined];
  name?: Cell;
  amount?: Cell;
  headerEnd: number;
}

/** Header cells in the first rows (a two-row header puts 类 / 款 / 项 under 科目编码). */
function findColumns(table: Table, r: CodedTablesRules, rule: CodedTableRule): Columns | null {
  const re = {
    code: new RegExp(r.columns.code, 'u'),
    lei: new RegExp(r.columns.split.lei, 'u'),
    kuan: new RegExp(r.columns.split.kuan, 'u'),
    xiang: new RegExp(r.columns.split.xiang, 'u'),
    name: new RegExp(r.columns.name, 'u'),
    amount: new RegExp(rule.amount_column, 'u'),
  };
  const cols: Columns = { headerEnd: 0 };
  const split: [Cell | undefined, Cell | undefined, Cell | undefined] = [undefined, undefined, undefined];
  for (let row = 0; row < Math.min(4, table.rows); row++) {
    const cells = topCells(table, row);
    // The header ends at the first row with a number (its "合计" is the total row, not the 合计 column header).
    if (cells.some((c) => cellNumber(c, NUMBERS).value !== null)) break;
    let any = false;
    for (const c of cells) {
      const k = cellKey(c);
      if (!k) continue;
      const set = (f: 'code' | 'name' | 'amount') => {
        if (!cols[f]) cols[f] = c;
        any = true;
      };
      if (re.code.test(k)) set('code');
      else if (re.name.test(k)) set('name');
      else if (re.amount.test(k)) set('amount');
      else if (re.lei.test(k)) (split[0] ??= c), (any = true);
      else if (re.kuan.test(k)) (split[1] ??= c), (any = true);
      else if (re.xiang.test(k)) (split[2] ??= c), (any = true);
    }
    if (any) cols.headerEnd = row + 1;
    else if (cols.headerEnd) break;
  }
  if (split[0]) cols.split = split;
  if ((!cols.code && !cols.split) || !cols.amount) return null;
  return cols;
}

/** The code of a row: one code cell, or 类 / 款 / 项 parts (a part left blank is taken from the row above). */
function rowCode(table: Table, row: number, cols: Columns, carry: string): string | null {
  if (!cols.split) {
    const s = cellKey(cellAt(table, row, cols.code!.col));
    return /^\d{3}(\d{2}){0,2}$/.test(s) ? s : null;
  }
  const full = [3, 5, 7];
  let code = '';
  for (let i = 0; i < 3; i++) {
    const h = cols.split[i];
    const s = h ? cellKey(cellAt(table, row, h.col)) : '';
    if (!s) continue;
    if (!/^\d+$/.test(s)) return null;
    if (s.length === full[i]) code = s; // printed in full ("20604" in the 款 column)
    else if (s.length === (i === 0 ? 3 : 2)) {
      const prefix = i === 0 ? '' : code.length === full[i - 1] ? code : carry.slice(0, full[i - 1]);
      if (prefix.length !== (i === 0 ? 0 : full[i - 1])) return null;
      code = prefix + s;
    } else return null;
  }
  return code || null;
}

function readTable(table: Table, rule: CodedTableRule, title: string, unit: string, r: CodedTablesRules, unread: UnreadCell[]): CodedTable | null {
  const cols = findColumns(table, r, rule);
  if (!cols) {
    unread.push({ page: table.page, bbox: roundBox(table.bbox), source_text: title, reason: `${rule.context}: no code/amount header` });
    return null;
  }
  const totalRe = new RegExp(r.total_label, 'u');
  const lines: LineItem[] = [];
  let total: Fact | null = null;
  let carry = '';
  for (let row = cols.headerEnd; row < table.rows; row++) {
    const cells = topCells(table, row);
    const amountCell = cellAt(table, row, cols.amount!.col);
    const nameCell = cols.name ? cellAt(table, row, cols.name.col) : undefined;
    const { value: amount, bad } = cellNumber(amountCell, NUMBERS);
    const prov = rowProvenance(cells);
    if (!prov) continue;
    const totalCell = cells.find((c) => totalRe.test(cellKey(c)));
    if (totalCell && amount !== null) {
      total = newFact({ ...prov, key: rule.total_key, section: rule.section, label: cellKey(totalCell), amount, unit });
      continue;
    }
    const code = rowCode(table, row, cols, carry);
    if (!code || amount === null) {
      // A row with an amount but no readable code (or the reverse) is reported, not dropped.
      if (amount !== null || bad || code) unread.push({ ...prov, reason: `${rule.context}: row without ${code ? 'amount' : 'code'}` });
      continue;
    }
    carry = code;
    lines.push({
      context: rule.context,
      // null: the existing coded_lines_sum check sums a group flat; a table's levels are checked by coded_table_sum.
      total_key: null,
      code,
      level: LEVEL[code.length],
      name: cellValue(nameCell) || code,
      amount,
      unit,
      section: rule.section,
      ...prov,
    });
  }
  return {
    title,
    context: rule.context,
    section: rule.section,
    unit,
    page: table.page,
    bbox: roundBox(table.bbox),
    total_key: rule.total_key,
    narrative_context: rule.narrative_context ?? null,
    narrative_total_key: rule.narrative_total_key ?? null,
    lines,
    total,
  };
}
