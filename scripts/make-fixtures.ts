/**
 * Regenerates the generated test fixtures in test/fixtures/ and their manifest README.md.
 *
 *   npm run fixtures        (= tsx scripts/make-fixtures.ts)
 *
 * Needs the CJK font fonts-wqy-microhei (apt-get install -y fonts-wqy-microhei); the generated
 * PDFs are committed, so tests never need it. Output is deterministic: fixed CreationDate, file
 * IDs derived from it, RC4 encryption keyed by the passwords and the file ID.
 *
 * The library part lives in scripts/fixtures/ (render.ts: renderReport, paragraphs/headings/
 * ruled tables; other-dept-2019.ts: the invented report and its truth; gaps.ts: the two fixtures of
 * text set one glyph per run; truth.ts: the truth schema
 * and its arithmetic checks; pdf-bytes.ts: byte-level edits; pdfjs-text.ts: verification).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertFont, renderReport, type PageSpec } from './fixtures/render.js';
import * as other from './fixtures/other-dept-2019.js';
import * as gaps from './fixtures/gaps.js';
import { runChecks, type Truth } from './fixtures/truth.js';
import { noPagesPdf, stripToUnicode } from './fixtures/pdf-bytes.js';
import { foldText, readPdfText, type OpenResult } from './fixtures/pdfjs-text.js';
import { makeNationalFixtures } from './fixtures/nt-fixtures.js';
import * as series from './fixtures/series.js';

export { renderReport, type PageSpec, type Block, type RenderOptions } from './fixtures/render.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export const PASSWORDS = { user: 'juesuan-user', owner: 'juesuan-owner' };

const date = (iso: string) => new Date(iso + 'T00:00:00Z');

interface Entry {
  id: string;
  file: string;
  origin: string;
  purpose: string;
}

function sha12(file: string): string {
  return createHash('sha256').update(readFileSync(path.join(FIXTURES, file))).digest('hex').slice(0, 12);
}

function out(file: string, bytes: Buffer | string): void {
  writeFileSync(path.join(FIXTURES, file), bytes);
}

/** code points, escaped, for showing garbage in a README */
function showCodePoints(s: string, n: number): string {
  return [...s]
    .slice(0, n)
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      return cp >= 0x21 && cp < 0x7f ? ch : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    })
    .join(' ');
}

function describeOpen(r: OpenResult): string {
  return r.ok ? `opens, ${r.numPages} page(s)` : `rejects: ${r.error}: ${r.message}`;
}

const NOTICE: PageSpec[] = [
  [
    { type: 'heading', text: '青岚市人民政府办公室', align: 'center', size: 20 },
    { type: 'heading', text: '关于2020年国庆节、中秋节放假安排的通知', align: 'center', size: 17 },
    { type: 'space', height: 8 },
    { type: 'paragraph', text: '各区（县）人民政府，市政府各部门、各直属机构：', indent: 0 },
    {
      type: 'paragraph',
      text: '根据国务院办公厅通知精神，经市人民政府同意，现将2020年国庆节、中秋节放假安排通知如下：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。',
    },
    {
      type: 'paragraph',
      text: '节假日期间，各单位要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。',
    },
    { type: 'space', height: 24 },
    { type: 'paragraph', text: '青岚市人民政府办公室', align: 'right', indent: 0 },
    { type: 'paragraph', text: '2020年9月20日', align: 'right', indent: 0 },
  ],
];

