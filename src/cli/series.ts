/**
 * `juesuan series KEYS… [--in DIR] --out FILE [--wide]`: time series over an output folder of extract.
 * Writes FILE (long: one row per department, year and key; --wide: one column per year) and, beside it,
 * FILE's name with .checks.csv (the cross-year checks: checks.csv's columns and the earlier document). The
 * cross-year checks land there, not in the corpus checks.csv: they depend on the keys asked and on two
 * documents, while the corpus checks.csv is each document's own checks concatenated (and rebuilt from them).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';

export const SERIES_EXIT = { ok: 0, usage: 2 } as const;

const DEFAULT_RULES = fileURLToPath(new URL('../../rules', import.meta.url));

/** series.csv → series.checks.csv */
export function checksFileOf(out: string): string {
  const ext = path.extname(out);
  return path.join(path.dirname(out), `${path.basename(out, ext)}.checks.csv`);
}

export function registerSeries(program: Command, setExitCode: (code: number) => void = (c) => void (process.exitCode = c)): Command {
  return program
    .command('series')
    .description('time series over the corpus of an extract output folder: fact keys (income_total), table:row:column (gpb_expense:2130101:合计), or 功能分类 codes (2130101); cross-year checks beside the output')
    .argument('<keys...>', 'fact keys, table:row:column, or 功能分类 codes')
    .option('-i, --in <dir>', 'output folder of juesuan extract', 'extracted')
    .requiredOption('-o, --out <file>', 'CSV file to write (the cross-year checks go to <name>.checks.csv beside it)')
    .option('--wide', 'one column per year instead of one row per year', false)
    .option('-r, --rules <dir>', 'rules directory (department aliases, vocabularies)', DEFAULT_RULES)
    .action(async (keys: string[], opts: { in: string; out: string; wide: boolean; rules: string }) => {
      const [{ loadRules, RuleError }, load, { identify }, s, { factKeyVocabulary, tableKindVocabulary }, { csvText }, { writeAtomic }] = await Promise.all([
        import('../rules/load.js'),
        import('../corpus/load.js'),
        import('../corpus/identity.js'),
        import('../corpus/series.js'),
        import('../corpus/vocabulary.js'),
        import('../write/csv.js'),
        import('../write/atomic.js'),
      ]);
      let rules;
      try {
        rules = await loadRules(opts.rules);
      } catch (err) {
        if (err instanceof RuleError) {
          process.stderr.write(`juesuan series: bad rule file: ${err.message}\n`);
          return setExitCode(SERIES_EXIT.usage);
        }
        throw err;
      }
      const kinds = tableKindVocabulary(rules).map((k) => k.kind);
      let specs;
      let manifest;
      try {
        specs = keys.map((k) => s.parseSeriesKey(k, kinds));
        manifest = await load.readManifest(opts.in);
      } catch (err) {
        process.stderr.write(`juesuan series: ${(err as Error).message}\n`);
        return setExitCode(SERIES_EXIT.usage);
      }
      const { documents, duplicates } = identify(await load.corpusDocuments(opts.in, manifest), rules.departments);
      const [facts, table_cells, line_items] = await Promise.all(['facts', 'table_cells', 'line_items'].map((n) => load.readCorpusCsv(opts.in, n)));
      const codeContexts = rules.tables.statistical.kinds.flatMap((k) => (k.line_items ? [k.line_items.context] : []));
      const points = s.buildSeries(specs, { documents, facts, table_cells, line_items, codeContexts });
      const labels = new Map(factKeyVocabulary(rules).map((k) => [k.key, k.label_zh]));
      const checks = s.crossYearChecks(points, (k) => labels.get(k) ?? '');
      const rows = points.map(({ factor: _f, ...p }) => p);
      const body = opts.wide ? (() => { const w = s.wideSeries(points); return csvText(w.columns, w.rows, false); })() : csvText(s.SERIES_COLUMNS, rows, false);
      const checksFile = checksFileOf(opts.out);
      await writeAtomic(opts.out, body);
      await writeAtomic(checksFile, csvText(s.CROSS_YEAR_CHECK_COLUMNS, checks.map((c) => ({ ...c })), false));
      const usedIds = new Set(points.map((p) => p.doc_id));
      for (const d of duplicates) if (usedIds.has(d.chosen)) process.stdout.write(`同一报告：${d.reason}\n`);
      for (const sp of specs) if (!points.some((p) => p.key === sp.text || p.key.startsWith(`${sp.text}[`))) process.stdout.write(`没有数据：${sp.text} 在 ${opts.in} 的任何报告中都没有\n`);
      for (const c of checks) process.stdout.write(`${c.message}\n`);
      process.stdout.write(`序列 ${new Set(points.map((p) => p.key)).size} 个、${points.length} 个值（${new Set(points.map((p) => p.department)).size} 个部门，${new Set(points.map((p) => p.year)).size} 个年度），写入 ${opts.out}；跨年度检查未通过 ${checks.length} 条，写入 ${checksFile}\n`);
      setExitCode(SERIES_EXIT.ok);
    });
}
