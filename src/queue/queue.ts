/**
 * Queue mode: documents as jobs of a BullMQ queue in Redis, taken by `juesuan worker` processes on any
 * number of machines that share the output folder. BullMQ gives what a hand-made queue would get wrong:
 * atomic job moves, locks that expire when a worker dies (its job goes back to waiting: "stalled"),
 * retries with backoff, the counts of each state.
 *
 * A job is one input: its path (absolute, as the machine that added it sees it; workers must see the same
 * path), the path to record (relative to the adder's working directory) and, optionally, the store. The
 * worker runs it through the same DocumentRunner as `juesuan extract` (src/batch.ts): same keys, same
 * skipping of up-to-date results, same document processes and bounds. A document that fails on its own
 * content (not a PDF, damaged, not a report…) is a result, recorded like in local mode, and the job is
 * done; one whose process crashed, timed out or hit an internal error is retried with exponential
 * backoff, and after the last attempt the job is failed ("poisoned") with the store entry saying why.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { DocumentRunner, type DocumentLimits, type InputFile, type RunOutcome } from '../batch.js';
import type { DocumentErrorCode } from '../errors.js';
import type { OcrMode } from '../ocr/decide.js';
import { rulesFingerprint } from '../rules/load.js';
import { rebuildCorpus } from '../write/corpus.js';
import type { ManifestEntry } from '../write/output.js';
import { relativeSourcePath } from '../write/store.js';

export const QUEUE_NAME = 'juesuan';

/** `--redis`, else REDIS_URL, else the local default. */
export function redisUrl(given?: string): string {
  return given ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** Failures worth another attempt: the process, the machine or the file system, not the document's content. */
const RETRY: ReadonlySet<DocumentErrorCode> = new Set(['crashed', 'timeout', 'internal', 'write_failed', 'read_failed', 'not_found']);

export interface JobData {
  /** absolute path to open */
  file: string;
  /** bytes of a name that is not UTF-8, hex */
  pathHex?: string;
  /** the path recorded in the store (relative to the working directory of `queue add`) */
  source: string;
  /** the store (absolute); the worker's --out when absent */
  out?: string;
}

/** Redis cannot be reached: a one-line error, not an internal one. */
export class RedisUnavailable extends Error {}

function connection(url: string): ConnectionOptions {
  return { url };
}

/** Waits for the connection, at most `ms`; a queue that cannot connect would otherwise retry for ever. */
async function ready(q: { waitUntilReady(): Promise<unknown> }, url: string, ms = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      q.waitUntilReady(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new RedisUnavailable(`cannot connect to Redis at ${url} (--redis, REDIS_URL)`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface AddOptions {
  redis: string;
  out?: string;
  /** attempts per job before it is failed */
  attempts: number;
  /** first retry delay; doubled at each attempt */
  backoffSeconds: number;
}

/**
 * Puts the inputs on the queue. The job id is the file's path, size and modification time, so adding a
 * folder twice does not queue its files twice, and a file that changed is queued again.
 */
export async function addToQueue(inputs: InputFile[], opts: AddOptions): Promise<{ added: number; already: number }> {
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: connection(opts.redis) });
  queue.on('error', () => undefined); // a connection that fails is reported by ready()
  try {
    await ready(queue, opts.redis);
    let added = 0;
    const out = opts.out ? path.resolve(opts.out) : undefined;
    for (let i = 0; i < inputs.length; i += 500) {
      const chunk = inputs.slice(i, i + 500);
      const jobs = await Promise.all(
        chunk.map(async (input) => {
          const file = path.resolve(input.file);
          const st = await stat(input.path ?? file).catch(() => undefined);
          const jobId = createHash('sha256').update(`${out ?? ''}\u0000${input.path?.toString('hex') ?? file}\u0000${st?.size}\u0000${st?.mtimeMs}`).digest('hex').slice(0, 32);
          const data: JobData = { file, source: relativeSourcePath(input.file), ...(input.path ? { pathHex: input.path.toString('hex') } : {}), ...(out ? { out } : {}) };
          return {
            name: 'document',
            data,
            opts: {
              jobId,
              attempts: opts.attempts,
              backoff: { type: 'exponential', delay: Math.round(opts.backoffSeconds * 1000) },
              // done jobs are kept a week for status (and so the same file is not queued twice meanwhile)
              removeOnComplete: { age: 7 * 24 * 3600 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          };
        }),
      );
      const before = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
      await queue.addBulk(jobs);
      const after = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
      const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
      added += Math.max(0, total(after) - total(before));
    }
    return { added, already: inputs.length - added };
  } finally {
    await queue.close();
  }
}

export interface QueueStatus {
  waiting: number;
  active: number;
  done: number;
  failed: number;
  /** waiting for a retry (backoff) */
  delayed: number;
  /** the failed jobs (most recent first, at most 20): file and reason */
  failures: { file: string; reason: string; attempts: number }[];
}

export async function queueStatus(redis: string): Promise<QueueStatus> {
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: connection(redis) });
  queue.on('error', () => undefined); // a connection that fails is reported by ready()
  try {
    await ready(queue, redis);
    const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed');
    const failed = await queue.getFailed(0, 19);
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      done: c.completed ?? 0,
      failed: c.failed ?? 0,
      delayed: c.delayed ?? 0,
      failures: failed.map((j) => ({ file: j.data.file, reason: j.failedReason, attempts: j.attemptsMade })),
    };
  } finally {
    await queue.close();
  }
}

export interface WorkerOptions {
  redis: string;
  /** the store of jobs that name none */
  outDir: string;
  rulesDir: string;
  version: string;
  concurrency: number;
  bom?: boolean;
  password?: string;
  ocrMode?: OcrMode;
  limits?: Partial<DocumentLimits>;
  /** a document finished (`retry`: it failed in a way worth another attempt; the last attempt fails the job) */
  onDone?: (entry: ManifestEntry, retry?: { attempt: number; attempts: number }) => void;
  onSkipped?: (entry: ManifestEntry) => void;
}

/**
 * Takes jobs until `stop` resolves: `concurrency` documents at once, each in its own process. When the
 * queue is drained, and when it stops, it rebuilds the corpus files of every store it wrote into (another
 * worker may do the same at the same time: each file is replaced in one rename, by a complete one).
 * `stop` resolving closes the worker gracefully (running documents finish); `abort` stops them (their
 * jobs go back to the queue when their lock expires).
 */
export async function runWorker(opts: WorkerOptions, stop: Promise<void>, abort: Promise<void>): Promise<{ done: number; failed: number }> {
  const rulesSha256 = await rulesFingerprint(opts.rulesDir);
  const runner = new DocumentRunner({
    outDir: opts.outDir,
    rulesDir: opts.rulesDir,
    rulesSha256,
    version: opts.version,
    processes: opts.concurrency,
    bom: opts.bom,
    password: opts.password,
    ocrMode: opts.ocrMode,
    ocrWorkers: opts.concurrency >= 2 ? 1 : os.availableParallelism(),
    limits: opts.limits,
  });
  const started = new Date().toISOString();
  const touched = new Set<string>();
  let rebuilding = Promise.resolve();
  const rebuild = () => {
    const outs = [...touched];
    touched.clear();
    rebuilding = rebuilding.then(async () => {
      for (const out of outs) await rebuildCorpus(out, { juesuan_version: opts.version, rules_dir: opts.rulesDir, started, bom: opts.bom ?? false });
    });
    return rebuilding;
  };
  let done = 0;
  let failed = 0;
  const worker = new Worker<JobData, { doc_id: string; status: string }>(
    QUEUE_NAME,
    async (job: Job<JobData>) => {
      const out = job.data.out ?? opts.outDir;
      const input = { file: job.data.file, source: job.data.source, ...(job.data.pathHex ? { path: Buffer.from(job.data.pathHex, 'hex') } : {}) };
      const o: RunOutcome = await runner.run(input, { outDir: out });
      if (o.kind === 'interrupted') throw new Error(`${job.data.file}: interrupted (the worker was stopped)`);
      touched.add(out);
      if (o.kind === 'skipped') {
        opts.onSkipped?.(o.entry);
        return { doc_id: o.entry.doc_id, status: 'skipped' };
      }
      const e = o.entry;
      const attempts = job.opts.attempts ?? 1;
      if (e.status === 'failed' && RETRY.has(e.error!.code as DocumentErrorCode)) {
        const attempt = job.attemptsMade + 1;
        opts.onDone?.(e, { attempt, attempts });
        if (attempt >= attempts) failed++;
        throw new Error(e.error!.message);
      }
      opts.onDone?.(e);
      if (e.status === 'failed') failed++;
      else done++;
      return { doc_id: e.doc_id, status: e.status };
    },
    // the lock is renewed while a document runs (a long scan keeps its job); a dead worker's job is
    // taken again after the lock expires, and failed once that has happened twice (a poisoned input)
    { connection: connection(opts.redis), concurrency: opts.concurrency, autorun: false, maxStalledCount: 1 },
  );
  worker.on('drained', () => void rebuild().catch((err: unknown) => process.stderr.write(`juesuan worker: cannot rebuild the corpus files: ${(err as Error).message}\n`)));
  worker.on('error', (err) => process.stderr.write(`juesuan worker: ${err.message}\n`));
  await ready(worker, opts.redis);
  const running = worker.run();
  let aborted = false;
  void abort.then(async () => {
    aborted = true;
    await runner.abort();
    await worker.close(true);
  });
  await stop;
  // (bounded: with Redis gone, close() would wait for a reconnection for ever)
  if (!aborted) await Promise.race([worker.close(), new Promise((r) => setTimeout(r, 30_000).unref())]);
  await running.catch(() => undefined);
  if (!aborted) await runner.close();
  await rebuild();
  return { done, failed };
}
