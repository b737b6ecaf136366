/**
 * The data dictionary of the corpus CSVs: every column's type, unit and meaning in Chinese and English.
 * One table serves the data package (datapackage.json) and the typed database (juesuan.duckdb), so the two
 * never disagree. Column names and order are those of src/write/csv.ts (OUTPUT.md) plus documents.csv.
 */
import { CSV_COLUMNS, type CsvName } from '../write/csv.js';

/**
 * decimal: a number as printed (DECIMAL at its printed scale in the database, the printed string beside it);
 * integer: a whole number (page, counts); year; number: a float (positions in PDF points); string: text, codes, ids.
 */
export type FieldType = 'string' | 'decimal' | 'integer' | 'year' | 'number';

export interface FieldDoc {
  type: FieldType;
  zh: string;
  en: string;
  /** the unit of the values; "see unit" when the row's unit column gives it */
  unit?: string;
}

const ROW_UNIT = '见 unit 列 / see the unit column (默认 default 万元)';
const PCT = '%';
const PT = 'pt（PDF 点，原点左下 / PDF points, origin bottom-left）';

const amount = (zh: string, en: string): FieldDoc => ({ type: 'decimal', zh, en, unit: ROW_UNIT });
const pct = (zh: string, en: string): FieldDoc => ({ type: 'decimal', zh, en, unit: PCT });
const text = (zh: string, en: string): FieldDoc => ({ type: 'string', zh, en });

/** Columns shared by several CSVs: one meaning everywhere. */
const COMMON: Record<string, FieldDoc> = {
  doc_id: text('文档标识：PDF 文件名去掉扩展名（documents.csv 的主键）', 'document id: the PDF file name without extension (key of documents.csv)'),
  department: text('报告封面印的部门名称', 'department as printed on the report'),
  year: { type: 'year', zh: '决算年度', en: 'fiscal year of the accounts' },
  section: text('所在章节编号，如 三/五/一（第三部分 / 五、/（一））', 'section number, e.g. 三/五/一 (part / heading / sub-heading)'),
  unit: text('金额单位（万元、元、个、辆 …），空则为万元', 'unit of the amount (万元, 元, 个, 辆 …); empty means 万元'),
  page: { type: 'integer', zh: '页码（从 1 起）', en: 'page number (from 1)' },
  source_text: text('取值所在的原文', 'the printed text the value was read from'),
  x0: { type: 'number', zh: '取值框左边', en: 'box left', unit: PT },
  y0: { type: 'number', zh: '取值框下边', en: 'box bottom', unit: PT },
  x1: { type: 'number', zh: '取值框右边', en: 'box right', unit: PT },
  y1: { type: 'number', zh: '取值框上边', en: 'box top', unit: PT },
  amount: amount('金额（印刷值，不含千分位）', 'amount as printed, without thousands separators'),
  code: text('功能分类科目编码（类 3 位 / 款 5 位 / 项 7 位）', 'functional classification code (类 3, 款 5, 项 7 digits)'),
  name: text('名称（按印刷）', 'name as printed'),
  project: text('项目名称', 'project name'),
  eval_no: { type: 'integer', zh: '本报告中第几张绩效自评表', en: 'number of the 自评表 in the report' },
  initial: amount('年初预算数', 'initial budget'),
  full_year: amount('全年预算数', 'full-year budget'),
  executed: amount('全年执行数', 'amount executed'),
  weight: { type: 'decimal', zh: '分值（权重）', en: 'weight (points)' },
  rate_pct: pct('执行率', 'execution rate'),
  score: { type: 'decimal', zh: '得分', en: 'score (points)' },
};

