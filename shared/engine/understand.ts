// Free-text understanding, English first: maps what a visitor types onto a question's options. Deliberately
// conservative: no match is better than a wrong match, because the engine re-asks with buttons (rule E5).
import type { Option } from "./playbook.ts";

const multipliers: Record<string, number> = { k: 1e3, grand: 1e3, thousand: 1e3, m: 1e6, million: 1e6 };
const amountPattern = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(k|m|grand|thousand|million)?\b/gi;

// Amounts in a text, e.g. "about $40k" -> [40000]; "20-30k" -> [20, 30000] is refined by the caller's ranges.
export function parseAmounts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(amountPattern)) {
    const n = Number((m[1] ?? "").replace(/,/g, ""));
    const unit = m[2]?.toLowerCase();
    if (Number.isFinite(n)) out.push(unit ? n * (multipliers[unit] ?? 1) : n);
  }
  return out;
}

export function parseEmail(text: string): string | undefined {
  const m = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i.exec(text);
  return m ? m[0].toLowerCase() : undefined;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ").trim();
}

function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
}

// The option a free-text answer means, or undefined when unsure.
export function matchOption(options: Option[], raw: string): Option | undefined {
  const text = normalize(raw);
  if (!text) return undefined;
  const exact = options.find((o) => normalize(o.label) === text || o.value === text);
  if (exact) return exact;

  const ranged = options.filter((o) => o.range);
  const amounts = parseAmounts(text);
  if (ranged.length > 0 && amounts.length > 0) {
    // "20-30k": a bare number before a scaled one shares its scale.
    const scaled = amounts.map((a, i) => (a < 1000 && (amounts[i + 1] ?? 0) >= 1000 ? a * 1000 : a));
    const amount = scaled.reduce((s, a) => s + a, 0) / scaled.length;
    const hit = ranged.find(
      (o) => o.range && amount >= o.range.min && amount < (o.range.max ?? Number.POSITIVE_INFINITY),
    );
    if (hit) return hit;
  }

  // The longest synonym found wins, so "no budget" beats a shorter, vaguer phrase.
  let best: { option: Option; length: number } | undefined;
  for (const option of options) {
    for (const phrase of [normalize(option.label), ...(option.synonyms ?? [])]) {
      if (containsPhrase(text, phrase) && (!best || phrase.length > best.length)) {
        best = { option, length: phrase.length };
      }
    }
  }
  return best?.option;
}
