/**
 * Every table of the report read as a statistical table (OUTPUT.md table_cells.csv): its kind from the title
 * printed above it (rules/tables.yaml `statistical.kinds`), its header tree, and one record per printed value
 * cell with the row's code and label and the column's header path. Kinds that restate the narrative's coded
 * lines (表五) also give line items and their total, for line_items.csv and the coded-table checks.
 */
import type { PageContent } from '../read/types.js';
import type { Cell, Table } from '../tables/index.js';
import { cellAt, type UnruledOptions } from '../tables/index.js';
import { toLines } from '../tables/text.js';
import { itemMidY } from '../tables/text.js';
import { tableStructure, type CodePart, type HeaderTreeNode, type StructureHints, type TableStructure } from '../tables/structure.js';
import { foldChar } from '../normalize/chars.js';
import { editDistance, literalAlternatives } from '../normalize/fuzzy.js';
import { cleanNumber } from '../values/decimal.js';
import type { StatisticalTablesRules, TableKindRule, TableRules } from '../rules/tables-schema.js';
import { newFact, type Fact, type HeaderNode, type LineItem, type TableCell, type TableInfo } from './types.js';
import { cellKey, cellProvenance, cellValue, roundBox, severalNumbers } from './table-cells.js';
import type { UnreadCell } from './evaluations.js';

/** One coded table as read (a kind with `line_items`): its rows and total, and what it restates in the narrative. */
export interface CodedTable {
  table_no: number;
  title: string;
  context: string;
  section: string;
  unit: string;
  page: number;
  total_key: string;
  narrative_context: string | null;
  narrative_total_key: string | null;
  lines: LineItem[];
  total: Fact | null;
}

export interface StatisticalTablesResult {
  tables: TableInfo[];
  cells: TableCell[];
  coded: CodedTable[];
  /** the coded tables' rows and totals (line_items.csv, facts.csv) */
  line_items: LineItem[];
  totals: Fact[];
  /** cells that could not be read as what their column holds: reported, never guessed */
  unread: UnreadCell[];
}

/**
 * Where a point of the document sits in the section tree: the id of its top-level part (line items' section)
 * and the title of the innermost section (the title of a table printed without one).
 */
export type SectionOf = (page: number, y: number) => { id: string; title: string } | undefined;

const LEVEL: Record<number, LineItem['level']> = { 3: '类', 5: '款', 7: '项' };

function fold(s: string): string {
  return Array.from(s).map(foldChar).join('').replace(/\s+/g, '');
}

interface Compiled {
  r: StatisticalTablesRules;
  prefixes: RegExp[];
  suffixes: RegExp[];
  titleLike: RegExp;
  unit: RegExp;
  emptyNote: RegExp;
  code: RegExp;
  kinds: { rule: TableKindRule; titles: RegExp[]; header: RegExp[]; literals: string[] }[];
  hints: StructureHints;
  total: RegExp;
}

function compile(r: StatisticalTablesRules): Compiled {
  const re = (s: string) => new RegExp(s, 'u');
  const code = re(r.code);
  const header = { code: re(r.header.code), lei: re(r.header.split.lei), kuan: re(r.header.split.kuan), xiang: re(r.header.split.xiang), label: re(r.header.label) };
  const body = r.body_labels.map(re);
  const empty = new Set(r.empty_values);
  return {
    r,
    prefixes: r.title_prefixes.map(re),
    suffixes: r.title_suffixes.map(re),
    titleLike: re(r.title_like),
    unit: re(r.unit.pattern),
    emptyNote: re(r.empty_note),
    code,
    // a title pattern is matched at the end of the line; what stands before it must be numbering (onlyPrefix)
    kinds: r.kinds.map((rule) => ({
      rule,
      titles: rule.titles.map((t) => re(`(?:${t.replace(/^\^/, '')})$`)),
      header: rule.header.map(re),
      // the literal titles a pattern stands for, long enough to be matched with one edit (OCR)
      literals: rule.titles.flatMap((t) => literalAlternatives(t, FUZZY_TITLE_ALTERNATIVES)?.alternatives ?? []).filter((a) => Array.from(a).length >= FUZZY_TITLE_MIN),
    })),
    total: re(r.total_label),
    hints: {
      text: (c: Cell) => {
        const k = cellKey(c);
        return empty.has(k) ? '' : k;
      },
      isNumber: (t: string) => cleanNumber(t.replace(/%$/, '')) !== null,
      isCode: (t: string) => code.test(t) || /^\d{2}$/.test(t),
      headerRole: (t: string) => {
        if (header.code.test(t)) return { role: 'code', part: 'full' };
        if (header.lei.test(t)) return { role: 'code', part: 'lei' };
        if (header.kuan.test(t)) return { role: 'code', part: 'kuan' };
        if (header.xiang.test(t)) return { role: 'code', part: 'xiang' };
        if (header.label.test(t)) return { role: 'label' };
        return undefined;
      },
      isBodyLabel: (t: string) => body.some((b) => b.test(t)),
    },
  };
}

