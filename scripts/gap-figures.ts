/**
 * Figures of issue 15: names with a space between two CJK characters, over every table cell and every
 * fact label / line item / basic item / indicator name / unread label of each text fixture; and the
 * fields of gaps-sample-layout.pdf matched against the sample truth.
 *
 *   npx tsx scripts/gap-figures.ts [--root DIR] [file.pdf ...]
 *
 * --root runs the pipeline of another checkout (e.g. an export of main) on the same files, for before /
 * after figures. Without files: every PDF in test/fixtures that has a usable text layer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_CONTEXTS, SAMPLE_SECTIONS } from './fixtures/gaps.js';
import { score, type Truth } from '../test/golden/score.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = path.resolve(rootAt >= 0 ? args.splice(rootAt, 2)[1] : path.join(HERE, '..'));
const fixtures = path.join(HERE, '..', 'test', 'fixtures');
const files = args.length ? args : readdirSync(fixtures).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(fixtures, f));

const src = (m: string) => import(path.join(root, 'src', m));
const { loadRules } = await src('rules/load.ts');
const { prepareRules, processDocument } = await src('pipeline.ts');
const { readDocument } = await src('read/document.ts');
const { readSegments } = await src('read/rulings.ts');
const { findTables } = await src('tables/index.ts');
const { isCjk } = await import('../src/normalize/chars.js');

const fieldsNote: string[] = [];
const innerSpace = (s: string) => Array.from(s).some((ch, i, a) => /\s/.test(ch) && isCjk(a[i - 1] ?? '') && isCjk(a[i + 1] ?? ''));
const rules = prepareRules(await loadRules(path.join(root, 'rules')));

console.log(`code: ${root}`);
console.log('| file | table cells with CJK | of them with an inner space | names and labels | of them with an inner space |');
console.log('|---|---|---|---|---|');
for (const file of files) {
  const name = path.basename(file);
  let result;
  try {
    result = await processDocument(file, rules, { readSegments });
  } catch (e) {
    console.log(`| ${name} | skipped: ${(e as Error).message.split('\n')[0].slice(0, 80)} | | | |`);
    continue;
  }
  const read = await readDocument(file, { readSegments });
  const readable = new Set(read.pages.map((p: { page: number }) => p.page).filter((p: number) => !result.source.unreadable_pages.some((u: { page: number }) => u.page === p)));
  const cells: string[] = read.pages
    .filter((p: { page: number }) => readable.has(p.page))
    .flatMap((p: { page: number; items: unknown; segments: unknown }) => findTables(p.page, p.items, p.segments))
    .flatMap((t: { cells: { text: string }[] }) => t.cells.map((c) => c.text))
    .filter((t: string) => /\p{Script=Han}/u.test(t));
  const names: string[] = [
    ...result.facts.map((f: { label: string }) => f.label),
    ...result.line_items.map((l: { name: string }) => l.name),
    ...result.basic_items.map((b: { name: string }) => b.name),
    ...result.indicators.map((i: { name: string }) => i.name),
    ...result.unread.map((u: { label: string }) => u.label),
  ].filter((t) => /\p{Script=Han}/u.test(t));
  const spacedCells = cells.filter(innerSpace);
  const spacedNames = names.filter(innerSpace);
  const eg = (xs: string[]) => (xs.length ? ` (${xs.slice(0, 2).map((x) => `“${x}”`).join(', ')})` : '');
  console.log(`| ${name} | ${cells.length} | ${spacedCells.length}${eg(spacedCells)} | ${names.length} | ${spacedNames.length}${eg(spacedNames)} |`);

  if (name === 'gaps-sample-layout.pdf') {
    const truth = JSON.parse(readFileSync(path.join(fixtures, 'urumqi-gxj-2021.truth.json'), 'utf8')) as Truth;
    const narrative = score(result, truth, { kinds: ['facts', 'line_items'], fact: (f) => SAMPLE_SECTIONS.includes(f.section) && f.section !== '四', lineItem: (l) => l.context === SAMPLE_CONTEXTS[0] });
    const table = score(result, truth, { kinds: ['facts', 'line_items'], fact: (f) => f.section === '四', lineItem: (l) => l.context === SAMPLE_CONTEXTS[1] });
    const sum = (s: ReturnType<typeof score>) => Object.values(s.fields).reduce((a, f) => ({ matched: a.matched + f.matched, total: a.total + f.total }), { matched: 0, total: 0 });
    const n = sum(narrative);
    const t = sum(table);
    fieldsNote.push(
      `gaps-sample-layout.pdf: narrative fields matched ${n.matched}/${n.total} (facts ${narrative.fields.facts.matched}/${narrative.fields.facts.total}, line items ${narrative.fields.line_items.matched}/${narrative.fields.line_items.total}); 表五 fields ${t.matched}/${t.total}; unread amounts ${result.unread.length}`,
    );
  }
}
for (const n of fieldsNote) console.log(`\n${n}`);
