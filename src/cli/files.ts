import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import type { InputFile } from '../batch.js';

export interface Inputs {
  files: InputFile[];
  /** explicitly named paths that do not exist (a usage error), each with why */
  missing: string[];
}

const PDF = /\.pdf$/i;

/**
 * Expands the command line's paths: a directory gives its *.pdf entries (recursively), a pattern with *
 * or ? is matched (** crosses directories), anything else is taken as a file. Every entry named *.pdf is
 * an input whatever it is (a FIFO, a device, a directory — the batch reports it and never opens it); a
 * directory named *.pdf is walked as well. A named path that does not exist is returned in `missing`.
 */
export async function expandInputs(args: string[]): Promise<Inputs> {
  const found: InputFile[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      found.push(...(await glob(arg)));
      continue;
    }
    const st = await stat(arg).catch((err: NodeJS.ErrnoException) => err);
    if (st instanceof Error) {
      // Other errors (no permission, a link loop) are the document's own failure, reported by the batch.
      if (st.code === 'ENOENT' || st.code === 'ENOTDIR') missing.push(arg.includes('\ufffd') ? `${arg} (the name as given is not valid UTF-8; name its folder instead)` : arg);
      else found.push({ file: arg });
    } else if (st.isDirectory()) {
      if (PDF.test(arg.replace(/[/\\]+$/, ''))) found.push({ file: arg });
      found.push(...(await walk(Buffer.from(arg))).filter((f) => PDF.test(f.file)));
    } else found.push({ file: arg });
  }
  // One input per file, however it was named (a/../b.pdf, ./b.pdf, a link to it): the first name is kept.
  const seen = new Set<string>();
  const unique: InputFile[] = [];
  for (const f of found) {
    const p = f.path ?? f.file;
    const key = await realpath(p).then(
      (r) => r.toString(),
      () => path.resolve(p.toString()),
    );
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(f);
    }
  }
  return { files: unique, missing };
}

/** Every entry under dir (directories named *.pdf included), in name order, by byte paths. */
async function walk(dir: Buffer): Promise<InputFile[]> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  const named = entries.map((e) => ({ e, full: joinBytes(dir, e.name) })).map((x) => ({ ...x, input: inputOf(x.full) }));
  named.sort((a, b) => a.input.file.localeCompare(b.input.file));
  const files: InputFile[] = [];
  for (const { e, full, input } of named) {
    if (e.isDirectory()) {
      if (PDF.test(input.file)) files.push(input);
      files.push(...(await walk(full)));
    } else files.push(input);
  }
  return files;
}

/** path.join for byte paths: `.` and trailing separators are not repeated. */
function joinBytes(dir: Buffer, name: Buffer): Buffer {
  const d = dir.toString('latin1');
  if (d === '.' || d === '') return name;
  const trimmed = d.length > 1 ? d.replace(/\/+$/, '') : d;
  return Buffer.concat([Buffer.from(trimmed, 'latin1'), Buffer.from(trimmed.endsWith('/') ? '' : '/'), name]);
}

function inputOf(p: Buffer): InputFile {
  const s = p.toString('utf8');
  return Buffer.from(s, 'utf8').equals(p) ? { file: s } : { file: displayBytes(p), path: p };
}

/** A byte path as text: valid UTF-8 as it is, every other byte as %XX (so two names never look alike). */
export function displayBytes(p: Buffer): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  let i = 0;
  while (i < p.length) {
    const b = p[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ch: string | undefined;
    if (len > 0 && i + len <= p.length) {
      try {
        ch = decoder.decode(p.subarray(i, i + len));
      } catch {
        ch = undefined;
      }
    }
    if (ch !== undefined) {
      out += ch;
      i += len;
    } else {
      out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
      i += 1;
    }
  }
  return out;
}

async function glob(pattern: string): Promise<InputFile[]> {
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
  const all = await walk(Buffer.from(base)).catch(() => [] as InputFile[]);
  return all.filter((f) => re.test(path.relative(base, f.file).split(path.sep).join('/')));
}
