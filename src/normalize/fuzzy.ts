/**
 * Matching OCR'd text against a rule's pattern with one character extra, missing or wrong
 * ("一般公共了预算财政拨款支出决算表" for 一般公共预算财政拨款支出决算表). A rule pattern is a regex; when it is
 * built only of literal text, groups of alternatives, optional parts, small character sets and ^ / $,
 * it stands for a finite list of literal strings, and the text may be within `maxEdits` (Levenshtein)
 * of one of them. Short literals never match fuzzily (one edit turns 工作经费 into 工会经费), and a text
 * at least as close to another known phrase (`others`) is that phrase, not this one.
 */

export interface FuzzyOptions {
  /** shortest literal (characters) allowed to match with edits (default 6) */
  minLength?: number;
  /** most edits (default 1) */
  maxEdits?: number;
  /** other phrases the text may be: a fuzzy match closer or as close to one of them is refused */
  others?: readonly string[];
}

export interface FuzzyResult {
  /** the text matched the regex itself */
  exact: boolean;
  /** edits to the nearest literal alternative (0 when exact) */
  edits: number;
  /** the literal alternative matched with edits */
  alternative?: string;
}

interface Literals {
  alternatives: string[];
  /** anchored at the start / end (^ … $): the whole text must match, else any part of it */
  start: boolean;
  end: boolean;
}

const literalCache = new Map<string, Literals | null>();

/**
 * The literal strings a regex source stands for, or null when it uses anything else (classes with
 * ranges, *, +, {n}, ., \d …) or stands for more than `limit` strings.
 */
export function literalAlternatives(source: string, limit = 64): Literals | null {
  const key = `${limit}\u0000${source}`;
  if (literalCache.has(key)) return literalCache.get(key)!;
  let src = source;
  const start = src.startsWith('^');
  if (start) src = src.slice(1);
  const end = src.endsWith('$') && !src.endsWith('\\$');
  if (end) src = src.slice(0, -1);
  let i = 0;
  const chars = Array.from(src);
  // alternatives := sequence ('|' sequence)* ; sequence := (atom '?'?)* ; atom := char | '(' alternatives ')' | '[' set ']'
  const parseAlternatives = (): string[] | null => {
    let out: string[] = [];
    for (;;) {
      const seq = parseSequence();
      if (!seq) return null;
      out = [...out, ...seq];
      if (out.length > limit) return null;
      if (chars[i] !== '|') return out;
      i++;
    }
  };
  const parseSequence = (): string[] | null => {
    let acc = [''];
    while (i < chars.length && chars[i] !== '|' && chars[i] !== ')') {
      const atom = parseAtom();
      if (!atom) return null;
      let options = atom;
      if (chars[i] === '?') {
        i++;
        options = ['', ...atom];
      }
      acc = acc.flatMap((a) => options.map((o) => a + o));
      if (acc.length > limit) return null;
    }
    return acc;
  };
  const parseAtom = (): string[] | null => {
    const c = chars[i];
    if (c === '(') {
      i++;
      if (chars[i] === '?' && chars[i + 1] === ':') i += 2;
      else if (chars[i] === '?') return null; // look-arounds, named groups
      const inner = parseAlternatives();
      if (!inner || chars[i] !== ')') return null;
      i++;
      return inner;
    }
    if (c === '[') {
      i++;
      const set: string[] = [];
      while (i < chars.length && chars[i] !== ']') {
        if (chars[i] === '^' || chars[i] === '-') return null;
        if (chars[i] === '\\') i++;
        set.push(chars[i++]);
      }
      if (chars[i] !== ']' || set.length === 0) return null;
      i++;
      return set;
    }
    if (c === '\\') {
      const e = chars[i + 1];
      if (e === undefined || /[A-Za-z0-9]/.test(e)) return null; // \d \s \b \1 …
      i += 2;
      return [e];
    }
    if ('.*+{}^$'.includes(c)) return null;
    i++;
    return [c];
  };
  const alts = parseAlternatives();
  const result = alts && i === chars.length ? { alternatives: [...new Set(alts)], start, end } : null;
  literalCache.set(key, result);
  return result;
}

/** Levenshtein distance of a and b (by code point), or max + 1 when it is larger than `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[y.length];
}

/** Fewest edits turning some substring of `text` into `needle` (approximate substring search). */
export function substringDistance(text: string, needle: string): number {
  const t = Array.from(text);
  const n = Array.from(needle);
  // rows over the needle, columns over the text; a match may start anywhere in the text (row 0 is 0)
  let prev = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= n.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (n[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.min(...prev);
}

/**
 * Does `text` match `pattern`, exactly or within one edit of a literal alternative? Null when it does
 * not match at all.
 */
export function fuzzyMatch(text: string, pattern: string | RegExp, opts: FuzzyOptions = {}): FuzzyResult | null {
  const re = typeof pattern === 'string' ? new RegExp(pattern, 'u') : pattern;
  if (re.test(text)) return { exact: true, edits: 0 };
  const lit = literalAlternatives(re.source);
  if (!lit) return null;
  const maxEdits = opts.maxEdits ?? 1;
  const minLength = opts.minLength ?? 6;
  const whole = lit.start && lit.end;
  const distance = (phrase: string) => (whole ? editDistance(text, phrase, maxEdits) : substringDistance(text, phrase));
  let best: FuzzyResult | null = null;
  for (const alt of lit.alternatives) {
    if (Array.from(alt).length < minLength) continue;
    const d = distance(alt);
    if (d <= maxEdits && (!best || d < best.edits)) best = { exact: false, edits: d, alternative: alt };
  }
  if (!best) return null;
  const own = new Set(lit.alternatives);
  if ((opts.others ?? []).some((o) => !own.has(o) && distance(o) <= best!.edits)) return null;
  return best;
}
