import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { RULE_FILES, type Rules } from './schema.js';

export class RuleError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly problem: string) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
    this.name = 'RuleError';
  }
}

/** Parses and validates one rule file's text; errors name the file and the line of the offending value. */
export function parseRuleFile<S extends z.ZodTypeAny>(file: string, text: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new RuleError(file, lineCounter.linePos(e.pos[0]).line, `YAML: ${e.message.split('\n')[0]}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Walk up the path until a node with a position is found (a missing key has none).
  let line: number | undefined;
  for (let n = issue.path.length; n >= 0 && line === undefined; n--) {
    const node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) line = lineCounter.linePos(node.range[0]).line;
  }
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new RuleError(file, line, `${issue.message}${where}`);
}

/** Loads every rule file of a rules directory. */
export async function loadRules(dir: string): Promise<Rules> {
  const read = async <K extends keyof typeof RULE_FILES>(k: K) => {
    const { file, schema } = RULE_FILES[k];
    const full = path.join(dir, file);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (err) {
      throw new RuleError(full, undefined, `cannot read rule file (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    return parseRuleFile(full, text, schema) as z.infer<(typeof RULE_FILES)[K]['schema']>;
  };
  const [document, headings, statements, facts, tables, ocr, checks, departments] = await Promise.all([read('document'), read('headings'), read('statements'), read('facts'), read('tables'), read('ocr'), read('checks'), read('departments')]);
  return { document, headings, statements, facts: facts.facts, tables, ocr, checks, departments };
}

/**
 * The sha256 of a rules directory's rule files (names and text, in a fixed order): the corpus store redoes
 * a document whose stored result was made with other rules.
 */
export async function rulesFingerprint(dir: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const { file } of Object.values(RULE_FILES)) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
    hash.update(`${file}\u0000${text}\u0000`);
  }
  return hash.digest('hex');
}
