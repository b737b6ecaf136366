import type { LocatedText } from '../lines/types.js';
import type { FactRule, StatementRules } from '../rules/schema.js';
import { cleanNumber, signed } from '../values/decimal.js';
import { provenanceOf } from './provenance.js';
import { newFact, type BasicItem, type Fact, type LineItem, type Unit, type UnreadAmount } from './types.js';

type CompiledFactRule = FactRule & { labelRe: RegExp; sectionRe?: RegExp };

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
  /** "<subject>[<change prefix>]<change word>" */
  subjectChange: RegExp;
  fillerSuffix: RegExp;
  share: Set<string>;
  shareOf: RegExp;
  variance: Set<string>;
  final: Set<string>;
  itemAmount: Set<string>;
  /** "<subject><budget word>" with the word's basis */
  budgetClause: RegExp;
  basisOf: Map<string, string>;
  budgetFinal: Set<string>;
  completion: RegExp;
  unchanged: string[];
  stripPrefix: RegExp[];
  stripSuffix: RegExp[];
  attributeLabels: Set<string>;
  enumeration: RegExp;
  basicItemLists: Set<string>;
  codedLine: RegExp;
  itemMarker: RegExp;
  itemLabel: RegExp;
  facts: CompiledFactRule[];
}

export function compileStatementRules(rules: StatementRules, facts: FactRule[]): CompiledStatementRules {
  const unitOf = new Map<string, { unit: string; class: string; scale?: string }>();
  const guard = new Map<string, string | undefined>();
  for (const u of rules.units) {
    for (const p of u.printed) {
      unitOf.set(p, { unit: u.unit, class: u.class, scale: u.scale });
      guard.set(p, u.not_followed_by);
    }
  }
  const printed = [...unitOf.keys()].sort((a, b) => b.length - a.length).map((p) => escapeRe(p) + (guard.get(p) ? `(?!${guard.get(p)})` : ''));
  const m = rules.modifiers;
  const words = (xs: Iterable<string>) => [...xs].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const basisOf = new Map<string, string>();
  for (const b of m.budget) for (const w of b.words) basisOf.set(w, b.basis);
  return {
    // A number not preceded by a digit or point (so "2.61" is not read from "12.61"), then a unit.
    mention: new RegExp(`(?<![\\d.])(?<num>-?\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s?(?<unit>${printed.join('|')})`, 'gu'),
    unitOf,
    thresholdSuffixes: rules.threshold_suffixes,
    boundaryChars: new Set(Array.from(rules.clause_boundaries)),
    boundaryPhrases: [...rules.boundary_phrases].sort((a, b) => b.length - a.length),
    positive: new Set(m.change.positive),
    negative: new Set(m.change.negative),
    changePrefix: new RegExp(`^${m.change_prefix}`, 'u'),
    subjectChange: new RegExp(`^(?<subject>.+?)(?:${m.change_prefix})?(?<word>${words([...m.change.positive, ...m.change.negative])})$`, 'u'),
    fillerSuffix: new RegExp(m.filler_suffix, 'u'),
    share: new Set(m.share),
    shareOf: new RegExp(m.share_of_pattern, 'u'),
    variance: new Set(m.variance),
    final: new Set(m.final),
    itemAmount: new Set(m.item_amount),
    budgetClause: new RegExp(`^(?<subject>.*?)(?<word>${words(basisOf.keys())})$`, 'u'),
    basisOf,
    budgetFinal: new Set(m.budget_final),
    completion: new RegExp(m.completion_pattern, 'u'),
    unchanged: m.unchanged,
    stripPrefix: rules.label_strip_prefix.map((p) => new RegExp(p, 'u')),
    stripSuffix: rules.label_strip_suffix.map((p) => new RegExp(p, 'u')),
    attributeLabels: new Set(rules.attribute_labels),
    enumeration: new RegExp(rules.enumeration_marker, 'gu'),
    basicItemLists: new Set(rules.basic_item_lists),
    codedLine: new RegExp(rules.coded_line, 'u'),
    itemMarker: new RegExp(rules.budget_items.marker, 'gu'),
    itemLabel: new RegExp(rules.budget_items.label, 'u'),
    facts: facts.map((f) => ({ ...f, labelRe: new RegExp(f.label, 'u'), sectionRe: f.section ? new RegExp(f.section, 'u') : undefined })),
  };
}

