/**
 * Writes a compressed-stream bomb PDF (scripts/fixtures/bomb.ts), for measuring the memory ceiling:
 *
 *   npx tsx scripts/make-bomb.ts bomb.pdf [--gib 400] [--layers 2]
 *
 * The default, 400 GiB of zeros behind two FlateDecode layers, is a file of about 1 MB. Not committed.
 */
import { writeFileSync } from 'node:fs';
import { bombPdf } from './fixtures/bomb.js';

const out = process.argv[2];
if (!out || out.startsWith('--')) {
  process.stderr.write('usage: npx tsx scripts/make-bomb.ts bomb.pdf [--gib N] [--layers 1|2]\n');
  process.exit(2);
}
const opt = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const gib = opt('gib', 400);
const layers = opt('layers', 2) === 1 ? 1 : 2;
const bytes = await bombPdf({ mib: gib * 1024, layers });
writeFileSync(out, bytes);
process.stdout.write(`${out}: ${bytes.length} bytes, a content stream of ${gib} GiB of zeros behind ${layers} FlateDecode layer(s)\n`);
