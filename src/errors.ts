/**
 * Why a document could not be processed. Callers switch on `code`; the message names the file.
 */
export type DocumentErrorCode =
  | 'not_found'
  | 'not_pdf'
  | 'invalid_pdf'
  | 'password_required'
  | 'no_pages'
  | 'not_a_report'
  | 'unreadable'
  | 'internal';

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
