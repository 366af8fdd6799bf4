// STUB (replaced by the understand branch): U9.
export function splitQuestion(text: string): { question: string | null; rest: string } {
  const t = text.trim();
  const m = /^(.*?[.,;!]\s+)?([^.,;!?]*\?)\s*$/.exec(t);
  if (m) return { question: (m[2] ?? "").trim(), rest: (m[1] ?? "").replace(/[\s,;]+$/, "").trim() };
  if (/^(what|how|do you|does|can i|can you|is there|are you|tell me about)\b/i.test(t))
    return { question: t, rest: "" };
  return { question: null, rest: t };
}
