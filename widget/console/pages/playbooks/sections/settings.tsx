// The playbook's name, currency, and what a request for a person does.
import type { Playbook } from "../../../../../shared/engine/playbook.ts";
import { SelectField, TextField } from "../fields.tsx";
import { summaries } from "../summaries.ts";
import { Section } from "./section.tsx";

// A request for a person hands off at once unless the playbook says otherwise, so "at once" is the absence of the
// field (or its explicit "handoff"): one choice each, never the default listed twice.
const personChoices = [
  ["", "Hand off to a person at once"],
  ["after-questions", "Finish the questions first, then hand off"],
] as const;

export function SettingsSection(props: { playbook: Playbook }) {
  return (
    <Section
      id="pb-settings"
      title="Settings"
      summary={summaries.settings(props.playbook)}
      paths={["name", "currency", "humanRequest", "rates"]}
    >
      <div class="pb-row">
        <TextField path={["name"]} label="Name" />
        <SelectField
          path={["currency"]}
          label="Currency"
          options={[
            ["USD", "USD"],
            ["EUR", "EUR"],
            ["GBP", "GBP"],
          ]}
        />
        <SelectField
          path={["humanRequest"]}
          label="When a visitor asks for a person"
          options={personChoices}
          read={(v) => (v === "after-questions" ? v : "")}
        />
      </div>
    </Section>
  );
}
