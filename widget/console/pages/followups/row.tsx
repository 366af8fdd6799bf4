// One follow-up: what it is, who, when, whose, and what to do about it. Overdue rows say so in words as well as
// colour. Everything the visitor typed is rendered as text.
import { useState } from "preact/hooks";
import { dueTimeOf } from "../../../../shared/followups/index.ts";
import type { FollowUpView, RepUser } from "../../../../shared/protocol/index.ts";
import { dueText, kindLabel, leadLabel, snoozePresets } from "./format.ts";

export interface RowActions {
  done(v: FollowUpView): Promise<void>;
  snooze(v: FollowUpView, until: number): Promise<void>;
  take(v: FollowUpView): Promise<void>;
  assign(v: FollowUpView, ownerId: string | null): Promise<void>;
}

// For owners: who may own an item of a site (every owner, and the reps serving it).
export interface Teammate {
  id: string;
  name: string;
  role: RepUser["role"];
  siteKeys?: string[];
  disabled: boolean;
}

export function FollowUpRow(props: {
  v: FollowUpView;
  overdue: boolean;
  now: number;
  me: RepUser;
  actions: RowActions;
  // Owners only: the team, to give the item to one of them.
  team?: Teammate[];
}) {
  const { v, actions } = props;
  const [snoozing, setSnoozing] = useState(false);
  const name = leadLabel(v);
  const kind = kindLabel[v.item.kind];
  const headingId = `fu-${v.item.id}`;
  const menuId = `fu-snooze-${v.item.id}`;
  // Every row has the same buttons: each names its lead too, starting with its visible word.
  const about = (word: string) => `${word}: ${kind}, ${name}`;
  const who = [v.lead.company, v.lead.email, v.lead.phone].filter((x): x is string => Boolean(x) && x !== name);
  return (
    <li class="fu-row" data-overdue={props.overdue ? "true" : undefined}>
      <div class="fu-main">
        <h3 id={headingId} class="fu-title">
          {props.overdue && <span class="fu-overdue">Overdue</span>}
          <span class="fu-kind">{kind}</span>
          <span class="fu-lead">{name}</span>
        </h3>
        {who.length > 0 && <p class="fu-meta">{who.join(" · ")}</p>}
        <p class="fu-meta">
          Due {dueText(v, dueTimeOf(v.item))}
          {v.item.snoozedUntil ? " (snoozed)" : ""}
          {v.askedWhen ? ` · asked for “${v.askedWhen}”` : ""}
        </p>
        <p class="fu-meta">
          {v.siteName} · {v.ownerName ? `Owner: ${v.ownerName}` : "No owner yet"}
        </p>
      </div>
      <div class="fu-actions">
        {v.lead.phone && (
          <a
            class="console-button-quiet fu-action"
            href={`tel:${v.lead.phone.replace(/[^\d+]/g, "")}`}
            aria-label={about("Call")}
          >
            Call
          </a>
        )}
        {v.lead.email && (
          <a class="console-button-quiet fu-action" href={`mailto:${v.lead.email}`} aria-label={about("Email")}>
            Email
          </a>
        )}
        <a
          class="console-button-quiet fu-action"
          href={`#/inbox/${encodeURIComponent(v.item.conversationId)}`}
          aria-label={about("Open lead")}
        >
          Open lead
        </a>
        {props.team && (
          <select
            class="fu-assign"
            aria-label={about("Owner")}
            value={v.item.ownerId ?? ""}
            onChange={(e) => void actions.assign(v, e.currentTarget.value || null)}
          >
            <option value="">No owner</option>
            {props.team
              .filter((t) => !t.disabled && (t.role === "owner" || !t.siteKeys || t.siteKeys.includes(v.item.siteKey)))
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id === props.me.id ? `${t.name} (you)` : t.name}
                </option>
              ))}
          </select>
        )}
        {!props.team && v.item.ownerId !== props.me.id && (
          <button
            type="button"
            class="console-button-quiet fu-action"
            aria-label={about("Take")}
            onClick={() => actions.take(v)}
          >
            Take
          </button>
        )}
        <div class="fu-snooze">
          <button
            type="button"
            class="console-button-quiet fu-action"
            aria-expanded={snoozing}
            aria-controls={menuId}
            aria-label={about("Snooze")}
            onClick={() => setSnoozing(!snoozing)}
          >
            Snooze
          </button>
          {snoozing && (
            <ul id={menuId} class="fu-snooze-menu" aria-label="Snooze until">
              {snoozePresets(props.now).map((p) => (
                <li key={p.label}>
                  <button
                    type="button"
                    class="console-button-quiet"
                    onClick={() => {
                      setSnoozing(false);
                      void actions.snooze(v, p.until);
                    }}
                  >
                    {p.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button
          type="button"
          class="banter-button fu-action fu-done"
          aria-label={about("Done")}
          onClick={() => actions.done(v)}
        >
          Done
        </button>
      </div>
    </li>
  );
}
