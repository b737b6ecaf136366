/** `juesuan queue add|status` and `juesuan worker`: queue mode (src/queue/queue.ts), loaded only when used. */
import type { Command } from 'commander';
import { expandInputs } from './files.js';
import { documentOptions, limitsOf, positiveInt, positiveNumber, setupProblem, type DocumentOptions } from './options.js';
import { outDirProblem } from '../write/paths.js';
import { skipLine, summaryLine } from './lines.js';

const EXIT = { ok: 0, usage: 2, unavailable: 69 } as const;

/** One line for a Redis that cannot be reached (exit 69); anything else is the caller's to report. */
async function withRedis(setExitCode: (code: number) => void, prefix: string, work: () => Promise<void>): Promise<void> {
  const { RedisUnavailable } = await import('../queue/queue.js');
  try {
    await work();
  } catch (err) {
    if (!(err instanceof RedisUnavailable)) throw err;
    process.stderr.write(`${prefix}: ${err.message}\n`);
    setExitCode(EXIT.unavailable);
  }
}

export function registerQueue(program: Command, pkg: { version: string }, setExitCode: (code: number) => void): void {
  const queue = program.command('queue').description('queue mode: put documents on a BullMQ queue in Redis for `juesuan worker` processes');
  queue
    .command('add')
    .description('put PDFs on the queue (files, directories or glob patterns)')
    .argument('<paths...>', 'PDF files, directories or glob patterns')
    .option('-o, --out <dir>', 'the output folder their results go into (default: the --out of the worker)')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL, else redis://127.0.0.1:6379)')
    .option('--attempts <n>', 'attempts per document before its job is failed (a crash, a timeout)', positiveInt, 3)
    .option('--backoff <seconds>', 'wait before the first retry, doubled at each one', positiveNumber, 30)
    .action(async (paths: string[], opts: { out?: string; redis?: string; attempts: number; backoff: number }) => {
      if (opts.out) {
        const problem = await outDirProblem(opts.out);
        if (problem) {
          process.stderr.write(`juesuan queue add: --out ${problem}\n`);
          return setExitCode(EXIT.usage);
        }
      }
      const { files, missing } = await expandInputs(paths);
      if (missing.length > 0) {
        process.stderr.write(`juesuan queue add: no such file: ${missing.join(', ')}\n`);
        return setExitCode(EXIT.usage);
      }
      if (files.length === 0) {
        process.stderr.write(`juesuan queue add: no PDF files found in ${paths.join(' ')}\n`);
        return setExitCode(EXIT.usage);
      }
      const { addToQueue, redisUrl } = await import('../queue/queue.js');
      const redis = redisUrl(opts.redis);
      await withRedis(setExitCode, 'juesuan queue add', async () => {
        const r = await addToQueue(files, { redis, out: opts.out, attempts: opts.attempts, backoffSeconds: opts.backoff });
        process.stdout.write(`已加入队列 ${r.added} 个文件${r.already ? `，${r.already} 个已在队列中` : ''}（${redis}，每个最多尝试 ${opts.attempts} 次）\n`);
      });
    });
  queue
    .command('status')
    .description('jobs waiting, active, done and failed')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL, else redis://127.0.0.1:6379)')
    .action(async (opts: { redis?: string }) => {
      const { queueStatus, redisUrl } = await import('../queue/queue.js');
      const redis = redisUrl(opts.redis);
      await withRedis(setExitCode, 'juesuan queue status', async () => {
        const s = await queueStatus(redis);
        process.stdout.write(`waiting ${s.waiting}, active ${s.active}, done ${s.done}, failed ${s.failed}, delayed ${s.delayed}（等待 ${s.waiting} 个、进行中 ${s.active} 个、完成 ${s.done} 个、失败 ${s.failed} 个、等待重试 ${s.delayed} 个；${redis}）\n`);
        for (const f of s.failures) process.stdout.write(`FAIL ${f.reason.replace(/\s*\n\s*/g, ' ')}（尝试 ${f.attempts} 次）\n`);
      });
    });

  documentOptions(program.command('worker').description('take documents from the queue and write their results into the output folder, until SIGINT / SIGTERM'), 'extracted')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL, else redis://127.0.0.1:6379)')
    .action(async (opts: DocumentOptions & { redis?: string }) => {
      const problem = await setupProblem(opts, 'juesuan worker');
      if (problem) {
        process.stderr.write(problem + '\n');
        return setExitCode(EXIT.usage);
      }
      const { redisUrl, runWorker } = await import('../queue/queue.js');
      const redis = redisUrl(opts.redis);
      // first signal: take no more jobs, let the running ones finish; second: stop them too
      let stopResolve!: () => void;
      let abortResolve!: () => void;
      const stop = new Promise<void>((r) => (stopResolve = r));
      const abort = new Promise<void>((r) => (abortResolve = r));
      let signals = 0;
      const onSignal = () => {
        signals++;
        if (signals === 1) {
          process.stderr.write('juesuan worker: 停止接收新任务，等待进行中的文件完成（再按一次 Ctrl-C 立即停止）\n');
          stopResolve();
        } else abortResolve();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await withRedis(setExitCode, 'juesuan worker', async () => {
          const r = await runWorker(
            {
              redis,
              outDir: opts.out,
              rulesDir: opts.rules,
              version: pkg.version,
              concurrency: opts.concurrency,
              bom: opts.bom,
              password: opts.password,
              ocrMode: opts.ocr,
              limits: limitsOf(opts),
              onDone: (e, retry) => process.stdout.write(`${summaryLine(e)}${retry ? `（第 ${retry.attempt} 次，共 ${retry.attempts} 次：${retry.attempt < retry.attempts ? '将重试' : '不再重试，任务失败'}）` : ''}\n`),
              onSkipped: (e) => process.stdout.write(skipLine(e.file, e) + '\n'),
            },
            stop,
            abort,
          );
          process.stdout.write(`worker 结束：本次成功 ${r.done} 个、失败 ${r.failed} 个\n`);
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
