/** One measured run in a fresh process: extracts the file `rounds` times, prints JSON timings and peak RSS. */
import { loadRules } from '../src/rules/load.js';
import { prepareRules, processDocument } from '../src/pipeline.js';
import { readSegments } from '../src/read/rulings.js';

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
// ru_maxrss is in kilobytes on Linux
console.log(JSON.stringify({ pages, times, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
