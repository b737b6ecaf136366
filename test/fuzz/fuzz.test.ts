/**
 * A short fuzz run in the suite: 20 mutants of the fixtures (seed 1) through the real CLI in one batch.
 * The batch must survive: exit 0, a manifest entry for every mutant, only known codes. `npm run fuzz`
 * runs longer ones (README "Development").
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mutant, runFuzz, SOURCES, summary } from '../../scripts/fuzz.js';

const sources = new Map(SOURCES.map(([f]) => [f, readFileSync(path.join(fileURLToPath(new URL('../fixtures', import.meta.url)), f))]));

describe('fuzz harness', () => {
  it('makes the same mutants for the same seed, others for another', () => {
    const a = Array.from({ length: 5 }, (_, i) => mutant(1, i, sources));
    const b = Array.from({ length: 5 }, (_, i) => mutant(1, i, sources));
    const c = Array.from({ length: 5 }, (_, i) => mutant(2, i, sources));
    expect(a.map((m) => [m.name, m.ops, m.bytes.toString('base64')])).toEqual(b.map((m) => [m.name, m.ops, m.bytes.toString('base64')]));
    expect(a.map((m) => m.bytes.toString('base64'))).not.toEqual(c.map((m) => m.bytes.toString('base64')));
    for (const m of a) expect(m.bytes.equals(sources.get(m.source)!)).toBe(false);
  });

  it('20 mutants through the real CLI: no batch crash or hang, every mutant in the manifest, known codes only', async () => {
    const keep = await mkdtemp(path.join(os.tmpdir(), 'juesuan-fuzz-kept-'));
    const r = await runFuzz({ count: 20, seed: 1, batch: 20, concurrency: 2, timeout: 20, keep, log: () => undefined });
    console.info(summary(r));
    expect(r.passed, summary(r)).toBe(true);
    expect(r.mutants).toBe(20);
    expect(r.ok + Object.values(r.failures).reduce((a, n) => a + n, 0)).toBe(20);
  }, 120_000);
});
