/**
 * Offline OCR engine: a pool of tesseract.js workers (WebAssembly tesseract in worker threads).
 *
 * Nothing is fetched: the traineddata is read from the installed @tesseract.js-data/chi_sim package
 * (LSTM-only `4.0.0_best_int`), the worker script and the wasm core come from node_modules, and
 * `cacheMethod: 'none'` stops tesseract.js from writing a cache beside the working directory.
 * Workers are created once and reused for every page and file of a run; `close()` terminates them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { toPgm, type GrayImage } from '../read/render.js';

const require = createRequire(import.meta.url);

/** Folder of the LSTM-only Chinese (simplified) model shipped by the npm package. */
export const CHI_SIM_LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
const WORKER_PATH = path.join(path.dirname(require.resolve('tesseract.js/package.json')), 'src', 'worker-script', 'node', 'index.js');

/** Tesseract page segmentation modes used here. */
export const PSM = { AUTO: '3', SINGLE_BLOCK: '6', SINGLE_LINE: '7' } as const;
export type Psm = (typeof PSM)[keyof typeof PSM];

export interface RecognizeParams {
  /** resolution of the image (tesseract's user_defined_dpi: it scales its size heuristics) */
  dpi: number;
  /** page segmentation mode (default AUTO, for a whole page) */
  psm?: Psm;
  /** only these characters may be output (numeric table columns) */
  whitelist?: string;
}

export type OcrPage = Tesseract.Page;

export interface OcrPool {
  readonly size: number;
  /** OCR one grey image; jobs queue until a worker is free. */
  recognize(image: GrayImage, params: RecognizeParams): Promise<OcrPage>;
  /** Terminates every worker; pending jobs are rejected. */
  close(): Promise<void>;
}

interface Job {
  image: Uint8Array;
  params: RecognizeParams;
  resolve: (p: OcrPage) => void;
  reject: (e: unknown) => void;
}

/** Creates `size` workers (default: one per core, at least 1) with the Chinese model loaded. */
export async function createOcrPool(size?: number): Promise<OcrPool> {
  const { availableParallelism } = await import('node:os');
  const n = Math.max(1, Math.floor(size ?? availableParallelism()));
  const workers = await Promise.all(Array.from({ length: n }, () => createOcrWorker()));
  const idle = [...workers];
  const queue: Job[] = [];
  let closed = false;

  const pump = (): void => {
    while (!closed && idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      run(worker, job).finally(() => {
        idle.push(worker);
        pump();
      });
    }
  };

  return {
    size: n,
    recognize(image, params) {
      if (closed) return Promise.reject(new Error('OCR pool is closed'));
      return new Promise<OcrPage>((resolve, reject) => {
        queue.push({ image: toPgm(image), params, resolve, reject });
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('OCR pool closed'));
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
    },
  };
}

async function createOcrWorker(): Promise<Tesseract.Worker> {
  const worker = await Tesseract.createWorker('chi_sim', Tesseract.OEM.LSTM_ONLY, {
    langPath: CHI_SIM_LANG_PATH,
    workerPath: WORKER_PATH,
    cacheMethod: 'none',
    gzip: true,
    errorHandler: () => undefined, // errors reach the job's promise; no console noise
  });
  // Without it tesseract puts a space between every Chinese character (tesseract.js #748).
  // debug_file: tesseract's own diagnostics ("Bottom=0, top=5, base=0, x=0" on a tiny crop) go to stderr otherwise.
  await worker.setParameters({ preserve_interword_spaces: '1', debug_file: '/dev/null' });
  return worker;
}

async function run(worker: Tesseract.Worker, job: Job): Promise<void> {
  // Per-job parameters: tesseract.js sets them for this job only and restores the previous ones after.
  const options: Record<string, string> = {
    user_defined_dpi: String(Math.round(job.params.dpi)),
    tessedit_pageseg_mode: job.params.psm ?? PSM.AUTO,
  };
  if (job.params.whitelist) options.tessedit_char_whitelist = job.params.whitelist;
  try {
    const result = await worker.recognize(Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength), options as Partial<Tesseract.RecognizeOptions>, {
      text: true,
      blocks: true,
    });
    job.resolve(result.data);
  } catch (err) {
    job.reject(err instanceof Error ? err : new Error(`OCR failed: ${String(err)}`));
  }
}
