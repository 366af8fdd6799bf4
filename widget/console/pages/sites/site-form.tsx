// A site's settings, in groups. Saving sends every field; the server's problems appear next to their fields and
// focus goes to the first one, and the status line says how it went.
import { useState } from "preact/hooks";
import { type ReplyTime, replyTimes, type SiteResult, type SiteSummary } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import { type Errors, errorProps, Field } from "./fields.tsx";
import { errorsByField, formOf, inputOf, type SiteForm as Values } from "./form-values.ts";
import { HoursFields } from "./hours-fields.tsx";

const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function SiteForm(props: { site: SiteSummary; onSaved(site: SiteSummary): void }) {
  const [form, setForm] = useState<Values>(() => formOf(props.site, localTimeZone()));
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  const { busy, run } = useSubmit();
  const set = (patch: Partial<Values>) => setForm((f) => ({ ...f, ...patch }));

  const save = (e: Event) => {
    e.preventDefault();
    const { input, dayAt } = inputOf(form);
    void run(
      async () => {
        setStatus("Saving…");
        const { site } = await api<SiteResult>("PUT", `/api/sites/${encodeURIComponent(props.site.key)}`, input);
        setErrors({});
        setForm(formOf(site, localTimeZone()));
        setStatus("Saved. The widget uses the new settings on its next page view.");
        props.onSaved(site);
      },
      (err) => {
        const fields = err instanceof ApiError ? errorsByField(err.fields, dayAt) : {};
        setErrors(fields);
        const count = Object.keys(fields).length;
        setStatus(count ? `Not saved: ${count === 1 ? "one field needs" : `${count} fields need`} fixing.` : "");
        if (!count) setStatus(`Not saved: ${(err as Error).message}`);
        // After the render that shows the errors.
        setTimeout(() => document.querySelector<HTMLElement>('.console-site-form [aria-invalid="true"]')?.focus(), 0);
      },
    );
  };

  const text = (id: keyof Values & string, label: string, hint?: string) => (
    <Field id={id} label={label} errors={errors} {...(hint ? { hint } : {})}>
      <input
        {...errorProps(id, errors, Boolean(hint))}
        value={String(form[id])}
        onInput={(e) => set({ [id]: e.currentTarget.value })}
      />
    </Field>
  );

  return (
    <form class="console-card console-site-form" onSubmit={save} aria-labelledby="settings-heading" noValidate>
      <h2 id="settings-heading">Settings</h2>
      {errors[""] && (
        <p class="console-field-error" role="alert">
          {errors[""]}
        </p>
      )}
      <fieldset class="console-fieldset">
        <legend>Basics</legend>
        {text("name", "Site name")}
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Allowed origins</legend>
        <Field
          id="origins"
          label="Origins allowed to show the chat"
          errors={errors}
          hint="One per line, e.g. https://www.acme.com, or http://localhost:* for any port."
        >
          <textarea
            {...errorProps("origins", errors, true)}
            rows={4}
            value={form.origins}
            onInput={(e) => set({ origins: e.currentTarget.value })}
          />
        </Field>
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Look</legend>
        <Field id="accentColor" label="Accent colour" errors={errors}>
          <input
            type="color"
            {...errorProps("accentColor", errors)}
            value={form.accentColor}
            onInput={(e) => set({ accentColor: e.currentTarget.value })}
          />
        </Field>
        <Field id="position" label="Launcher position" errors={errors}>
          <select
            {...errorProps("position", errors)}
            value={form.position}
            onChange={(e) => set({ position: e.currentTarget.value as Values["position"] })}
          >
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
        </Field>
        {text("launcherLabel", "Launcher label", "Text on the chat button, e.g. Talk to sales. Empty: an icon only.")}
        <Field id="greeting" label="Greeting" errors={errors}>
          <textarea
            {...errorProps("greeting", errors)}
            rows={2}
            value={form.greeting}
            onInput={(e) => set({ greeting: e.currentTarget.value })}
          />
        </Field>
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Chat header</legend>
        {text("displayName", "Name shown to visitors", "Empty: the site name.")}
        {text("avatarUrl", "Picture", "An https:// image address, e.g. your logo. Empty: the name's first letter.")}
        <Field
          id="replyTime"
          label="Usually replies in"
          hint="Outside business hours the chat says when you are back instead."
          errors={errors}
        >
          <select
            {...errorProps("replyTime", errors, true)}
            value={form.replyTime}
            onChange={(e) => set({ replyTime: e.currentTarget.value as ReplyTime | "" })}
          >
            <option value="">Don't say</option>
            {Object.entries(replyTimes).map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Email</legend>
        <Field
          id="transcripts"
          label="Email the visitor their transcript"
          hint="Sent to the email the visitor gave in the chat."
          errors={errors}
        >
          <select
            {...errorProps("transcripts", errors, true)}
            value={form.transcripts}
            onChange={(e) => set({ transcripts: e.currentTarget.value as Values["transcripts"] })}
          >
            <option value="on-request">When the visitor asks (Email me this transcript)</option>
            <option value="at-end">When the chat ends, and when asked</option>
            <option value="off">Never</option>
          </select>
        </Field>
      </fieldset>

      <HoursFields form={form} errors={errors} set={set} />

      <fieldset class="console-fieldset">
        <legend>Routing</legend>
        <Field id="offerMode" label="Offer hot leads to" errors={errors}>
          <select
            {...errorProps("offerMode", errors)}
            value={form.offerMode}
            onChange={(e) => set({ offerMode: e.currentTarget.value as Values["offerMode"] })}
          >
            <option value="all">Every available rep at once (first to accept wins)</option>
            <option value="one">One rep at a time</option>
          </select>
        </Field>
        <Field id="strategy" label="Which rep rings first" errors={errors}>
          <select
            {...errorProps("strategy", errors)}
            value={form.strategy}
            onChange={(e) => set({ strategy: e.currentTarget.value as Values["strategy"] })}
          >
            <option value="round-robin">Round robin (offered longest ago)</option>
            <option value="least-loaded">Least loaded (fewest live chats)</option>
          </select>
        </Field>
        {text("ringSeconds", "Ring each rep for (seconds)")}
        {text("maxWaitSeconds", "Maximum wait before the fallback (seconds)")}
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Speed to lead</legend>
        {text("liveSeconds", "A person takes a hot lead within (seconds); past it, every rep online rings")}
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Fallback when nobody answers</legend>
        <Field id="fallback" label="Offer the visitor" errors={errors}>
          <select
            {...errorProps("fallback", errors)}
            value={form.fallback}
            onChange={(e) => set({ fallback: e.currentTarget.value as Values["fallback"] })}
          >
            <option value="callback">A callback (they leave a phone number and a time)</option>
            <option value="booking">A booking link</option>
          </select>
        </Field>
        {form.fallback === "booking" && (
          <>
            {text("bookingUrl", "Booking link", "e.g. https://cal.acme.com/demo")}
            {text("bookingLabel", "Link text")}
          </>
        )}
      </fieldset>

      <fieldset class="console-fieldset">
        <legend>Follow-ups</legend>
        {text("followUpMinutes", "Act on a missed handoff or an uncontacted hot lead within (minutes)")}
        {text("checkInDays", "Check in with a warm lead after (days)")}
      </fieldset>

      <div class="console-form-actions">
        <button type="submit" class="banter-button" disabled={busy}>
          Save
        </button>
        <p role="status">{status}</p>
      </div>
    </form>
  );
}