export interface SectionInput {
  id: string;
  titles: string[];
  text: LocatedText;
}

/** What statements of the whole narrative give. A value stated again is a fact of its own that `restates` the first. */
export interface StatementResult {
  facts: Fact[];
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

/** A numbered budget item: "3、A（类）B（款）C（项）…" up to the next item. */
interface BudgetItem {
  n: number;
  label: string;
  start: number;
  labelEnd: number;
  end: number;
}

interface Budget {
  basis: string;
  amount: string;
  m: Mention;
  clauseStart: number;
  label: string;
}

/** The budgets printed so far in a sentence (outside items) or in an item, by basis. */
interface Budgets {
  subject: string;
  byBasis: Map<string, string>;
  last?: Budget;
  /** budgets that are no fact of their own: they wait for their final amount */
  pending: Budget[];
}

const noBudgets = (): Budgets => ({ subject: '', byBasis: new Map(), pending: [] });

/** Across the sections of one document: the first statement of each value, the last of each key. */
interface Seen {
  first: Map<string, Fact>;
  latest: Map<string, Fact>;
}

/**
 * Reads the amount statements of the narrative sections (DOMAIN.md's shapes): each number with a unit is
 * either a modifier of the statement before it (change, share, variance, budget, final amount, completion,
 * item amount) or a new labelled amount, whose label is the clause before it and whose key comes from the
 * fact rules. Numbered budget items are read as one statement each.
 */
export function readStatements(sections: readonly SectionInput[], rules: CompiledStatementRules, units: readonly Unit[]): StatementResult {
  const out: StatementResult = { facts: [], lineItems: [], basicItems: [], unread: [] };
  const seen: Seen = { first: new Map(), latest: new Map() };
  for (const section of sections) new SectionReader(section, rules, units, seen, out).read();
  return out;
}

class SectionReader {
  private readonly t: LocatedText;
  private readonly text: string;
  /** the statement modifiers attach to */
  private current: Fact | undefined;
  private currentStart = 0;
  /** the cleaned label of the last labelled amount (subject of "价值" / "32人次") */
  private lastLabel = '';
  /** the statement whose coded lines follow, and the label they are written under */
  private codedOwner: { key: string; context: string } | undefined;
  private listOwner: Fact | undefined;
  private inList = false;
  private prevEnd = 0;
  private budgets = noBudgets();
  private readonly items: BudgetItem[];
  private item: { item: BudgetItem; budgets: Budgets; fact?: Fact } | undefined;

  constructor(
    private readonly section: SectionInput,
    private readonly rules: CompiledStatementRules,
    private readonly units: readonly Unit[],
    private readonly seen: Seen,
    private readonly out: StatementResult,
  ) {
    this.t = section.text;
    this.text = section.text.text;
    this.items = budgetItems(this.text, rules);
  }

  read(): void {
    for (const m of findMentions(this.text, this.rules)) {
      const between = this.text.slice(this.prevEnd, m.start);
      this.unchangedIn(this.prevEnd, m.start);
      if (/[。]/.test(between)) {
        this.endSentence();
        this.inList = false;
        this.listOwner = undefined;
      }
      if (this.listOwner && between.includes('包括')) this.inList = true;
      this.enterItem(this.items.find((i) => m.start >= i.labelEnd && m.start < i.end));
      this.mention(m);
    }
    this.unchangedIn(this.prevEnd, this.text.length);
    this.endSentence();
    this.enterItem(undefined);
  }

