// Invites not yet accepted; revoking one makes its link useless.
import type { InviteView } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";
import type { Feedback } from "./feedback.ts";

const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function PendingInvites(props: { invites: InviteView[]; reload(): Promise<void>; feedback: Feedback }) {
  const revoke = async (invite: InviteView) => {
    try {
      await api<void>("DELETE", `/api/invites/${encodeURIComponent(invite.id)}`);
      props.feedback.said(`The invite for ${invite.email} was revoked.`);
      await props.reload();
      // Its row (and the focused Revoke button) is gone: keep the keyboard user's place in this section.
      document.getElementById("invites-heading")?.focus();
    } catch (err) {
      props.feedback.failed(err);
    }
  };

  return (
    <section class="console-card" aria-labelledby="invites-heading">
      <h2 id="invites-heading" tabIndex={-1}>
        Pending invites
      </h2>
      {props.invites.length === 0 ? (
        <p class="console-empty">No pending invites.</p>
      ) : (
        <ul class="team-invites">
          {props.invites.map((i) => (
            <li key={i.id}>
              <span>
                {i.email} ({i.role}), expires {day.format(i.expiresAt)}
              </span>
              <button
                type="button"
                class="console-button-quiet"
                aria-label={`Revoke the invite for ${i.email}`}
                onClick={() => revoke(i)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
