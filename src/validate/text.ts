/** The document's lines as the words checks read them: each with its page, box and section. */
import type { Line } from '../lines/types.js';
import type { SectionTree } from '../sections/sections.js';
import type { TextLine } from './types.js';

/** Every line in reading order; a line no section holds (cover, contents, a table's text) keeps section null. */
export function documentText(lines: readonly Line[], tree: SectionTree): TextLine[] {
  const where = new Map<Line, { section: string; heading: boolean }>();
  for (const s of tree.sections) {
    for (const l of s.heading) where.set(l, { section: s.id, heading: true });
    for (const l of s.lines) where.set(l, { section: s.id, heading: false });
  }
  return lines.map((l) => ({ page: l.page, bbox: l.box, text: l.text, section: where.get(l)?.section ?? null, heading: where.get(l)?.heading ?? false }));
}