/** True when what precedes a title on its line is only numbering, a department or a year ("表五", "公开05表", "某局2024年度"). */
function onlyPrefix(s: string, c: Compiled): boolean {
  for (let changed = true; changed && s; ) {
    changed = false;
    for (const re of c.prefixes) {
      const next = s.replace(re, '');
      if (next !== s) {
        s = next;
        changed = true;
      }
    }
  }
  return s === '';
}

/**
 * The kind whose title the line ends with, printed numbering and suffixes ("（公开01表）") aside. When several
 * kinds match, the longest title wins (一般公共预算财政拨款支出决算表 over 支出决算表). `fuzzy` (a line read by OCR):
 * failing that, a title one character extra, missing or wrong.
 */
function kindOfTitle(line: string, c: Compiled, fuzzy = false): Compiled['kinds'][number] | undefined {
  let s = line;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of c.suffixes) {
      const next = s.replace(re, '');
      if (next !== s && next.length >= 2) {
        s = next;
        changed = true;
      }
    }
  }
  let best: { k: Compiled['kinds'][number]; at: number } | undefined;
  for (const k of c.kinds) {
    for (const re of k.titles) {
      const m = re.exec(s);
      if (m && onlyPrefix(s.slice(0, m.index), c) && (!best || m.index < best.at)) best = { k, at: m.index };
    }
  }
  return best?.k ?? (fuzzy ? fuzzyKindOfTitle(s, c) : undefined);
}

/** Titles shorter than this are never matched with an edit (支出决算表 is two edits from 收入决算表, but one from other words). */
const FUZZY_TITLE_MIN = 6;
/** A title pattern standing for more literal titles than this is matched exactly only. */
const FUZZY_TITLE_ALTERNATIVES = 4096;

/**
 * An OCR'd title one character extra, missing or wrong ("一般公共了预算财政拨款支出决算表"): the kind with a
 * literal title one edit from the end of the line, numbering before it; none when another kind's title is
 * as close (a misread that could be either is no title).
 */
function fuzzyKindOfTitle(s: string, c: Compiled): Compiled['kinds'][number] | undefined {
  const chars = Array.from(s);
  const starts: string[] = [];
  for (let j = 0; j < chars.length; j++) if (onlyPrefix(chars.slice(0, j).join(''), c)) starts.push(chars.slice(j).join(''));
  const distance = (k: Compiled['kinds'][number]) => Math.min(2, ...k.literals.flatMap((alt) => starts.map((t) => editDistance(t, alt, 1))));
  const scored = c.kinds.map((k) => ({ k, d: distance(k) })).sort((a, b) => a.d - b.d);
  if (!scored.length || scored[0].d > 1 || (scored[1] && scored[1].d <= scored[0].d)) return undefined;
  return scored[0].k;
}

/** Text lines of a page between two heights (points), top first, folded. */
function linesBetween(page: PageContent | undefined, below: number, above: number): { text: string; y: number }[] {
  if (!page) return [];
  const items = page.items.filter((it) => it.str.trim() !== '' && itemMidY(it) > below && itemMidY(it) < above);
  return toLines(items).map((l) => ({ text: fold(l.text), y: l.y }));
}

