// The emails a warm or cold lead gets after the chat (playbook `followUp`, P6; docs/email.md): at most 3 per tier,
// each a number of days after the chat ends, sent only to a lead who gave an email after being told of them.
import { useContext } from "preact/hooks";
import type { FollowUpStep, Playbook } from "../../../../../shared/engine/playbook.ts";
import { fieldId } from "../draft.ts";
import { Editor, FieldErrors, NumberField, TextField } from "../fields.tsx";
import { ItemActions } from "../item-actions.tsx";
import { summaries } from "../summaries.ts";
import { Section } from "./section.tsx";

const tiers = [
  { tier: "warm", name: "Warm" },
  { tier: "cold", name: "Cold" },
] as const;
const maxSteps = 3;

export function FollowUpEmailsSection(props: { playbook: Playbook }) {
  const { change } = useContext(Editor);
  return (
    <Section
      id="pb-follow-up"
      title="Follow-up emails"
      summary={summaries.followUp(props.playbook)}
      paths={["followUp"]}
    >
      <p class="pb-hint">
        Sent after the chat to warm and cold leads who gave an email once told of them; they stop when the lead writes
        again, unsubscribes or a rep takes it. {"{siteName}"} becomes the site's name.
      </p>
      <FieldErrors path="followUp" />
      {tiers.map(({ tier, name }) => {
        const steps: FollowUpStep[] = props.playbook.followUp?.[tier] ?? [];
        const set = (list: unknown[]) => change(["followUp", tier], list.length > 0 ? list : undefined);
        return (
          <div key={tier} class="pb-tier">
            <h3>{name} leads</h3>
            <FieldErrors path={`followUp.${tier}`} />
            {steps.length === 0 && <p class="pb-hint">None.</p>}
            {steps.map((_, i) => (
              <fieldset key={i} id={fieldId(`followUp.${tier}.${i}`)} class="pb-item">
                <legend>
                  {name} email {i + 1}
                </legend>
                <FieldErrors path={`followUp.${tier}.${i}`} />
                <NumberField path={["followUp", tier, i, "afterDays"]} label="Days after the chat" />
                <TextField path={["followUp", tier, i, "subject"]} label="Subject" />
                <TextField path={["followUp", tier, i, "text"]} label="Text" multiline rows={4} />
                <ItemActions
                  list={steps}
                  at={i}
                  name={`${name.toLowerCase()} email ${i + 1}`}
                  path={`followUp.${tier}`}
                  set={set}
                />
              </fieldset>
            ))}
            {steps.length < maxSteps && (
              <button
                type="button"
                class="console-button-quiet"
                onClick={() =>
                  set([...steps, { afterDays: (steps.at(-1)?.afterDays ?? -1) + 1, subject: "", text: "" }])
                }
              >
                Add a {name.toLowerCase()} email
              </button>
            )}
          </div>
        );
      })}
    </Section>
  );
}
