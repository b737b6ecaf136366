/**
 * Do two builds of juesuan write the same files? Runs the compiled CLI of a reference checkout (e.g. a
 * copy of main with its own `npm run build`) and of this one over the same PDFs, with the same rules,
 * and compares every file they write byte for byte, except the fields that are timings: the manifest's
 * started / finished / documents[].seconds (and its ocr_pages[].seconds), document.json's
 * source.ocr[].seconds. Prints each file that differs and exits 1 if any does.
 *
 *   npx tsx scripts/same-output.ts <reference-checkout> [pdf or folder ...]   (default: test/fixtures)
 *   JUESUAN_SAME_OCR=never  → pass --ocr never to both (skips the minutes of OCR of the scans)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const [reference, ...inputs] = process.argv.slice(2);
if (!reference) {
  console.error('usage: npx tsx scripts/same-output.ts <reference-checkout> [pdf or folder ...]');
  process.exit(2);
}
const pdfs = (inputs.length ? inputs : ['test/fixtures']).flatMap((p) => listPdfs(path.resolve(p)));
const ocr = process.env.JUESUAN_SAME_OCR ?? 'auto';

function listPdfs(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listPdfs(path.join(p, e.name)) : e.name.endsWith('.pdf') ? [path.join(p, e.name)] : []))
    .sort();
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

/** The file's bytes with its timing fields set to 0 (JSON files only; re-printed as the writer does). */
function comparable(file: string, bytes: Buffer): string {
  const name = path.basename(file);
  if (name !== 'manifest.json' && name !== 'document.json') return bytes.toString('latin1');
  const j = JSON.parse(bytes.toString('utf8'));
  if (name === 'manifest.json') {
    j.started = j.finished = '';
    for (const d of j.documents ?? []) {
      d.seconds = 0;
      for (const o of d.ocr_pages ?? []) if (typeof o === 'object') o.seconds = 0;
    }
  } else {
    for (const o of j.source?.ocr ?? []) o.seconds = 0;
  }
  return JSON.stringify(j, null, 2);
}

function extract(checkout: string, out: string): number {
  const t0 = performance.now();
  // exit code 1 (some documents failed: the bad-* fixtures) is an expected outcome, compared like the rest
  try {
    execFileSync(process.execPath, [path.join(checkout, 'dist/cli/main.js'), 'extract', ...pdfs, '-o', out, '-r', path.join(here, 'rules'), '--ocr', ocr, '--no-progress'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (err) {
    if ((err as { status?: number }).status !== 1) throw err;
  }
  return (performance.now() - t0) / 1000;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'juesuan-same-'));
try {
  const a = path.join(tmp, 'reference');
  const b = path.join(tmp, 'this');
  const ta = extract(path.resolve(reference), a);
  const tb = extract(here, b);
  const fa = files(a);
  const fb = files(b);
  const differ: string[] = [];
  for (const f of new Set([...fa, ...fb])) {
    if (!fa.includes(f)) differ.push(`${f}: only written by this checkout`);
    else if (!fb.includes(f)) differ.push(`${f}: only written by the reference`);
    else if (comparable(f, readFileSync(path.join(a, f))) !== comparable(f, readFileSync(path.join(b, f)))) differ.push(`${f}: differs`);
  }
  console.log(`${pdfs.length} PDFs (--ocr ${ocr}); ${fa.length} files by the reference (${ta.toFixed(1)} s), ${fb.length} by this checkout (${tb.toFixed(1)} s)`);
  if (differ.length) {
    for (const d of differ) console.log(`  ${d}`);
    console.log(`${differ.length} files differ (outputs kept in ${tmp})`);
    process.exitCode = 1;
  } else {
    console.log('identical, timing fields aside');
    rmSync(tmp, { recursive: true, force: true });
  }
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  throw err;
}
