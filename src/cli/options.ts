/** Options and checks shared by `extract` and `worker` (both run documents through the same runner). */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_LIMITS, type DocumentLimits } from '../batch.js';
import { parseOcrMode, type OcrMode } from '../ocr/decide.js';
import { RuleError, loadRules } from '../rules/load.js';
import { outDirProblem } from '../write/paths.js';

/** The rules that come with the package: found from this module, not the working directory (src/cli and dist/cli alike). */
export const DEFAULT_RULES = fileURLToPath(new URL('../../rules', import.meta.url));

export function parseOcr(v: string): OcrMode {
  try {
    return parseOcrMode(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}

export interface DocumentOptions {
  out: string;
  rules: string;
  concurrency: number;
  bom: boolean;
  password?: string;
  ocr: OcrMode;
  timeout: number;
  maxMemory: number;
  maxSize: number;
  maxPages: number;
}

/** --out, --rules, --concurrency and the per-document options and bounds (README "Command line"). */
export function documentOptions(cmd: Command, outDefault?: string): Command {
  return cmd
    .option('-o, --out <dir>', 'output directory (the corpus store)', outDefault)
    .option('-r, --rules <dir>', 'rules directory (default: the rules installed with juesuan)', DEFAULT_RULES)
    .option('-c, --concurrency <n>', 'documents processed at once (default: the number of cores)', positiveInt, os.availableParallelism())
    .option('--bom', 'write CSV files with a UTF-8 BOM (for Excel on Chinese Windows)', false)
    .option('--password <password>', 'user password for encrypted PDFs')
    .option('--ocr <mode>', 'OCR pages without a usable text layer (auto), every page (always), or none (never)', parseOcr, 'auto')
    .option('--timeout <seconds>', 'per document: stop it after this many seconds (fails as timeout)', positiveNumber, DEFAULT_LIMITS.timeoutSeconds)
    .option('--max-memory <MB>', 'per document: stop it when its process uses more memory (fails as too_large)', positiveNumber, DEFAULT_LIMITS.maxMemoryMb)
    .option('--max-size <MB>', 'per document: larger files fail as too_large without being read', positiveNumber, DEFAULT_LIMITS.maxSizeMb)
    .option('--max-pages <n>', 'per document: PDFs with more pages fail as too_large', positiveInt, DEFAULT_LIMITS.maxPages);
}

export function limitsOf(opts: DocumentOptions): DocumentLimits {
  return { timeoutSeconds: opts.timeout, maxMemoryMb: opts.maxMemory, maxSizeMb: opts.maxSize, maxPages: opts.maxPages };
}

/** Checks before any work: a usable --out and rules that load. A usage error's one line, or null. */
export async function setupProblem(opts: { out: string; rules: string }, prefix = 'juesuan'): Promise<string | null> {
  const outProblem = await outDirProblem(opts.out);
  if (outProblem) return `${prefix}: --out ${outProblem}`;
  try {
    // checked here, before any work; each document process loads them again
    await loadRules(opts.rules);
  } catch (err) {
    if (err instanceof RuleError) return `${prefix}: bad rule file: ${err.message}`;
    throw err;
  }
  return null;
}
