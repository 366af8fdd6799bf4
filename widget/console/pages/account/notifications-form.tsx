// Which emails this user gets: a hot lead nobody took, a lead past its targets, a daily digest.
import { useEffect, useState } from "preact/hooks";
import type { EmailList, NotificationSettings } from "../../../../shared/protocol/index.ts";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";

const choices: { key: keyof NotificationSettings; label: string; hint: string }[] = [
  {
    key: "missedLeads",
    label: "A hot lead nobody took",
    hint: "When a lead of a site you serve asked for a person and nobody accepted in time.",
  },
  {
    key: "slaBreaches",
    label: "A lead past its speed-to-lead or follow-up target",
    hint: "When a hot lead waited past the site's target, or a callback or missed handoff was not followed up in time.",
  },
  {
    key: "dailyDigest",
    label: "A daily digest",
    hint: "Each morning: yesterday's leads and what is still to follow up.",
  },
];

// `owner`: owners may read the Email page, which says whether this server sends email at all.
export function NotificationsForm(props: { owner: boolean }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [sends, setSends] = useState<boolean | null>(null);
  const { busy, alert, setAlert, submit } = useForm([]);
  const [status, setStatus] = useState("");

  useEffect(() => {
    api<NotificationSettings>("GET", "/api/me/notifications").then(setSettings, (err: Error) => setAlert(err.message));
    if (props.owner)
      api<EmailList>("GET", "/api/email?limit=1").then(
        (l) => setSends(l.configured),
        () => {},
      );
  }, [props.owner]);

  const save = (e: Event) => {
    e.preventDefault();
    if (!settings) return;
    void submit(async () => {
      setStatus("");
      setSettings(await api<NotificationSettings>("PUT", "/api/me/notifications", settings));
      setStatus("Email settings saved.");
    });
  };

  return (
    <form class="console-card team-form" aria-labelledby="notifications-heading" onSubmit={save} noValidate>
      <h2 id="notifications-heading">Email me</h2>
      {sends === false && (
        <p class="console-field-hint">
          Email is not set up on this server (no SMTP_URL): these emails are kept in the Email page, not sent.
        </p>
      )}
      {settings &&
        choices.map((c) => (
          <div class="notify-choice" key={c.key}>
            <input
              type="checkbox"
              id={`notify-${c.key}`}
              checked={settings[c.key]}
              aria-describedby={`notify-${c.key}-hint`}
              onChange={(e) => setSettings({ ...settings, [c.key]: e.currentTarget.checked })}
            />
            <label for={`notify-${c.key}`}>{c.label}</label>
            <p id={`notify-${c.key}-hint`} class="console-field-hint">
              {c.hint}
            </p>
          </div>
        ))}
      <div class="team-form-actions">
        <button type="submit" class="banter-button" disabled={busy || !settings} aria-busy={busy}>
          Save email settings
        </button>
        <p role="status">{status}</p>
        {alert && <p role="alert">{alert}</p>}
      </div>
    </form>
  );
}
