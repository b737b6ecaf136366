import os from 'node:os';
import path from 'node:path';
import { ocrSourcer, type OcrSetup } from './ocr/source.js';
import { DocumentError } from './errors.js';
import { readDocument, type SegmentReader } from './read/document.js';
import type { PageContent } from './read/types.js';
import type { ReadLimits } from './read/pdf.js';
import { pageLines } from './lines/lines.js';
import { dropFurniture, furnitureKey, inMargin, runningFurniture } from './lines/furniture.js';
import { flowText } from './lines/flow.js';
import type { Line } from './lines/types.js';
import { normalizeLine } from './normalize/normalize.js';
import { judgeTextLayer } from './ocr/quality.js';
import { splitSections, type Section, type SectionTree, type TableRegion } from './sections/sections.js';
import { compileStatementRules, readStatements, type CompiledStatementRules } from './extract/statements.js';
import { readMeta, readStaff } from './extract/meta.js';
import { readUnits } from './extract/units.js';
import { linkFactCodes } from './extract/link-codes.js';
import type { Rules } from './rules/schema.js';
import { findTables, findUnruledTables, joinContinuedTables, type Table } from './tables/index.js';
import { readEvaluations, type Evaluation, type EvaluationFund, type Indicator, type UnreadCell } from './extract/evaluations.js';
import { readStatisticalTables, unruledTableRules, type SectionOf } from './extract/statistical-tables.js';
import { documentText } from './validate/text.js';
import type { BasicItem, DocumentMeta, Fact, LineItem, StaffCount, TableCell, TableInfo, Unit, UnreadAmount } from './extract/types.js';
import { runChecks, type CheckRow } from './validate/checks.js';
import { docIdOf as safeDocId } from './write/paths.js';

export interface PageReport {
  page: number;
  source: 'text' | 'ocr' | 'unreadable';
  reason: string;
}

export interface OcrPageReport {
  page: number;
  reason: string;
  dpi: number;
  seconds: number;
  /** mean word confidence of the page, 0–100 */
  mean_confidence: number;
  /** the page was scanned sideways or upside down and read turned clockwise by this many degrees (boxes are on the upright page) */
  turned_deg: number;
}

export interface DocumentResult {
  doc_id: string;
  source: { file: string; path: string; sha256: string; pages: number; producer: string | null; ocr_pages: number[]; ocr: OcrPageReport[]; unreadable_pages: PageReport[] };
  meta: DocumentMeta;
  sections: { id: string; level: number; title: string; page: number }[];
  staff: StaffCount[];
  units: Unit[];
  /** every statement of a value; one stated again carries `restates` */
  facts: Fact[];
  line_items: LineItem[];
  basic_items: BasicItem[];
  evaluations: Evaluation[];
  evaluation_funds: EvaluationFund[];
  indicators: Indicator[];
  /** every table found (kind, title, pages, unit, header tree, empty or not) */
  tables: TableInfo[];
  /** every printed value cell of the statistical tables */
  table_cells: TableCell[];
  unread: UnreadAmount[];
  /** table cells that should hold a number and do not: reported, never guessed */
  unread_cells: UnreadCell[];
  checks: CheckRow[];
}

export interface PipelineOptions {
  /**
   * pdfjs-dist 5.4 keeps the page count of the last opened document in a process-wide singleton
   * (PagesMapper): one process reads one document at a time (the batch runs each in its own process).
   */
  password?: string;
  readSegments?: SegmentReader;
  /** OCR of pages without a usable text layer; without it such pages are reported unreadable */
  ocr?: OcrSetup;
  onPage?: (page: number, total: number) => void;
  /** bounds of the input and the path to open (src/read/pdf.ts) */
  limits?: ReadLimits;
}

/** Compiled rules shared by every document of a run (read-only). */
export interface PreparedRules {
  rules: Rules;
  statements: CompiledStatementRules;
  furniture: RegExp[];
  /** how tables printed without rulings are found */
  unruled: ReturnType<typeof unruledTableRules>;
}

export function prepareRules(rules: Rules): PreparedRules {
  return {
    rules,
    statements: compileStatementRules(rules.statements, rules.facts),
    furniture: rules.document.furniture.patterns.map((p) => new RegExp(p, 'u')),
    unruled: unruledTableRules(rules.tables),
  };
}

