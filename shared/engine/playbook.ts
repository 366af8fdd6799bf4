// A playbook is data (JSON): the bot's copy, its questions, how answers score and what ends the conversation.
// Conversations pin the version they started on, so editing a playbook never changes a live conversation.
// schema.ts validates it; SPEC.md (rules P*) says what each part means.
import type { Currency } from "./understand/values.ts";

export type AnswerType = "choice" | "text" | "email" | "phone" | "number" | "money" | "timing" | "authority";

export interface Playbook {
  id: string;
  version: number;
  name: string;
  // The playbook's currency: amounts in other currencies are converted with `rates` before scoring.
  currency: Currency;
  // Units of `currency` per unit of another currency, e.g. { "EUR": 1.08 } when `currency` is USD.
  rates?: Partial<Record<Currency, number>>;
  copy: Copy;
  questions: Question[];
  scoring: Scoring;
  // Phrases that end the conversation politely at any point (student, job seeker, vendor, competitor, spam).
  disqualifiers: Disqualifier[];
  // When the visitor asks for a person: hand off at once (the default), or after the remaining questions.
  humanRequest?: "handoff" | "after-questions";
  // What the bot can tell a visitor who asks (A1-A5): the site's own, looked up by `answers/`.
  answers?: Answer[];
  // Short follow-up emails to a cold or warm lead who gave an email after being told of them (P6, shared/sequences).
  followUp?: FollowUp;
}

// At most 3 steps per tier, in order of `afterDays` (days after the chat closed; 0: at once). {siteName} in the
// subject and text is the site's name.
export interface FollowUpStep {
  afterDays: number;
  subject: string;
  text: string;
}

export interface FollowUp {
  warm?: FollowUpStep[];
  cold?: FollowUpStep[];
}

// A tier's follow-up emails; hot leads have none (a person follows them up).
export function followUpSteps(playbook: Pick<Playbook, "followUp">, tier: "hot" | "warm" | "cold"): FollowUpStep[] {
  return tier === "hot" ? [] : (playbook.followUp?.[tier] ?? []);
}

// One visitor question the bot can answer, with the ways visitors put it (rule P5).
export interface Answer {
  id: string;
  // How the lead card names it ("Asked about: Pricing"); the id when absent.
  topic?: string;
  // Example phrasings of the one question: the matcher's index is built from them, so several short,
  // different ones beat one long one.
  questions: string[];
  answer: string;
  // Shown with the answer, e.g. the pricing page.
  link?: { label: string; url: string };
}

// Every sentence the bot says, so a site can write its bot in any language. {answer}, {label} and {question}
// are filled in where noted.
export interface Copy {
  greeting: string;
  // Before a question is asked again: "Sorry, I didn't catch that."
  retry: string;
  // "Just to check: {answer}?" with Yes / No quick replies.
  confirm: string;
  yes: string;
  no: string;
  // The quick reply that skips an optional question.
  skip: string;
  // After a correction: "Got it, {label}: {answer}."
  corrected: string;
  // The visitor asked for a person.
  human: string;
  // The visitor asked for a person, and the playbook finishes its questions first (humanRequest).
  humanLater?: string;
  // The visitor said they are done.
  done: string;
  handoff: string;
  warm: string;
  cold: string;
  disqualified: string;
  // Added after version 1 of the format, so optional: copyOf() falls back to the default playbook's wording.
  // Before the next question, what a free-text message was read as: "Got it: {answers}."
  understood?: string;
  // A question skipped by words ("rather not say").
  skipped?: string;
  // Leads the open question again after the bot answered the visitor's own: "Now, back to my question:".
  resume?: string;
  // No sure answer (A4): says so rather than guessing, and that the question was noted.
  unknownAnswer?: string;
  // The quick reply that asks for a person when a rep is online.
  talkToPerson?: string;
  // Opens the one message a hot lead hears when nobody can take the chat (H1): "Thanks, you're a great fit."
  qualified?: string;
  // Why nobody takes the chat now; each is followed by `callback` or `booking` in the same sentence (H1).
  unavailable?: string;
  closedHours?: string;
  callback?: string;
  // Followed by the site's booking link.
  booking?: string;
  // Added to the email question when the lead's tier has follow-up emails (P6): what giving the email agrees to.
  followUpNotice?: string;
}

export interface Question {
  id: string;
  // The slot the answer fills; later questions' conditions and the scoring rules read slots.
  slot: string;
  // How the lead card names the slot ("Budget").
  label: string;
  type: AnswerType;
  text: string;
  // Ask differently when a condition holds (the first that holds wins).
  variants?: { when: Condition; text: string }[];
  // Quick replies. Required for choice; for money, timing and authority each option's `means` (or label) is read
  // by that type's extractor, so a button and the same words typed score alike.
  options?: Option[];
  // Ask only when this holds (e.g. skip authority when the visitor already said they are the CEO: the slot is
  // known, so the question is not asked at all).
  when?: Condition;
  // Offers a Skip quick reply; skipping leaves the slot unknown.
  optional?: boolean;
  // Choice questions: whether typed words may answer (default true); false takes only the buttons.
  freeText?: boolean;
}

export interface Option {
  value: string;
  label: string;
  // Lower-case words or phrases that, typed by the visitor, mean this option (choice questions).
  synonyms?: string[];
  // For typed questions: the words the extractor reads for this button, when the label is not enough.
  means?: string;
  // Choosing this option ends the conversation politely with this reason.
  disqualify?: string;
}

export type Condition =
  | { slot: string; known: boolean }
  // A choice's value, an authority level, or "none" / "unknown".
  | { slot: string; is: string | string[] }
  // Numbers: a money slot's yearly amount in the playbook's currency, a timing slot's days, a number slot's value.
  | { slot: string; atLeast: number }
  | { slot: string; below: number }
  // Email domains, phone prefixes: the slot's text ends with one of these.
  | { slot: string; endsWith: string[] }
  // Behaviour (shared/engine/behaviour.ts), read from the lead's Behaviour, never from slots:
  | { page: string; atLeast?: number } // views of pages matching the pattern, at least atLeast (default 1)
  | { visits: number } // at least this many visits
  | { returnedWithinDays: number } // a visit started within N days of the previous visit
  | { event: string; atLeast?: number } // Banter('track', event) at least atLeast (default 1) times
  | { minutesOnSite: number } // at least this many minutes on the site in all
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface ScoreRule {
  // Within a group only the first rule that holds counts (budget tiers, timing tiers).
  group?: string;
  when: Condition;
  points: number;
  // Why, as the rep reads it. {slot} is replaced by how that slot's answer reads ("Budget {budget}"); in a
  // behaviour rule {count} is what it counted ("Visited pricing {count} times", S8).
  reason: string;
}

export interface Scoring {
  thresholds: { warm: number; hot: number };
  rules: ScoreRule[];
  // Besides being hot, what an SQL needs (e.g. an authority answer); absent: every hot lead is an SQL.
  sql?: Condition;
  // Inactivity (S10): after `afterDays` days without a page or event, `pointsPerWeek` (negative) for each week
  // begun since, applied when the score is read.
  decay?: { afterDays: number; pointsPerWeek: number };
}

export interface Disqualifier {
  id: string;
  reason: string;
  phrases: string[];
}

// Quick-reply values the engine itself offers; playbooks may not use them for options.
// `other`: a choice answered in the visitor's own words (C3); `human`: the "Talk to a person" quick reply (A4).
export const reservedValues = { yes: "__yes", no: "__no", skip: "__skip", other: "__other", human: "__human" } as const;
