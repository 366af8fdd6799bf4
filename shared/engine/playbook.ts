// A playbook is data: the bot's copy, its questions and how answers score. Conversations pin the version they
// started on, so editing a playbook never changes a live conversation.
export interface Playbook {
  id: string;
  version: number;
  name: string;
  greeting: string;
  questions: Question[];
  // Score at or above which a lead is warm / hot.
  thresholds: { warm: number; hot: number };
  copy: {
    // Said when the bot cannot read an answer; the question follows with its buttons.
    retry: string;
    handoff: string;
    warm: string;
    cold: string;
    disqualified: string;
  };
}

export type Question = ChoiceQuestion | EmailQuestion;

interface QuestionBase {
  // The slot this question fills, e.g. "budget". Slots named after BANT letters count towards an SQL.
  slot: string;
  // How the lead card names the slot.
  label: string;
  text: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: "choice";
  options: Option[];
}

export interface EmailQuestion extends QuestionBase {
  kind: "email";
  points: number;
  reason: string;
}

export interface Option {
  value: string;
  label: string;
  points: number;
  // Why these points, as the rep reads it on the lead card.
  reason: string;
  // Lower-case words or phrases that, typed by the visitor, mean this option.
  synonyms?: string[];
  // For money questions: the amounts (in the playbook's currency) this option covers, min <= amount < max; no max
  // means no upper bound. An object rather than [min, Infinity] because playbooks are JSON.
  range?: { min: number; max?: number };
  // Choosing this option ends the conversation politely, with this reason.
  disqualify?: string;
}
