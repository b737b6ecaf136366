/**
 * Golden tests of the table stage on the generated national-template fixtures: every shape of tables as
 * they are printed (hairline / grey / filled-rectangle rulings, none at all; spans over 2–4 header levels,
 * wrapped headers and labels, codes in one column or in 类/款/项 columns, two-sided tables, the 基本支出
 * table in 2 or 3 column groups, tables continued over pages, landscape pages, thousands separators, the
 * 三公 table over one unlabelled row, tables printed empty) and a whole report in two printings.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { findAllTables, prepareRules, type PreparedRules } from '../../src/pipeline.js';
import { readDocument } from '../../src/read/document.js';
import { readSegments } from '../../src/read/rulings.js';
import { readStatisticalTables } from '../../src/extract/statistical-tables.js';
import { scoreTables, tableSummary, type TruthTable } from './table-score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

describe('golden: tables of the generated national-template fixtures (table stage)', () => {
  let prepared: PreparedRules;
  beforeAll(async () => {
    prepared = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
  });

  it.each(['nt-shapes-hairline', 'nt-shapes-grey', 'nt-shapes-filled', 'nt-shapes-unruled', 'nt-qinglan-2023', 'nt-qinglan-2023-word', 'nt-qinglan-2023-planted'])(
    '%s: every truth cell, nothing else, each table with its kind, title, pages, unit and emptiness',
    async (id) => {
      const truth = JSON.parse(readFileSync(fixture(`${id}.truth.json`), 'utf8')) as { tables: TruthTable[] };
      const doc = await readDocument(fixture(`${id}.pdf`), { readSegments });
      const r = readStatisticalTables(findAllTables(doc.pages, prepared), doc.pages, prepared.rules.tables);
      // the unit list has no title of its own (the pipeline titles it by its section); its cells are none
      const s = scoreTables({ tables: r.tables, table_cells: r.cells }, truth.tables.filter((t) => t.kind !== 'units'));
      console.log(`${id}: ${tableSummary(s)}`);
      expect(s.missing).toEqual([]);
      expect(s.extra).toEqual([]);
      expect(s.fieldMismatches).toEqual([]);
      expect(r.tables.filter((t) => t.kind === 'other').map((t) => `${t.page}: ${t.title}`)).toEqual([]);
    },
  );
});
