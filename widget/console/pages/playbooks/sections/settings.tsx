// The playbook's name, currency, and what a request for a person does.
import { SelectField, TextField } from "../fields.tsx";

export function SettingsSection() {
  return (
    <section class="console-card" aria-labelledby="pb-settings">
      <h2 id="pb-settings">Settings</h2>
      <div class="pb-row">
        <TextField path={["name"]} label="Name" />
        <SelectField path={["currency"]} label="Currency" options={["USD", "EUR", "GBP"]} />
        <SelectField
          path={["humanRequest"]}
          label="Asked for a person"
          options={["handoff", "after-questions"]}
          optional="handoff (default)"
        />
      </div>
    </section>
  );
}
