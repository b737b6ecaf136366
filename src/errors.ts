/**
 * Why a document could not be processed. Callers switch on `code`; the message names the file.
 * README "Failure codes" documents each; the fuzz harness treats any other code as a bug.
 */
export const DOCUMENT_ERROR_CODES = [
  'not_found',
  'permission_denied',
  'symlink_loop',
  'not_a_file',
  'read_failed',
  'too_large',
  'timeout',
  'not_pdf',
  'invalid_pdf',
  'password_required',
  'password_incorrect',
  'no_pages',
  'not_a_report',
  'unreadable',
  'write_failed',
  'crashed',
  'internal',
] as const;

export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

export class DocumentError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DocumentError';
  }
}
