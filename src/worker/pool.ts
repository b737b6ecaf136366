/**
 * A pool of long-lived document processes (child_process.fork of src/worker/child): N documents at once,
 * each in a process of its own, so one document's failure is that document's.
 *
 * Processes, not worker threads: pdf.js keeps its decoded streams in ArrayBuffers, outside the V8 heap
 * that a worker's resourceLimits bound; measured on a FlateDecode bomb, a worker thread limited to a
 * 256 MB heap grew past 1.5 GB of RSS. A process can be watched (its RSS, read from /proc) and killed.
 *
 * The parent watches each busy child: past the memory ceiling it is killed (the document fails as
 * too_large), past the wall-clock timeout too (timeout); a child that dies on its own (a native crash,
 * an abort) fails its document as crashed. A dead child is replaced on the next document.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DocumentErrorCode } from '../errors.js';
import type { DocumentSummary } from '../write/output.js';
import type { ChildSetup, FromChild, ToChild } from './messages.js';

export interface PoolOptions {
  /** processes at most (each started when first needed) */
  size: number;
  setup: ChildSetup;
  /** per document, wall clock */
  timeoutMs: number;
  /** per process, resident memory */
  maxRssBytes: number;
  onPage?: (file: string, page: number, pages: number) => void;
}

export type Outcome = Result & {
  /** from the document's start in a process to its end */
  seconds: number;
  /** the highest resident memory of its process seen while it ran (polled), MB */
  peakRssMb: number | null;
};

type Result = { ok: true; summary: DocumentSummary } | { ok: false; code: DocumentErrorCode; message: string };

/** What the pool is told about a document besides its file. */
export interface JobSpec {
  /** the store it goes into */
  outDir: string;
  /** the store's key: its output folder */
  docId: string;
  /** the path recorded in document.json */
  source: string;
  /** bytes of the file: the smallest waiting document goes first (a text report before a long scan) */
  size: number;
}

/** The run was interrupted (a signal): the document was stopped, or never started. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

interface Job extends JobSpec {
  id: number;
  file: string;
  path?: Buffer;
  peakRss?: number;
  resolve: (o: Outcome) => void;
  reject: (e: Error) => void;
  started?: number;
}

interface Slot {
  child?: ChildProcess;
  ready?: Promise<void>;
  job?: Job;
  /** why the parent killed the child, if it did */
  killed?: { code: DocumentErrorCode; message: string };
  timer?: NodeJS.Timeout;
}

const POLL_MS = 100;

/** The compiled child next to this module; from the TypeScript sources (tests, development) through tsx. */
function childEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? { file: here.replace(/pool\.ts$/, 'child.ts'), execArgv: ['--import', 'tsx'] } : { file: here.replace(/pool\.js$/, 'child.js'), execArgv: [] };
}

/** Resident set size of a process in bytes (Linux /proc); undefined where that is not available. */
export async function rssOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}