/** Per CSV: its own columns, and shared ones whose meaning there is narrower. */
const BY_FILE: Record<string, Record<string, FieldDoc>> = {
  documents: {
    file: text('输入文件（命令行所写）', 'input file as named on the command line'),
    status: text('处理结果：ok 或 failed', 'outcome: ok or failed'),
    error_code: text('失败代码（见 README 的 Failure codes）', 'failure code (README, Failure codes)'),
    department: text('报告封面印的部门名称', 'department as printed on the report'),
    department_id: text('部门的统一名称（rules/departments.yaml：规范化并按别名归并），跨年度、跨版本相同', 'the department’s identity: its name folded and aliased by rules/departments.yaml, the same across years and printings'),
    published: text('公开日期（YYYY-MM-DD）', 'date published (YYYY-MM-DD)'),
    sha256: text('PDF 文件的 SHA-256', 'SHA-256 of the PDF file'),
    pages: { type: 'integer', zh: '页数', en: 'page count' },
    checks_error: { type: 'integer', zh: '未通过的检查（错误）条数', en: 'failed checks of severity error' },
    checks_warning: { type: 'integer', zh: '未通过的检查（警告）条数', en: 'failed checks of severity warning' },
    duplicate_of: text('同一部门同一年度的另一份报告（duplicate_report）中被序列采用的那份的 doc_id；空则本份被采用', 'doc_id of the document the series use instead of this one (same department and year: duplicate_report); empty when this one is used'),
  },
  facts: {
    key: text('事实键（规则文件的词表，见 datapackage.json 的 vocabularies.fact_keys）', 'fact key (the rule files’ vocabulary: vocabularies.fact_keys of datapackage.json)'),
    label: text('报告中的标签', 'label as printed'),
    change: amount('比上年增减额（减少为负）', 'change on last year (a decrease is negative)'),
    change_pct: pct('比上年增减率（减少为负）', 'change on last year in percent (a decrease is negative)'),
    share_pct: pct('占比', 'share of the total in percent'),
    variance_pct: pct('预决算差异率', 'variance of final against budget in percent'),
    budget: amount('预算数（budget_basis 说明是哪个预算）', 'the budget compared with (budget_basis says which)'),
    completion_pct: pct('完成预算的百分比', 'completion of the budget in percent'),
    parent: text('所属总数的事实键', 'fact key of the total this amount is part of'),
    budget_basis: text('预算口径：年初预算 / 全年预算 / 调整预算', 'which budget: 年初预算 / 全年预算 / 调整预算'),
    code: text('所对应的功能分类科目编码（类或项）', 'functional classification code of the 类 or 项 the statement names'),
    item_no: { type: 'integer', zh: '编号条目的序号（1、2、…）', en: 'number of a numbered item (1、2、…)' },
    restates: text('重述：首次陈述所在章节；空则为首次陈述', 'restatement: the section of the first statement; empty for a first statement'),
  },
  line_items: {
    context: text('所在的表或陈述（如 一般公共预算财政拨款支出决算表）', 'the table or statement the line is in'),
    level: text('科目级次：类 / 款 / 项', 'classification level: 类 / 款 / 项'),
  },
  basic_items: {
    group: text('人员经费 / 公用经费', '人员经费 (personnel) / 公用经费 (public)'),
  },
  evaluations: {
    supervisor: text('主管部门', 'supervising department'),
    implementer: text('实施单位', 'implementing unit'),
    goal_expected: text('年度总体目标（预期）', 'overall goal, expected'),
    goal_actual: text('年度总体目标（实际完成）', 'overall goal, achieved'),
    total_score: { type: 'decimal', zh: '总分', en: 'total score (points)' },
  },
  evaluation_funds: {
    row: text('资金行：年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金', 'funds row: 年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金'),
    source_text: text('取值所在的原文', 'the printed text the value was read from'),
  },
  indicators: {
    level1: text('一级指标', 'first-level indicator'),
    level2: text('二级指标', 'second-level indicator'),
    name: text('三级指标', 'indicator'),
    target: text('指标值（按印刷，去掉换行）', 'target as printed'),
    target_op: text('指标值的比较符：= >= <= > < 或空', 'comparison of the target: = >= <= > < or empty'),
    target_value: { type: 'decimal', zh: '指标值中的数', en: 'number of the target' },
    target_unit: text('指标值的单位', 'unit of the target'),
    actual: text('实际完成值（按印刷）', 'actual value as printed'),
    actual_value: { type: 'decimal', zh: '实际完成值中的数', en: 'number of the actual value' },
    actual_unit: text('实际完成值的单位', 'unit of the actual value'),
    deviation: text('偏差原因分析及改进措施', 'reason of the deviation and remedy'),
  },
  table_cells: {
    table: text('表的种类（规则文件的词表，见 vocabularies.table_kinds）', 'table kind (the rule files’ vocabulary: vocabularies.table_kinds)'),
    title: text('表的标题（按印刷）', 'table title as printed'),
    row_code: text('行的科目编码（功能分类或经济分类），没有则空', 'classification code of the row (functional or economic), empty when none'),
    row: text('行标签（按印刷，去掉空格与换行，保留编号）', 'row label as printed (spaces and line breaks removed, numbering kept)'),
    column: text('列的表头路径，上层在前，以 / 连接（如 收入/决算数）', 'header path of the column, top first, joined by / (收入/决算数)'),
    value: amount('单元格的值（按印刷，不含千分位）', 'cell value as printed, without thousands separators'),
    table_no: { type: 'integer', zh: '本报告中第几张表', en: 'number of the table in the report' },
    row_no: { type: 'integer', zh: '表中第几行', en: 'row number in the table' },
  },
  checks: {
    check: text('检查代码（rules/checks.yaml）', 'check id (rules/checks.yaml)'),
    severity: text('error 或 warning', 'error or warning'),
    subject: text('被检查的记录（事实键、表/行/列 …）', 'the record checked (fact key, table/row/column …)'),
    expected: text('应为', 'expected value'),
    actual: text('实际印刷', 'value printed'),
    message: text('说明（中文，含数字与页码）', 'message in Chinese with numbers and pages'),
    page: { type: 'integer', zh: '涉及的第一页', en: 'first page involved' },
    pages: text('涉及的全部页码，以 ; 分隔', 'every page involved, separated by ;'),
  },
};

