import type { Line } from './types.js';

/** Whether a line lies in the top or bottom margin (a share of the page height). */
export function inMargin(l: Line, pageHeight: number, margin: number): boolean {
  return l.box.y1 < pageHeight * margin || l.box.y0 > pageHeight * (1 - margin);
}

/** Drops page numbers and similar furniture: lines in the top or bottom margin whose whole text matches a pattern. */
export function dropFurniture(lines: readonly Line[], pageHeight: number, margin: number, patterns: readonly RegExp[]): Line[] {
  return lines.filter((l) => !(inMargin(l, pageHeight, margin) && patterns.some((p) => p.test(l.text))));
}

/**
 * Running headers and footers ("某局2021年度部门决算公开" on every page) would land in the middle of
 * sentences that cross a page break. A margin line whose text (digits aside) recurs on at least
 * `minPages` pages is furniture.
 */
export function runningFurniture(
  pages: readonly { lines: readonly Line[]; height: number }[],
  margin: number,
  isContent: (text: string) => boolean = () => false,
  minPages = 3,
): Set<string> {
  const seen = new Map<string, Set<number>>();
  for (const p of pages) {
    for (const l of p.lines) {
      if (!inMargin(l, p.height, margin) || isContent(l.text)) continue;
      const key = furnitureKey(l.text);
      if (!key) continue;
      const s = seen.get(key) ?? new Set<number>();
      s.add(l.page);
      seen.set(key, s);
    }
  }
  const threshold = Math.max(minPages, Math.ceil(pages.length * 0.3));
  return new Set([...seen].filter(([, s]) => s.size >= threshold).map(([k]) => k));
}

export function furnitureKey(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, '');
}
