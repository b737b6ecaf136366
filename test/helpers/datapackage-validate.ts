/**
 * A small validator of CSV files against a Frictionless Data Package descriptor (the parts juesuan's
 * datapackage.json uses): header = the schema's fields in order, each value of its type (integer, number,
 * string; "" is the missing value), required fields, enum and pattern constraints, primary keys unique,
 * foreign keys present in the referenced resource. Written here rather than taken from npm: the JS
 * implementations (tableschema-js, datapackage-js) follow the v1 specs and are no longer kept up.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../../src/diff/load.js';
import type { DataPackage } from '../../src/write/datapackage.js';

const TYPE: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/,
};

export async function validatePackage(dir: string): Promise<{ errors: string[]; rows: Record<string, number> }> {
  const pkg = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
  const errors: string[] = [];
  const rows: Record<string, number> = {};
  const data = new Map<string, Record<string, string>[]>();
  for (const res of pkg.resources) {
    const text = (await readFile(path.join(dir, res.path), 'utf8')).replace(/^\ufeff/, '');
    const { headers, rows: rs } = await parseCsv(text);
    data.set(res.name, rs);
    rows[res.name] = rs.length;
    const names = res.schema.fields.map((f) => f.name);
    if (JSON.stringify(headers) !== JSON.stringify(names)) errors.push(`${res.path}: header ${headers.join(',')} is not the schema's ${names.join(',')}`);
    rs.forEach((r, i) => {
      for (const f of res.schema.fields) {
        const v = r[f.name] ?? '';
        const at = `${res.path} row ${i + 2} ${f.name}=${JSON.stringify(v)}`;
        if (v === '') {
          if (f.constraints?.required) errors.push(`${at}: required`);
          continue;
        }
        if (TYPE[f.type] && !TYPE[f.type].test(v)) errors.push(`${at}: not ${f.type}`);
        if (f.constraints?.enum && !f.constraints.enum.includes(v)) errors.push(`${at}: not one of ${f.constraints.enum.join(' ')}`);
        if (f.constraints?.pattern && !new RegExp(f.constraints.pattern, 'u').test(v)) errors.push(`${at}: does not match the pattern`);
      }
    });
    const pk = res.schema.primaryKey;
    if (pk) {
      const seen = new Set<string>();
      rs.forEach((r, i) => {
        const k = JSON.stringify(pk.map((f) => r[f]));
        if (seen.has(k)) errors.push(`${res.path} row ${i + 2}: primary key ${pk.join('+')} ${k} repeated`);
        seen.add(k);
      });
    }
  }
  for (const res of pkg.resources) {
    for (const fk of res.schema.foreignKeys ?? []) {
      const ref = new Set((data.get(fk.reference.resource) ?? []).map((r) => JSON.stringify(fk.reference.fields.map((f) => r[f]))));
      (data.get(res.name) ?? []).forEach((r, i) => {
        const k = JSON.stringify(fk.fields.map((f) => r[f]));
        if (!ref.has(k)) errors.push(`${res.path} row ${i + 2}: ${fk.fields.join('+')} ${k} not in ${fk.reference.resource}`);
      });
    }
  }
  return { errors, rows };
}
