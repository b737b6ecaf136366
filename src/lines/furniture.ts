import type { Line } from './types.js';

/** Drops page numbers and similar furniture: lines in the top or bottom margin whose whole text matches a pattern. */
export function dropFurniture(lines: readonly Line[], pageHeight: number, margin: number, patterns: readonly RegExp[]): Line[] {
  return lines.filter((l) => {
    const inMargin = l.box.y1 < pageHeight * margin || l.box.y0 > pageHeight * (1 - margin);
    return !(inMargin && patterns.some((p) => p.test(l.text)));
  });
}