/** The lines just above a table on its first page (nearest first), stopping at another table above it. */
function linesAbove(table: Table, page: PageContent | undefined, all: readonly Table[], n: number): string[] {
  const top = table.bbox.y1;
  const ceiling = Math.min(Infinity, ...all.flatMap((t) => t.parts.filter((p) => p !== table.parts[0] && p.page === table.page && p.bbox.y0 >= top - 1).map((p) => p.bbox.y0)));
  return linesBetween(page, top, ceiling)
    .sort((a, b) => a.y - b.y)
    .slice(0, n)
    .map((l) => l.text);
}

/** The lines just below a table's last part (nearest first), stopping at another table below it. */
function linesBelow(table: Table, pages: Map<number, PageContent>, all: readonly Table[], n: number): string[] {
  const part = table.parts[table.parts.length - 1];
  const floor = Math.max(-Infinity, ...all.flatMap((t) => t.parts.filter((p) => p !== part && p.page === part.page && p.bbox.y1 <= part.bbox.y0 + 1).map((p) => p.bbox.y1)));
  const lines = linesBetween(pages.get(part.page), floor, part.bbox.y0).sort((a, b) => b.y - a.y);
  return lines.slice(0, n).map((l) => l.text);
}

function toHeaderNodes(nodes: HeaderTreeNode[]): HeaderNode[] {
  return nodes.map((n) => ({ text: n.text, cols: [n.cell.col, n.cell.col + n.cell.colSpan - 1], children: toHeaderNodes(n.children) }));
}

/** The code of a row from its code columns: one whole code, or 类 / 款 / 项 parts (a blank part is carried from the row above). */
function rowCode(table: Table, row: number, codeCols: { col: number; part: CodePart }[], carry: string, c: Compiled, label: Cell | undefined): string | null {
  const parts = new Map<CodePart, string>();
  for (const { col, part } of codeCols) {
    const cell = cellAt(table, row, col);
    if (!cell || cell === label || cell.row !== row) continue;
    const s = c.hints.text(cell);
    if (s) parts.set(part, s);
  }
  const full = parts.get('full');
  if (full !== undefined) return c.code.test(full) ? full : null;
  const order: [CodePart, number][] = [
    ['lei', 3],
    ['kuan', 5],
    ['xiang', 7],
  ];
  let code = '';
  for (const [part, len] of order) {
    const s = parts.get(part);
    if (!s) continue;
    if (!/^\d+$/.test(s)) return null;
    if (s.length === len) code = s; // printed in full ("20604" in the 款 column)
    else if (s.length === (len === 3 ? 3 : 2)) {
      const want = len - 2;
      const prefix = len === 3 ? '' : code.length === want ? code : carry.slice(0, want);
      if (prefix.length !== (len === 3 ? 0 : want)) return null;
      code = prefix + s;
    } else return null;
  }
  return code || null;
}

/**
 * What the table stage needs to find tables printed without rulings: a title line of a known kind, the note
 * that ends a table, the unit line printed with the title, a row label that starts a row without a number.
 */
export function unruledTableRules(rules: TableRules | StatisticalTablesRules): UnruledOptions {
  const c = compile('statistical' in rules ? rules.statistical : rules);
  const noteStart = new RegExp(c.r.note_start, 'u');
  return {
    isTitle: (line) => kindOfTitle(fold(line), c) !== undefined,
    isEnd: (line) => noteStart.test(fold(line)) || c.emptyNote.test(fold(line)),
    isPreamble: (line) => c.unit.test(fold(line)) && fold(line).length <= 30,
    isNumber: (s) => c.hints.isNumber(fold(s)),
    isRowStart: (s) => c.hints.isBodyLabel(fold(s)) || /^\d{3}(\d{2}){0,2}(?=\D)/u.test(fold(s)),
  };
}

const compiled = new WeakMap<StatisticalTablesRules, Compiled>();

/** The kind a line names as a table title ("三、支出决算表" in the contents, "表五 …"), or undefined. */
export function tableKindOf(line: string, rules: StatisticalTablesRules): string | undefined {
  let c = compiled.get(rules);
  if (!c) compiled.set(rules, (c = compile(rules)));
  return kindOfTitle(fold(line), c)?.rule.kind;
}

