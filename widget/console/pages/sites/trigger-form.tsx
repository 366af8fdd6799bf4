// One proactive message's form: the teaser (message, quick replies, where the chat starts), when it shows (each
// condition a tick that reveals its control), how often, and the site's conditions. Errors sit by their fields.
import type { ComponentChildren } from "preact";
import type { Question } from "../../../../shared/engine/index.ts";
import { type Errors, errorProps, Field, FieldError } from "./fields.tsx";
import type { TriggerForm } from "./trigger-values.ts";

interface Props {
  form: TriggerForm;
  set(patch: Partial<TriggerForm>): void;
  errors: Errors;
  questions: Pick<Question, "id" | "label" | "text">[];
  busy: boolean;
  onCancel(): void;
  onSubmit(e: Event): void;
}

export function TriggerFormCard({ form, set, errors, questions, busy, onCancel, onSubmit }: Props) {
  const input = (id: string, key: keyof TriggerForm, attrs: Record<string, unknown> = {}, hint = false) => (
    <input
      {...errorProps(id, errors, hint)}
      {...attrs}
      value={String(form[key])}
      onInput={(e) => set({ [key]: e.currentTarget.value })}
    />
  );
  const number = (id: string, key: keyof TriggerForm, min: number, max: number) =>
    input(id, key, { type: "number", inputMode: "numeric", min, max, class: "trigger-number" });
  const tick = (key: keyof TriggerForm, label: string, children?: ComponentChildren) => (
    <div class="trigger-condition">
      <label class="console-check">
        <input type="checkbox" checked={Boolean(form[key])} onChange={(e) => set({ [key]: e.currentTarget.checked })} />
        {label}
      </label>
      {form[key] && children}
    </div>
  );

  return (
    <form class="console-card trigger-form" onSubmit={onSubmit} aria-labelledby="trigger-form-heading" noValidate>
      <h3 id="trigger-form-heading">{form.id ? `Edit “${form.name}”` : "New proactive message"}</h3>
      {errors[""] && (
        <p class="console-field-error" role="alert">
          {errors[""]}
        </p>
      )}
      <Field id="t-name" label="Name (for you)" errors={errors} hint="e.g. Pricing page, 30 s">
        {input("t-name", "name", {}, true)}
      </Field>

      <fieldset class="console-fieldset">
        <legend>What visitors see</legend>
        <Field id="t-message" label="Message" errors={errors} hint="Up to 200 characters, shown as your display name.">
          <textarea
            {...errorProps("t-message", errors, true)}
            rows={2}
            maxLength={200}
            value={form.message}
            onInput={(e) => set({ message: e.currentTarget.value })}
          />
        </Field>
        {[0, 1, 2].map((i) => (
          <Field key={i} id={`t-reply-${i}`} label={`Quick reply ${i + 1} (optional)`} errors={errors}>
            <input
              {...errorProps(`t-reply-${i}`, errors)}
              maxLength={60}
              value={form.replies[i]}
              onInput={(e) => {
                const replies = [...form.replies] as TriggerForm["replies"];
                replies[i] = e.currentTarget.value;
                set({ replies });
              }}
            />
          </Field>
        ))}
        <Field
          id="t-startAt"
          label="Clicking the message starts the chat at"
          errors={errors}
          hint="A quick reply is also sent as the visitor's first message."
        >
          <select
            {...errorProps("t-startAt", errors, true)}
            value={form.startAt}
            onChange={(e) => set({ startAt: e.currentTarget.value })}
          >
            <option value="">The playbook's first question</option>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.label}: {q.text.length > 60 ? `${q.text.slice(0, 60)}…` : q.text}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>When it shows</legend>
        <p class="console-field-hint">Every condition you tick must hold. None ticked: on every page.</p>
        {tick(
          "urlsOn",
          "On some pages only",
          <Field
            id="t-urls"
            label="Page addresses"
            errors={errors}
            hint="One per line; * matches anything, e.g. /pricing*"
          >
            <textarea
              {...errorProps("t-urls", errors, true)}
              rows={2}
              value={form.urls}
              onInput={(e) => set({ urls: e.currentTarget.value })}
            />
          </Field>,
        )}
        {tick(
          "secondsOn",
          "After time on the page",
          <Field id="t-seconds" label="Seconds on the page" errors={errors}>
            {number("t-seconds", "seconds", 1, 3600)}
          </Field>,
        )}
        {tick(
          "scrollOn",
          "After scrolling down the page",
          <Field id="t-scroll" label="Percent of the page scrolled" errors={errors}>
            {number("t-scroll", "scroll", 1, 100)}
          </Field>,
        )}
        {tick("exitIntent", "When the visitor is about to leave (the pointer heads for the tabs; computers only)")}
        {tick("returning", "Returning visitors only")}
        {tick(
          "campaignOn",
          "From a campaign",
          <Field id="t-campaign" label="UTM campaign is one of" errors={errors} hint="Separate with commas">
            {input("t-campaign", "campaign", {}, true)}
          </Field>,
        )}
        {tick(
          "sourceOn",
          "From a source",
          <Field id="t-source" label="UTM source is one of" errors={errors} hint="e.g. google, newsletter">
            {input("t-source", "source", {}, true)}
          </Field>,
        )}
        {tick(
          "pagesOn",
          "After several pages in one visit",
          <Field id="t-pages" label="Pages opened this visit, at least" errors={errors}>
            {number("t-pages", "pages", 1, 100)}
          </Field>,
        )}
        {tick(
          "eventOn",
          "When the page tracks an event",
          <Field id="t-event" label="Event name" errors={errors} hint="As your page calls Banter('track', name)">
            {input("t-event", "event", {}, true)}
          </Field>,
        )}
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>How often, and only when</legend>
        <Field id="t-maxPerDay" label="Show a visitor at most this many times a day" errors={errors}>
          {number("t-maxPerDay", "maxPerDay", 1, 20)}
        </Field>
        <Field id="t-dismissDays" label="After a visitor closes it, wait this many days" errors={errors}>
          {number("t-dismissDays", "dismissDays", 0, 365)}
        </Field>
        {tick("duringBusinessHours", "Only during business hours")}
        {tick("whenRepOnline", "Only while a rep is available to chat")}
        {tick("onSmallScreens", "On phones too (it covers much of a small screen)")}
        {tick("enabled", "On: visitors can see it")}
      </fieldset>
      <FieldError id="t-other" errors={errors} />

      <div class="console-form-actions">
        <button type="submit" class="banter-button" disabled={busy}>
          Save message
        </button>
        <button type="button" class="console-button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
