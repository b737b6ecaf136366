/**
 * Conservative, rule-driven clean-up of OCR text (rules/ocr.yaml `cleanup`). Only what OCR gets wrong
 * in a way that cannot be a real reading: spaces between Chinese characters, and letters standing for
 * digits inside numbers. Everything else stays as recognised; validation catches the rest.
 */
import { isCjk } from '../normalize/chars.js';
import type { OcrRules } from './rules.js';

export interface CompiledCleanup {
  collapseCjkSpaces: boolean;
  replace: { name: string; re: RegExp; to: string }[];
}

export function compileCleanup(rules: OcrRules['cleanup']): CompiledCleanup {
  return {
    collapseCjkSpaces: rules.collapse_cjk_spaces,
    replace: rules.replace.map((r) => ({ name: r.name, re: new RegExp(r.pattern, 'gu'), to: r.to })),
  };
}

/** CJK ideographs and CJK/full-width punctuation: no space belongs next to them in Chinese text. */
function isCjkLike(ch: string): boolean {
  return isCjk(ch) || /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019]/u.test(ch);
}

export function collapseCjkSpaces(s: string): string {
  return s.replace(/(\S)[ \t\u3000]+(?=(\S))/gu, (m, a: string, b: string) => (isCjkLike(a) && isCjkLike(b) ? a : m));
}

/** Applies the clean-up to one OCR text run. */
export function cleanOcrText(s: string, c: CompiledCleanup): string {
  let out = c.collapseCjkSpaces ? collapseCjkSpaces(s) : s;
  for (const r of c.replace) {
    // Repeat to a fixed point: look-behinds see the string before this pass (`O.OO` needs three passes).
    for (let i = 0; i < 8; i++) {
      const next = out.replace(r.re, r.to);
      if (next === out) break;
      out = next;
    }
  }
  return out;
}