  private mention(m: Mention): void {
    const { rules, text } = this;
    const { clause, clauseStart } = lastClause(text, this.prevEnd, m.start, rules);
    const sentenceStart = Math.max(this.prevEnd, Math.max(text.lastIndexOf('。', m.start - 1), text.lastIndexOf('；', m.start - 1)) + 1);
    this.prevEnd = m.end;
    const amount = cleanNumber(m.num) ?? m.num;
    const bare = cleanLabel(clause, rules);

    // 0. an amount with a field gap inside: reported with both readings, never guessed (a count so printed is
    // noise, as any stray count: "福利费1.48 30310个人农业生产补贴" is a table row's text)
    if (m.readings) {
      if (m.unitClass !== 'money' && m.unitClass !== 'percent') return;
      const { joined, parts } = m.readings;
      const readings = parts.map((p, i) => (i === parts.length - 1 ? p + m.printedUnit : p)).join('、');
      this.unread(clauseStart, m, cleanNumber(joined) ?? amount, bare, `数字之间有栏距，读法不明：可读作一个数 ${joined}${m.printedUnit}，也可读作 ${readings}`);
      this.current = undefined;
      return;
    }

    // 1. budget versus final: budgets, the final amount, its completion
    if (m.unitClass === 'money') {
      const budget = rules.budgetClause.exec(bare)?.groups;
      if (budget) {
        const b: Budget = { basis: rules.basisOf.get(budget.word)!, amount, m, clauseStart, label: bare };
        const placed = this.matchRule(bare, bare, m) !== undefined;
        // inside a numbered item every budget is the item's ("该项目年初预算为…") unless a rule knows it
        if (this.item && (!budget.subject || !placed)) return this.itemBudget(b);
        this.noteBudget(this.budgets, b, budget.subject, !placed);
        if (!placed) return;
      } else if (rules.budgetFinal.has(bare)) {
        if (this.item) return this.itemFinal(m, amount);
        if (this.matchRule(bare, bare, m) === undefined && this.budgets.pending.length) {
          const subject = this.matchRule(this.budgets.subject, this.budgets.subject, m);
          if (subject) return this.state(subject.rule, subject.groups, bare, m, amount, this.budgets.pending[0].clauseStart, true);
        }
      }
    }
    if (m.unitClass === 'percent') {
      const c = rules.completion.exec(clause.replace(rules.fillerSuffix, ''))?.groups;
      if (c) {
        const target = this.item ? this.item.fact : this.current;
        if (target) {
          target.completion_pct = amount;
          const basis = rules.basisOf.get(c.basis);
          const known = basis ? (this.item ? this.item.budgets : this.budgets).byBasis.get(basis) : undefined;
          if (basis && known !== undefined) {
            target.budget = known;
            target.budget_basis = basis;
          }
          this.extendSource(target, m.end);
        }
        return;
      }
    }

    // 2. modifiers of the statement before
    const mod = modifierOf(clause, m, rules);
    if (mod && mod !== 'item' && this.current) {
      applyModifier(this.current, mod, clause, amount, m.unit, rules);
      this.extendSource(this.current, m.end);
      return;
    }
    if (!mod) {
      const change = rules.subjectChange.exec(clause.replace(rules.fillerSuffix, ''))?.groups;
      if (change) return this.subjectChange(change.subject, change.word, m, amount, clauseStart);
    }

    // 3. an enumerated item ("1.煤炭安全检查接待，…，计450元")
    if (mod === 'item') {
      const item = enumeratedItem(text, m.start, rules);
      const owner = this.current?.key;
      const rule = item && rules.facts.find((f) => f.role === 'item' && f.after === owner && this.inSection(f) && f.labelRe.test(matchForm(item.label)));
      if (item && rule) {
        const groups = { ...(rule.labelRe.exec(matchForm(item.label))?.groups ?? {}), n: item.n };
        const key = fillTemplate(rule.key, groups, this.units);
        if (key) {
          const prov = provenanceOf(this.t, item.start, m.end, m.start);
          this.out.facts.push(makeFact(key, this.section.id, fillLabel(rule.output_label, item.label, m.unit, groups), amount, m.unit, rule, prov));
          return;
        }
      }
      return this.unread(clauseStart, m, amount, item?.label ?? clause, '编号条目没有匹配的规则');
    }
    if (mod) {
      if (m.unitClass === 'money') this.unread(clauseStart, m, amount, clause, `${MODIFIER_NAMES[mod]}前面没有它所属的金额`);
      return;
    }

    // 4. a labelled amount
    let label = bare;
    if (!label || rules.attributeLabels.has(label)) label = this.lastLabel + (label ?? '');
    const coded = rules.codedLine.exec(label);
    if (coded?.groups && this.codedOwner) {
      const code = coded.groups.code;
      const prov = provenanceOf(this.t, clauseStart, m.end, m.start);
      this.out.lineItems.push({
        ...prov,
        context: this.codedOwner.context,
        total_key: this.codedOwner.key,
        code,
        level: code.length === 3 ? '类' : code.length === 5 ? '款' : '项',
        name: coded.groups.name.trim(),
        amount,
        unit: m.unit,
        section: this.section.id,
      });
      return;
    }
    const wide = cleanLabel(text.slice(sentenceStart, m.start), rules);
    const found = this.matchRule(label, wide, m);
    if (this.inList && this.listOwner && !found) {
      const prov = provenanceOf(this.t, clauseStart, m.end, m.start);
      this.out.basicItems.push({ ...prov, group: this.listOwner.label, group_key: this.listOwner.key, name: label, amount, unit: m.unit, section: this.section.id });
      return;
    }
    // a labelled amount a rule knows ends a 包括 list ("…其他工资福利支出；公用经费 10.23 万元")
    this.inList = false;
    this.listOwner = undefined;
    this.lastLabel = label;
    if (!found) {
      // An unplaced amount of money is reported and ends the statement; a stray count ("8人") is noise
      // inside the statement and leaves it open.
      if (m.unitClass === 'money') {
        this.unread(clauseStart, m, amount, label, '没有规则认得这个金额的名称');
        this.current = undefined;
      }
      return;
    }
    const start = found.rule.scope === 'sentence' ? sentenceStart + (text.slice(sentenceStart).length - text.slice(sentenceStart).trimStart().length) : clauseStart;
    this.state(found.rule, found.groups, found.label, m, amount, start, rules.budgetFinal.has(bare));
  }

