/**
 * The one gate for every file the program writes or deletes under an output directory (`extract --out`,
 * `review --out`), and the naming rule that turns input (a file name, a crafted document.json's doc_id)
 * into path segments.
 *
 * Two layers, because either alone can be defeated:
 *  1. names: a segment taken from input is never `.`, `..` or empty, never starts with a dot, and never
 *     holds a separator (`/`, `\`), NUL or another control character (safeSegment / docIdOf);
 *  2. places: before writing or deleting, the realpath of the existing parent directory must lie inside
 *     the realpath of the output directory, so a symlink planted inside --out cannot lead out of it.
 * Symlinks are never followed for the last segment: a rename replaces a link, rm removes the link itself.
 */
import { constants, createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access, link, lstat, mkdir, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { writeAtomic } from './atomic.js';

/**
 * Longest segment in UTF-8 bytes: file systems allow 255, and the review adds `.html` / `.pages` and
 * writeAtomic a `.<name>.<pid>.<time>.tmp` sibling.
 */
export const MAX_SEGMENT_BYTES = 180;

/**
 * The store's own bookkeeping inside --out (the per-document journal, src/write/store.ts). It starts with
 * a dot, so no doc_id can ever be this name; only as the first segment is it let through.
 */
export const STORE_DIR = '.juesuan';

/** What may not appear in a segment: separators (POSIX and Windows), NUL and the other control characters. */
const UNSAFE_CHARS = /[/\\\u0000-\u001f\u007f]/gu;

/** `name` as one path segment: unsafe characters become `_`, a leading dot or an empty name gets a `_` prefix. */
export function safeSegment(name: string): string {
  let s = name.replace(UNSAFE_CHARS, '_');
  if (Buffer.byteLength(s) > MAX_SEGMENT_BYTES) s = truncateUtf8(s, MAX_SEGMENT_BYTES);
  if (s === '' || s.startsWith('.')) s = '_' + s;
  return s;
}

/** True when `s` may be used as it is: what safeSegment leaves unchanged. */
export function isSafeSegment(s: string): boolean {
  return typeof s === 'string' && s.length > 0 && safeSegment(s) === s;
}

/**
 * A document's id, the name of its output folder: the file name without `.pdf`, made a safe segment.
 * `mapped` says it differs from the plain name (the manifest records it as a warning).
 */
export function docIdOf(file: string): { id: string; mapped: boolean } {
  const base = path.basename(file).replace(/\.pdf$/i, '');
  const id = safeSegment(base);
  return { id, mapped: id !== base };
}

/** A name to look a file up by inside a folder (document.json's source.file): one segment, no way up. */
export function isPlainFileName(s: string): boolean {
  return typeof s === 'string' && s !== '' && s !== '.' && s !== '..' && !/[/\u0000]/.test(s);
}

export function truncateUtf8(s: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A write or delete that would leave the output directory, or a segment that is not a safe name. */
export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

function within(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The path of root/segments… with its parent directories checked (and, with `create`, made one at a
 * time, each resolved before the next is made inside it). Returns the real parent joined with the last
 * segment, so the caller writes where the check looked.
 */
async function resolveInside(root: string, segments: string[], create: boolean): Promise<string> {
  if (segments.length === 0) throw new UnsafePathError('拒绝写出：没有文件名');
  for (const [i, s] of segments.entries()) {
    if (i === 0 && s === STORE_DIR) continue;
    if (!isSafeSegment(s)) throw new UnsafePathError(`拒绝写出：${JSON.stringify(s)} 不是安全的文件名（含路径分隔符、控制字符、以点开头或为空）`);
  }
  // The output directory itself is the user's choice (--out), made when missing.
  if (create) await mkdir(root, { recursive: true });
  const realRoot = await realpath(root);
  let dir = realRoot;
  for (const s of segments.slice(0, -1)) {
    const next = path.join(dir, s);
    if (create) await mkdir(next).catch((err: NodeJS.ErrnoException) => (err.code === 'EEXIST' ? undefined : Promise.reject(err)));
    dir = await realpath(next);
    if (!within(realRoot, dir)) throw new UnsafePathError(`拒绝写出：${path.join(root, ...segments)} 会写到 ${root} 之外（${next} 实际指向 ${dir}）`);
  }
  return path.join(dir, segments[segments.length - 1]);
}

/** The checked path of root/segments… for reading (its parent folders must exist). */
export function readPathInside(root: string, segments: string[]): Promise<string> {
  return resolveInside(root, segments, false);
}

/**
 * The checked path of root/segments… (parents made), for a writer that is not a string or bytes in memory
 * (the DuckDB engine writing its file): it writes a temporary sibling there and renames it into place.
 */
export async function pathInside(root: string, segments: string[]): Promise<string> {
  return resolveInside(root, segments, true);
}

/** Writes root/segments… atomically (temporary sibling + rename), refusing anything outside root. */
export async function writeInside(root: string, segments: string[], content: string | Uint8Array): Promise<string> {
  const file = await resolveInside(root, segments, true);
  await writeAtomic(file, content);
  return file;
}

/** Deletes root/segments… (a file, or a folder and what it holds) when it exists; never follows the last link. */
export async function removeInside(root: string, segments: string[]): Promise<void> {
  let target: string;
  try {
    target = await resolveInside(root, segments, false);
  } catch (err) {
    // A parent that does not exist holds nothing to delete.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const st = await lstat(target).catch(() => undefined);
  if (!st) return;
  await rm(target, { recursive: st.isDirectory(), force: true });
}

/**
 * Creates root/segments… with `content` only if nothing is there yet; returns false when something is.
 * Written to a temporary sibling first and hard-linked into place (link fails when the name exists, and is
 * atomic between processes): a reader never sees the file empty or half-written, as it could with O_EXCL.
 */
export async function createExclusive(root: string, segments: string[], content: string): Promise<boolean> {
  const file = await resolveInside(root, segments, true);
  const tmp = tmpSibling(file);
  await writeFile(tmp, content, { flag: 'wx' });
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Reads root/segments… (checked like a write), or undefined when it does not exist. */
export async function readInside(root: string, segments: string[]): Promise<string | undefined> {
  try {
    return await readFile(await resolveInside(root, segments, false), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The names in the folder root/segments… (checked), none when it does not exist. */
export async function listInside(root: string, segments: string[]): Promise<string[]> {
  try {
    const dir = await resolveInside(root, [...segments, 'x'], false);
    return await readdir(path.dirname(dir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * Streams a file into root/segments…: written to a temporary sibling and renamed into place when `write`
 * has finished, so readers see the old file or the whole new one, never a part (memory stays flat).
 */
export async function streamInside(root: string, segments: string[], write: (out: Writable) => Promise<void>): Promise<string> {
  const file = await resolveInside(root, segments, true);
  const tmp = tmpSibling(file);
  const out = createWriteStream(tmp, { flags: 'wx' });
  try {
    await write(out);
    out.end();
    await finished(out);
    await rename(tmp, file);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
  return file;
}

/** A temporary name next to `file`, unique between processes and machines sharing the folder. */
function tmpSibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Why `dir` cannot be an output directory (a file, inside a file, not writable), or null. Checked before
 * any work starts; nothing is created.
 */
export async function outDirProblem(dir: string): Promise<string | null> {
  const target = path.resolve(dir);
  let p = target;
  for (;;) {
    const st = await stat(p).catch((err: NodeJS.ErrnoException) => err);
    if (st instanceof Error) {
      // Missing (or below a file, found further up): look at the parent that would hold it.
      if (st.code !== 'ENOENT' && st.code !== 'ENOTDIR') return `${dir} cannot be used (${st.code ?? st.message})`;
      const up = path.dirname(p);
      if (up === p) return `${dir} cannot be created`;
      p = up;
      continue;
    }
    if (!st.isDirectory()) return p === target ? `${dir} is a file, not a directory` : `${dir} cannot be created: ${p} is a file, not a directory`;
    try {
      await access(p, constants.W_OK | constants.X_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'EROFS' ? 'is on a read-only file system' : 'is not writable';
      return p === target ? `${dir} ${why}` : `${dir} cannot be created: ${p} ${why}`;
    }
    return null;
  }
}
