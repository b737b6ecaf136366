/**
 * Tables without rulings: columns from the whitespace that every value line leaves free, rows from
 * baselines, header cells (spanning or wrapped) from how header text sits over those columns. A table may
 * run over several pages (parts); each cell keeps its own page.
 */
import type { Box, TextItem } from '../read/types.js';
import type { Cell, Table, TablePart } from './types.js';
import { cellText, itemMidX, itemMidY, joinWrapped } from './text.js';

export interface AlignmentOptions {
  /** narrowest gap (in multiples of the median font size) that separates columns (default 0.5: a right-aligned
   *  number and the left-aligned label of the next column may stand that close) */
  minGap?: number;
  /** a printed number (amount, count, percentage); default: digits with an optional sign, separators, point and % */
  isNumber?: (s: string) => boolean;
  /** a line whose first text starts a row even without a number (a numbered label, a code); default: none */
  isRowStart?: (s: string) => boolean;
}

/** Items of one page that belong to the table (inside `region` when given). */
export interface AlignedPart {
  page: number;
  items: TextItem[];
  region?: Box;
}

const NUMBER = /^[-+]?\d{1,3}(,?\d{3})*(\.\d+)?%?$|^[-+]?\d+(\.\d+)?%?$/;

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

interface Line {
  part: number;
  page: number;
  y: number;
  items: TextItem[];
  value: boolean;
}

/** One unruled table from one page's items (inside `region` when given); null without two columns and a value row. */
export function tableFromAlignment(items: TextItem[], region?: Box, options: AlignmentOptions = {}): Table | null {
  return alignedTable([{ page: items[0]?.page ?? 1, items, region }], options);
}

/**
 * One unruled table from its parts on consecutive pages. Value lines (lines printing a number not at their
 * start) make rows and decide the columns; lines above the first value line are the header; a line with
 * text but no value joins the nearest value row when it sits closer to it than rows sit to each other (a
 * wrapped label, a code printed on the middle line of a three-line label), else it is a row of its own.
 */