  /** A new fact, or a restatement of one stated before (same key; same label too for keys of many values). */
  private state(rule: CompiledFactRule, groups: Record<string, string | undefined>, label: string, m: Mention, amount: string, start: number, withBudget: boolean): void {
    const key = fillTemplate(rule.key, groups, this.units);
    if (!key) {
      this.unread(start, m, amount, label, `无法生成键 ${rule.key}`);
      this.current = undefined;
      return;
    }
    const fact = this.newStatement(key, rule, fillLabel(rule.output_label, label, m.unit, groups), amount, m, start);
    if (withBudget) {
      const b = this.budgets.last;
      if (b) {
        fact.budget = b.amount;
        fact.budget_basis = b.basis;
      }
      this.budgets.pending = [];
    }
    if (!fact.restates && this.rules.basicItemLists.has(key)) this.listOwner = fact;
    this.codedOwner = { key, context: (this.seen.first.get(identity(rule, key, fact.label)) ?? fact).label };
  }

  private newStatement(key: string, rule: CompiledFactRule, label: string, amount: string, m: Mention, start: number, itemNo?: number): Fact {
    const prov = provenanceOf(this.t, start, m.end, m.start);
    const fact = makeFact(key, this.section.id, label, amount, m.unit, rule, prov);
    if (itemNo !== undefined) fact.item_no = itemNo;
    const id = identity(rule, key, label);
    const first = this.seen.first.get(id);
    if (first) fact.restates = first.section;
    else this.seen.first.set(id, fact);
    this.seen.latest.set(key, fact);
    this.out.facts.push(fact);
    this.current = fact;
    this.currentStart = start;
    return fact;
  }

