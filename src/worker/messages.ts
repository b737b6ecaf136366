/**
 * What the batch (parent) and a document process (child, src/worker/child.ts) say to each other over
 * Node's IPC channel (advanced serialization: Buffers and the result cross as structured clones).
 */
import type { DocumentErrorCode } from '../errors.js';
import type { OcrMode } from '../ocr/decide.js';
import type { DocumentSummary } from '../write/output.js';
import type { Rules } from '../rules/schema.js';

/** Set once per child: everything that is the same for every document of the run. */
export interface ChildSetup {
  rulesDir: string;
  /** the rules of rulesDir as the parent loaded and checked them: the child does not parse them again (≈0.5 s of CPU) */
  rules?: Rules;
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
  /** outDir: the store it goes into; docId: the store's key (its output folder); source: the path the manifest and document.json record */
  | { type: 'doc'; id: number; file: string; path?: Buffer; outDir: string; docId: string; source: string }
  | { type: 'close' };

export type FromChild =
  | { type: 'ready' }
  | { type: 'page'; id: number; page: number; pages: number }
  /** the document's files are written; only its counts come back (the corpus files are rebuilt from the files) */
  | { type: 'done'; id: number; summary: DocumentSummary }
  /** `exiting`: the process ends after this (an unhandled error); the parent does not reuse it */
  | { type: 'failed'; id: number; code: DocumentErrorCode; message: string; exiting?: boolean }
  | { type: 'closed' };
