// STUB (replaced by the answers branch): A2.
import type { Playbook } from "../playbook.ts";
export interface AnswerEntry {
  id: string;
  topic?: string;
  questions: string[];
  answer: string;
  link?: { label: string; url: string };
}
export interface AnswerMatch {
  answer: AnswerEntry;
  confidence: number;
  sure: boolean;
}
export function findAnswer(playbook: Playbook & { answers?: AnswerEntry[] }, question: string): AnswerMatch | null {
  const q = question.toLowerCase();
  const hit = playbook.answers?.find((a) => a.questions.some((x) => x.toLowerCase() === q));
  return hit ? { answer: hit, confidence: 1, sure: true } : null;
}
