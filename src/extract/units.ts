import type { DocumentRules } from '../rules/schema.js';
import type { Table } from '../tables/index.js';
import { rowCells } from '../tables/index.js';
import { normalizeText } from '../normalize/normalize.js';
import type { Unit } from './types.js';

/**
 * The unit list of 第一部分 (序号 / 单位名称 / 单位性质): the first table with a header row naming the three
 * columns; every row below it with a number in the 序号 column is a unit.
 */
export function readUnits(tables: readonly Table[], rules: DocumentRules['units']): Unit[] {
  const re = { seq: new RegExp(rules.columns.seq, 'u'), name: new RegExp(rules.columns.name, 'u'), kind: new RegExp(rules.columns.kind, 'u') };
  for (const table of tables) {
    for (let r = 0; r < table.rows; r++) {
      const header = rowCells(table, r).map((c) => ({ col: c.col, text: norm(c.text) }));
      const col = (k: keyof typeof re) => header.find((h) => re[k].test(h.text))?.col;
      const seqCol = col('seq'), nameCol = col('name'), kindCol = col('kind');
      if (seqCol === undefined || nameCol === undefined) continue;
      const units: Unit[] = [];
      for (let rr = r + 1; rr < table.rows; rr++) {
        const cells = rowCells(table, rr);
        const at = (c: number | undefined) => (c === undefined ? undefined : cells.find((x) => x.col === c));
        const seq = norm(at(seqCol)?.text ?? '');
        const name = at(nameCol);
        if (!/^\d+$/.test(seq) || !name || !norm(name.text)) continue;
        const kind = at(kindCol);
        const box = cells.reduce(
          (b, c) => ({ x0: Math.min(b.x0, c.bbox.x0), y0: Math.min(b.y0, c.bbox.y0), x1: Math.max(b.x1, c.bbox.x1), y1: Math.max(b.y1, c.bbox.y1) }),
          { ...name.bbox },
        );
        units.push({
          seq: Number(seq),
          name: norm(name.text),
          kind: kindCol === undefined ? null : norm(kind?.text ?? ''),
          page: name.page,
          bbox: { x0: r2(box.x0), y0: r2(box.y0), x1: r2(box.x1), y1: r2(box.y1) },
          source_text: cells.map((c) => c.text).join(' | '),
        });
      }
      if (units.length) return units;
    }
  }
  return [];
}

function norm(s: string): string {
  const zero = { page: 0, x0: 0, y0: 0, x1: 0, y1: 0 };
  return normalizeText({ text: s, chars: Array.from({ length: s.length }, () => zero) }).text.trim();
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}