/** The file name without .pdf, made safe as a folder name (src/write/paths.ts). */
export function docIdOf(file: string): string {
  return safeDocId(file).id;
}

/** The stages for one document: read → lines → normalise → sections → extract → validate. */
export async function processDocument(file: string, prepared: PreparedRules, opts: PipelineOptions = {}): Promise<DocumentResult> {
  const read = await readDocument(file, {
    password: opts.password,
    readSegments: opts.readSegments,
    sourcePage: opts.ocr ? ocrSourcer(opts.ocr) : undefined,
    // OCR workers run in parallel; text pages are cheap either way
    parallel: opts.ocr ? os.availableParallelism() : 1,
    onPage: opts.onPage,
    limits: opts.limits,
  });
  return extractFromPages(file, read.sha256, read.info.producer ?? null, read.pages, prepared);
}

/** Everything after reading: a pure function of the pages and the rules. */
export function extractFromPages(file: string, sha256: string, producer: string | null, pages: PageContent[], prepared: PreparedRules): DocumentResult {
  const { rules } = prepared;
  const unreadable: PageReport[] = [];
  const readable: { lines: Line[]; height: number; page: number }[] = [];
  const ocrPages: OcrPageReport[] = [];
  for (const page of pages) {
    // The read stage decided (text layer / OCR / unreadable) when OCR was set up; else judge here, and a
    // page without a usable layer is reported, never parsed into wrong numbers.
    const verdict = page.source === undefined ? judgeTextLayer(page.items.map((i) => i.str).join(''), rules.document.report.vocabulary) : undefined;
    if (page.source === 'unreadable' || (verdict && !verdict.usable)) {
      unreadable.push({ page: page.page, source: 'unreadable', reason: page.sourceReason ?? verdict?.reason ?? '' });
      continue;
    }
    if (page.source === 'ocr' && page.ocr) {
      ocrPages.push({ page: page.page, reason: page.sourceReason ?? '', dpi: page.ocr.dpi, seconds: page.ocr.seconds, mean_confidence: page.ocr.meanConfidence, turned_deg: page.ocr.turnedDeg ?? 0 });
    }
    const margin = rules.document.furniture.margin;
    readable.push({ page: page.page, height: page.height, lines: dropFurniture(pageLines(page.items).map(normalizeLine), page.height, margin, prepared.furniture) });
  }
  // A repeated table title (项目支出绩效自评表 on every evaluation page) starts a block: content, not furniture.
  const blockStarts = rules.headings.blocks.map((b) => new RegExp(b.start, 'u'));
  const running = runningFurniture(readable, rules.document.furniture.margin, (text) => blockStarts.some((re) => re.test(text)));
  const lines: Line[] = [];
  const rightEdge = new Map<number, number>();
  for (const p of readable) {
    const kept = p.lines.filter((l) => !running.has(furnitureKey(l.text)) || !inMargin(l, p.height, rules.document.furniture.margin));
    rightEdge.set(p.page, Math.max(0, ...kept.map((l) => l.box.x1)));
    lines.push(...kept);
  }
  if (unreadable.length === pages.length) {
    throw new DocumentError('unreadable', file, `没有一页有可用的文字层，也没有一页能 OCR 识别（${unreadable[0]?.reason ?? 'no pages'}）`);
  }
  const allText = lines.map((l) => l.text).join('');
  if (!rules.document.report.signatures.some((s) => allText.includes(s))) {
    throw new DocumentError('not_a_report', file, `文字内容不是部门决算报告（未见 ${rules.document.report.signatures.join(' / ')} 中任何一个）`);
  }

  const readablePages = pages.filter((p) => readable.some((r) => r.page === p.page));
  const tables = findAllTables(readablePages, prepared);
  const tree = splitSections(lines, rules.headings, (p) => rightEdge.get(p) ?? 0, tableRegions(tables));
  const narrative = tree.sections.map((s) => ({ id: s.id, titles: s.titles, text: flowText(s.lines) }));
  const units = readUnits(tablesOfSection(tree, tables, new RegExp(rules.document.units.section, 'u')), rules.document.units);
  const evaluations = readEvaluations(tables, rules.tables);
  const coded = readStatisticalTables(tables, readablePages, rules.tables, sectionAt(tree));
  const read = readStatements(narrative, prepared.statements, units);
  // items and classes named by 类/款/项 get the code of their table row
  const statements = { ...read, facts: linkFactCodes(read.facts, coded.cells) };
  const staffTexts = tree.sections.filter((s) => new RegExp(rules.document.staff.section, 'u').test(s.title)).map((s) => flowText(s.lines));
  const staff = readStaff(staffTexts, rules.document.staff.fields);
  const { meta } = readMeta(
    {
      // the cover (never the table of contents: its entries name the department next to other words)
      start: [flowText(tree.preamble.slice(0, 8))],
      headings: tree.sections.filter((s) => s.level === 1).map((s) => flowText(s.heading)),
      text: staffTexts.length ? staffTexts : narrative.map((n) => n.text),
      end: lines.slice(-5).map((l) => flowText([l])),
    },
    rules.document.meta,
  );
  // tables the read stage saw but could not read (an OCR'd table without row borders)
  const pageUnread: UnreadCell[] = readablePages.flatMap((p) => (p.unreadTables ?? []).map((u) => ({ page: p.page, bbox: u.bbox, source_text: '', reason: u.reason })));
  const sectionList = tree.sections.map((s: Section) => ({ id: s.id, level: s.level, title: s.title, page: s.page }));
  const checks = runChecks({
    meta,
    sections: sectionList,
    text: documentText(lines, tree, tables.flatMap((t) => t.parts)),
    facts: statements.facts,
    lineItems: statements.lineItems,
    basicItems: statements.basicItems,
    unread: statements.unread,
    staff,
    units,
    evaluations: evaluations.evaluations,
    funds: evaluations.funds,
    indicators: evaluations.indicators,
    codedTables: coded.coded,
    tables: coded.tables,
    cells: coded.cells,
    unreadCells: [...evaluations.unread, ...coded.unread, ...pageUnread],
    rules: { checks: rules.checks, tables: rules.tables.statistical, below_confidence: rules.ocr.review.below_confidence },
  });
  return {
    doc_id: docIdOf(file),
    source: { file: path.basename(file), path: file, sha256, pages: pages.length, producer, ocr_pages: ocrPages.map((p) => p.page), ocr: ocrPages, unreadable_pages: unreadable },
    meta,
    sections: sectionList,
    staff,
    units,
    facts: [...statements.facts, ...coded.totals],
    line_items: [...statements.lineItems, ...coded.line_items],
    basic_items: statements.basicItems,
    evaluations: evaluations.evaluations,
    evaluation_funds: evaluations.funds,
    indicators: evaluations.indicators,
    tables: coded.tables,
    table_cells: coded.cells,
    unread: statements.unread,
    unread_cells: [...evaluations.unread, ...coded.unread, ...pageUnread],
    checks,
  };
}

