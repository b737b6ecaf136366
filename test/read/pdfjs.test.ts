import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPageText, withPdf } from '../../src/read/pdf.js';
import { NATIVES } from '../../src/read/natives.js';
import { fixture } from '../helpers/cli.js';

// src/read/pdfjs.ts puts back the built-ins pdf.js's legacy build replaces (its worker code included,
// which loads with the first document).
describe('pdf.js loaded through src/read/pdfjs.ts', () => {
  it('leaves the native Array.prototype.push and JSON.parse in place, also once a document is read', async () => {
    const data = new Uint8Array(readFileSync(fixture('other-dept-2019.pdf')));
    const items = await withPdf('other-dept-2019.pdf', data, async (doc) => (await readPageText(await doc.getPage(1))).items.length);
    expect(items).toBeGreaterThan(0);
    expect(Array.prototype.push).toBe(NATIVES.push);
    expect(JSON.parse).toBe(NATIVES.jsonParse);
    expect(Function.prototype.toString.call(Array.prototype.push)).toContain('[native code]');
  });
});
