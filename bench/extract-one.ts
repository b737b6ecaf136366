/** One measured run in a fresh process: extracts the file `rounds` times, prints JSON timings and peak RSS. */
import { loadRules } from '../src/rules/load.js';
import { extractFromPages, prepareRules, processDocument } from '../src/pipeline.js';
import { readDocument } from '../src/read/document.js';
import { readSegments } from '../src/read/rulings.js';
import { findTables, joinContinuedTables } from '../src/tables/index.js';
import { readEvaluations } from '../src/extract/evaluations.js';
import { readStatisticalTables } from '../src/extract/statistical-tables.js';

const [file, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const rules = prepareRules(await loadRules('rules'));
const times: number[] = [];
let pages = 0;
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  const r = await processDocument(file, rules, { readSegments });
  times.push((performance.now() - t0) / 1000);
  pages = r.source.pages;
}
const peakRssMb = process.resourceUsage().maxRSS / 1024; // kilobytes on Linux

// Where the time goes (warm): reading text, reading rulings, the table stage, everything after reading.
const t1 = performance.now();
const plain = await readDocument(file);
const t2 = performance.now();
const ruled = await readDocument(file, { readSegments });
const t3 = performance.now();
const tables = joinContinuedTables(ruled.pages.flatMap((p) => findTables(p.page, p.items, p.segments)), { pages: ruled.pages });
readEvaluations(tables, rules.rules.tables);
readStatisticalTables(tables, ruled.pages, rules.rules.tables);
const t4 = performance.now();
extractFromPages(file, ruled.sha256, null, ruled.pages, rules);
const t5 = performance.now();
void plain;
const stages = { readTextMs: t2 - t1, readRulingsMs: t3 - t2 - (t2 - t1), tableStageMs: t4 - t3, afterReadMs: t5 - t4 };
console.log(JSON.stringify({ pages, times, peakRssMb, stages }));