export async function makeFixtures(): Promise<void> {
  assertFont();
  const entries: Entry[] = [];
  const notes: string[] = [];
  const quirks: string[] = [];
  const R = other.RENDER;

  // -- other-dept-2019 --------------------------------------------------------------------
  const truth: Truth = other.truth();
  const failures = runChecks(truth);
  const got = failures.map((f) => `${f.check} ${f.path}`).sort();
  const want = other.EXPECTED_FAILURES.map((f) => `${f.check} ${f.path}`).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`other-dept-2019 truth: checks failing ${JSON.stringify(failures)}, expected only ${JSON.stringify(want)}`);
  }
  const fullPdf = await renderReport(other.pages(), path.join(FIXTURES, 'other-dept-2019.pdf'), {
    ...R,
    title: `${other.DEPT}${other.YEAR}年度部门决算`,
    author: other.DEPT,
    creationDate: date(other.PUBLISHED),
  });
  out('other-dept-2019.truth.json', JSON.stringify(truth, null, 2) + '\n');
  const fullText = await readPdfText(fullPdf);
  if (!fullText.ok) throw new Error('other-dept-2019.pdf does not open in pdf.js');
  const folded = foldText(fullText.pages!.join(''));
  for (const li of truth.line_items) {
    const needle = li.context === '一般公共预算财政拨款支出决算表' ? `${li.code}${li.name}${li.amount}` : `${li.code}${li.name}${li.amount}万元`;
    if (!folded.includes(needle)) throw new Error(`other-dept-2019.pdf text lacks ${needle}`);
  }
  // observe the quirks in pdf.js's text, so that the README states what is really there
  const lines = fullText.pages!.flatMap((p) => p.split('\n'));
  for (const ch of ['\u2F00', '\u2F08', '\u2F24', '\u2EA0', '１', '％']) {
    if (!lines.some((l) => l.includes(ch))) throw new Error(`other-dept-2019.pdf text lacks ${ch}`);
  }
  const spacedLines = lines.filter((l) => /\p{Script=Han} \p{Script=Han} \p{Script=Han}/u.test(l));
  const wrappedCoded = lines.flatMap((l, i) => (/^\d{7} /.test(l) && !/[；。\d]$/.test(l.trim()) ? [`\`${l.trim()}\` / \`${lines[i + 1]?.trim()}\``] : []));
  if (spacedLines.length === 0 || wrappedCoded.length < 2) throw new Error('other-dept-2019.pdf lacks stretched lines or wrapped coded lines');
  quirks.push(
    `- Justified paragraphs; ${spacedLines.length} stretched lines come out of pdf.js with a space between CJK characters, e.g. ${spacedLines
      .slice(0, 2)
      .map((l) => `\`${l.trim()}\``)
      .join(', ')}.`,
    `- Coded lines wrapped over two lines: ${wrappedCoded.join('; ')}.`,
  );
  entries.push(
    {
      id: 'other-dept-2019',
      file: 'other-dept-2019.pdf',
      origin: `generated (scripts/fixtures/other-dept-2019.ts): an invented report, ${other.DEPT} ${other.YEAR}年度部门决算, published ${other.PUBLISHED}; ${fullText.numPages} pages, A4, 16pt WenQuanYi Micro Hei, page numbers in the footer`,
      purpose: 'a second, different department/year: 第一部分 (职能, 人员, unit table), 第二部分 一–十一 in the real statement shapes, 第三部分, 第四部分 with a ruled 表五; text quirks (Kangxi radicals, ⺠, full-width digits, spaced numbers, justified lines); one deliberate inconsistency',
    },
    {
      id: 'other-dept-2019-truth',
      file: 'other-dept-2019.truth.json',
      origin: 'generated from the same data as the PDF (scripts/fixtures/other-dept-2019.ts); same schema as urumqi-gxj-2021.truth.json plus `known_inconsistencies`',
      purpose: 'expected extraction of other-dept-2019.pdf (values as printed, folded to normal characters, spaces inside numbers removed)',
    },
  );

  // -- owner-password-only ------------------------------------------------------------------
  const shortReport: PageSpec[] = [[...other.partOne()], [...other.partTwoA()]];
  await renderReport(shortReport, path.join(FIXTURES, 'owner-password-only.pdf'), {
    ...R,
    title: `${other.DEPT}${other.YEAR}年度部门决算（节选）`,
    creationDate: date(other.PUBLISHED),
    ownerPassword: PASSWORDS.owner,
    permissions: { printing: 'lowResolution', modifying: false, copying: false, annotating: false, fillingForms: false, contentAccessibility: true, documentAssembly: false },
  });
  const ownerOpen = await readPdfText(readFileSync(path.join(FIXTURES, 'owner-password-only.pdf')));
  if (!ownerOpen.ok || !foldText(ownerOpen.pages!.join('')).includes('收入支出决算总体情况说明')) {
    throw new Error(`owner-password-only.pdf must open without a password: ${describeOpen(ownerOpen)}`);
  }
  entries.push({
    id: 'owner-password-only',
    file: 'owner-password-only.pdf',
    origin: `generated: 第一部分 and 第二部分 一–四 of other-dept-2019 (same text, same numbers), RC4-128 encrypted with an owner password only ("${PASSWORDS.owner}"); printing low-res only, no copying/modifying`,
    purpose: `permissions-only encryption must be read like any PDF (pdf.js: ${describeOpen(ownerOpen)}); its facts are the other-dept-2019 truth's sections 二/一–二/四`,
  });

  // -- bad-user-password ----------------------------------------------------------------------
  await renderReport([other.partTwoA()], path.join(FIXTURES, 'bad-user-password.pdf'), {
    ...R,
    title: '需要密码',
    creationDate: date(other.PUBLISHED),
    userPassword: PASSWORDS.user,
    ownerPassword: PASSWORDS.owner,
  });
  const userNoPw = await readPdfText(readFileSync(path.join(FIXTURES, 'bad-user-password.pdf')));
  const userPw = await readPdfText(readFileSync(path.join(FIXTURES, 'bad-user-password.pdf')), PASSWORDS.user);
  if (userNoPw.ok || userNoPw.error !== 'PasswordException' || !userPw.ok) {
    throw new Error(`bad-user-password.pdf: without password ${describeOpen(userNoPw)}; with ${describeOpen(userPw)}`);
  }
  entries.push({
    id: 'bad-user-password',
    file: 'bad-user-password.pdf',
    origin: `generated: 第二部分 一–四 of other-dept-2019, RC4-128 encrypted with user password "${PASSWORDS.user}" (owner "${PASSWORDS.owner}")`,
    purpose: `a PDF that cannot be opened without a password: a typed password error, or read with a user-supplied password (pdf.js without: ${describeOpen(userNoPw)}; with "${PASSWORDS.user}": ${describeOpen(userPw)})`,
  });

  // -- bad-truncated --------------------------------------------------------------------------
  const whole = await renderReport([other.partTwoA()], null, { ...R, title: 'truncated', creationDate: date(other.PUBLISHED) });
  const half = whole.subarray(0, Math.floor(whole.length / 2));
  out('bad-truncated.pdf', half);
  const truncOpen = await readPdfText(half);
  entries.push({
    id: 'bad-truncated',
    file: 'bad-truncated.pdf',
    origin: `generated: a valid ${whole.length}-byte PDF (第二部分 一–四 of other-dept-2019) cut to its first ${half.length} bytes (no xref, no trailer, no catalog)`,
    purpose: `a damaged download: must fail with a clear error, not hang or crash (pdf.js: ${describeOpen(truncOpen)})`,
  });

  // -- bad-not-a-pdf --------------------------------------------------------------------------
  out('bad-not-a-pdf.pdf', '这不是 PDF 文件。This is a plain UTF-8 text file with a .pdf extension,\nused to test that non-PDF input fails with a clear error.\n');
  const notPdfOpen = await readPdfText(readFileSync(path.join(FIXTURES, 'bad-not-a-pdf.pdf')));
  if (notPdfOpen.ok) throw new Error('bad-not-a-pdf.pdf opened in pdf.js');
  entries.push({
    id: 'bad-not-a-pdf',
    file: 'bad-not-a-pdf.pdf',
    origin: 'written by the script: two lines of UTF-8 text',
    purpose: `wrong file type behind a .pdf name (pdf.js: ${describeOpen(notPdfOpen)})`,
  });

  // -- bad-no-pages ---------------------------------------------------------------------------
  out('bad-no-pages.pdf', noPagesPdf());
  const noPagesOpen = await readPdfText(readFileSync(path.join(FIXTURES, 'bad-no-pages.pdf')));
  entries.push({
    id: 'bad-no-pages',
    file: 'bad-no-pages.pdf',
    origin: 'written by hand (scripts/fixtures/pdf-bytes.ts noPagesPdf): catalog + empty page tree (/Kids [] /Count 0) + info, correct xref',
    purpose: `a syntactically valid PDF with zero pages: must be reported as an empty document, not as a report with no facts (pdf.js: ${describeOpen(noPagesOpen)})`,
  });

  // -- not-a-report ---------------------------------------------------------------------------
  await renderReport(NOTICE, path.join(FIXTURES, 'not-a-report.pdf'), { ...R, title: '关于2020年国庆节、中秋节放假安排的通知', creationDate: date('2020-09-20') });
  const noticeOpen = await readPdfText(readFileSync(path.join(FIXTURES, 'not-a-report.pdf')));
  entries.push({
    id: 'not-a-report',
    file: 'not-a-report.pdf',
    origin: `generated: a one-page holiday notice (青岚市人民政府办公室 关于2020年国庆节、中秋节放假安排的通知), good text layer (pdf.js: ${describeOpen(noticeOpen)})`,
    purpose: 'a readable Chinese government PDF that is not a 部门决算 report: must be recognised as such (no 第二部分 / 收入支出决算 structure), not produce an empty or made-up record',
  });

  // -- garbled-text-layer ---------------------------------------------------------------------
  const clean = await renderReport([other.partTwoA()], null, { ...R, title: 'garbled text layer', creationDate: date(other.PUBLISHED) });
  const { bytes: garbled, removed } = stripToUnicode(clean);
  if (removed === 0) throw new Error('no /ToUnicode entry found to strip');
  out('garbled-text-layer.pdf', garbled);
  const gOpen = await readPdfText(garbled);
  if (!gOpen.ok) throw new Error(`garbled-text-layer.pdf does not open: ${describeOpen(gOpen)}`);
  const gText = gOpen.pages!.join('');
  const cjk = [...gText].filter((ch) => /\p{Script=Han}/u.test(ch)).length;
  const pua = [...gText].filter((ch) => /\p{Co}/u.test(ch)).length;
  const ctrl = [...gText].filter((ch) => /\p{Cc}/u.test(ch) && ch !== '\n').length;
  const ascii = [...gText].filter((ch) => /[\x21-\x7e]/.test(ch)).length;
  const vocab = ['万元', '支出', '收入', '年度', '决算'].filter((w) => gText.includes(w));
  const cleanText = (await readPdfText(clean)).pages!.join('');
  if (vocab.length > 0 || gText.replace(/\s/g, '').length < 100) {
    throw new Error(`garbled-text-layer.pdf text is not garbage: vocabulary ${vocab.join(',')}`);
  }
  const gHead = gOpen.pages![0].replace(/\n/g, ' ').trim();
  const cleanHead = cleanText.replace(/\n/g, ' ').trim();
  const gSummary =
    `${gOpen.numPages} page(s), ${[...gText].length} characters of text, of which ${cjk} Han, ${pua} private-use, ${ctrl} C0/C1 control characters and ${ascii} printable ASCII (Latin letters, digits, punctuation): pdf.js, finding no ToUnicode, reports each glyph's CID (= the subset glyph id) as the code point; ` +
    `none of 万元/支出/收入/年度/决算 occurs. Page 1, drawn as "${[...cleanHead].slice(0, 24).join('')}…", comes back as: ${showCodePoints(gHead, 24)} …`;
  notes.push(`- **garbled-text-layer.pdf** (pdf.js ${pdfjsVersion()}): ${gSummary}`);
  entries.push({
    id: 'garbled-text-layer',
    file: 'garbled-text-layer.pdf',
    origin: `generated: 第二部分 一–四 of other-dept-2019, then the /ToUnicode entries of its ${removed} font dictionaries blanked out (same-length spaces, xref intact): Identity-H CID fonts with no way back to Unicode`,
    purpose: 'a text layer that is present but garbage: must be detected (and sent to OCR), not extracted as if it were text — see the note below for exactly what pdf.js returns',
  });

  // -- national template: putuo (copied), table shapes, a whole generated report -----------------
  const nt = await makeNationalFixtures(FIXTURES, '/work/shared/real');
  entries.push(...nt.entries);

  // -- gaps-sample-layout, gaps-template-layout ------------------------------------------------
  const gapQuirks: string[] = [];
  const gapFixtures = [
    { id: 'gaps-sample-layout', pages: gaps.samplePages(), title: `${gaps.SAMPLE_DEPT}2021年度部门决算（节选，逐字排版）`, date: '2022-12-26' },
    { id: 'gaps-template-layout', pages: gaps.templatePages(), title: `${gaps.TEMPLATE_DEPT}${gaps.TEMPLATE_YEAR}年度部门决算`, date: '2025-06-30' },
  ];
  const gapRuns: Record<string, string> = {};
  for (const f of gapFixtures) {
    const bytes = await renderReport(f.pages, path.join(FIXTURES, `${f.id}.pdf`), { ...gaps.GAPS_RENDER, title: f.title, creationDate: date(f.date) });
    const r = await readPdfText(bytes);
    if (!r.ok) throw new Error(`${f.id}.pdf does not open in pdf.js`);
    const runs = r.runs!.flat().filter((x) => x.trim() !== '');
    const single = runs.filter((x) => [...x.trim()].length === 1).length;
    gapRuns[f.id] = `${r.numPages} pages; pdf.js gives ${runs.length} runs, ${single} of them a single glyph`;
    // what the text layer really holds: every quirk must be there, as pdf.js gives it
    const lines = r.pages!.flatMap((p) => p.split('\n'));
    const spread = runs.filter((x) => /\p{Script=Han} \p{Script=Han} \p{Script=Han}/u.test(x));
    if (spread.length < 5) throw new Error(`${f.id}.pdf: too few names spread over their cell (${spread.length})`);
    for (const ch of ['\u2F0A', '\u2F40', '\uFF11']) if (!runs.some((x) => x.includes(ch))) throw new Error(`${f.id}.pdf text lacks U+${ch.codePointAt(0)!.toString(16)}`);
    const show = (xs: string[], n: number) => xs.slice(0, n).map((x) => `\`${[...x.trim()].slice(0, 32).join('')}\``).join(', ');
    gapQuirks.push(`- **${f.id}.pdf**: ${gapRuns[f.id]}. Runs of names spread over their cell: ${spread.length}, e.g. ${show(spread, 3)}.`);
    if (f.id === 'gaps-sample-layout') {
      const wanted = ['60145.5 1', '575 65.64', '60030. 17', '214 7.42', '1 000'];
      const joined = lines.map((l) => l.replace(/\s+/g, ' '));
      for (const w of wanted) if (!joined.some((l) => l.includes(w))) throw new Error(`${f.id}.pdf text lacks "${w}"`);
      gapQuirks.push(`  Gaps inside amounts as pdf.js joins the runs: ${wanted.map((w) => `\`${w}\``).join(', ')}; letter-spaced amounts such as ${show(joined.filter((l) => /\d \d \d/.test(l)), 2)}.`);
    } else {
      if (!r.runs![0].includes('293') || !r.runs![0].includes('41')) throw new Error(`${f.id}.pdf: "293" and "41" are not two runs`);
      gapQuirks.push('  `293` and `41` are two runs 0.8 pt apart on either side of a cell border.');
    }
  }
  entries.push(
    {
      id: 'gaps-sample-layout',
      file: 'gaps-sample-layout.pdf',
      origin: `generated (scripts/fixtures/gaps.ts): 第二部分 一–五 and 表五 of urumqi-gxj-2021 (its wording and numbers) set one glyph per run; ${gapRuns['gaps-sample-layout']}`,
      purpose:
        'gaps between glyphs on the sample\'s layout: Kangxi radicals and CJK compatibility ideographs (⼊ ⽀ ⽐ ⼀ ⼯ ⾦, 率 U+F9DB), full-width digits, letter-spaced amounts, the four gaps inside amounts of issue 15 (60145.5 1, 575 65.64, 60030. 17, 214 7.42), justified lines, spaces inside numbers (1 000万元, 3 000.00), 表五 names spread over a narrow cell; expected: the facts of 二/一–二/五 and the line items of 五 and 表五 of urumqi-gxj-2021.truth.json',
    },
    {
      id: 'gaps-template-layout',
      file: 'gaps-template-layout.pdf',
      origin: `generated (scripts/fixtures/gaps.ts): an invented ${gaps.TEMPLATE_DEPT} ${gaps.TEMPLATE_YEAR}年度部门决算 in the national template's layout (tables in 第二部分, narrative in 第三部分); ${gapRuns['gaps-template-layout']}`,
      purpose:
        'gaps between glyphs on the national template\'s layout: 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 with names spread over their cell, economic-classification and “三公” headers spread, letter-spaced and full-width amounts in cells and narrative ("本年收入合计 307.82 万元，其中：财政拨款收入 307.82 万元，占 100.00%"), two integer cells 293 | 41 touching one border; expected values in scripts/fixtures/gaps.ts templateExpected()',
    },
  );
  // -- garbled-hairline-table: a garbled text layer over a vector table drawn as thin grey rectangles --
  // (how WPS / Excel exports draw cell borders): OCR must use the page's own vector rulings
  const hairBorders = { widthPt: 0.1, grey: 0.5, fill: true };
  const hairClean = await renderReport([other.partThreeFour()[1]], null, { ...R, title: 'garbled text layer over a hairline table', creationDate: date(other.PUBLISHED), borders: hairBorders });
  const { bytes: hairGarbled, removed: hairRemoved } = stripToUnicode(hairClean);
  if (hairRemoved === 0) throw new Error('no /ToUnicode entry found to strip');
  out('garbled-hairline-table.pdf', hairGarbled);
  entries.push({
    id: 'garbled-hairline-table',
    file: 'garbled-hairline-table.pdf',
    origin: `generated: the 表五 page of other-dept-2019 with its table borders drawn as filled rectangles ${hairBorders.widthPt} pt thick in 50% grey, then the /ToUnicode entries of its ${hairRemoved} font dictionaries blanked out (as garbled-text-layer.pdf)`,
    purpose: 'a garbled text layer over a vector page whose rulings are hairlines: OCR reads the page but takes the exact vector rulings for the table and its cell grid',
  });

  // -- series-qinglan-tjj-2019…2021: three years of one department (issue 12's time series) -------
  for (const y of series.SERIES_YEARS) {
    const id = series.seriesId(y);
    const bytes = await renderReport(series.seriesPages(y), path.join(FIXTURES, `${id}.pdf`), { ...series.SERIES_RENDER, title: `${series.SERIES_DEPT}${y}年度部门决算`, creationDate: date(`${y + 1}-09-01`) });
    const r = await readPdfText(bytes);
    if (!r.ok || r.numPages !== 2) throw new Error(`${id}.pdf: expected 2 pages in pdf.js`);
    const text = foldText(r.pages!.join('\n'));
    for (const v of Object.values(series.seriesExpected()).map((byYear) => byYear[y])) {
      if (!text.includes(v) && !text.includes(String(Math.round(Number(v) * 10000)))) throw new Error(`${id}.pdf text lacks ${v}`);
    }
    entries.push({
      id,
      file: `${id}.pdf`,
      origin: `generated (scripts/fixtures/series.ts): an invented ${series.SERIES_DEPT} ${y}年度部门决算 (national template, 2 pages: 一般公共预算财政拨款支出决算表 by 功能分类 code; 第三部分 一–十一 with 收入支出总计, 财政拨款收入支出总计, 一般公共预算财政拨款支出 and 机关运行经费 each with its change on ${y - 1}${y === 2019 ? '; 机关运行经费 printed in 元' : ''})`,
      purpose:
        y === series.PLANTED.year
          ? `the time series and cross-year checks: its 财政拨款收入支出总计 change is printed from a ${y - 1} figure 10.00 万元 below the ${y - 1} report's own (the one planted cross-year failure); consistent in itself (its change_pct agrees with its change); the other eight standard tables are not printed (missing_table)`
          : `the time series and cross-year checks: its printed changes agree with the ${y - 1} report${y === 2019 ? ' (2018 is not in the corpus)' : ''}; the other eight standard tables are not printed (missing_table)`,
    });
  }

  // -- the sample (not generated) --------------------------------------------------------------
  const sampleTruth = JSON.parse(readFileSync(path.join(FIXTURES, 'urumqi-gxj-2021.truth.json'), 'utf8')) as Truth;
  const sampleFailures = runChecks(sampleTruth);
  entries.unshift(
    {
      id: 'urumqi-gxj-2021',
      file: 'urumqi-gxj-2021.pdf',
      origin: 'copied from the project samples (not generated): rendered from the text of the real 乌鲁木齐市工业和信息化局（乌鲁木齐市大数据发展局）2021年度部门决算 (same wording and numbers, own layout), 36 pages, text PDF',
      purpose: 'the reference real report: narrative, 17 项目支出绩效自评表, 表五',
    },
    {
      id: 'urumqi-gxj-2021-truth',
      file: 'urumqi-gxj-2021.truth.json',
      origin: 'copied from the project samples (not generated)',
      purpose: `expected extraction of urumqi-gxj-2021.pdf, values as printed including the report's own mistakes (${sampleFailures.length} arithmetic checks fail, listed below)`,
    },
    {
      id: 'urumqi-gxj-2021-scan300',
      file: 'urumqi-gxj-2021-scan300.pdf',
      origin: 'copied from the project samples (not generated): the same 36 pages as image-only scans, 300 dpi grey, no noise, no text layer',
      purpose: 'OCR end to end: the golden test of the scanned form (field accuracy floor)',
    },
    {
      id: 'urumqi-gxj-2021-scan300-truth',
      file: 'urumqi-gxj-2021-scan300.truth.json',
      origin: 'copied from the project samples (not generated); same content as urumqi-gxj-2021.truth.json, only doc.id differs',
      purpose: 'expected extraction of urumqi-gxj-2021-scan300.pdf',
    },
    {
      id: 'urumqi-gxj-2021-scan200-noisy',
      file: 'urumqi-gxj-2021-scan200-noisy.pdf',
      origin:
        'generated (scripts/make-noisy-scan.ts, seeded, deterministic): the 36 pages of urumqi-gxj-2021.pdf rendered at 200 dpi grey, each rotated 0.3–0.8° (direction and size varying per page), slightly blurred, contrast reduced, gaussian-ish noise and speckles added, JPEG quality 45, wrapped image-only with pdfkit',
      purpose: 'OCR end to end on a realistic noisy office scan: the golden test of the noisy scanned form (field accuracy floor)',
    },
    {
      id: 'urumqi-gxj-2021-scan200-noisy-truth',
      file: 'urumqi-gxj-2021-scan200-noisy.truth.json',
      origin: 'generated (scripts/make-noisy-scan.ts): urumqi-gxj-2021.truth.json with only doc.id changed',
      purpose: 'expected extraction of urumqi-gxj-2021-scan200-noisy.pdf',
    },
    {
      id: 'template-2024',
      file: 'template-2024.pdf',
      origin: 'copied from the project samples (/work/shared/real, not generated): the blank 2024 template (附件2：部门决算模板 / 预算主管部门公开样张) a region gives its departments, 23 pages, every table title and header and the narrative with blanks, no numbers',
      purpose: 'a readable report with nothing to extract: must be ok with the warning no_records, not a failure and not silently empty',
    },
    {
      id: 'urumqi-gxj-2021-turned',
      file: 'urumqi-gxj-2021-turned.pdf',
      origin: 'generated (scripts/make-noisy-scan.ts --fixture urumqi-gxj-2021-turned, seeded): pages 3, 4, 15 and 36 of urumqi-gxj-2021.pdf scanned at 200 dpi with the office noise profile, page 3 turned 90° clockwise, page 15 180°, page 36 270° (the PDF pages sized to the turned images)',
      purpose: 'pages scanned sideways or upside down: detected, read upright, reported in the manifest (golden test scan-turned)',
    },
    {
      id: 'urumqi-gxj-2021-turned-truth',
      file: 'urumqi-gxj-2021-turned.truth.json',
      origin: 'generated (scripts/make-noisy-scan.ts): urumqi-gxj-2021.truth.json restricted to the records the text PDF prints on those pages',
      purpose: 'expected extraction of urumqi-gxj-2021-turned.pdf',
    },
    {
      id: 'scanned-other-dept-2019',
      file: 'scanned-other-dept-2019.pdf',
      origin: 'generated (test/ocr/make-scan-fixture.ts): pages 2 and 9 of other-dept-2019.pdf rendered to 200 dpi grey and wrapped image-only with pdfkit (no text layer, no vector lines)',
      purpose: 'OCR: narrative and the ruled 表五 recovered from the image (character accuracy against other-dept-2019\'s text layer)',
    },
  );
  // -- crashers found by the fuzz harness (scripts/fuzz.ts), kept as they were found --------------
  entries.push({
    id: 'fuzz-unhandled-xref-entry-exception',
    file: 'fuzz/unhandled-xref-entry-exception.pdf',
    origin: 'found by npm run fuzz (seed 7, mutant 305): template-2024.pdf with 109 bytes deleted at 15389, 13 bytes flipped, 109 bytes duplicated from 148722 to 280530',
    purpose: 'pdf.js rejects a promise nobody handles (XRefEntryException: Bad (uncompressed) XRef entry) while the awaited calls settle: it killed the whole batch (no manifest); must fail alone as invalid_pdf',
  });
  entries.push({
    id: 'fuzz-unhandled-parser-eof-exception',
    file: 'fuzz/unhandled-parser-eof-exception.pdf',
    origin: "found by fuzzing (seed 11, mutant 1579 of scripts/fuzz.ts's mutant()): other-dept-2019.pdf with 1816 bytes deleted at 5558, 11 bytes flipped, 290 bytes deleted at 6966",
    purpose: 'pdf.js rejects a promise nobody handles (ParserEOFException: End of file inside array): it killed the whole batch; must fail alone as invalid_pdf',
  });
  entries.push({
    id: 'fuzz-nan-text-position',
    file: 'fuzz/nan-text-position.pdf',
    origin: 'found by npm run fuzz (seed 7, mutant 424): other-dept-2019.pdf with 3847 bytes deleted at 44165 and 12 bytes flipped',
    purpose: 'pdf.js returns text runs with NaN positions after a damaged text matrix on page 4: the facts sourced from them failed the schema check (write_failed); such runs must be dropped (no place to source a value by) and the rest read',
  });
  notes.push(
    `- **urumqi-gxj-2021.truth.json**: the arithmetic checks of scripts/fixtures/truth.ts that fail on it (real mistakes in the published report, kept as printed):\n` +
      sampleFailures.map((f) => `  - \`${f.check}\` ${f.path}: ${f.message}`).join('\n'),
    `- **other-dept-2019**: known inconsistency (also in the truth file under \`known_inconsistencies\`): ${truth.known_inconsistencies!.join(' ')}`,
  );

  // -- README -----------------------------------------------------------------------------------
  const listed = new Set(entries.map((e) => e.file));
  const unlisted = readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(FIXTURES, path.join(e.parentPath, e.name)))
    .filter((f) => f !== 'README.md' && !listed.has(f));
  if (unlisted.length > 0) throw new Error(`fixtures not in the manifest: ${unlisted.join(', ')}`);
  writeFileSync(path.join(FIXTURES, 'README.md'), readme(entries, notes, quirks, gapQuirks, nt.section));
  for (const e of entries) console.log(`${sha12(e.file)}  ${e.file}`);
}

function pdfjsVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}

function readme(entries: Entry[], notes: string[], quirks: string[], gapQuirks: string[], national: string): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return `# Test fixtures

Manifest of every file in this folder (in the spirit of pdf.js's test manifest). **Generated by
\`npm run fixtures\`** (scripts/make-fixtures.ts) — edit the script, not this file. The generated
PDFs are committed; regenerating needs the font \`fonts-wqy-microhei\`
(\`apt-get install -y fonts-wqy-microhei\`) and is deterministic (fixed CreationDate, IDs derived
from it). \`test/fixtures.test.ts\` checks that each file's sha256 starts with the prefix below and
that the truth files' arithmetic holds (apart from the listed, deliberate or real, mistakes).

| id | file | sha256 (12) | origin | purpose |
|----|------|-------------|--------|---------|
${entries.map((e) => `| ${e.id} | ${e.file} | ${sha12(e.file)} | ${esc(e.origin)} | ${esc(e.purpose)} |`).join('\n')}

## Passwords

- owner password of owner-password-only.pdf and bad-user-password.pdf: \`${PASSWORDS.owner}\`
- user password of bad-user-password.pdf: \`${PASSWORDS.user}\`

## What other-dept-2019.pdf contains on purpose

- Kangxi radicals drawn with the normal glyph but mapped by ToUnicode to the radical (as real
  PDFs do): ⼀ U+2F00 in the heading \`⼀、收入支出决算总体情况说明\`, ⼈ U+2F08 in \`实有⼈数\` and
  \`⼈员经费\`, ⼤ U+2F24 in \`重⼤\`; one CJK Radicals Supplement character ⺠ U+2EA0 (\`人⺠政府\`,
  \`人⺠群众\`), which NFKC does not fold.
- Full-width digits and ％: \`其他收入１２.８５万元，占０.２６％\` (二), \`公务用车保有量 ３ 辆\` (七).
- Spaces inside numbers: \`基本支出 1 582.66 万元\` (三), \`价值 1 865.3 万元\` (十/三). The truth holds them without the space.
- Wording variants: \`比上年增加 … 增长\`, \`与上年相比，增加 … 增长\`, \`减少 … 降低\`, \`减少 … 下降\`.
${quirks.join('\n')}
- 第四部分 has a ruled 表五 (一般公共预算财政拨款支出决算表: 合计, 类, 款, 项 rows), drawn with
  scripts/fixtures/render.ts's table renderer; its 项 rows equal the narrative 五 lines.
- 十一 announces 6 evaluated projects but the report carries no 绩效自评表, so \`evaluations\` is empty.

## What gaps-sample-layout.pdf and gaps-template-layout.pdf contain on purpose

Text set the way PDF producers that position every glyph set it (scripts/fixtures/render.ts GlyphOptions,
TableCell.spread): each glyph its own text() call at a computed x, so pdf.js gives one run per glyph
with the gaps measured between runs; names in narrow table cells spread to the cell width by character
spacing inside one run (Word's distributed alignment), which pdf.js reports with a space between every
two glyphs; amounts letter-spaced up to 0.9 em, beyond pdf.js's 0.6 em run split.
${gapQuirks.join('\n')}

## Notes

${notes.join('\n')}

## National-template fixtures

Truth files in the schema of putuo-shgzb-2024.truth.json (fact keys in rules/facts.yaml, table kinds in rules/tables.yaml): \`facts\`,
\`tables\` (every printed non-empty cell: row_code, row, col = header path, value without thousands
separators) and \`notes\`. Their arithmetic is checked by \`runNtChecks\` in scripts/fixtures/truth.ts (table
identities, between tables, narrative against tables, shares / changes / completion rates recomputed);
\`test/fixtures.test.ts\` also checks that every cell value is in the text layer of its table's pages and
every fact amount on its page.

${national}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(FIXTURES)) throw new Error(`missing ${FIXTURES}`);
  makeFixtures().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
