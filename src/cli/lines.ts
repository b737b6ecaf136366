/** The lines a run prints per document on stdout (extract and worker alike). */
import type { ManifestEntry } from '../write/output.js';

/** A file not read again: its stored result is up to date, or it is the same file as another input. */
export function skipLine(file: string, d: ManifestEntry, duplicateOf?: string): string {
  if (duplicateOf) return `skip ${file}: 与 ${duplicateOf} 内容相同（doc_id ${d.doc_id}），不重复读取`;
  return `skip ${file}: 文件、规则和程序版本均未变，沿用已有结果（doc_id ${d.doc_id}，${d.pages} 页；--force 重新读取）`;
}

/** One line per file on stdout, for analysts: Chinese, with the counts (ids and warning codes stay ASCII). */
export function summaryLine(d: ManifestEntry): string {
  if (d.status === 'failed') return `FAIL ${(d.error?.message ?? d.file).replace(/\s*\n\s*/g, ' ')}`;
  const r = d.records!;
  const c = d.checks_failed!;
  const pages = [d.ocr_pages.length ? `OCR ${d.ocr_pages.length} 页` : '', d.unreadable_pages.length ? `无法读取 ${d.unreadable_pages.length} 页` : ''].filter(Boolean).join('，');
  const counts = [`事实 ${r.facts} 条`, `表格单元格 ${r.table_cells} 个`, `科目行 ${r.line_items} 条`, `基本支出明细 ${r.basic_items} 条`, `绩效自评表 ${r.evaluations} 张`, `绩效指标 ${r.indicators} 个`].join('、');
  return `ok   ${d.file}: ${d.pages} 页${pages ? `（${pages}）` : ''}，${counts}；检查未通过：错误 ${c.error} 条、警告 ${c.warning} 条（${d.seconds.toFixed(1)} 秒）${d.warnings.length ? `; warnings: ${d.warnings.join(', ')}` : ''}`;
}

