// P5: copy keys added after version 1 of the format are optional, so a playbook stored before them still parses;
// the bot then says these words (the shipped BANT playbook's) rather than nothing. Kept here, not read from the
// shipped playbook, so the console's preview does not carry a whole playbook to know them.
import type { Copy } from "./playbook.ts";
import type { laterCopyKeys } from "./schema.ts";

export type CopyKey = (typeof laterCopyKeys)[number];

export const laterCopyDefaults: Record<CopyKey, string> = {
  understood: "Got it: {answers}.",
  skipped: "No problem, let's skip that.",
  resume: "Now, back to my question:",
  unknownAnswer: "I don't know that one, and I'd rather not guess. I've noted your question for the team.",
  talkToPerson: "Talk to a person",
  qualified: "Thanks, you're a great fit.",
  unavailable: "Nobody from the team is online right now,",
  closedHours: "We're outside our opening hours right now,",
  callback: "but if you leave your phone number and a good time to call, a rep will call you back.",
  booking: "but you can book a time that suits you:",
  followUpNotice: "If you share it, we may send you a short follow-up; you can unsubscribe with one click.",
};

export function copyOf(playbook: { copy: Copy }, key: CopyKey): string {
  return playbook.copy[key] ?? laterCopyDefaults[key];
}

// What the bot says to a request for a person that waits for the questions (humanRequest "after-questions"), when
// the playbook says nothing of its own (humanLater is optional, and older playbooks fell back to `human`, which
// promises a person now).
export const humanLaterDefault = "Sure, I'll get you to a person right after a few quick questions.";
