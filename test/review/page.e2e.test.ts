/**
 * End to end: extract the sample with the pipeline, write its review page, open it from disk in headless
 * Chromium (Debian's /usr/bin/chromium, never a downloaded browser) and check that page 3's records are
 * listed and outlined, and that a click highlights the record's box and the box's record.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { prepareRules, processDocument } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { loadRules } from '../../src/rules/load.js';
import { writeDocument } from '../../src/write/output.js';
import { writeReview, type ReviewResult } from '../../src/review/report.js';

const root = new URL('../..', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SAMPLE = path.join(root, 'test/fixtures/urumqi-gxj-2021.pdf');
const PAGE = 3;

if (!hasChromium) console.warn(`review e2e test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)(`review page in headless Chromium (skipped when ${CHROMIUM} is missing: apt-get install -y chromium)`, () => {
  let tmp: string;
  let review: ReviewResult;
  let context: BrowserContext;
  let page: Page;
  let loadMs: number;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-review-'));
    const doc = await processDocument(SAMPLE, prepareRules(await loadRules(path.join(root, 'rules'))), { readSegments });
    await writeDocument(path.join(tmp, 'extracted'), doc, false);
    review = await writeReview(path.join(tmp, 'extracted', doc.doc_id), { out: path.join(tmp, 'review'), pdf: SAMPLE });
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1600, height: 1000 },
    });
    // The page must need nothing but the disk: any other request fails the test below.
    await context.route(/^(?!file:|data:)/, (route) => route.abort());
    page = context.pages()[0] ?? (await context.newPage());
    const t0 = Date.now();
    await page.goto(pathToFileURL(review.html).href, { waitUntil: 'load' });
    loadMs = Date.now() - t0;
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('loads from disk without network requests, quickly', async () => {
    const external = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !/^(file|data):/.test(n)));
    expect(external).toEqual([]);
    console.info(`review page: ${(review.bytes / 1e6).toFixed(2)} MB, loaded in ${loadMs} ms`);
    expect(loadMs).toBeLessThan(15_000);
  });

  it(`lists and outlines every record of page ${PAGE}`, async () => {
    const expected = review.model.pages.find((p) => p.page === PAGE)!.records;
    expect(expected.length).toBeGreaterThan(5);
    const section = page.locator(`section#p${PAGE}`);
    await section.scrollIntoViewIfNeeded();
    const sheet = await section.locator('.sheet').boundingBox();
    expect(sheet).not.toBeNull();
    expect(await section.locator('tr.rec').count()).toBe(expected.length);
    for (const r of expected) {
      await expect.poll(() => section.locator(`tr.rec#${r.id}`).isVisible()).toBe(true);
      expect(await section.locator(`tr.rec#${r.id} td.v`).innerText()).toBe(r.value);
      const box = await section.locator(`.box[data-id="${r.id}"]`).boundingBox();
      expect(box, `${r.kind} ${r.key} has an outline`).not.toBeNull();
      // inside the page image and of a size a value can have
      expect(box!.x).toBeGreaterThanOrEqual(sheet!.x - 1);
      expect(box!.y).toBeGreaterThanOrEqual(sheet!.y - 1);
      expect(box!.x + box!.width).toBeLessThanOrEqual(sheet!.x + sheet!.width + 1);
      expect(box!.width).toBeGreaterThan(5);
      expect(box!.height).toBeGreaterThan(5);
    }
  });

  it('highlights the box of a clicked record and the record of a clicked box', async () => {
    const records = review.model.pages.find((p) => p.page === PAGE)!.records;
    // a fact inside a paragraph: the smallest box, drawn on top of the paragraph's
    const target = [...records].sort((a, b) => a.box!.width * a.box!.height - b.box!.width * b.box!.height)[0];
    await page.locator(`tr.rec#${target.id}`).click();
    await expect.poll(() => page.locator(`.box[data-id="${target.id}"]`).getAttribute('class')).toContain('active');
    expect(await page.locator('.box.active').count()).toBe(1);

    const other = records.find((r) => r.id !== target.id)!;
    await page.locator(`.box[data-id="${other.id}"]`).click();
    await expect.poll(() => page.locator(`tr.rec#${other.id}`).getAttribute('class')).toContain('active');
    expect(await page.locator(`.box[data-id="${target.id}"]`).getAttribute('class')).not.toContain('active');
    await page.locator(`tr.rec#${target.id}`).click();
    await mkdir(path.join(root, 'test/.output'), { recursive: true });
    await shoot(PAGE);
    // and a page with failed checks, to see the colours
    const failing = review.model.pages.find((p) => p.failed > 0);
    if (failing) await shoot(failing.page);
  });

  /** A screenshot as a reader sees the page: its heading just below the sticky header. */
  async function shoot(n: number): Promise<void> {
    await page.evaluate((n) => {
      const top = document.getElementById(`p${n}`)!.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - document.querySelector('header')!.getBoundingClientRect().height - 8);
    }, n);
    await page.screenshot({ path: path.join(root, `test/.output/review-page${n}.png`) });
  }

  it('filters to failed checks only', async () => {
    await page.locator('#only-failed').check();
    const visible = await page.locator('tr.rec:visible').evaluateAll((rows) => rows.map((r) => r.className));
    expect(visible.length).toBe(review.model.kinds.reduce((a, k) => a + k.failed, 0));
    expect(visible.every((c) => /st-(error|warning)/.test(c))).toBe(true);
    expect(await page.locator(`section#p${PAGE}`).isVisible()).toBe(review.model.pages.find((p) => p.page === PAGE)!.failed > 0);
    await page.locator('#only-failed').uncheck();
  });
});
