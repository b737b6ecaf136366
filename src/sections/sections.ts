import type { HeadingRules } from '../rules/schema.js';
import type { Line } from '../lines/types.js';
import type { Box } from '../read/types.js';
import { chineseNumeral } from './numerals.js';

export interface Section {
  /** path of printed numbers, e.g. "二/十/一" (第二部分 / 十、 / （一）) */
  id: string;
  level: number;
  /** the printed numeral of this heading */
  num: string;
  title: string;
  /** titles of this section and its ancestors, outermost first */
  titles: string[];
  page: number;
  /** the heading line(s) */
  heading: Line[];
  /** narrative lines of the section (not of its subsections, not of blocks) */
  lines: Line[];
}

export interface Block {
  kind: string;
  /** the section the block starts in */
  sectionId: string;
  lines: Line[];
}

export interface SectionTree {
  /** lines before the first heading and the table of contents (cover, title) */
  preamble: Line[];
  /** the table of contents */
  contents: Line[];
  sections: Section[];
  blocks: Block[];
}

interface CompiledLevel { level: number; re: RegExp }

/** Where a table lies on a page (from the table stage): the lines inside it are its cells. */
export interface TableRegion {
  page: number;
  bbox: Box;
}

/**
 * Splits the document's lines into the 第X部分 / 一、 / （一） tree. A line is a heading when it matches a
 * level's pattern, its number is the next one expected at that level, and it reads like a title (short,
 * not ending like a clause). A heading that runs to the right margin continues on the next line.
 * A table of contents (a `contents_title` line and its entries, up to the first entry printed again) goes
 * to the preamble. Lines inside a table region are that table's cells, wherever it is printed: a block
 * of kind `table`, never a heading or narrative.
 */
export function splitSections(lines: readonly Line[], rules: HeadingRules, pageRight: (page: number) => number, tables: readonly TableRegion[] = []): SectionTree {
  const levels: CompiledLevel[] = rules.levels.map((l) => ({ level: l.level, re: new RegExp(l.pattern, 'u') })).sort((a, b) => a.level - b.level);
  const blockRules = rules.blocks.map((b) => ({ ...b, re: new RegExp(b.start, 'u') }));
  const tree: SectionTree = { preamble: [], contents: [], sections: [], blocks: [] };
  // stack[i] = current section at level i+1
  const stack: Section[] = [];
  const lastNum: number[] = []; // last accepted number per level depth, reset when the parent changes
  let block: (Block & { untilLevel: number }) | undefined;

  const contentsEntry = new RegExp(rules.contents_entry, 'u');
  const contentsTitle = new RegExp(rules.contents_title, 'u');
  const bodyStart = contentsEnd(lines, levels, contentsTitle);
  const contentsStart = bodyStart ? lines.findIndex((l) => contentsTitle.test(l.text)) : 0;
  tree.preamble.push(...lines.slice(0, contentsStart));
  tree.contents.push(...lines.slice(contentsStart, bodyStart));
  const tableBlocks = new Map<TableRegion, Block>();
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i];
    const region = tables.find((t) => inRegion(line, t));
    if (region) {
      let b = tableBlocks.get(region);
      if (!b) {
        b = { kind: 'table', sectionId: stack[stack.length - 1]?.id ?? '', lines: [] };
        tableBlocks.set(region, b);
        tree.blocks.push(b);
      }
      b.lines.push(line);
      continue;
    }
    if (looksLikeContentsRestart(lines[i], levels[0], tree, lastNum)) {
      // The headings so far had no text under them: they were a table of contents without page
      // numbers. The document starts again here.
      tree.contents.push(...tree.sections.flatMap((s) => [...s.heading, ...s.lines]));
      tree.sections = [];
      stack.length = 0;
      lastNum.length = 0;
    }
    const heading = contentsEntry.test(line.text) ? undefined : matchHeading(lines, i, levels, rules, pageRight, stack, lastNum);
    if (heading) {
      const { level, num, title, used } = heading;
      if (block && level <= block.untilLevel) block = undefined;
      if (!block) {
        const depth = levels.findIndex((l) => l.level === level);
        stack.length = depth; // pop deeper and same level
        lastNum.length = depth + 1;
        lastNum[depth] = chineseNumeral(num);
        const parent = stack[depth - 1];
        const section: Section = {
          id: parent ? `${parent.id}/${num}` : num,
          level,
          num,
          title,
          titles: [...(parent?.titles ?? []), title],
          page: line.page,
          heading: lines.slice(i, i + used),
          lines: [],
        };
        stack[depth] = section;
        tree.sections.push(section);
        i += used - 1;
        continue;
      }
    }
    const current = stack[stack.length - 1];
    if (!block) {
      const b = blockRules.find((r) => r.re.test(line.text));
      if (b) {
        block = { kind: b.kind, sectionId: current?.id ?? '', lines: [], untilLevel: b.until_level };
        tree.blocks.push(block);
      }
    }
    if (block) block.lines.push(line);
    else if (current) current.lines.push(line);
    else tree.preamble.push(line);
  }
  tree.blocks = tree.blocks.map(({ kind, sectionId, lines }) => ({ kind, sectionId, lines }));
  return tree;
}

