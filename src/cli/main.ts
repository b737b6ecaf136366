import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_LIMITS, runBatch } from '../batch.js';
import { RuleError, loadRules } from '../rules/load.js';
import type { Rules } from '../rules/schema.js';
import { expandInputs } from './files.js';
import { outDirProblem } from '../write/paths.js';
import { parseOcrMode, type OcrMode } from '../ocr/decide.js';
import { registerDiff } from './diff.js';
import { registerReview } from './review.js';
import { registerSeries } from './series.js';
import { Progress } from './progress.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, documentsFailed: 1, usage: 2, internal: 70 } as const;

/** The rules that come with the package: found from this module, not the working directory (src/cli and dist/cli alike). */
const DEFAULT_RULES = fileURLToPath(new URL('../../rules', import.meta.url));

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function parseOcr(v: string): OcrMode {
  try {
    return parseOcrMode(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('juesuan')
    .description('Turns 部门决算 (final-accounts) report PDFs into validated, sourced records.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('extract')
    .description('extract records from PDFs into CSV and JSON files')
    .argument('[paths...]', 'PDF files, directories or glob patterns', ['raw/'])
    .option('-o, --out <dir>', 'output directory', 'extracted')
    .option('-r, --rules <dir>', 'rules directory (default: the rules installed with juesuan)', DEFAULT_RULES)
    .option('-c, --concurrency <n>', 'documents processed at once (default: the number of cores)', positiveInt, os.availableParallelism())
    .option('--bom', 'write CSV files with a UTF-8 BOM (for Excel on Chinese Windows)', false)
    .option('--strict', `exit with ${EXIT.documentsFailed} when any document failed`, false)
    .option('--password <password>', 'user password for encrypted PDFs')
    .option('--ocr <mode>', 'OCR pages without a usable text layer (auto), every page (always), or none (never)', parseOcr, 'auto')
    .option('--no-progress', 'no progress display on stderr')
    .option('--timeout <seconds>', 'per document: stop it after this many seconds (fails as timeout)', positiveNumber, DEFAULT_LIMITS.timeoutSeconds)
    .option('--max-memory <MB>', 'per document: stop it when its process uses more memory (fails as too_large)', positiveNumber, DEFAULT_LIMITS.maxMemoryMb)
    .option('--max-size <MB>', 'per document: larger files fail as too_large without being read', positiveNumber, DEFAULT_LIMITS.maxSizeMb)
    .option('--max-pages <n>', 'per document: PDFs with more pages fail as too_large', positiveInt, DEFAULT_LIMITS.maxPages)
    .action(async (paths: string[], opts: { out: string; rules: string; concurrency: number; bom: boolean; strict: boolean; password?: string; ocr: OcrMode; progress: boolean; timeout: number; maxMemory: number; maxSize: number; maxPages: number }) => {
      const outProblem = await outDirProblem(opts.out);
      if (outProblem) {
        process.stderr.write(`juesuan: --out ${outProblem}\n`);
        code = EXIT.usage;
        return;
      }
      let rules: Rules;
      try {
        // checked here, before any work, and handed to the document processes (parsing them is ≈0.5 s of CPU)
        rules = await loadRules(opts.rules);
      } catch (err) {
        if (err instanceof RuleError) {
          process.stderr.write(`juesuan: bad rule file: ${err.message}\n`);
          code = EXIT.usage;
          return;
        }
        throw err;
      }
      const { files, missing } = await expandInputs(paths);
      if (missing.length > 0) {
        process.stderr.write(`juesuan: no such file: ${missing.join(', ')}\n`);
        code = EXIT.usage;
        return;
      }
      if (files.length === 0) {
        process.stderr.write(`juesuan: no PDF files found in ${paths.join(' ')}\n`);
        code = EXIT.usage;
        return;
      }
      const progress = new Progress(files.length, opts.progress && process.stderr.isTTY === true);
      const { manifest } = await runBatch({
        files,
        outDir: opts.out,
        rulesDir: opts.rules,
        rules,
        concurrency: opts.concurrency,
        bom: opts.bom,
        password: opts.password,
        ocrMode: opts.ocr,
        limits: { timeoutSeconds: opts.timeout, maxMemoryMb: opts.maxMemory, maxSizeMb: opts.maxSize, maxPages: opts.maxPages },
        version: pkg.version,
        onProgress: (e) => {
          if (e.done) {
            progress.clear();
            process.stdout.write(summaryLine(e.done) + '\n');
            progress.fileDone();
          } else if (e.page) progress.page(path.basename(e.file), e.page, e.pages ?? 0);
        },
      });
      progress.clear();
      // documents.csv, duplicate reports, datapackage.json and juesuan.duckdb over the whole output folder
      const { indexCorpus } = await import('../write/corpus-index.js');
      const index = await indexCorpus(opts.out, rules, { bom: opts.bom, version: pkg.version });
      for (const d of index.duplicates) process.stdout.write(`同一报告：${d.reason}\n`);
      const failed = manifest.documents.filter((d) => d.status === 'failed').length;
      process.stdout.write(`共 ${manifest.documents.length} 个文件，成功 ${manifest.documents.length - failed} 个、失败 ${failed} 个，结果在 ${opts.out}/（manifest.json 逐一列出）\n`);
      if (failed > 0 && opts.strict) code = EXIT.documentsFailed;
    });

  registerReview(program, (c) => {
    code = c;
  });
  registerDiff(program, (c) => {
    code = c;
  });
  registerSeries(program, (c) => {
    code = c;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.code?.startsWith('commander.')) return EXIT.usage;
    throw err;
  }
  return code;
}

/** An error outside any one document: one line, the stack only with JUESUAN_DEBUG=1. */
export function reportInternal(err: unknown): number {
  const e = err as Error | undefined;
  const detail = process.env.JUESUAN_DEBUG ? `\n${e?.stack ?? String(err)}` : ' (set JUESUAN_DEBUG=1 for the stack)';
  process.stderr.write(`juesuan: internal error: ${(e?.message ?? String(err)).split('\n')[0]}${detail}\n`);
  return EXIT.internal;
}

/**
 * The process entry of every way in (bin/juesuan.mjs, npm run extract/review/diff): sets the exit code
 * the README documents, 70 and one line for anything unexpected, even an error nobody awaited.
 */
export async function run(argv: string[]): Promise<void> {
  const fatal = (err: unknown) => {
    process.exitCode = reportInternal(err);
    process.exit();
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    process.exitCode = reportInternal(err);
  }
}

/** One line per file on stdout, for analysts: Chinese, with the counts (ids and warning codes stay ASCII). */
function summaryLine(d: import('../write/output.js').ManifestEntry): string {
  if (d.status === 'failed') return `FAIL ${(d.error?.message ?? d.file).replace(/\s*\n\s*/g, ' ')}`;
  const r = d.records!;
  const c = d.checks_failed!;
  const pages = [d.ocr_pages.length ? `OCR ${d.ocr_pages.length} 页` : '', d.unreadable_pages.length ? `无法读取 ${d.unreadable_pages.length} 页` : ''].filter(Boolean).join('，');
  const counts = [`事实 ${r.facts} 条`, `表格单元格 ${r.table_cells} 个`, `科目行 ${r.line_items} 条`, `基本支出明细 ${r.basic_items} 条`, `绩效自评表 ${r.evaluations} 张`, `绩效指标 ${r.indicators} 个`].join('、');
  return `ok   ${d.file}: ${d.pages} 页${pages ? `（${pages}）` : ''}，${counts}；检查未通过：错误 ${c.error} 条、警告 ${c.warning} 条（${d.seconds.toFixed(1)} 秒）${d.warnings.length ? `; warnings: ${d.warnings.join(', ')}` : ''}`;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]).replace(/\.[mc]?[jt]s$/, '') === path.resolve(new URL(import.meta.url).pathname).replace(/\.[mc]?[jt]s$/, '');
if (invokedDirectly) await run(process.argv.slice(2));
