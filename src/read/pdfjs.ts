/**
 * pdf.js as every stage loads it. The legacy build bundles core-js polyfills that, on Node 20's V8,
 * replace two built-ins for the whole process with JavaScript versions: Array.prototype.push (for an
 * error V8 ≤ 12.1 does not throw when pushing onto an array whose length is not writable) and JSON.parse
 * (for the source-text argument of revivers). Neither corner case is used by pdf.js or by us, and the
 * JavaScript push runs under every array of the process (≈12% of a text report's CPU), so the native
 * functions are put back once pdf.js and its worker code (which carries the same polyfills and runs in
 * this thread: pdf.js's fake worker in Node) have loaded. scripts/same-output.ts checks that the
 * outputs stay the same.
 */
import { NATIVES } from './natives.js';
// Loaded here, not on the first getDocument, so its polyfills run before the restore below (pdf.js
// uses the handler it finds on globalThis.pdfjsWorker instead of importing the file again).
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
export { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

if (Array.prototype.push !== NATIVES.push) Object.defineProperty(Array.prototype, 'push', { value: NATIVES.push, writable: true, enumerable: false, configurable: true });
if (JSON.parse !== NATIVES.jsonParse) Object.defineProperty(JSON, 'parse', { value: NATIVES.jsonParse, writable: true, enumerable: false, configurable: true });
