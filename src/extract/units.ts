import type { DocumentRules } from '../rules/schema.js';
import type { SectionTree } from '../sections/sections.js';
import type { Unit } from './types.js';

/** The unit list (序号 / 单位名称 / 单位性质). Placeholder until the table stage reads it. */
export function readUnits(tree: SectionTree, rules: DocumentRules['units']): Unit[] {
  void tree;
  void rules;
  return [];
}
