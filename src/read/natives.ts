/**
 * The built-ins pdf.js's legacy build replaces, taken before it loads (src/read/pdfjs.ts imports this
 * module first, so it is evaluated first).
 */
export const NATIVES = { push: Array.prototype.push, jsonParse: JSON.parse } as const;
