import type { LocatedText } from '../lines/types.js';
import type { Box } from '../read/types.js';
import type { Provenance } from './types.js';

/**
 * Provenance of text[start, end): the page of the character at `anchor` (the value itself) and the box
 * of the span's characters on that page, with the span's text as source.
 */
export function provenanceOf(t: LocatedText, start: number, end: number, anchor = start): Provenance {
  const s = Math.max(0, start);
  const e = Math.min(t.text.length, Math.max(end, s + 1));
  const page = t.chars[Math.min(anchor, t.chars.length - 1)]?.page ?? 0;
  let box: Box | undefined;
  let conf: number | undefined;
  for (let i = s; i < e; i++) {
    const c = t.chars[i];
    if (!c || c.page !== page) continue;
    if (c.conf !== undefined) conf = Math.min(conf ?? 100, c.conf);
    box = box
      ? { x0: Math.min(box.x0, c.x0), y0: Math.min(box.y0, c.y0), x1: Math.max(box.x1, c.x1), y1: Math.max(box.y1, c.y1) }
      : { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 };
  }
  const r = (n: number) => Math.round(n * 100) / 100;
  const b = box ?? { x0: 0, y0: 0, x1: 0, y1: 0 };
  const prov: Provenance = { page, bbox: { x0: r(b.x0), y0: r(b.y0), x1: r(b.x1), y1: r(b.y1) }, source_text: t.text.slice(s, e) };
  if (conf !== undefined) prov.confidence = Math.round(conf) / 100;
  return prov;
}
