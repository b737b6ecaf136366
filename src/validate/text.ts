/** The document's lines as the words checks read them: each with its page, box and section. */
import type { Box } from '../read/types.js';
import type { Line } from '../lines/types.js';
import type { SectionTree } from '../sections/sections.js';
import type { TextLine } from './types.js';

/** Where tables are printed: a page and a box per part of each table. */
export type TableRegion = { page: number; bbox: Box };

/** Every line in reading order; a line no section holds (cover, contents, a table's text) keeps section null. */
export function documentText(lines: readonly Line[], tree: SectionTree, tables: readonly TableRegion[] = []): TextLine[] {
  const where = new Map<Line, { section: string; heading: boolean }>();
  for (const s of tree.sections) {
    for (const l of s.heading) where.set(l, { section: s.id, heading: true });
    for (const l of s.lines) where.set(l, { section: s.id, heading: false });
  }
  // a line whose middle lies in a table part is the table's text
  const inTable = (l: Line) => {
    const x = (l.box.x0 + l.box.x1) / 2;
    const y = (l.box.y0 + l.box.y1) / 2;
    return tables.some((t) => t.page === l.page && x >= t.bbox.x0 && x <= t.bbox.x1 && y >= t.bbox.y0 && y <= t.bbox.y1);
  };
  return lines.map((l) => ({ page: l.page, bbox: l.box, text: l.text, section: where.get(l)?.section ?? null, heading: where.get(l)?.heading ?? false, in_table: inTable(l) }));
}

/**
 * Consecutive lines of one section (and heading or not) joined as the reader reads them, with where each starts; a
 * line inside a table is a run of its own (a table's cells are not a sentence).
 */
export interface TextRun {
  text: string;
  /** the lines, and the offset in `text` where each starts */
  lines: { line: TextLine; at: number }[];
}

export function textRuns(text: readonly TextLine[]): TextRun[] {
  const runs: TextRun[] = [];
  let run: TextRun | undefined;
  let prev: TextLine | undefined;
  for (const l of text) {
    if (!run || !prev || prev.section !== l.section || prev.heading !== l.heading || l.in_table || prev.in_table) runs.push((run = { text: '', lines: [] }));
    run.lines.push({ line: l, at: run.text.length });
    run.text += l.text;
    prev = l;
  }
  return runs;
}

/** The line of a run an offset falls in. */
export function lineAt(run: TextRun, offset: number): TextLine {
  let hit = run.lines[0].line;
  for (const x of run.lines) if (x.at <= offset) hit = x.line;
  return hit;
}

/**
 * What a whole-line pattern (a heading, a contents entry) is tried on: every line alone, and every heading
 * joined over the lines it wraps onto.
 */
export function headingTexts(text: readonly TextLine[]): { text: string; line: TextLine }[] {
  const out = text.map((line) => ({ text: line.text, line }));
  for (const r of textRuns(text)) if (r.lines.length > 1 && r.lines[0].line.heading) out.push({ text: r.text, line: r.lines[0].line });
  return out;
}
