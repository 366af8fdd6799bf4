// A site's proactive messages (docs/console.md): the list in the order they are tried, each with its conditions
// in words and an on/off switch; add, edit and delete in a form. Every change saves the whole list (PUT
// /api/sites/:key { triggers }), so the list shown is always what the server stored.
import { useEffect, useState } from "preact/hooks";
import type { Question } from "../../../../shared/engine/index.ts";
import { maxTriggersPerSite, type Trigger, type TriggerInput } from "../../../../shared/protocol/engage.ts";
import type { SiteResult, SiteSummary } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import type { Errors } from "./fields.tsx";
import { TriggerFormCard } from "./trigger-form.tsx";
import { type TriggerForm, triggerErrors, triggerFormOf, triggerInputOf, whenInWords } from "./trigger-values.ts";

type Questions = Pick<Question, "id" | "label" | "text">[];

export function Triggers(props: { site: SiteSummary; onSaved(site: SiteSummary): void }) {
  const { site } = props;
  const [editing, setEditing] = useState<{ index: number; form: TriggerForm } | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  const [questions, setQuestions] = useState<Questions>([]);
  const { busy, run } = useSubmit();
  const path = `/api/sites/${encodeURIComponent(site.key)}`;

  // The questions a message may start the chat at: the playbook the site publishes now.
  useEffect(() => {
    api<{ playbook: { questions: Questions } }>("GET", `${path}/playbook`).then(
      (r) => setQuestions(r.playbook.questions),
      () => setQuestions([]),
    );
  }, [path]);

  const save = (triggers: TriggerInput[], done: string, index = -1) =>
    run(
      async () => {
        setStatus("Saving…");
        const r = await api<SiteResult>("PUT", path, { triggers });
        props.onSaved(r.site);
        setEditing(null);
        setErrors({});
        setStatus(done);
      },
      (err) => {
        const fields = err instanceof ApiError ? triggerErrors(err.fields, index) : {};
        setErrors(fields);
        setStatus(
          Object.keys(fields).length ? "Not saved: see the marked fields." : `Not saved: ${(err as Error).message}`,
        );
        setTimeout(() => document.querySelector<HTMLElement>('.trigger-form [aria-invalid="true"]')?.focus(), 0);
      },
    );

  const edit = (index: number, t?: Trigger) => {
    setErrors({});
    setStatus("");
    setEditing({ index, form: triggerFormOf(t) });
    setTimeout(() => document.getElementById("t-name")?.focus(), 0);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    const list: TriggerInput[] = [...site.triggers];
    list[editing.index] = triggerInputOf(editing.form);
    void save(list, "Saved. Visitors see it from their next page view.", editing.index);
  };
  const toggle = (i: number, t: Trigger) =>
    save(
      site.triggers.map((x, j) => (j === i ? { ...x, enabled: !t.enabled } : x)),
      `“${t.name}” is ${t.enabled ? "off" : "on"}.`,
    );
  const remove = (i: number, t: Trigger) => {
    if (!confirm(`Delete “${t.name}”? Its counts stay in the funnel.`)) return;
    void save(
      site.triggers.filter((_, j) => j !== i),
      `Deleted “${t.name}”.`,
    );
  };

  return (
    <section class="console-card" aria-labelledby="triggers-heading">
      <h2 id="triggers-heading">Proactive messages</h2>
      <p class="console-field-hint">
        The site speaks first: a short message beside the chat button when a visitor does something, like spending 30
        seconds on your pricing page. The first one whose conditions hold is shown.
      </p>
      {site.triggers.length === 0 ? (
        <p>No proactive messages yet.</p>
      ) : (
        <ul class="trigger-list">
          {site.triggers.map((t, i) => (
            <li key={t.id}>
              <div class="trigger-summary">
                <strong>{t.name}</strong>
                <span class="console-field-hint">{whenInWords(t)}</span>
                <span class="trigger-message">{t.message}</span>
              </div>
              <div class="trigger-actions">
                <button
                  type="button"
                  role="switch"
                  aria-checked={t.enabled}
                  aria-label={`Show “${t.name}”`}
                  class="trigger-switch"
                  disabled={busy}
                  onClick={() => void toggle(i, t)}
                >
                  <span aria-hidden="true">{t.enabled ? "On" : "Off"}</span>
                </button>
                <button type="button" class="console-button-quiet" onClick={() => edit(i, t)}>
                  Edit<span class="banter-sr"> {t.name}</span>
                </button>
                <button type="button" class="console-button-quiet" disabled={busy} onClick={() => remove(i, t)}>
                  Delete<span class="banter-sr"> {t.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <TriggerFormCard
          form={editing.form}
          set={(patch) => setEditing((e) => e && { ...e, form: { ...e.form, ...patch } })}
          errors={errors}
          questions={questions}
          busy={busy}
          onCancel={() => setEditing(null)}
          onSubmit={submit}
        />
      ) : (
        site.triggers.length < maxTriggersPerSite && (
          <button type="button" class="banter-button" onClick={() => edit(site.triggers.length)}>
            Add a proactive message
          </button>
        )
      )}
      <p role="status">{status}</p>
    </section>
  );
}
