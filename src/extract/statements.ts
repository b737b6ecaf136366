import type { LocatedText } from '../lines/types.js';
import type { FactRule, StatementRules } from '../rules/schema.js';
import { cleanNumber, signed } from '../values/decimal.js';
import { provenanceOf } from './provenance.js';
import { newFact, type BasicItem, type Fact, type LineItem, type Restatement, type Unit, type UnreadAmount } from './types.js';

/** Rules compiled once per run. */
export interface CompiledStatementRules {
  mention: RegExp;
  unitOf: Map<string, { unit: string; class: string; scale?: string }>;
  thresholdSuffixes: string[];
  boundaryChars: Set<string>;
  boundaryPhrases: string[];
  positive: Set<string>;
  negative: Set<string>;
  changePrefix: RegExp;
  fillerSuffix: RegExp;
  share: Set<string>;
  shareOf: RegExp;
  variance: Set<string>;
  final: Set<string>;
  itemAmount: Set<string>;
  stripPrefix: RegExp[];
  attributeLabels: Set<string>;
  enumeration: RegExp;
  basicItemLists: Set<string>;
  codedLine: RegExp;
  facts: (FactRule & { labelRe: RegExp; sectionRe?: RegExp })[];
}

export function compileStatementRules(rules: StatementRules, facts: FactRule[]): CompiledStatementRules {
  const unitOf = new Map<string, { unit: string; class: string; scale?: string }>();
  for (const u of rules.units) for (const p of u.printed) unitOf.set(p, { unit: u.unit, class: u.class, scale: u.scale });
  const printed = [...unitOf.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  return {
    // A number not preceded by a digit or point (so "2.61" is not read from "12.61"), then a unit.
    mention: new RegExp(`(?<![\\d.])(?<num>-?\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s?(?<unit>${printed.join('|')})`, 'gu'),
    unitOf,
    thresholdSuffixes: rules.threshold_suffixes,
    boundaryChars: new Set(Array.from(rules.clause_boundaries)),
    boundaryPhrases: [...rules.boundary_phrases].sort((a, b) => b.length - a.length),
    positive: new Set(rules.modifiers.change.positive),
    negative: new Set(rules.modifiers.change.negative),
    changePrefix: new RegExp(`^${rules.modifiers.change_prefix}`, 'u'),
    fillerSuffix: new RegExp(rules.modifiers.filler_suffix, 'u'),
    share: new Set(rules.modifiers.share),
    shareOf: new RegExp(rules.modifiers.share_of_pattern, 'u'),
    variance: new Set(rules.modifiers.variance),
    final: new Set(rules.modifiers.final),
    itemAmount: new Set(rules.modifiers.item_amount),
    stripPrefix: rules.label_strip_prefix.map((p) => new RegExp(p, 'u')),
    attributeLabels: new Set(rules.attribute_labels),
    enumeration: new RegExp(rules.enumeration_marker, 'gu'),
    basicItemLists: new Set(rules.basic_item_lists),
    codedLine: new RegExp(rules.coded_line, 'u'),
    facts: facts.map((f) => ({ ...f, labelRe: new RegExp(f.label, 'u'), sectionRe: f.section ? new RegExp(f.section, 'u') : undefined })),
  };
}

export interface SectionInput {
  id: string;
  titles: string[];
  text: LocatedText;
}

/** What statements of the whole narrative give. `seen` carries keys across sections (restatements). */
export interface StatementResult {
  facts: Fact[];
  restatements: Restatement[];
  lineItems: LineItem[];
  basicItems: BasicItem[];
  unread: UnreadAmount[];
}

interface Mention {
  start: number;
  end: number;
  num: string;
  /** digit groups apart by a field gap before the unit ("60145 51万元"): one amount or two, cannot be told */
  readings?: { joined: string; parts: string[] };
  printedUnit: string;
  unit: string;
  unitClass: string;
}

type Target = Fact | Restatement;

/**
 * Reads the amount statements of the narrative sections (DOMAIN.md's shapes): each number with a unit is
 * either a modifier of the statement before it (change, share, variance, final amount, item amount) or a
 * new labelled amount, whose label is the clause before it and whose key comes from the fact rules.
 */
export function readStatements(sections: readonly SectionInput[], rules: CompiledStatementRules, units: readonly Unit[]): StatementResult {
  const out: StatementResult = { facts: [], restatements: [], lineItems: [], basicItems: [], unread: [] };
  const byKey = new Map<string, Fact>();
  for (const section of sections) readSection(section, rules, units, byKey, out);
  return out;
}

function readSection(section: SectionInput, rules: CompiledStatementRules, units: readonly Unit[], byKey: Map<string, Fact>, out: StatementResult): void {
  const t = section.text;
  const text = t.text;
  const mentions = findMentions(text, rules);
  let current: Target | undefined; // the statement modifiers attach to
  let currentStart = 0;
  let lastLabel = ''; // the cleaned label of the last labelled amount (subject of "价值" / "32人次")
  let codedOwner: Target | undefined; // the statement whose coded lines follow
  let listOwner: Fact | undefined;
  let inList = false;
  let prevEnd = 0;

  for (const m of mentions) {
    const between = text.slice(prevEnd, m.start);
    const sentenceEnded = /[。]/.test(between);
    if (sentenceEnded) {
      inList = false;
      listOwner = undefined;
    }
    if (listOwner && between.includes('包括')) inList = true;
    const { clause, clauseStart } = lastClause(text, prevEnd, m.start, rules);
    prevEnd = m.end;
    const amount = cleanNumber(m.num) ?? m.num;
    const statementEnd = m.end;

    // 0. an amount with a field gap inside: reported with both readings, never guessed (a count so printed is
    // noise, as any stray count: "福利费1.48 30310个人农业生产补贴" is a table row's text)
    if (m.readings && m.unitClass !== 'money' && m.unitClass !== 'percent') continue;
    if (m.readings) {
      const { joined, parts } = m.readings;
      const whole = cleanNumber(joined) ?? amount;
      unread(out, section, t, clauseStart, m, whole, cleanLabel(clause, rules), `数字之间有栏距，读法不明：可读作一个数 ${joined}${m.printedUnit}，也可读作 ${parts.map((p, i) => (i === parts.length - 1 ? p + m.printedUnit : p)).join('、')}`);
      current = undefined;
      continue;
    }

    // 1. modifiers of the statement before
    const mod = modifierOf(clause, m, rules);
    if (mod && mod !== 'item' && current) {
      applyModifier(current, mod, clause, amount, m.unit, rules);
      extendSource(current, t, currentStart, statementEnd);
      continue;
    }

    // 2. an enumerated item ("1.煤炭安全检查接待，…，计450元")
    if (mod === 'item') {
      const item = enumeratedItem(text, m.start, rules);
      const owner = current?.key;
      const rule = item && rules.facts.find((f) => f.role === 'item' && f.after === owner && (!f.sectionRe || section.titles.some((x) => f.sectionRe!.test(matchForm(x)))) && f.labelRe.test(matchForm(item.label)));
      if (item && rule) {
        const groups = { ...(rule.labelRe.exec(matchForm(item.label))?.groups ?? {}), n: item.n };
        const key = fillTemplate(rule.key, groups, units);
        if (key) {
          const prov = provenanceOf(t, item.start, statementEnd, m.start);
          out.facts.push(makeFact(key, section.id, fillLabel(rule.output_label, item.label, m.unit, groups), amount, m.unit, rule, prov));
          continue;
        }
      }
      unread(out, section, t, clauseStart, m, amount, item?.label ?? clause, 'enumerated item matches no rule');
      continue;
    }
    if (mod) {
      if (m.unitClass === 'money') unread(out, section, t, clauseStart, m, amount, clause, `a ${mod} with no statement before it`);
      continue;
    }

    // 3. a labelled amount
    let label = cleanLabel(clause, rules);
    if (!label || rules.attributeLabels.has(label)) label = lastLabel + (label ?? '');
    const coded = rules.codedLine.exec(label);
    if (coded?.groups && codedOwner) {
      const code = coded.groups.code;
      const prov = provenanceOf(t, clauseStart, statementEnd, m.start);
      out.lineItems.push({
        ...prov,
        context: 'label' in codedOwner ? codedOwner.label : (byKey.get(codedOwner.key)?.label ?? codedOwner.key),
        total_key: codedOwner.key,
        code,
        level: code.length === 3 ? '类' : code.length === 5 ? '款' : '项',
        name: coded.groups.name.trim(),
        amount,
        unit: m.unit,
        section: section.id,
      });
      continue;
    }
    if (inList && listOwner) {
      const prov = provenanceOf(t, clauseStart, statementEnd, m.start);
      out.basicItems.push({ ...prov, group: listOwner.label, group_key: listOwner.key, name: label, amount, unit: m.unit, section: section.id });
      continue;
    }
    lastLabel = label;
    const rule = matchRule(label, m, section, rules);
    if (!rule) {
      // An unplaced amount of money is reported and ends the statement; a stray count ("8人") is noise
      // inside the statement and leaves it open.
      if (m.unitClass === 'money') {
        unread(out, section, t, clauseStart, m, amount, label, 'no fact rule matches the label');
        current = undefined;
      }
      continue;
    }
    const groups = rule.labelRe.exec(matchForm(label))?.groups ?? {};
    const key = fillTemplate(rule.key, groups, units);
    if (!key) {
      unread(out, section, t, clauseStart, m, amount, label, `cannot fill key ${rule.key}`);
      current = undefined;
      continue;
    }
    const prov = provenanceOf(t, clauseStart, statementEnd, m.start);
    currentStart = clauseStart;
    const first = byKey.get(key);
    if (first) {
      const r: Restatement = { ...prov, key, section: section.id, amount, unit: m.unit };
      out.restatements.push(r);
      current = r;
    } else {
      const fact = makeFact(key, section.id, fillLabel(rule.output_label, label, m.unit, groups), amount, m.unit, rule, prov);
      byKey.set(key, fact);
      out.facts.push(fact);
      current = fact;
      if (rules.basicItemLists.has(key)) listOwner = fact;
    }
    codedOwner = current;
  }
}

function findMentions(text: string, rules: CompiledStatementRules): Mention[] {
  const found: Mention[] = [];
  rules.mention.lastIndex = 0;
  for (const m of text.matchAll(rules.mention)) {
    const g = m.groups!;
    const end = m.index! + m[0].length;
    // "单位价值50万元以上…": a threshold inside a label, not an amount
    if (rules.thresholdSuffixes.some((s) => text.startsWith(s, end))) continue;
    const u = rules.unitOf.get(g.unit)!;
    const spaced = spacedNumberBefore(text, m.index!);
    const start = spaced?.start ?? m.index!;
    const readings = spaced ? { joined: spaced.groups.join('') + g.num, parts: [...spaced.groups, g.num] } : undefined;
    found.push({ start, end, num: g.num, readings, printedUnit: g.unit, unit: u.unit, unitClass: u.class });
  }
  return found;
}

/**
 * Digit groups right before a number, each followed by one space: "60145 " in "60145 51万元". The line
 * builder joins every gap inside a number short of a field gap (lines/gaps.ts), and narrative never prints
 * two amounts side by side without words between them, so what is left is one amount or two.
 */
function spacedNumberBefore(text: string, at: number): { start: number; groups: string[] } | undefined {
  const groups: string[] = [];
  let i = at;
  for (;;) {
    if (text[i - 1] !== ' ') break;
    let j = i - 1;
    while (j > 0 && /[\d.,]/.test(text[j - 1])) j--;
    const group = text.slice(j, i - 1);
    if (!/\d/.test(group)) break;
    groups.unshift(group);
    i = j;
  }
  if (!groups.length) return undefined;
  if (text[i - 1] === '-') {
    i--;
    groups[0] = '-' + groups[0];
  }
  return { start: i, groups };
}

/** The clause right before a mention: back to the last boundary character or phrase. */
function lastClause(text: string, from: number, to: number, rules: CompiledStatementRules): { clause: string; clauseStart: number } {
  let start = from;
  for (let i = to - 1; i >= from; i--) {
    if (rules.boundaryChars.has(text[i])) {
      start = i + 1;
      break;
    }
  }
  let clause = text.slice(start, to);
  for (const p of rules.boundaryPhrases) {
    const at = clause.lastIndexOf(p);
    if (at >= 0 && at + p.length <= clause.length) {
      const cut = at + p.length;
      start += cut;
      clause = clause.slice(cut);
    }
  }
  const lead = clause.length - clause.trimStart().length;
  return { clause: clause.trim(), clauseStart: start + lead };
}

type ModifierKind = 'change' | 'share' | 'variance' | 'final' | 'item';

function modifierOf(rawClause: string, m: Mention, rules: CompiledStatementRules): ModifierKind | undefined {
  const clause = rawClause.replace(rules.fillerSuffix, '');
  const change = changeWord(clause, rules);
  if (change) return 'change';
  if (m.unitClass === 'percent' && (rules.share.has(clause) || rules.shareOf.test(clause))) return 'share';
  if (m.unitClass === 'percent' && [...rules.variance].some((w) => clause.endsWith(w))) return 'variance';
  if (rules.final.has(clause)) return 'final';
  if (rules.itemAmount.has(clause)) return 'item';
  return undefined;
}

/** The change word of a clause such as "减少", "比上年减少", "较2020年度增长", or undefined. */
function changeWord(rawClause: string, rules: CompiledStatementRules): string | undefined {
  const clause = rawClause.replace(rules.fillerSuffix, '').replace(rules.changePrefix, '').replace(/^[，,]/, '');
  return rules.positive.has(clause) || rules.negative.has(clause) ? clause : undefined;
}

function applyModifier(target: Target, kind: ModifierKind, clause: string, amount: string, unit: string, rules: CompiledStatementRules): void {
  if (!('change' in target)) return; // a restatement carries only its amount
  switch (kind) {
    case 'change': {
      // the sign comes from the word (减少/降低 negative); the same words before a percentage give change_pct
      const value = signed(amount, rules.negative.has(changeWord(clause, rules) ?? ''));
      if (unit === '%') target.change_pct = value;
      else target.change = value;
      break;
    }
    case 'share':
      target.share_pct = amount;
      break;
    case 'variance':
      target.variance_pct = amount;
      break;
    case 'final':
      target.final_amount = amount;
      break;
    case 'item':
      break;
  }
}

function extendSource(target: Target, t: LocatedText, start: number, end: number): void {
  const p = provenanceOf(t, start, end, start);
  if (p.page === target.page) {
    target.bbox = p.bbox;
  }
  target.source_text = t.text.slice(start, end);
}

function enumeratedItem(text: string, at: number, rules: CompiledStatementRules): { n: string; label: string; start: number } | undefined {
  const sentenceStart = Math.max(text.lastIndexOf('。', at - 1) + 1, 0);
  let last: RegExpExecArray | undefined;
  const re = new RegExp(rules.enumeration.source, 'gu');
  re.lastIndex = sentenceStart;
  for (let m = re.exec(text); m && m.index < at; m = re.exec(text)) last = m;
  if (!last?.groups) return undefined;
  const start = last.index + last[0].length;
  const rest = text.slice(start, at);
  const label = rest.split(/[，,；;]/)[0].trim();
  return label ? { n: last.groups.n, label, start } : undefined;
}

/**
 * The form rules are matched against: ASCII and full-width parentheses and quotes are one (reports print
 * both "因公出国(境)" and "因公出国（境）"); the label written out stays as printed.
 */
export function matchForm(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/["＂「」『』]/g, (q) => ('「『'.includes(q) ? '“' : '”'));
}

export function cleanLabel(clause: string, rules: CompiledStatementRules): string {
  let label = clause.replace(/\s+/g, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of rules.stripPrefix) {
      const next = label.replace(re, '');
      if (next !== label) {
        label = next;
        changed = true;
      }
    }
  }
  return label;
}

function matchRule(label: string, m: Mention, section: SectionInput, rules: CompiledStatementRules) {
  return rules.facts.find((f) => {
    if (f.role) return false;
    if (f.sectionRe && !section.titles.some((x) => f.sectionRe!.test(matchForm(x)))) return false;
    const want = f.unit ?? 'money';
    if (want === m.unitClass || want === m.unit) return f.labelRe.test(matchForm(label));
    return false;
  });
}

function fillTemplate(template: string, groups: Record<string, string | undefined>, units: readonly Unit[]): string | undefined {
  let ok = true;
  const key = template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    if (name === 'unit_seq') {
      const unitName = groups.unit_name;
      const unit = unitName ? units.find((u) => u.name === unitName || u.name.includes(unitName) || unitName.includes(u.name)) : undefined;
      if (!unit) ok = false;
      return unit ? String(unit.seq) : '';
    }
    const v = groups[name];
    if (v === undefined) ok = false;
    return v ?? '';
  });
  return ok ? key : undefined;
}

function fillLabel(template: string | undefined, label: string, unit: string, groups: Record<string, string | undefined>): string {
  if (!template) return label;
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => (name === 'label' ? label : name === 'unit' ? unit : (groups[name] ?? '')));
}

function makeFact(key: string, section: string, label: string, amount: string, unit: string, rule: FactRule, prov: ReturnType<typeof provenanceOf>): Fact {
  return newFact({ ...prov, key, section, label, amount, unit, parent: rule.parent, share_of: rule.share_of ?? rule.parent, additive: rule.additive });
}

function unread(out: StatementResult, section: SectionInput, t: LocatedText, start: number, m: Mention, amount: string, label: string, reason: string): void {
  out.unread.push({ ...provenanceOf(t, start, m.end, m.start), section: section.id, label, amount, unit: m.unit, reason });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

