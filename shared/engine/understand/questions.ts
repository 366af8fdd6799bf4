// U9 (A1): what a message asks, if anything, and the rest of it, which the engine reads as an answer. A sentence
// asks when it ends with "?" or opens with an asking phrase; a clause inside a sentence asks when it opens with one
// ("not sure, what does it cost?"). Conservative about "?": "40k?" and "next month?" are doubtful answers, and "what
// brings me here? lead capture" is a question the visitor asks themself before answering it.
import { extractAuthority } from "./authority.ts";
import { extractMoney } from "./money.ts";
import { ownWords } from "./own-words.ts";
import { normalize, tokens } from "./text.ts";
import { extractTiming } from "./timing.ts";

export interface SplitQuestion {
  // The words that ask, as the visitor wrote them (several questions joined by a space), or null.
  question: string | null;
  // Everything else, trimmed of the separators and conjunctions left at its edges; "" when the message only asks.
  rest: string;
}

// Asking phrases, read on the normalised text. A wh-word asks only before a verb ("what does", "how much"), so
// "what we need is lead capture" and "when a lead comes in" are statements. Literals, so that a bundle that does
// not use splitQuestion leaves them out.
const asking = [
  /^what(?:'s|s|\s(?:is|are|was|were|does|do|did|can|could|would|will|should|about|kind|sort|type|if|happens))\b/,
  /^how(?:'s|\s(?:is|are|was|were|does|do|did|can|could|would|will|should|much|many|long|fast|soon|often|about))\b/,
  /^(?:when|where|why|who|which)(?:'s|\s(?:is|are|was|were|does|do|did|can|could|would|will|should))\b/,
  /^(?:is|are|was|were|does|do|did|can|could|would|will|should|have|has)\s(?:you|u|it|i|we|your|this|that|there|the)\b/,
  /^(?:r u|tell me|i'?d like to know|i would like to know|i want to know|i wanna know|explain|can someone)\b/,
  /^(?:i was wondering|i'?m wondering|(?:just )?wondering|any chance|quick question|is it possible|i'?m curious)\b/,
  /^(?:curious (?:if|whether|about|how)|what (?:options|integrations)|how quickly)\b/,
  /^(?:is|are|does|do|can|could|will|would|have|has)\s(?:anyone|someone|they)\b/,
];
const leading = /^(?:(?:and|but|so|also|btw|plus|ok|okay|well|oh|um|hmm|anyway)\b[\s,]*)+/i;
const sentenceEnd = /[.?!]+(?=\s|$)|\n+/g;
// Where a clause may start inside a sentence: after a comma, semicolon, colon or dash, or a joining word.
const clauseStart = /(?:[,;:]|\s[-–—])\s*|\s(?:but|and|so|also|btw|plus)\s+/gi;
const edges = /^(?:[\s,;:\-–—]|(?:and|but|so|also|btw|plus)\b)+|(?:[\s,;:\-–—]|\b(?:and|but|so|also|btw|plus))+$/gi;
const wh = /^(?:what|how|when|where|why|who|which)\b/;
const myself = new Set(["i", "i'm", "me", "we", "we're", "us"]);
// The bot's own questions, echoed: "what brings me here?", "how much can we spend?", "when do we need it?".
const echoes = new Set(["bring", "brings", "brought", "need", "needs", "want", "spend", "afford", "budget", "decide"]);

interface Clause {
  start: number;
  end: number;
  asks: boolean;
}

// Only a clause's first words can open it, so a long clause costs no more than a short one.
function opensAsking(clause: string): boolean {
  const opening = normalize(clause.slice(0, 80)).replace(leading, "");
  return asking.some((re) => re.test(opening));
}

// A short "?" clause that an extractor reads is an answer said with doubt ("40k?", "maybe next month?", "CEO?").
function doubtfulAnswer(clause: string): boolean {
  const words = tokens(clause);
  if (words.length > 4) return false;
  return (
    words.some((w) => /\d/.test(w)) ||
    extractMoney(clause, { currency: "USD", expected: false }) !== null ||
    extractTiming(clause, 0) !== null ||
    extractAuthority(clause) !== null
  );
}

// "what brings me here?", "how much can we spend?": the visitor asks themself one of the bot's questions. Not "how
// much can we save?", which asks the bot.
function asksThemself(clause: string): boolean {
  const words = tokens(normalize(clause).replace(leading, ""));
  return wh.test(words[0] ?? "") && words.slice(1, 4).some((w) => myself.has(w)) && words.some((w) => echoes.has(w));
}

function clausesOf(text: string, start: number, end: number): Clause[] {
  const sentence = text.slice(start, end);
  if (opensAsking(sentence)) return [{ start, end, asks: true }];
  for (const m of sentence.matchAll(clauseStart)) {
    const at = (m.index ?? 0) + m[0].length;
    if (at < sentence.length && opensAsking(sentence.slice(at))) {
      return [
        { start, end: start + at, asks: false },
        { start: start + at, end, asks: true },
      ];
    }
  }
  if (!sentence.trimEnd().endsWith("?")) return [{ start, end, asks: false }];
  // "we have 50k, pricing?": the last clause asks, what comes before it is an answer.
  const last = [...sentence.matchAll(/[,;]\s*/g)].at(-1);
  const at = last ? (last.index ?? 0) + last[0].length : 0;
  // "huh?", "what?", "??": a puzzled visitor asks nothing the answers could hold.
  const asks = !doubtfulAnswer(sentence.slice(at)) && ownWords(sentence.slice(at)) !== null;
  if (at === 0 || !asks) return [{ start, end, asks }];
  return [
    { start, end: start + at, asks: false },
    { start: start + at, end, asks: true },
  ];
}

function tidy(text: string): string {
  return text.replace(/\s+/g, " ").replace(edges, "").trim();
}

export function splitQuestion(text: string): SplitQuestion {
  const clauses: Clause[] = [];
  let from = 0;
  for (const m of text.matchAll(sentenceEnd)) {
    const end = (m.index ?? 0) + m[0].length;
    if (text.slice(from, end).trim()) clauses.push(...clausesOf(text, from, end));
    from = end;
  }
  if (text.slice(from).trim()) clauses.push(...clausesOf(text, from, text.length));
  if (!clauses.some((c) => c.asks)) return { question: null, rest: text.trim() };

  const asked: string[] = [];
  let rest = "";
  for (const [i, c] of clauses.entries()) {
    const words = text.slice(c.start, c.end);
    if (!c.asks) rest += words;
    // A question followed by a statement is the visitor's own when it asks about themself: drop it, keep the answer.
    else if (!(asksThemself(words) && clauses.slice(i + 1).some((d) => !d.asks && tidy(text.slice(d.start, d.end))))) {
      asked.push(words.trim().replace(leading, ""));
    }
  }
  return { question: asked.length > 0 ? asked.join(" ") : null, rest: tidy(rest) };
}