/** The columns of documents.csv: one row per input file of the corpus (built from manifest.json). */
export const DOCUMENT_COLUMNS = ['doc_id', 'file', 'status', 'error_code', 'department', 'department_id', 'year', 'published', 'sha256', 'pages', 'checks_error', 'checks_warning', 'duplicate_of'] as const;

export type CorpusCsv = CsvName | 'documents';

export const CORPUS_CSVS: CorpusCsv[] = ['documents', ...(Object.keys(CSV_COLUMNS) as CsvName[])];

export function columnsOf(file: CorpusCsv): readonly string[] {
  return file === 'documents' ? DOCUMENT_COLUMNS : CSV_COLUMNS[file];
}

/** What a column of a corpus CSV holds; a column without an entry is a bug (tests check every column has one). */
export function fieldDoc(file: CorpusCsv, column: string): FieldDoc {
  const d = BY_FILE[file]?.[column] ?? COMMON[column];
  if (!d) throw new Error(`no data dictionary entry for ${file}.${column}`);
  return d;
}

/** Titles of the CSVs (zh / en). */
export const FILE_DOCS: Record<CorpusCsv, { zh: string; en: string }> = {
  documents: { zh: '文档：每个输入文件一行（部门、年度、sha256、状态）', en: 'documents: one row per input file (department, year, sha256, status)' },
  facts: { zh: '事实：情况说明中的每一个金额陈述', en: 'facts: every amount statement of the narrative' },
  line_items: { zh: '科目行：功能分类科目（编码、级次、名称、金额）', en: 'line items: functional classification lines (code, level, name, amount)' },
  basic_items: { zh: '基本支出明细：人员经费 / 公用经费', en: 'basic expense items: personnel and public expenses' },
  evaluations: { zh: '项目支出绩效自评表：每张一行', en: 'project performance self-evaluations: one row per form' },
  evaluation_funds: { zh: '绩效自评表的资金行', en: 'funds rows of the self-evaluation forms' },
  indicators: { zh: '绩效自评表的绩效指标', en: 'indicators of the self-evaluation forms' },
  table_cells: { zh: '表格单元格：每张统计表每个印刷的非空值', en: 'table cells: every printed non-empty value of every statistical table' },
  checks: { zh: '未通过的一致性检查', en: 'failed consistency checks' },
};
