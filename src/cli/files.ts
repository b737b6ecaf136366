import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Expands the command line's paths: a directory gives its *.pdf files (recursively), a pattern with * or ?
 * is matched (** crosses directories), anything else is taken as a file (a missing one is reported by the
 * pipeline, in the manifest, like any other bad input).
 */
export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      out.push(...(await glob(arg)));
      continue;
    }
    const st = await stat(arg).catch(() => undefined);
    if (st?.isDirectory()) out.push(...(await walk(arg)).filter((f) => /\.pdf$/i.test(f)));
    else out.push(arg);
  }
  // One input per file, however it was named (a/../b.pdf, ./b.pdf, a link to it): the first name is kept.
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const f of out) {
    const key = await realpath(f).catch(() => path.resolve(f));
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(f);
    }
  }
  return unique;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(full)));
    else files.push(full);
  }
  return files;
}

async function glob(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  while (parts.length && !/[*?]/.test(parts[0])) fixed.push(parts.shift()!);
  const base = fixed.length ? fixed.join('/') || '/' : '.';
  const re = new RegExp(
    '^' +
      parts
        .join('/')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '\u0000')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace(/\u0000/g, '(?:.*/)?') +
      '$',
  );
  const all = await walk(base).catch(() => [] as string[]);
  return all.filter((f) => re.test(path.relative(base, f).split(path.sep).join('/')));
}