  /** "因公出国（境）费支出决算减少 5 万元": the change of the last statement of the named value. */
  private subjectChange(rawSubject: string, word: string, m: Mention, amount: string, clauseStart: number): void {
    const target = this.named(cleanLabel(rawSubject, this.rules), m);
    if (!target) {
      if (m.unitClass === 'money') this.unread(clauseStart, m, amount, rawSubject + word, `增减额所说的“${cleanLabel(rawSubject, this.rules)}”前面没有陈述`);
      return;
    }
    applyModifier(target, 'change', word, amount, m.unit, this.rules);
    if (target === this.current) this.extendSource(target, m.end);
    else {
      this.current = target;
      this.currentStart = clauseStart;
    }
  }

  /** The last statement of the value a subject names (by the fact rules), or the statement before when it is that one. */
  private named(subject: string, m: Mention): Fact | undefined {
    if (!subject) return this.current;
    const money: Mention = { ...m, unitClass: 'money', unit: '万元' };
    const found = this.matchRule(subject, subject, money);
    const key = found && fillTemplate(found.rule.key, found.groups, this.units);
    if (key) return this.seen.latest.get(key);
    const c = this.current;
    return c && (c.label.endsWith(subject) || subject.endsWith(c.label)) ? c : undefined;
  }

  /** "持平" with no number: change and change_pct 0 for the statement it names (or the one before). */
  private unchangedIn(from: number, to: number): void {
    for (const word of this.rules.unchanged) {
      for (let at = this.text.indexOf(word, from); at >= 0 && at + word.length <= to; at = this.text.indexOf(word, at + word.length)) {
        const { clause } = lastClause(this.text, from, at, this.rules);
        const rest = clause.replace(this.rules.changePrefix, '');
        const subject = cleanLabel(rest.replace(new RegExp(`(?:${this.rules.changePrefix.source.slice(1)})$`, 'u'), ''), this.rules);
        const target = subject ? this.namedOnly(subject) : this.current;
        if (target && target.change === null && target.change_pct === null) {
          target.change = '0';
          target.change_pct = '0';
        }
      }
    }
  }

  /** As `named`, for a subject printed without an amount. */
  private namedOnly(subject: string): Fact | undefined {
    const m: Mention = { start: 0, end: 0, num: '0', printedUnit: '万元', unit: '万元', unitClass: 'money' };
    return this.named(subject, m);
  }

  private noteBudget(into: Budgets, b: Budget, subject: string, pending: boolean): void {
    if (subject) into.subject = subject;
    into.byBasis.set(b.basis, b.amount);
    into.last = b;
    if (pending) into.pending.push(b);
  }

  /** A sentence ends: a budget no final amount followed is reported. */
  private endSentence(): void {
    for (const b of this.budgets.pending) this.unread(b.clauseStart, b.m, b.amount, b.label, '预算数后面没有对应的决算数');
    this.budgets = noBudgets();
  }

  private enterItem(item: BudgetItem | undefined): void {
    if (this.item?.item === item) return;
    if (this.item && !this.item.fact) for (const b of this.item.budgets.pending) this.unread(b.clauseStart, b.m, b.amount, b.label, `第${this.item.item.n}项的预算数后面没有对应的决算数`);
    this.item = item && { item, budgets: noBudgets() };
  }

  private itemBudget(b: Budget): void {
    const it = this.item!;
    this.noteBudget(it.budgets, b, '', !it.fact);
    if (it.fact && it.fact.budget === null) {
      it.fact.budget = b.amount;
      it.fact.budget_basis = b.basis;
      this.extendSource(it.fact, b.m.end);
    }
  }

