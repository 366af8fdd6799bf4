// U4: which of a question's options a free-text answer names. Deliberately conservative: no match is better
// than a wrong one, because the bot re-asks with buttons (rule E5).
import { bare, longestPhrase, tokens } from "./text.ts";

export interface Named {
  value: string;
  label: string;
  synonyms?: string[];
}

export function matchOption<O extends Named>(
  options: readonly O[],
  text: string,
  opts: { strict?: boolean } = {},
): O | null {
  const b = bare(text);
  if (!b) return null;
  const exact = options.find((o) => bare(o.label) === b || o.value === text.trim().toLowerCase());
  if (exact) return exact;
  const words = tokens(text);
  let best: { option: O; length: number } | null = null;
  for (const option of options) {
    const phrase = longestPhrase(words, [option.label, ...(option.synonyms ?? [])]);
    if (phrase && opts.strict && tokens(phrase).length < 2) continue;
    if (phrase && (!best || phrase.length > best.length)) best = { option, length: phrase.length };
  }
  return best?.option ?? null;
}