/** Every table of the pages: ruled grids, tables printed without rulings, both joined across pages. */
export function findAllTables(pages: PageContent[], prepared: PreparedRules): Table[] {
  const ruled = pages.flatMap((p) => findTables(p.page, p.items, p.segments));
  return joinContinuedTables([...ruled, ...findUnruledTables(pages, ruled, prepared.unruled)], { pages, isRowStart: prepared.unruled.isRowStart });
}

/** The section a point of the page is in: the last heading printed before it (its top-level part's id). */
function sectionAt(tree: SectionTree): SectionOf {
  return (page, y) => {
    let last: Section | undefined;
    for (const s of tree.sections) {
      const h = s.heading[0];
      if (!h) continue;
      if (h.page < page || (h.page === page && h.box.y0 >= y)) last = s;
      else break;
    }
    if (!last) return undefined;
    return { id: last.id.split('/')[0], title: last.title };
  };
}

/** Where the tables lie, page by page: their lines are cells, not narrative. A one-cell frame is no table. */
function tableRegions(tables: Table[]): TableRegion[] {
  return tables.filter((t) => t.rows >= 2 && t.cols >= 2).flatMap((t) => t.parts.map((p) => ({ page: p.page, bbox: p.bbox })));
}

/** Tables starting on the pages a section spans (its heading's page to the next section's). */
function tablesOfSection(tree: SectionTree, tables: Table[], title: RegExp): Table[] {
  const section = tree.sections.find((s) => title.test(s.title));
  if (!section) return [];
  const next = tree.sections[tree.sections.indexOf(section) + 1];
  const last = next ? next.page : (section.lines[section.lines.length - 1]?.page ?? section.page);
  return tables.filter((t) => t.page >= section.page && t.page <= last);
}

export type { SectionTree };
