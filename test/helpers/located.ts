import type { Line, LocatedText } from '../../src/lines/types.js';
import type { TextItem } from '../../src/read/types.js';

/** Located text laid out as if printed at 12pt from x=72 on one line of the given page. */
export function located(text: string, page = 1, y = 700): LocatedText {
  return { text, chars: Array.from({ length: text.length }, (_, i) => ({ page, x0: 72 + 12 * i, x1: 84 + 12 * i, y0: y - 2, y1: y + 10 })) };
}

export function line(text: string, opts: { page?: number; y?: number; x0?: number; x1?: number; size?: number } = {}): Line {
  const size = opts.size ?? 12;
  const x0 = opts.x0 ?? 72;
  const x1 = opts.x1 ?? x0 + size * text.length;
  const y = opts.y ?? 700;
  const page = opts.page ?? 1;
  const w = (x1 - x0) / Math.max(1, text.length);
  return {
    page,
    raw: text,
    text,
    chars: Array.from({ length: text.length }, (_, i) => ({ page, x0: x0 + w * i, x1: x0 + w * (i + 1), y0: y - 2, y1: y + size })),
    box: { x0, y0: y - 2, x1, y1: y + size },
    fontSize: size,
  };
}

export function item(str: string, x: number, y: number, opts: { page?: number; size?: number; width?: number } = {}): TextItem {
  const size = opts.size ?? 12;
  return { page: opts.page ?? 1, str, x, y, width: opts.width ?? size * str.length, height: size };
}
