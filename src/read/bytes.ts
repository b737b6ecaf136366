/**
 * Reading an input's bytes, with no PDF parser loaded (the batch checks inputs with it before starting
 * a document process).
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DocumentError } from '../errors.js';

export interface ReadLimits {
  /** what to open when it differs from `file` (a name that is not UTF-8 is opened by its bytes) */
  path?: string | Buffer;
  /** larger files fail as too_large before a byte is read */
  maxBytes?: number;
  /** documents with more pages fail as too_large before a page is read */
  maxPages?: number;
}

/**
 * The bytes of a regular file. Anything else (a FIFO, a device such as /dev/zero, a socket, a
 * directory) is refused after fstat without reading: the open is non-blocking, so a FIFO with no
 * writer cannot hang it. The size is checked before reading, and the read stops past the limit
 * (a file can grow while it is read).
 */
export async function readPdfBytes(file: string, limits: ReadLimits = {}): Promise<Uint8Array> {
  const max = limits.maxBytes ?? Infinity;
  const { fh, st } = await openRegular(file, limits);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(st.size - total, 1 << 16), max - total + 1);
      const { bytesRead, buffer } = await fh.read({ buffer: Buffer.allocUnsafe(Math.max(1, want)) });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw new DocumentError('too_large', file, `超过大小上限 ${mb(max)} MB（--max-size），未读取`);
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw openError(file, err as NodeJS.ErrnoException);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/**
 * Opens a regular file within the size limit, reading nothing (non-blocking, so a FIFO cannot hang it);
 * anything else is a DocumentError. The batch checks every input this way before it starts a process.
 */
async function openRegular(file: string, limits: ReadLimits): Promise<{ fh: FileHandle; st: Stats }> {
  const max = limits.maxBytes ?? Infinity;
  let fh: FileHandle;
  try {
    fh = await open(limits.path ?? file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw openError(file, err as NodeJS.ErrnoException);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new DocumentError('not_a_file', file, `${fileKind(st)}，不是普通文件，未读取`);
    if (st.size > max) throw new DocumentError('too_large', file, `文件 ${mb(st.size)} MB，超过大小上限 ${mb(max)} MB（--max-size），未读取`);
    return { fh, st };
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err instanceof DocumentError ? err : openError(file, err as NodeJS.ErrnoException);
  }
}

/**
 * The sha256 of a regular file within the size limit, read in chunks (memory does not grow with the
 * file), and its size; throws the DocumentError readPdfBytes would. The corpus store knows documents by it.
 */
export async function sha256OfFile(file: string, limits: ReadLimits = {}): Promise<{ sha256: string; size: number }> {
  const { createHash } = await import('node:crypto');
  const max = limits.maxBytes ?? Infinity;
  const { fh, st } = await openRegular(file, limits);
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read({ buffer });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw new DocumentError('too_large', file, `more than the limit of ${mb(max)} MB (--max-size)`);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { sha256: hash.digest('hex'), size: st.size };
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw openError(file, err as NodeJS.ErrnoException);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Throws the DocumentError readPdfBytes would, without reading the file. */
export async function checkInput(file: string, limits: ReadLimits = {}): Promise<void> {
  const { fh } = await openRegular(file, limits);
  await fh.close().catch(() => undefined);
}

function mb(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(bytes < 1 << 20 ? 2 : 0);
}

function fileKind(st: Stats): string {
  if (st.isDirectory()) return '是文件夹';
  if (st.isFIFO()) return '是命名管道（FIFO）';
  if (st.isCharacterDevice()) return '是字符设备';
  if (st.isBlockDevice()) return '是块设备';
  if (st.isSocket()) return '是套接字';
  return '不是文件';
}

function openError(file: string, err: NodeJS.ErrnoException): DocumentError {
  switch (err.code) {
    case 'ENOENT':
      return new DocumentError('not_found', file, '文件不存在');
    case 'ENOTDIR':
      return new DocumentError('not_found', file, '文件不存在（路径中有一段不是文件夹）');
    case 'EACCES':
    case 'EPERM':
      return new DocumentError('permission_denied', file, `没有读取权限（${err.code}）`);
    case 'ELOOP':
      return new DocumentError('symlink_loop', file, '符号链接循环（ELOOP）');
    case 'ENAMETOOLONG':
      return new DocumentError('not_found', file, '文件名过长（ENAMETOOLONG）');
    case 'EISDIR':
      return new DocumentError('not_a_file', file, '是文件夹，不是普通文件，未读取');
    default:
      return new DocumentError('read_failed', file, `无法读取（${err.code ?? err.message}）`);
  }
}

