import type { HeadingRules } from '../rules/schema.js';
import type { Line } from '../lines/types.js';
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
  /** lines before the first heading (cover, title) */
  preamble: Line[];
  sections: Section[];
  blocks: Block[];
}

interface CompiledLevel { level: number; re: RegExp }

/**
 * Splits the document's lines into the 第X部分 / 一、 / （一） tree. A line is a heading when it matches a
 * level's pattern, its number is the next one expected at that level, and it reads like a title (short,
 * not ending like a clause). A heading that runs to the right margin continues on the next line.
 */
export function splitSections(lines: readonly Line[], rules: HeadingRules, pageRight: (page: number) => number): SectionTree {
  const levels: CompiledLevel[] = rules.levels.map((l) => ({ level: l.level, re: new RegExp(l.pattern, 'u') })).sort((a, b) => a.level - b.level);
  const blockRules = rules.blocks.map((b) => ({ ...b, re: new RegExp(b.start, 'u') }));
  const tree: SectionTree = { preamble: [], sections: [], blocks: [] };
  // stack[i] = current section at level i+1
  const stack: Section[] = [];
  const lastNum: number[] = []; // last accepted number per level depth, reset when the parent changes
  let block: (Block & { untilLevel: number }) | undefined;

  const contentsEntry = new RegExp(rules.contents_entry, 'u');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (looksLikeContentsRestart(lines[i], levels[0], tree, lastNum)) {
      // The headings so far had no text under them: they were a table of contents without page
      // numbers. The document starts again here.
      tree.preamble.push(...tree.sections.flatMap((s) => [...s.heading, ...s.lines]));
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
    // The first part may be any (an excerpt starting at 第二部分); after that, and at every deeper
    // level, only the next number is a heading.
    const expected = (lastNum[depth] ?? 0) + 1;
    if (n !== expected && !(depth === 0 && lastNum[0] === undefined && n >= 1)) continue;
    return { level, num, title, used };
  }
  return undefined;
}

function looksLikeContentsRestart(line: Line, top: CompiledLevel, tree: SectionTree, lastNum: number[]): boolean {
  if (tree.sections.length < 2 || lastNum[0] === undefined) return false;
  const m = top.re.exec(line.text);
  if (!m?.groups || chineseNumeral(m.groups.num ?? '') !== chineseNumeral(tree.sections[0].num)) return false;
  return tree.sections.every((s) => s.lines.length <= 1);
}

function isTitle(title: string, rules: HeadingRules): boolean {
  if (!title || title.length > rules.max_title_chars) return false;
  if (rules.not_ending_with.includes(title[title.length - 1])) return false;
  return !Array.from(rules.not_containing).some((c) => title.includes(c));
}
