/** `juesuan review`: a static HTML page per extraction that puts every record beside its place on the page. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DocumentError } from '../errors.js';
import { outDirProblem, UnsafePathError } from '../write/paths.js';
import { BadExtractionError } from '../review/doc.js';

export const REVIEW_EXIT = { ok: 0, documentsFailed: 1, usage: 2 } as const;

function intIn(lo: number, hi: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new InvalidArgumentError(`expected a whole number from ${lo} to ${hi}`);
    return n;
  };
}

/**
 * Adds the review subcommand. The exit code goes through `setExitCode` because main() owns the process's
 * code (it returns one); by default it is set on the process.
 */
export function registerReview(program: Command, setExitCode: (code: number) => void = (c) => void (process.exitCode = c)): Command {
  return program
    .command('review')
    .description('write a static HTML review page per extraction: each page image with the extracted values outlined, beside their records')
    .argument('[paths...]', 'extracted/<doc_id> directories, document.json files, or an output folder (every document in it)', ['extracted'])
    .option('-o, --out <dir>', 'output directory (<doc_id>.html)', 'review')
    .option('--pdf <file>', 'the PDF (one extraction only; default: the path it was extracted from, else source.file in raw/ or next to the extraction)')
    .option('--dpi <n>', 'page image resolution', intIn(36, 300), 100)
    .option('--quality <n>', 'JPEG quality', intIn(10, 100), 60)
    .option('--image-files', 'write page images beside the HTML (<doc_id>.pages/) instead of inside it', false)
    .option('--password <password>', 'user password for encrypted PDFs')
    .action(async (paths: string[], opts: { out: string; pdf?: string; dpi: number; quality: number; imageFiles: boolean; password?: string }) => {
      const outProblem = await outDirProblem(opts.out);
      if (outProblem) {
        process.stderr.write(`juesuan review: --out ${outProblem}\n`);
        return setExitCode(REVIEW_EXIT.usage);
      }
      // The renderer (pdf.js, the native canvas) is loaded only when a review runs.
      const { findExtractions, ReviewError, writeReview } = await import('../review/report.js');
      let docs: string[];
      try {
        docs = (await Promise.all(paths.map(findExtractions))).flat();
      } catch (err) {
        process.stderr.write(`juesuan review: ${(err as Error).message}\n`);
        return setExitCode(REVIEW_EXIT.usage);
      }
      if (docs.length === 0) {
        process.stderr.write(`juesuan review: no document.json found in ${paths.join(' ')}\n`);
        return setExitCode(REVIEW_EXIT.usage);
      }
      if (opts.pdf && docs.length > 1) {
        process.stderr.write(`juesuan review: --pdf names one PDF but ${docs.length} extractions were given\n`);
        return setExitCode(REVIEW_EXIT.usage);
      }
      let failed = 0;
      // One at a time: pdf.js keeps per-document state in a process-wide singleton (see PipelineOptions).
      for (const doc of docs) {
        try {
          const r = await writeReview(doc, { out: opts.out, pdf: opts.pdf, dpi: opts.dpi, quality: opts.quality, images: opts.imageFiles ? 'files' : 'inline', password: opts.password });
          const records = r.model.kinds.reduce((a, k) => a + k.count, 0);
          const boxed = r.model.kinds.reduce((a, k) => a + k.boxed, 0);
          const failedRecords = r.model.kinds.reduce((a, k) => a + k.failed, 0);
          process.stdout.write(`ok   ${r.html}: ${r.model.pages.length} pages, ${records} records (${boxed} outlined, ${failedRecords} failing a check), ${(r.bytes / 1e6).toFixed(1)} MB\n`);
        } catch (err) {
          if (!(err instanceof ReviewError || err instanceof DocumentError || err instanceof UnsafePathError || err instanceof BadExtractionError || (err as NodeJS.ErrnoException).code)) throw err;
          failed++;
          process.stdout.write(`FAIL ${(err as Error).message}\n`);
        }
      }
      setExitCode(failed ? REVIEW_EXIT.documentsFailed : REVIEW_EXIT.ok);
    });
}
