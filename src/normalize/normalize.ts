import type { CharBox, Line, LocatedText } from '../lines/types.js';
import { foldChar, isCjk } from './chars.js';

/**
 * Normalises located text character by character, so every output character keeps the box of the
 * character it came from: folds Kangxi / radical / full-width forms, makes whitespace one space, and drops
 * spaces next to a CJK character (Chinese is written without them; the rules match labels without them).
 * Which gaps are spaces at all — none inside a number short of a field gap — the line builder decided
 * (lines/gaps.ts); a space left between two digits is such a field gap and is kept.
 */
export function normalizeText(input: LocatedText): LocatedText {
  const src = Array.from(input.text);
  const folded: string[] = [];
  const boxes: CharBox[] = [];
  let unit = 0; // index into input.chars (UTF-16 units)
  for (const ch of src) {
    const f = foldChar(ch);
    const box = input.chars[unit] ?? input.chars[input.chars.length - 1];
    for (const out of Array.from(f)) {
      folded.push(/\s/.test(out) ? ' ' : out);
      boxes.push(box);
    }
    unit += ch.length;
  }
  let text = '';
  const chars: CharBox[] = [];
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i];
    if (ch === ' ') {
      if (text.length === 0 || text.endsWith(' ')) continue;
      const prev = text[text.length - 1];
      let j = i + 1;
      while (j < folded.length && folded[j] === ' ') j++;
      const next = folded[j] ?? '';
      if (!next || isCjk(prev) || isCjk(next)) continue;
    }
    // Surrogate pairs: a folded char may be two units; repeat its box for each unit.
    text += ch;
    for (let k = 0; k < ch.length; k++) chars.push(boxes[i]);
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    chars.pop();
  }
  return { text, chars };
}

export function normalizeLine(line: Line): Line {
  const { text, chars } = normalizeText(line);
  return { ...line, text, chars };
}