export function alignedTable(parts: AlignedPart[], options: AlignmentOptions = {}): Table | null {
  const isNumber = options.isNumber ?? ((s: string) => NUMBER.test(s.replace(/\s/g, '')));
  const isRowStart = options.isRowStart ?? (() => false);
  const minGap = options.minGap ?? 0.5;
  const inside = parts.map((p) =>
    p.items.filter((it) => {
      if (it.str.trim() === '') return false;
      if (!p.region) return true;
      const x = itemMidX(it);
      const y = itemMidY(it);
      return x >= p.region.x0 && x <= p.region.x1 && y >= p.region.y0 && y <= p.region.y1;
    }),
  );
  const all = inside.flat();
  if (all.length < 2) return null;
  const size = median(all.map((it) => it.height || 0)) || 10;

  // Lines by baseline, part by part, top to bottom.
  const lines: Line[] = [];
  inside.forEach((items, part) => {
    const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
    const group: TextItem[][] = [];
    for (const it of sorted) {
      const g = group[group.length - 1];
      if (g && Math.abs(g[0].y - it.y) <= 0.3 * Math.max(size, it.height)) g.push(it);
      else group.push([it]);
    }
    for (const g of group) {
      g.sort((a, b) => a.x - b.x);
      // a number at the start of a line is a code or a row number, unless the line holds nothing else
      const value = g.some((it, k) => isNumber(it.str) && (k > 0 || g.length === 1 || g.every((x) => isNumber(x.str))));
      lines.push({ part, page: parts[part].page, y: g[0].y, items: g, value });
    }
  });
  const firstValue = lines.findIndex((l) => l.value);
  const left = Math.min(...all.map((it) => it.x));
  const right = Math.max(...all.map((it) => it.x + it.width));
  // Column boundaries: stretches at least minGap wide that (almost) no span crosses — a few labels of
  // merged cells (合计 centred over the code and name columns) may cross a boundary without erasing it.
  const columnsOf = (spans: [number, number][], lineCount: number, blocking: [number, number][] = []): number[] => {
    const tolerance = Math.floor(0.08 * lineCount);
    // header text always blocks: it names a column even where no value line prints anything
    const events = [...spans.map((s) => [s, 1] as const), ...blocking.map((s) => [s, tolerance + 1] as const)]
      .flatMap(([[a, b], w]) => [[a, w], [b, -w]] as [number, number][])
      .sort((p, q) => p[0] - q[0] || q[1] - p[1]);
    const cuts: number[] = [];
    let depth = 0;
    let freeFrom: number | undefined;
    let seen = false;
    for (const [x, d] of events) {
      const wasFree = depth <= tolerance;
      depth += d;
      const isFree = depth <= tolerance;
      if (wasFree && !isFree) {
        if (seen && freeFrom !== undefined && x - freeFrom >= minGap * size) cuts.push((x + freeFrom) / 2);
        seen = true;
      } else if (!wasFree && isFree) freeFrom = x;
    }
    return [left, ...cuts, right];
  };
  const colFinder = (xs: number[]) => (x: number): number => {
    for (let c = 0; c < xs.length - 1; c++) if (x < xs[c + 1]) return c;
    return xs.length - 2;
  };
  const spanOf = (it: TextItem): [number, number] => [it.x, it.x + it.width];

  // Spacing of rows: the usual distance between two value lines with no line between them (rows of one
  // line each); failing those, between consecutive value lines.
  const vls = lines.filter((l) => l.value);
  const adjacent: number[] = [];
  const gaps: number[] = [];
  for (let k = 1; k < lines.length; k++) if (lines[k].value && lines[k - 1].value && lines[k].part === lines[k - 1].part) adjacent.push(lines[k - 1].y - lines[k].y);
  for (let k = 1; k < vls.length; k++) if (vls[k].part === vls[k - 1].part) gaps.push(vls[k - 1].y - vls[k].y);
  const pitch = median(adjacent) || median(gaps) || 2 * size;

  // Header: lines above the first value line of the first part (every line when none prints a value) — but
  // a line right above the first value line with text in one column only, where that row has none, is the
  // first line of the row's wrapped label.
  let headerEnd = firstValue < 0 ? lines.length : firstValue;
  if (firstValue >= 0) {
    const fv = lines[firstValue];
    const colOf0 = colFinder(columnsOf(vls.flatMap((l) => l.items.map(spanOf)), vls.length));
    const colsOf = (l: Line) => new Set(l.items.map((it) => colOf0(itemMidX(it))));
    while (headerEnd > 0) {
      const l = lines[headerEnd - 1];
      const cs = colsOf(l);
      if (l.part !== fv.part || cs.size !== 1 || colsOf(fv).has([...cs][0]) || l.y - fv.y >= 0.85 * pitch) break;
      headerEnd--;
    }
  }
  const headPart = firstValue < 0 ? 0 : lines[firstValue].part;
  const header = lines.slice(0, headerEnd).filter((l) => l.part === headPart);
  const headerKey = header.map((l) => l.items.map((i) => i.str.trim()).join('')).join('|');
  const body: Line[] = [];
  for (let p = 0; p < parts.length; p++) {
    const ls = lines.filter((l) => l.part === p && !header.includes(l));
    const first = ls.findIndex((l) => l.value);
    const lead = first > 0 ? ls.slice(0, first) : [];
    const repeated = header.length > 0 && lead.length > 0 && lead.map((l) => l.items.map((i) => i.str.trim()).join('')).join('|') === headerKey;
    body.push(...(repeated ? ls.slice(first) : ls));
  }

  // Columns: stretches that neither value lines nor header text cross — except header text over the gap
  // between two header pieces below it (a header over several columns).
  // Lines without a value (wrapped label lines, often set off from the column's edge) do not decide columns.
  const bodySpans = body.filter((l) => l.value).flatMap((l) => l.items.map(spanOf));
  const pieces = headerPieces(header, size);
  const xs = columnsOf(
    bodySpans,
    body.filter((l) => l.value).length,
    pieces.filter((p) => !overGap(p, pieces)).map((p) => [p.x0, p.x1] as [number, number]),
  );
  const nCols = xs.length - 1;
  if (nCols < 2) return null;
  const colOf = colFinder(xs);

  // Rows: value lines; other lines join the nearest value line of their page when close enough, unless
  // they start a row of their own (a numbered label, a code) or have text in several columns.
  const valueLines = body.filter((l) => l.value);
  const rowOf = new Map<Line, Line>();
  for (const l of body) {
    if (l.value) continue;
    const starts = isRowStart(l.items.map((i) => i.str).join('').replace(/\s/g, '')) || new Set(l.items.map((it) => colOf(itemMidX(it)))).size > 1;
    const near = valueLines.filter((v) => v.part === l.part).sort((a, b) => Math.abs(a.y - l.y) - Math.abs(b.y - l.y))[0];
    const d = near ? Math.abs(near.y - l.y) : Infinity;
    // a code alone within half a row of a value line is that row's code (its cell aligned to the top)
    const codeAlone = l.items.length === 1 && /^\d+$/.test(l.items[0].str.trim());
    if ((codeAlone && d < 0.5 * pitch) || (!starts && d < 0.85 * pitch)) rowOf.set(l, near!);
  }
  const rows: Line[][] = [];
  for (const l of body) {
    if (rowOf.has(l)) continue;
    rows.push([l, ...body.filter((x) => rowOf.get(x) === l)]);
  }

  const cells: Cell[] = [];
  const headerCells = headerGrid(pieces, xs, colOf, size);
  const headerRows = headerCells.rows;
  cells.push(...headerCells.cells);
  rows.forEach((row, r) => {
    const its = row.flatMap((l) => l.items);
    const top = Math.max(...its.map((it) => it.y + 0.9 * (it.height || size)));
    const bottom = Math.min(...its.map((it) => it.y - 0.2 * (it.height || size)));
    const byCol: TextItem[][] = Array.from({ length: nCols }, () => []);
    for (const it of its) byCol[colOf(itemMidX(it))].push(it);
    byCol.forEach((items, c) => {
      const bbox: Box = { x0: xs[c], x1: xs[c + 1], y0: bottom, y1: top };
      cells.push({ page: row[0].page, row: headerRows + r, col: c, rowSpan: 1, colSpan: 1, text: cellText(items, bbox), bbox, items });
    });
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);

  const tableParts: TablePart[] = [];
  parts.forEach((p, k) => {
    const own = cells.filter((c) => c.page === p.page && (k === 0 || c.row >= headerRows));
    if (!own.length) return;
    const bbox: Box = { x0: xs[0], x1: xs[nCols], y0: Math.min(...own.map((c) => c.bbox.y0)), y1: Math.max(...own.map((c) => c.bbox.y1)) };
    tableParts.push({ page: p.page, bbox, rowOffset: Math.min(...own.map((c) => c.row)) });
  });
  if (!tableParts.length) return null;
  const first = tableParts[0];
  return { page: first.page, bbox: first.bbox, rows: headerRows + rows.length, cols: nCols, cells, xs, source: 'alignment', parts: tableParts };
}

/** A run of header text: neighbouring runs of one line closer than a column gap. */
interface Piece {
  line: number;
  page: number;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  items: TextItem[];
}

function headerPieces(lines: Line[], size: number): Piece[] {
  const out: Piece[] = [];
  lines.forEach((l, line) => {
    let cur: TextItem[] = [];
    const flush = () => {
      if (!cur.length) return;
      out.push({
        line,
        page: l.page,
        x0: cur[0].x,
        x1: Math.max(...cur.map((i) => i.x + i.width)),
        top: Math.max(...cur.map((i) => i.y + 0.9 * (i.height || size))),
        bottom: Math.min(...cur.map((i) => i.y - 0.2 * (i.height || size))),
        items: cur,
      });
      cur = [];
    };
    for (const it of l.items) {
      const prev = cur[cur.length - 1];
      if (prev && it.x - (prev.x + prev.width) >= 0.8 * size) flush();
      cur.push(it);
    }
    flush();
  });
  return out;
}

/** A header piece that lies over the gap between two neighbouring pieces of a line below it. */
function overGap(p: Piece, pieces: Piece[]): boolean {
  const lower = new Map<number, Piece[]>();
  for (const q of pieces) if (q.line > p.line) lower.set(q.line, [...(lower.get(q.line) ?? []), q]);
  for (const row of lower.values()) {
    row.sort((a, b) => a.x0 - b.x0);
    for (let k = 1; k < row.length; k++) {
      const gapL = row[k - 1].x1;
      const gapR = row[k].x0;
      if (gapR > gapL && p.x0 < gapR && p.x1 > gapL && p.x0 < row[k].x1 && p.x1 > row[k - 1].x0) return true;
    }
  }
  return false;
}

/**
 * Header cells from the header pieces. Pieces one under the other in one column, centred or left-aligned
 * alike and with nothing between them there, are one wrapped cell. A cell centred over a run of columns
 * that all have header cells below it, and nothing beside it at its height, spans that run. A cell over more
 * columns sits above the cells within it; cells with nothing under them reach down to the body.
 */
function headerGrid(pieces: Piece[], xs: number[], colOf: (x: number) => number, size: number): { rows: number; cells: Cell[] } {
  const nCols = xs.length - 1;
  const mid = (p: { x0: number; x1: number }) => (p.x0 + p.x1) / 2;
  interface Group {
    pieces: Piece[];
    x0: number;
    x1: number;
    first: number;
    last: number;
    c0: number;
    c1: number;
  }
  const groups: Group[] = [];
  for (const p of [...pieces].sort((a, b) => a.line - b.line || a.x0 - b.x0)) {
    const col = colOf(mid(p));
    const g = groups.find((g) => {
      const q = g.pieces[g.pieces.length - 1];
      if (colOf(mid(q)) !== col || q.line >= p.line || q.bottom - p.top > 1.5 * size) return false;
      if (Math.abs(mid(q) - mid(p)) > 0.6 * size && Math.abs(q.x0 - p.x0) > 0.6 * size) return false;
      return !pieces.some((r) => r.line > q.line && r.line < p.line && colOf(mid(r)) === col);
    });
    if (g) {
      g.pieces.push(p);
      g.x0 = Math.min(g.x0, p.x0);
      g.x1 = Math.max(g.x1, p.x1);
      g.last = p.line;
    } else groups.push({ pieces: [p], x0: p.x0, x1: p.x1, first: p.line, last: p.line, c0: 0, c1: 0 });
  }
  if (!groups.length) return { rows: 0, cells: [] };
  for (const g of groups) {
    const glyph = Math.min(size, (g.x1 - g.x0) / 2);
    g.c0 = colOf(g.x0 + 0.3 * glyph);
    g.c1 = colOf(g.x1 - 0.3 * glyph);
  }
  for (const g of groups) {
    const m = mid(g);
    const home = colOf(m);
    const below = (c: number) => groups.some((h) => h !== g && h.first > g.last && h.c0 <= c && h.c1 >= c);
    const beside = (c: number) => groups.some((h) => h !== g && h.first <= g.last && h.last >= g.first && h.c0 <= c && h.c1 >= c);
    let best: [number, number] | undefined;
    for (let a = 0; a <= home; a++) {
      for (let b = Math.max(home, a + 1); b < nCols; b++) {
        if (Math.abs((xs[a] + xs[b + 1]) / 2 - m) > Math.max(0.6 * size, 0.08 * (xs[b + 1] - xs[a]))) continue;
        let ok = true;
        for (let c = a; c <= b && ok; c++) ok = below(c) && !beside(c);
        if (ok && (!best || b - a > best[1] - best[0])) best = [a, b];
      }
    }
    if (best) [g.c0, g.c1] = best;
  }
  const level = groups.map((g) => groups.filter((h) => h !== g && h.c0 <= g.c0 && h.c1 >= g.c1 && (h.c0 !== g.c0 || h.c1 !== g.c1) && h.first < g.first).length);
  const rows = Math.max(...level) + 1;
  const cells: Cell[] = groups.map((g, k) => {
    const under = groups.some((h, j) => j !== k && level[j] > level[k] && h.c0 >= g.c0 && h.c1 <= g.c1);
    const items = g.pieces.flatMap((p) => p.items);
    const bbox: Box = { x0: xs[g.c0], x1: xs[g.c1 + 1], y0: Math.min(...g.pieces.map((p) => p.bottom)), y1: Math.max(...g.pieces.map((p) => p.top)) };
    let text = '';
    for (const p of g.pieces) text = joinWrapped(text, cellText(p.items));
    return { page: g.pieces[0].page, row: level[k], col: g.c0, rowSpan: under ? 1 : rows - level[k], colSpan: g.c1 - g.c0 + 1, text, bbox, items };
  });
  return { rows, cells };
}

function startsWithRows(items: TextItem[], opts: AlignmentOptions): boolean {
  const isNumber = opts.isNumber ?? ((s: string) => NUMBER.test(s.replace(/\s/g, '')));
  const ys = [...new Set(items.map((it) => Math.round(it.y)))].sort((a, b) => b - a).slice(0, 3);
  return ys.some((y) => {
    const line = items.filter((it) => Math.round(it.y) === y).sort((a, b) => a.x - b.x);
    return line.some((it, k) => k > 0 && isNumber(it.str));
  });
}

export interface UnruledOptions extends AlignmentOptions {
  /** a line that titles a table */
  isTitle(text: string): boolean;
  /** a line under a table that ends it (a note: 注：…, 说明：…) */
  isEnd(text: string): boolean;
  /** a line printed with the title that is not part of the table (单位：万元) */
  isPreamble(text: string): boolean;
  /** share of the page height at the top and the bottom that holds page furniture (default 0.06) */
  margin?: number;
  /** how many pages one unruled table may run over (default 3) */
  maxPages?: number;
}

interface PageLike {
  page: number;
  height: number;
  items: TextItem[];
}

/**
 * Tables printed without rulings: below each title line with no ruled table under it, the text down to the
 * table's note, the next title or the page's foot — continued on the next page while no note or title has
 * ended it — is read by alignment.
 */
export function findUnruledTables(pages: readonly PageLike[], ruled: readonly Table[], opts: UnruledOptions): Table[] {
  const margin = opts.margin ?? 0.06;
  const maxPages = opts.maxPages ?? 3;
  const out: Table[] = [];
  const linesOf = (p: PageLike) => {
    const items = p.items.filter((it) => it.str.trim() !== '');
    const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
    const groups: TextItem[][] = [];
    for (const it of sorted) {
      const g = groups[groups.length - 1];
      if (g && Math.abs(g[0].y - it.y) <= 0.3 * Math.max(it.height, g[0].height, 1)) g.push(it);
      else groups.push([it]);
    }
    return groups.map((g) => ({ y: g[0].y, items: g, text: g.sort((a, b) => a.x - b.x).map((i) => i.str).join('') }));
  };
  const ruledOn = (page: number) => ruled.flatMap((t) => t.parts.filter((p) => p.page === page).map((p) => p.bbox));
  const inRuled = (page: number, y: number) => ruledOn(page).some((b) => y <= b.y1 + 1 && y >= b.y0 - 1);
  const byPage = new Map(pages.map((p) => [p.page, p]));

  for (const page of pages) {
    const lines = linesOf(page);
    lines.forEach((title, i) => {
      if (!opts.isTitle(title.text) || inRuled(page.page, title.y)) return;
      const parts: AlignedPart[] = [];
      let p: PageLike | undefined = page;
      let ls = lines.slice(i + 1);
      let noted = false;
      for (let n = 0; p && n < maxPages; n++) {
        const top = n === 0 ? title.y : p.height * (1 - margin);
        const foot = p.height * margin;
        const items: TextItem[] = [];
        let ended = false;
        for (const l of ls) {
          if (l.y >= top) continue;
          if (opts.isEnd(l.text) || opts.isTitle(l.text) || inRuled(p.page, l.y)) {
            ended = true;
            noted = opts.isEnd(l.text);
            break;
          }
          if (l.y < foot) continue;
          if (!opts.isPreamble(l.text)) items.push(...l.items);
        }
        // a following page continues the table only when it starts with its rows: text starting where the
        // previous part's columns start, or a value within its first lines
        if (n > 0 && !startsWithRows(items, opts) && !alignedWith(items, parts[parts.length - 1]?.items ?? [])) break;
        if (items.length) parts.push({ page: p.page, items });
        if (ended || !items.length) break;
        p = byPage.get(p.page + 1);
        ls = p ? linesOf(p) : [];
      }
      const t = parts.length ? alignedTable(parts, opts) : null;
      // a table printing no value at all is taken only when its note closes it (a table printed empty),
      // so that a title followed by prose (a table of contents) is no table
      const isNumber = opts.isNumber ?? ((s: string) => NUMBER.test(s.replace(/\s/g, '')));
      if (t && (noted || t.cells.some((c) => isNumber(c.text)))) out.push(t);
    });
  }
  return out;
}


/** The first line of `items` starts where some line of `prev` starts (the same column's left edge). */
function alignedWith(items: TextItem[], prev: TextItem[]): boolean {
  if (!items.length || !prev.length) return false;
  const topY = Math.max(...items.map((it) => it.y));
  const first = items.filter((it) => Math.abs(it.y - topY) < 1).sort((a, b) => a.x - b.x);
  const starts = new Set(prev.map((it) => Math.round(it.x)));
  return first.every((it) => [...starts].some((x) => Math.abs(x - it.x) <= 2));
}
