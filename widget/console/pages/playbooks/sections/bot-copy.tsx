// What the bot says around the questions: greeting, confirmations, buttons, and its last words by outcome.
import type { Playbook } from "../../../../../shared/engine/playbook.ts";
import type { CopyKey } from "../draft.ts";
import { FieldErrors, TextField } from "../fields.tsx";
import { summaries } from "../summaries.ts";
import { Section } from "./section.tsx";

// Labels for draft.ts's copyKeys, in the same order.
const copyFields: [CopyKey, string, string?][] = [
  ["greeting", "Greeting"],
  ["retry", "Retry", "Said before a question is asked again."],
  ["confirm", "Confirm", "{answer} is the answer being checked."],
  ["yes", "Yes button"],
  ["no", "No button"],
  ["skip", "Skip button"],
  ["corrected", "Corrected", "{label} and {answer} are filled in."],
  ["human", "Asked for a person"],
  ["humanLater", "Asked for a person, after the questions (optional)"],
  ["done", "Visitor is done"],
  ["handoff", "Handoff (hot lead)"],
  ["warm", "Warm lead"],
  ["cold", "Cold lead"],
  ["disqualified", "Disqualified"],
];

export function BotCopySection(props: { playbook: Playbook }) {
  return (
    <Section id="pb-copy" title="What the bot says" summary={summaries.copy(props.playbook)} paths={["copy"]}>
      <FieldErrors path="copy" />
      {copyFields.map(([key, label, hint]) => (
        <TextField key={key} path={["copy", key]} label={label} hint={hint} multiline optional={key === "humanLater"} />
      ))}
    </Section>
  );
}