export class DocumentPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private poller?: NodeJS.Timeout;
  private closed = false;
  /** a child that cannot even start: the run cannot go on (an internal error, not a document's) */
  private broken?: Error;

  constructor(private readonly opts: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, opts.size) }, () => ({}));
  }

  /**
   * Reads one document in a child. Resolves with the document's success or failure; rejects only when
   * no document process can be started at all (then the run itself has failed).
   */
  run(file: string, bytesPath: Buffer | undefined, spec: JobSpec): Promise<Outcome> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Interrupted());
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ ...spec, id: this.nextId++, file, path: bytesPath, resolve, reject });
      this.pump();
    });
  }

  /**
   * Stops everything (SIGINT / SIGTERM): waiting documents are not started, running ones are killed; all
   * of them reject with Interrupted. Their store entries stay pending, so the next run does them.
   */
  async abort(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    for (const j of this.queue.splice(0)) j.reject(new Interrupted());
    await Promise.all(
      this.slots.map(async (slot) => {
        const child = slot.child;
        const job = slot.job;
        slot.job = undefined;
        clearTimeout(slot.timer);
        job?.reject(new Interrupted());
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
        slot.killed = { code: 'crashed', message: 'interrupted' };
        child.kill('SIGKILL');
        await exited;
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    await Promise.all(
      this.slots.map(async (s) => {
        const child = s.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // closes its OCR workers and exits; killed if it does not within a few seconds
        this.send(child, { type: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private send(child: ChildProcess, msg: ToChild): void {
    if (child.connected) child.send(msg);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0 || this.closed) return;
      if (slot.job) continue;
      // smallest first: many short text reports are not held up behind one long scan
      let best = 0;
      for (let i = 1; i < this.queue.length; i++) if (this.queue[i].size < this.queue[best].size) best = i;
      const job = this.queue.splice(best, 1)[0];
      void this.dispatch(slot, job);
    }
  }

  private spawn(slot: Slot): void {
    const { file, execArgv } = childEntry();
    const maxMb = Math.ceil(this.opts.maxRssBytes / (1 << 20));
    const child = fork(file, [], {
      // the JS heap may not outgrow the ceiling either (V8 dies with "heap out of memory": too_large)
      execArgv: [...execArgv, `--max-old-space-size=${maxMb}`, ...(process.env.JUESUAN_DEBUG ? ['--enable-source-maps'] : [])],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    slot.child = child;
    slot.killed = undefined;
    // the end of what it printed, for the message when it dies (all of it with JUESUAN_DEBUG)
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      if (process.env.JUESUAN_DEBUG) process.stderr.write(s);
      stderr = (stderr + s).slice(-4000);
    });
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    slot.ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    let isReady = false;
    child.on('message', (msg: FromChild) => {
      if (msg.type === 'ready') {
        isReady = true;
        readyResolve();
      } else if (msg.type === 'page' && slot.job?.id === msg.id) {
        this.opts.onPage?.(slot.job.file, msg.page, msg.pages);
      } else if ((msg.type === 'done' || msg.type === 'failed') && slot.job?.id === msg.id && !slot.killed) {
        // (once killed, the document ends on the process's exit, with the reason it was killed)
        // a process on its way out is not given another document
        if (msg.type === 'failed' && msg.exiting) slot.child = undefined;
        this.finish(slot, msg.type === 'done' ? { ok: true, summary: msg.summary } : { ok: false, code: msg.code, message: msg.message });
      }
    });
    // 'close': after the exit and the end of its stderr (a V8 out-of-memory message comes last)
    child.on('close', (code, signal) => {
      const current = slot.child === child;
      if (current) slot.child = undefined;
      if (!isReady) readyReject(new Error(`a document process could not start (${signal ?? `exit ${code}`})${lastLine(stderr) ? `: ${lastLine(stderr)}` : ''}`));
      // (before it was ready, dispatch() reports the failure to start)
      else if (current && slot.job) this.finish(slot, { ok: false, ...(slot.killed ?? died(slot.job.file, code, signal, stderr)) });
    });
    child.on('error', () => undefined); // reported through 'close'
    this.send(child, { type: 'init', setup: this.opts.setup });
  }

  private async dispatch(slot: Slot, job: Job): Promise<void> {
    slot.job = job;
    if (!slot.child) this.spawn(slot);
    try {
      await slot.ready;
    } catch (err) {
      this.broken = err as Error;
      slot.job = undefined;
      for (const j of [job, ...this.queue.splice(0)]) j.reject(this.broken);
      return;
    }
    const child = slot.child!;
    slot.timer = setTimeout(() => this.kill(slot, 'timeout', `${job.file}: 处理超过 ${this.opts.timeoutMs / 1000} 秒（--timeout），已停止`), this.opts.timeoutMs);
    this.startPolling();
    job.started = performance.now();
    this.send(child, { type: 'doc', id: job.id, file: job.file, path: job.path, outDir: job.outDir, docId: job.docId, source: job.source });
  }

  private kill(slot: Slot, code: DocumentErrorCode, message: string): void {
    if (!slot.child || slot.killed) return;
    slot.killed = { code, message };
    slot.child.kill('SIGKILL');
  }

  private finish(slot: Slot, result: Result): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    job.resolve({ ...result, seconds: Math.round(performance.now() - (job.started ?? performance.now())) / 1000, peakRssMb: job.peakRss === undefined ? null : Math.round(job.peakRss / (1 << 20)) });
    this.pump();
  }

  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => {
      for (const slot of this.slots) {
        const child = slot.child;
        if (!slot.job || !child?.pid || slot.killed) continue;
        const file = slot.job.file;
        const job = slot.job;
        void rssOf(child.pid).then((rss) => {
          if (rss !== undefined && rss > (job.peakRss ?? 0)) job.peakRss = rss;
          if (rss !== undefined && rss > this.opts.maxRssBytes && slot.child === child && slot.job?.file === file) {
            this.kill(slot, 'too_large', `${file}: 需要的内存超过 ${Math.round(this.opts.maxRssBytes / (1 << 20))} MB（--max-memory），已停止`);
          }
        });
      }
    }, POLL_MS);
    this.poller.unref();
  }
}

function lastLine(s: string): string {
  return s.trim().split('\n').pop()?.trim().slice(0, 300) ?? '';
}

/** Why a child that nobody killed is gone, as a document failure. */
function died(file: string, code: number | null, signal: NodeJS.Signals | null, stderr: string): { code: DocumentErrorCode; message: string } {
  if (/heap out of memory|Allocation failed/i.test(stderr)) return { code: 'too_large', message: `${file}: 内存超过上限（--max-memory），已停止` };
  if (signal) return { code: 'crashed', message: `${file}: 处理该文件的进程意外终止（信号 ${signal}）` };
  const first = stderr.trim().split('\n')[0]?.trim().slice(0, 300);
  return { code: 'crashed', message: `${file}: 处理该文件的进程意外终止（退出码 ${code}）${first ? `：${first}` : ''}` };
}
