import { isCjk, isPrivateUse } from '../normalize/chars.js';

export interface TextLayerVerdict {
  usable: boolean;
  /** why the layer is not usable (empty when usable) */
  reason: string;
  /** counts behind the verdict, for the manifest */
  stats: { chars: number; cjk: number; privateUse: number; replacement: number; control: number; cid: number; latin: number; vocabularyHits: number };
}

/**
 * Decides whether a page's text layer can be trusted (LESSONS.md #7; DOMAIN.md "Fonts without a
 * ToUnicode map"). A layer fails when it is empty, made of private-use or replacement characters or
 * "(cid:N)" names, Latin letters where Chinese should be, or when a page with much CJK text contains
 * none of the report's vocabulary (a ToUnicode map pointing glyphs at the wrong characters).
 */
export function judgeTextLayer(text: string, vocabulary: readonly string[]): TextLayerVerdict {
  const cidMatches = text.match(/\(cid:\d+\)/g) ?? [];
  const cleaned = text.replace(/\(cid:\d+\)/g, '').replace(/\s+/g, '');
  let cjk = 0, privateUse = 0, replacement = 0, latin = 0, control = 0;
  for (const ch of cleaned) {
    if (isPrivateUse(ch)) privateUse++;
    else if (/[\u0000-\u001f\u007f-\u009f]/.test(ch)) control++; // glyph ids passed through as char codes
    else if (ch === '\ufffd') replacement++;
    else if (isCjk(ch)) cjk++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  const chars = Array.from(cleaned).length;
  const vocabularyHits = vocabulary.filter((w) => cleaned.includes(w)).length;
  const stats = { chars, cjk, privateUse, replacement, control, cid: cidMatches.length, latin, vocabularyHits };
  const verdict = (usable: boolean, reason: string): TextLayerVerdict => ({ usable, reason, stats });
  const total = chars + cidMatches.length;
  if (total === 0) return verdict(false, 'no text layer');
  if ((privateUse + replacement + control + cidMatches.length) / total > 0.05) {
    return verdict(false, 'text layer is private-use / control / unmapped glyph codes (font without a ToUnicode map)');
  }
  if (latin > 20 && (latin / total > 0.5 || cjk === 0) && cjk / total < 0.1) {
    return verdict(false, 'text layer has Latin letters where Chinese text is expected');
  }
  if (cjk >= 80 && vocabularyHits === 0) {
    return verdict(false, 'text layer is Chinese but none of the report vocabulary (glyphs mapped to wrong characters)');
  }
  return verdict(true, '');
}