/** Reads every table: kind, title, unit, header tree, value cells; line items of the kinds that have them. */
export function readStatisticalTables(tables: readonly Table[], pages: readonly PageContent[], rules: TableRules | StatisticalTablesRules, sectionOf: SectionOf = () => undefined): StatisticalTablesResult {
  const c = compile('statistical' in rules ? rules.statistical : rules);
  const byPage = new Map(pages.map((p) => [p.page, p]));
  const out: StatisticalTablesResult = { tables: [], cells: [], coded: [], line_items: [], totals: [], unread: [] };
  tables.forEach((table, i) => {
    const table_no = i + 1;
    const above = linesAbove(table, byPage.get(table.page), tables, c.r.title_lines);
    const unit = above.map((l) => c.unit.exec(l)?.groups?.unit).find(Boolean) ?? c.r.unit.default;
    const struct = tableStructure(table, c.hints);
    const ocr = byPage.get(table.page)?.source === 'ocr';
    const titled = above.map((line) => ({ line, k: kindOfTitle(line, c) })).find((x) => x.k) ?? (ocr ? above.map((line) => ({ line, k: kindOfTitle(line, c, true) })).find((x) => x.k) : undefined);
    const headerTexts = table.cells.filter((x) => x.row < Math.max(1, struct.headerRows)).map((x) => c.hints.text(x));
    const byHeader = titled ? undefined : c.kinds.find((k) => k.header.length > 0 && k.header.every((re) => headerTexts.some((t) => re.test(t))));
    const kind = titled?.k ?? byHeader;
    const section = sectionOf(table.page, table.bbox.y1);
    const title = titled?.line ?? above.find((l) => !c.unit.test(l) && c.titleLike.test(l)) ?? section?.title ?? '';
    const kindName = kind?.rule.kind ?? c.r.other_kind.kind;

    const cells: TableCell[] = [];
    if (kind?.rule.cells !== false) {
      cells.push(...readCells(table, struct, c, { table_no, table: kindName, title, unit }, out.unread));
    }
    const below = linesBelow(table, byPage, tables, c.r.note_lines);
    const inside = table.cells.map((x) => c.hints.text(x));
    const noteAt = below.findIndex((l) => c.emptyNote.test(l));
    const insideNote = inside.find((t) => c.emptyNote.test(t));
    // a note wrapped onto a second line is joined
    const empty_note = noteAt >= 0 ? below[noteAt] + (!/[。.]$/.test(below[noteAt]) && below[noteAt + 1] ? below[noteAt + 1] : '') : (insideNote ?? null);
    const info: TableInfo = {
      table_no,
      kind: kindName,
      title,
      pages: [...new Set(table.parts.map((p) => p.page))],
      unit,
      header: toHeaderNodes(struct.header),
      rows: Math.max(0, table.rows - struct.headerRows),
      empty: kind?.rule.cells !== false && cells.length === 0,
      empty_note,
      page: table.page,
      bbox: roundBox(table.bbox),
    };
    out.tables.push(info);
    out.cells.push(...cells);
    if (kind?.rule.line_items) {
      const coded = codedTable(info, cells, kind.rule.line_items, section?.id, c, out.unread);
      out.coded.push(coded);
      out.line_items.push(...coded.lines);
      if (coded.total) out.totals.push(coded.total);
    }
  });
  return out;
}