/** A line lies in a table when its middle is inside the table's box on the same page. */
function inRegion(line: Line, t: TableRegion): boolean {
  if (line.page !== t.page) return false;
  const x = (line.box.x0 + line.box.x1) / 2;
  const y = (line.box.y0 + line.box.y1) / 2;
  return x >= t.bbox.x0 && x <= t.bbox.x1 && y >= t.bbox.y0 && y <= t.bbox.y1;
}

/**
 * Index of the first line of the body when a table of contents is printed: after the contents title, the
 * first line matching a heading pattern is the first entry; the body starts where that entry (same level,
 * same number) is printed again. 0 when there is no contents title or its first entry never repeats.
 */
function contentsEnd(lines: readonly Line[], levels: CompiledLevel[], title: RegExp): number {
  const start = lines.findIndex((l) => title.test(l.text));
  if (start < 0) return 0;
  let first: { depth: number; num: number } | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    for (let depth = 0; depth < levels.length; depth++) {
      const num = chineseNumeral(levels[depth].re.exec(lines[i].text)?.groups?.num ?? '');
      if (Number.isNaN(num)) continue;
      if (!first) first = { depth, num };
      else if (depth === first.depth && num === first.num) return i;
      break;
    }
  }
  return 0;
}

function matchHeading(
  lines: readonly Line[],
  i: number,
  levels: CompiledLevel[],
  rules: HeadingRules,
  pageRight: (page: number) => number,
  stack: Section[],
  lastNum: number[],
): { level: number; num: string; title: string; used: number } | undefined {
  const line = lines[i];
  for (let depth = 0; depth < levels.length; depth++) {
    const { level, re } = levels[depth];
    let text = line.text;
    let used = 1;
    // A heading that reaches the right margin continues on the next line ("…决算情况" / "说明").
    const next = lines[i + 1];
    if (next && next.page === line.page && line.box.x1 >= pageRight(line.page) - 2 * line.fontSize && next.text.length <= rules.max_title_chars / 2 && next.box.x1 < pageRight(line.page) - 4 * next.fontSize) {
      const joined = line.text + next.text;
      const m = re.exec(joined);
      if (m && isTitle(m.groups?.title ?? '', rules)) {
        text = joined;
        used = 2;
      }
    }
    const m = re.exec(text);
    if (!m?.groups) continue;
    const num = m.groups.num ?? '';
    const title = (m.groups.title ?? '').trim();
    if (!isTitle(title, rules) && level > 1) continue;
    if (title.length > rules.max_title_chars) continue;
    // Only the next number at this level, under a parent at the level above (except for the top level).
    if (depth > 0 && !stack[depth - 1]) continue;
    const n = chineseNumeral(num);
    // At every deeper level only the next number is a heading. Parts only go up: the first may be any
    // (an excerpt starting at 第二部分), and one may be missing (the tables printed under their own
    // title with no 第二部分 heading, 第三部分 next).
    const expected = (lastNum[depth] ?? 0) + 1;
    if (depth === 0 ? !(n >= expected) : n !== expected) continue;
    // a part skipped over must be a title line, not prose that happens to start with 第X部分
    if (depth === 0 && lastNum[0] !== undefined && n > expected && !isTitle(title, rules)) continue;
    return { level, num, title, used };
  }
  return undefined;
}

function looksLikeContentsRestart(line: Line, top: CompiledLevel, tree: SectionTree, lastNum: number[]): boolean {
  if (tree.sections.length < 2 || lastNum[0] === undefined) return false;
  const m = top.re.exec(line.text);
  if (!m?.groups || chineseNumeral(m.groups.num ?? '') !== chineseNumeral(tree.sections[0].num)) return false;
  // contents entries are titles: a line with a clause or sentence mark is text under a heading
  return tree.sections.every((s) => s.lines.length <= 1 || s.lines.every((l) => !/[，。；]/u.test(l.text)));
}

function isTitle(title: string, rules: HeadingRules): boolean {
  if (rules.title_period && new RegExp(rules.title_period, 'u').test(title)) title = title.slice(0, -1);
  if (!title || title.length > rules.max_title_chars) return false;
  if (rules.not_ending_with.includes(title[title.length - 1])) return false;
  return !Array.from(rules.not_containing).some((c) => title.includes(c));
}
