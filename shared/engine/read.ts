// Reads an answer for one question: a quick reply or free text, through the extractor of the question's type.
import type { Option, Playbook, Question } from "./playbook.ts";
import {
  extractAuthority,
  extractEmail,
  extractMoney,
  extractPhone,
  extractTiming,
  matchOption,
  type Reading,
  type SlotValue,
} from "./understand/index.ts";
import { normalize } from "./understand/text.ts";

export interface Read extends Reading<SlotValue> {
  disqualify?: string;
}

const maxWords = 500;

// `expected`: this is the question just asked (bare numbers then count as amounts, any text as a text answer).
function readText(q: Question, playbook: Playbook, text: string, now: number, expected: boolean): Reading | null {
  switch (q.type) {
    case "money":
      return extractMoney(text, { currency: playbook.currency, expected });
    case "timing":
      return extractTiming(text, now, expected);
    case "authority":
      return extractAuthority(text);
    case "email":
      return extractEmail(text);
    case "phone":
      return extractPhone(text);
    case "number": {
      const m = expected ? /(?<![\d.])(\d{1,9})(?![\d.])/.exec(normalize(text)) : null;
      return m ? { value: { kind: "number", value: Number(m[1]) }, sure: true } : null;
    }
    case "text": {
      const t = text.trim().slice(0, maxWords);
      return expected && t ? { value: { kind: "text", text: t }, sure: true } : null;
    }
    case "choice":
      return null;
  }
}

// A button reads the same every time but for a date, which counts from now: read once per option of a playbook
// (playbooks are kept per process, so an option is the same object turn after turn). A quarter of a button's turn
// in the engine went to reading its label's money again.
const optionReadings = new WeakMap<Option, Reading | null>();

function readOption(q: Question, playbook: Playbook, option: Option, now: number): Read | null {
  let reading = optionReadings.get(option);
  if (reading === undefined || q.type === "timing") {
    reading =
      q.type === "choice"
        ? { value: { kind: "choice", value: option.value, label: option.label }, sure: true }
        : readText(q, playbook, option.means ?? option.label, now, true);
    if (q.type !== "timing") optionReadings.set(option, reading);
  }
  if (!reading) return null;
  // A button is never doubted: the visitor chose exactly this.
  const read: Read = { ...reading, sure: true };
  if (option.disqualify) read.disqualify = option.disqualify;
  return read;
}

export function readAnswer(
  q: Question,
  playbook: Playbook,
  input: { text: string } | { option: Option },
  now: number,
  expected: boolean,
): Read | null {
  if ("option" in input) return readOption(q, playbook, input.option, now);
  const direct = readText(q, playbook, input.text, now, expected);
  if (direct) return direct;
  // Typed words that name a button. Only for the question just asked: a choice's synonyms are too loose to be
  // read out of an answer to another question. A choice that takes buttons only reads no words at all.
  if (!expected || (q.type === "choice" && q.freeText === false)) return null;
  const option = q.options ? matchOption(q.options, input.text) : null;
  if (!option) return null;
  const read = readOption(q, playbook, option, now);
  return read && { ...read, sure: true };
}
