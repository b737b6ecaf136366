/** tesseract's own diagnostics ("Bottom=0, top=5, base=0, x=0" on a tiny crop) must not reach stderr. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const here = path.dirname(new URL(import.meta.url).pathname);

it('OCR prints nothing on stderr', async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(here, 'quiet-child.ts')], { encoding: 'utf8' });
  expect(stdout).toBe('done\n');
  expect(stderr).toBe('');
}, 60_000);
