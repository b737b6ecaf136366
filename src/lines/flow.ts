import type { CharBox, Line, LocatedText } from './types.js';

/**
 * Joins printed lines into one running text. Chinese needs no separator, so lines are joined directly
 * ("…减少\n14782.79…" reads as one sentence); only where both sides are digits or Latin letters a space
 * keeps two numbers from fusing ("293 | 41" must not become 29341).
 */
export function flowText(lines: readonly Line[]): LocatedText {
  let text = '';
  const chars: CharBox[] = [];
  for (const line of lines) {
    if (!line.text) continue;
    const prev = text[text.length - 1] ?? '';
    const next = line.text[0];
    if (prev && /[A-Za-z0-9.%]/.test(prev) && /[A-Za-z0-9]/.test(next)) {
      text += ' ';
      chars.push(chars[chars.length - 1]);
    }
    text += line.text;
    for (const c of line.chars) chars.push(c);
  }
  return { text, chars };
}

/** The slice of located text between two offsets. */
export function sliceLocated(t: LocatedText, start: number, end: number): LocatedText {
  return { text: t.text.slice(start, end), chars: t.chars.slice(start, end) };
}
