import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/read/document.js';
import { DocumentError } from '../../src/errors.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

describe('read', () => {
  it('gives every text run with its page and position, Chinese text intact (CMaps configured)', async () => {
    const doc = await readDocument(fixture('urumqi-gxj-2021.pdf'));
    expect(doc.pages).toHaveLength(36);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    const p3 = doc.pages[2];
    expect(p3.width).toBeCloseTo(594.96, 1);
    const heading = p3.items.find((i) => i.str.includes('第二部分'));
    expect(heading).toBeDefined();
    // near the top of an A4 page, in points from the bottom
    expect(heading!.y).toBeGreaterThan(700);
    expect(heading!.height).toBeGreaterThan(10);
    for (const it of p3.items) expect(it.page).toBe(3);
  });

  it('reads a PDF with only an owner password like any other', async () => {
    const doc = await readDocument(fixture('owner-password-only.pdf'));
    expect(doc.pages.length).toBeGreaterThan(0);
    expect(doc.pages.flatMap((p) => p.items).map((i) => i.str).join('')).toMatch(/部门/);
  });

  it('fails with a typed error naming the file', async () => {
    const err = await readDocument(fixture('bad-user-password.pdf')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).code).toBe('password_required');
    expect((err as DocumentError).message).toMatch(/bad-user-password\.pdf: /);
    const opened = await readDocument(fixture('bad-user-password.pdf'), { password: 'juesuan-user' });
    expect(opened.pages.length).toBeGreaterThan(0);
  });
});
