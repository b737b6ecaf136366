/** `juesuan diff A B`: what changed between two extractions, or between one and a hand-corrected CSV. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';

export const DIFF_EXIT = { equal: 0, different: 1, usage: 2 } as const;

/**
 * Adds the diff subcommand. The exit code goes through `setExitCode` because main() owns the process's
 * code (it returns one); by default it is set on the process.
 */
export function registerDiff(program: Command, setExitCode: (code: number) => void = (c) => void (process.exitCode = c)): Command {
  return program
    .command('diff')
    .description('compare two extractions field by field (extracted/<doc_id> directories, document.json files, or a document.json and a corrected facts.csv / line_items.csv …); exit 0 when equal, 1 when different')
    .argument('<a>', 'extraction directory, document.json or CSV file')
    .argument('<b>', 'extraction directory, document.json or CSV file')
    .option('--csv <file>', 'also write the differences as CSV (kind,id,field,a,b)')
    .option('--ignore <fields>', 'comma-separated fields not to compare, e.g. x0,y0,x1,y1,source_text', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean), [] as string[])
    .option('-q, --quiet', 'print nothing; only the exit code tells', false)
    .option('--delta', 'values only (two years, two departments): per record both values, the change and the percentage, largest change first; positions left out', false)
    .action(async (a: string, b: string, opts: { csv?: string; ignore: string[]; quiet: boolean; delta: boolean }) => {
      // Loaded only when a diff runs.
      const [{ diffSides }, { formatCsv, formatTable }, { loadSide }] = await Promise.all([import('../diff/diff.js'), import('../diff/format.js'), import('../diff/load.js')]);
      let sides;
      try {
        sides = await Promise.all([loadSide(a), loadSide(b)]);
      } catch (err) {
        process.stderr.write(`juesuan diff: ${(err as Error).message}\n`);
        setExitCode(DIFF_EXIT.usage);
        return;
      }
      if (opts.delta) {
        const [{ deltaSides, DELTA_COLUMNS }, { formatDeltaTable }, { csvText }] = await Promise.all([import('../diff/delta.js'), import('../diff/format.js'), import('../write/csv.js')]);
        const deltas = deltaSides(sides[0], sides[1]);
        if (!opts.quiet) process.stdout.write(formatDeltaTable(deltas, a, b));
        if (opts.csv) await writeFile(opts.csv, csvText(DELTA_COLUMNS, deltas.map((d) => ({ ...d })), false));
        setExitCode(deltas.length ? DIFF_EXIT.different : DIFF_EXIT.equal);
        return;
      }
      const changes = diffSides(sides[0], sides[1], { ignore: opts.ignore });
      if (!opts.quiet) process.stdout.write(formatTable(changes, a, b));
      if (opts.csv) await writeFile(opts.csv, await formatCsv(changes));
      setExitCode(changes.length ? DIFF_EXIT.different : DIFF_EXIT.equal);
    });
}
