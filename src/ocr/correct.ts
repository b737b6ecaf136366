import { isCjk } from '../normalize/chars.js';
import type { OcrRules } from './rules.js';

export interface Lexicon {
  /** phrases by length, longest first */
  byLength: [number, Set<string>][];
  freeLength: number;
  /** read → meant pairs allowed in phrases shorter than freeLength */
  confusions: Map<string, string>;
}

export function compileLexicon(rules: OcrRules['lexicon']): Lexicon {
  const by = new Map<number, Set<string>>();
  for (const p of rules.phrases) {
    const n = Array.from(p).length;
    if (n < rules.min_length) continue;
    by.set(n, (by.get(n) ?? new Set()).add(p));
  }
  return { byLength: [...by].sort((a, b) => b[0] - a[0]), freeLength: rules.free_length, confusions: new Map(Object.entries(rules.confusions)) };
}

/**
 * Corrects one-character misreadings of the report's own vocabulary in text read by OCR ("基本文出" →
 * "基本支出"): a window that differs from exactly one lexicon phrase in exactly one CJK character takes
 * the phrase's character. Same length in and out, so every character keeps its position.
 */
export function correctText(text: string, lexicon: Lexicon): string {
  const chars = Array.from(text);
  if (chars.length !== text.length) return text; // astral characters: leave as read
  let changed = false;
  // Characters inside an exact phrase are right as read: "收入决算情况说明" must not lose 情 to the
  // shorter phrase "收入决算表".
  const exact = new Array<boolean>(chars.length).fill(false);
  const protect = (i: number, n: number) => exact.fill(true, i, i + n);
  for (const [n, phrases] of lexicon.byLength) {
    for (let i = 0; i + n <= chars.length; i++) if (phrases.has(chars.slice(i, i + n).join(''))) protect(i, n);
  }
  for (const [n, phrases] of lexicon.byLength) {
    for (let i = 0; i + n <= chars.length; i++) {
      const window = chars.slice(i, i + n).join('');
      if (phrases.has(window)) continue;
      let fix: { at: number; ch: string } | undefined;
      let ambiguous = false;
      for (const p of phrases) {
        const at = oneSubstitution(window, p);
        if (at < 0) continue;
        const ch = p[at];
        if (n < lexicon.freeLength && lexicon.confusions.get(window[at]) !== ch) continue;
        if (fix && (fix.at !== at || fix.ch !== ch)) ambiguous = true;
        fix = { at, ch };
      }
      if (!fix || ambiguous || exact[i + fix.at] || !isCjk(chars[i + fix.at]) || /[\p{P}]/u.test(chars[i + fix.at])) continue;
      chars[i + fix.at] = fix.ch;
      protect(i, n);
      changed = true;
    }
  }
  return changed ? chars.join('') : text;
}

/** The index where a and b (same length) differ, when they differ in exactly one place; else -1. */
function oneSubstitution(a: string, b: string): number {
  if (a.length !== b.length) return -1;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (at >= 0) return -1;
    at = i;
  }
  return at;
}