  /** The final amount of a numbered budget item: the item's fact. */
  private itemFinal(m: Mention, amount: string): void {
    const it = this.item!;
    const rule = this.rules.facts.find((f) => f.role === 'budget_item' && this.inSection(f) && f.labelRe.test(matchForm(it.item.label)));
    const key = rule && fillTemplate(rule.key, rule.labelRe.exec(matchForm(it.item.label))?.groups ?? {}, this.units);
    if (!rule || !key || it.fact) {
      this.unread(it.item.start, m, amount, it.item.label, it.fact ? `第${it.item.n}项已有决算数` : '编号科目没有匹配的规则');
      return;
    }
    const fact = this.newStatement(key, rule, it.item.label, amount, m, it.item.start, it.item.n);
    const b = it.budgets.last;
    if (b) {
      fact.budget = b.amount;
      fact.budget_basis = b.basis;
    }
    it.budgets.pending = [];
    it.fact = fact;
  }

  private matchRule(label: string, wide: string, m: Mention): { rule: CompiledFactRule; label: string; groups: Record<string, string | undefined> } | undefined {
    for (const f of this.rules.facts) {
      if (f.role) continue;
      if (!this.inSection(f)) continue;
      if (f.after && this.current?.key !== f.after) continue;
      const want = f.unit ?? 'money';
      if (want !== m.unitClass && want !== m.unit) continue;
      const l = f.scope === 'sentence' ? wide : label;
      const g = f.labelRe.exec(matchForm(l));
      if (g) return { rule: f, label: l, groups: g.groups ?? {} };
    }
    return undefined;
  }

  private inSection(f: CompiledFactRule): boolean {
    return !f.sectionRe || this.section.titles.some((x) => f.sectionRe!.test(matchForm(x)));
  }

  private extendSource(target: Fact, end: number): void {
    if (target.section !== this.section.id || target !== this.current) return;
    const p = provenanceOf(this.t, this.currentStart, end, this.currentStart);
    if (p.page === target.page) target.bbox = p.bbox;
    target.source_text = this.text.slice(this.currentStart, end);
  }

  private unread(start: number, m: Mention, amount: string, label: string, reason: string): void {
    this.out.unread.push({ ...provenanceOf(this.t, start, m.end, m.start), section: this.section.id, label, amount, unit: m.unit, reason });
  }
}

/** What makes two statements of a key the same value: the key, and the label for keys of many values. */
function identity(rule: FactRule, key: string, label: string): string {
  return rule.many || rule.role === 'budget_item' ? `${key}\u0000${label}` : key;
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

/** The numbered budget items of a text, numbered 1, 2, … (a number out of sequence is no item). */
function budgetItems(text: string, rules: CompiledStatementRules): BudgetItem[] {
  const items: BudgetItem[] = [];
  const form = matchForm(text);
  rules.itemMarker.lastIndex = 0;
  for (const m of form.matchAll(rules.itemMarker)) {
    const n = Number(m.groups!.n);
    const start = m.index! + m[0].length;
    const label = rules.itemLabel.exec(form.slice(start).replace(/\s+/g, ''))?.groups?.label;
    if (!label || (n !== 1 && n !== (items[items.length - 1]?.n ?? 0) + 1)) continue;
    // the label as printed, spaces removed; its end found by walking the same characters
    let end = start;
    for (let seen = 0; end < text.length && seen < label.length; end++) if (!/\s/.test(text[end])) seen++;
    if (items.length) items[items.length - 1].end = m.index!;
    items.push({ n, label: text.slice(start, end).replace(/\s+/g, ''), start: start - m[0].length + m[0].search(/\d/), labelEnd: end, end: text.length });
  }
  return items;
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

const MODIFIER_NAMES: Record<ModifierKind, string> = { change: '增减额', share: '占比', variance: '差异率', final: '决算数', item: '条目金额' };

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

function applyModifier(target: Fact, kind: ModifierKind, clause: string, amount: string, unit: string, rules: CompiledStatementRules): void {
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
  for (const re of rules.stripSuffix) label = label.replace(re, '');
  return label;
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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
