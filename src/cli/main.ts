import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { runBatch } from '../batch.js';
import { expandInputs } from './files.js';
import { DEFAULT_RULES, documentOptions, limitsOf, setupProblem, type DocumentOptions } from './options.js';
import { registerDiff } from './diff.js';
import { registerReview } from './review.js';
import { registerQueue } from './queue.js';
import { registerSeries } from './series.js';
import { loadRules } from '../rules/load.js';
import { Progress } from './progress.js';
import { skipLine, summaryLine } from './lines.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, documentsFailed: 1, usage: 2, internal: 70, sigint: 130, sigterm: 143 } as const;

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('juesuan')
    .description('Turns 部门决算 (final-accounts) report PDFs into validated, sourced records.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  documentOptions(
    program
      .command('extract')
      .description('extract records from PDFs into CSV and JSON files')
      .argument('[paths...]', 'PDF files, directories or glob patterns', ['raw/']),
    'extracted',
  )
    .option('--strict', `exit with ${EXIT.documentsFailed} when any document failed`, false)
    .option('--no-progress', 'no progress display on stderr')
    .option('--force', 'read again documents whose stored result is up to date (same file, rules and version)', false)
    .action(async (paths: string[], opts: DocumentOptions & { strict: boolean; progress: boolean; force: boolean }) => {
      const problem = await setupProblem(opts);
      if (problem) {
        process.stderr.write(problem + '\n');
        code = EXIT.usage;
        return;
      }
      // (checked by setupProblem; the corpus index needs them too)
      const rules = await loadRules(opts.rules);
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
      // Ctrl-C / SIGTERM: running documents are stopped, the finished ones kept, the corpus files rebuilt;
      // a second signal ends at once (the store stays valid: every file in it is written atomically).
      const stop = new AbortController();
      let signal: NodeJS.Signals | undefined;
      const onSignal = (sig: NodeJS.Signals) => {
        if (signal) process.exit(sig === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
        signal = sig;
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let result: Awaited<ReturnType<typeof runBatch>>;
      try {
        result = await runBatch({
          files,
          outDir: opts.out,
          rulesDir: opts.rules,
          rules,
          concurrency: opts.concurrency,
          bom: opts.bom,
          password: opts.password,
          ocrMode: opts.ocr,
          limits: limitsOf(opts),
          version: pkg.version,
          force: opts.force,
          signal: stop.signal,
          onProgress: (e) => {
            if (e.done || e.skipped) {
              progress.clear();
              process.stdout.write((e.done ? summaryLine(e.done) : skipLine(e.file, e.skipped!, e.duplicateOf)) + '\n');
              progress.fileDone();
            } else if (e.page) progress.page(path.basename(e.file), e.page, e.pages ?? 0);
          },
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      progress.clear();
      const { manifest, done, skipped, total } = result;
      // documents.csv, duplicate reports, datapackage.json and juesuan.duckdb over the whole output folder
      const { indexCorpus } = await import('../write/corpus-index.js');
      const index = await indexCorpus(opts.out, rules, { bom: opts.bom, version: pkg.version });
      for (const d of index.duplicates) process.stdout.write(`同一报告：${d.reason}\n`);
      const failed = done.filter((d) => d.status === 'failed').length;
      const stored = `结果在 ${opts.out}/（manifest.json 逐一列出，共 ${manifest.documents.length} 个文件）`;
      if (result.interrupted) {
        const finished = done.length + skipped.length;
        process.stdout.write(`interrupted: ${finished} of ${total} done（${signal}）：共 ${total} 个文件，已完成 ${finished} 个（本次读取 ${done.length} 个、未变跳过 ${skipped.length} 个），${stored}；再次运行同一命令从中断处继续\n`);
        code = signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
        return;
      }
      process.stdout.write(`共 ${total} 个文件，成功 ${done.length - failed} 个、失败 ${failed} 个${skipped.length ? `、未变跳过 ${skipped.length} 个` : ''}，${stored}\n`);
      if (failed > 0 && opts.strict) code = EXIT.documentsFailed;
    });

  registerQueue(program, pkg, (c) => {
    code = c;
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

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]).replace(/\.[mc]?[jt]s$/, '') === path.resolve(new URL(import.meta.url).pathname).replace(/\.[mc]?[jt]s$/, '');
if (invokedDirectly) await run(process.argv.slice(2));
