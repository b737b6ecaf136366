/**
 * Prints field-by-field agreement of an extraction with a truth file:
 *   npm run score -- test/fixtures/urumqi-gxj-2021.pdf test/fixtures/urumqi-gxj-2021.truth.json [--ocr auto|always|never]
 */
import { readFileSync } from 'node:fs';
import { loadRules } from '../src/rules/load.js';
import { prepareRules, processDocument } from '../src/pipeline.js';
import { readSegments } from '../src/read/rulings.js';
import { createOcrPool, parseOcrMode } from '../src/ocr/index.js';
import { score, summary, type Truth } from '../test/golden/score.js';
import { scoreTables, tableSummary, type TruthTable } from '../test/golden/table-score.js';

const args = process.argv.slice(2);
const modeAt = args.indexOf('--ocr');
const mode = parseOcrMode(modeAt >= 0 ? args.splice(modeAt, 2)[1] : 'auto');
const [pdf, truthFile] = args;
if (!pdf || !truthFile) {
  console.error('usage: npm run score -- <report.pdf> <report.truth.json> [--ocr auto|always|never]');
  process.exit(2);
}
const rules = prepareRules(await loadRules('rules'));
let pool: ReturnType<typeof createOcrPool> | undefined;
const t0 = performance.now();
const result = await processDocument(pdf, rules, {
  readSegments,
  ocr: { mode, rules: rules.rules.ocr, vocabulary: rules.rules.document.report.vocabulary, pool: () => (pool ??= createOcrPool()) },
});
if (pool) await (await pool).close();
const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Truth;
const s = score(result, truth);
const all = Object.values(s.fields).reduce((a, f) => ({ matched: a.matched + f.matched, total: a.total + f.total }), { matched: 0, total: 0 });
console.log(`${pdf}: ${summary(s)}; all fields ${all.matched}/${all.total} (${((100 * all.matched) / Math.max(1, all.total)).toFixed(1)}%) in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${result.source.ocr_pages.length} pages OCR'd`);
for (const m of s.mismatches) console.log(`  ${m.kind} ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
// the national template's truth lists every table cell too
const tables = (truth as unknown as { tables?: TruthTable[] }).tables;
if (tables) {
  const t = scoreTables(result, tables);
  console.log(`tables: ${tableSummary(t)}`);
  for (const m of [...t.missing.map((x) => `missing ${x}`), ...t.extra.map((x) => `extra ${x}`), ...t.fieldMismatches]) console.log(`  ${m}`);
}
console.log(`checks failed: ${result.checks.map((c) => `${c.check}:${c.subject}`).join(', ') || 'none'}`);