/** One record per printed value cell, row by row, each column group (side) of a row in turn. */
function readCells(table: Table, s: TableStructure, c: Compiled, common: Pick<TableCell, 'table_no' | 'table' | 'title' | 'unit'>, unread: UnreadCell[]): TableCell[] {
  const out: TableCell[] = [];
  const path = new Map(s.columns.map((col) => [col.col, col.path.join('/')]));
  const carry = s.groups.map(() => '');
  for (let row = s.headerRows; row < table.rows; row++) {
    s.groups.forEach((g, gi) => {
      const labelCell = g.labelCol === null ? undefined : cellAt(table, row, g.labelCol);
      let label = labelCell ? c.hints.text(labelCell) : '';
      let code = g.codeCols.length ? rowCode(table, row, g.codeCols, carry[gi], c, labelCell) : null;
      if (!code) {
        // A code printed inside the label cell ("30207邮电费") where no code column holds it.
        const m = /^(\d{3}(?:\d{2}){0,2})(?=\D)(.+)$/u.exec(label);
        if (m && c.code.test(m[1])) {
          code = m[1];
          label = m[2];
        }
      }
      if (code) carry[gi] = code;
      for (const col of g.valueCols) {
        const cell = cellAt(table, row, col);
        // a cell spanning rows or columns is one value, taken where it starts; a label spanning over a value
        // column (公用经费合计 across a group) is no value
        if (!cell || cell.row !== row || Math.max(cell.col, g.valueCols[0]) !== col) continue;
        if (s.columns.some((x) => x.role !== 'value' && x.col >= cell.col && x.col < cell.col + cell.colSpan)) continue;
        const text = c.hints.text(cell);
        if (!text) continue;
        const where = `${common.title || common.table}：第${row - s.headerRows + 1}行“${label}”的“${path.get(col) ?? ''}”列`;
        const number = cleanNumber(text.replace(/%$/, ''));
        // numbers a field gap apart ("293 41": one number once the spaces are gone) are not one number, as
        // cellNumber decides: reported and kept as printed
        const several = number !== null && severalNumbers(cell);
        const value = several ? cellValue(cell) : (number ?? text);
        if (several) unread.push({ ...cellProvenance(cell), reason: `${where}印的不是一个数而是几个数（${value}），不合读为一个数` });
        // text in a column of numbers is reported; a column of text (备注) is text
        else if (number === null && s.columns[col].numeric) unread.push({ ...cellProvenance(cell), reason: `${where}印的不是数字（${text}）` });
        out.push({ ...common, ...cellProvenance(cell), row_code: code, row: label, row_no: row - s.headerRows, column: path.get(col) ?? '', value });
      }
    });
  }
  return out;
}

/** A kind with `line_items`: its coded rows as line items (amount from the rule's column) and its 合计 row as the total. */
function codedTable(info: TableInfo, cells: TableCell[], rule: NonNullable<TableKindRule['line_items']>, sectionId: string | undefined, c: Compiled, unread: UnreadCell[]): CodedTable {
  const section = sectionId ?? rule.section;
  const amountRe = new RegExp(rule.amount_column, 'u');
  const columns = [...new Set(cells.map((x) => x.column))];
  const amountColumn = columns.find((col) => amountRe.test(col.split('/').pop() ?? ''));
  const lines: LineItem[] = [];
  let total: Fact | null = null;
  const rows = new Map<number, TableCell[]>();
  for (const x of cells) rows.set(x.row_no, [...(rows.get(x.row_no) ?? []), x]);
  for (const rowCells of rows.values()) {
    const first = rowCells[0];
    const amountCell = rowCells.find((x) => x.column === amountColumn);
    // a value read as a number is already in its clean form; printed text ("见附表", "293 41") is no amount
    const amount = amountCell && cleanNumber(amountCell.value) === amountCell.value ? amountCell.value : null;
    const prov = { page: (amountCell ?? first).page, bbox: (amountCell ?? first).bbox, source_text: rowCells.map((x) => x.source_text).join(' | '), ...(amountCell?.confidence !== undefined ? { confidence: amountCell.confidence } : {}) };
    if (!first.row_code) {
      if (c.total.test(first.row) && amount !== null) total = newFact({ ...prov, key: rule.total_key, section, label: first.row, amount, unit: info.unit });
      else if (amount !== null) unread.push({ ...prov, reason: `${rule.context}：“${first.row}”行有金额 ${amount} 而无科目编码` });
      continue;
    }
    if (amount === null) {
      unread.push({ ...prov, reason: `${rule.context}：${first.row_code} ${first.row} 行没有“${amountColumn ?? rule.amount_column}”金额` });
      continue;
    }
    lines.push({
      ...prov,
      context: rule.context,
      // null: the coded_lines_sum check sums a narrative group flat; a table's levels are checked by coded_table_sum
      total_key: null,
      code: first.row_code,
      level: LEVEL[first.row_code.length] ?? '项',
      name: first.row || first.row_code,
      amount,
      unit: info.unit,
      section,
    });
  }
  return {
    table_no: info.table_no,
    title: info.title,
    context: rule.context,
    section,
    unit: info.unit,
    page: info.page,
    total_key: rule.total_key,
    narrative_context: rule.narrative_context ?? null,
    narrative_total_key: rule.narrative_total_key ?? null,
    lines,
    total,
  };
}

