/**
 * What the batch (parent) and a document process (child, src/worker/child.ts) say to each other over
 * Node's IPC channel (advanced serialization: Buffers and the result cross as structured clones).
 */
import type { DocumentErrorCode } from '../errors.js';
import type { OcrMode } from '../ocr/decide.js';
import type { DocumentResult } from '../pipeline.js';
import type { Rules } from '../rules/schema.js';

/** Set once per child: everything that is the same for every document of the run. */
export interface ChildSetup {
  rulesDir: string;
  /** the rules of rulesDir as the parent loaded and checked them: the child does not parse them again */
  rules?: Rules;
  outDir: string;
  bom: boolean;
  password?: string;
  ocrMode: OcrMode;
  /** tesseract workers of this child, created on its first OCR page and kept for its later documents */
  ocrWorkers: number;
  maxBytes?: number;
  maxPages?: number;
}

export type ToChild =
  | { type: 'init'; setup: ChildSetup }
  | { type: 'doc'; id: number; file: string; path?: Buffer }
  | { type: 'close' };

export type FromChild =
  | { type: 'ready' }
  | { type: 'page'; id: number; page: number; pages: number }
  /** the document's files are written; the result is sent for the corpus files */
  | { type: 'done'; id: number; doc: DocumentResult }
  /** `exiting`: the process ends after this (an unhandled error); the parent does not reuse it */
  | { type: 'failed'; id: number; code: DocumentErrorCode; message: string; exiting?: boolean }
  | { type: 'closed' };
