// The team with each member's role and status. Disable keeps the account (to enable again later) but signs it
// out everywhere at once; Remove deletes it, after a confirmation.
import { useRef, useState } from "preact/hooks";
import type { RepUser, TeamUser } from "../../../../shared/protocol/index.ts";
import { Dialog } from "../../common/dialog.tsx";
import { ScrollRegion } from "../../common/scroll-region.tsx";
import { api } from "../../shell/api.ts";
import type { Feedback } from "./feedback.ts";

export function TeamList(props: { members: TeamUser[]; me: RepUser; reload(): Promise<void>; feedback: Feedback }) {
  const [removing, setRemoving] = useState<TeamUser | undefined>(undefined);
  const opener = useRef<HTMLElement | null>(null);
  const { feedback } = props;

  const run = async (done: string, request: () => Promise<unknown>) => {
    try {
      await request();
      feedback.said(done);
      await props.reload();
    } catch (err) {
      feedback.failed(err);
    }
  };
  const setDisabled = (m: TeamUser, disabled: boolean) =>
    run(`${m.name} was ${disabled ? "disabled and signed out" : "enabled"}.`, () =>
      api("PATCH", `/api/users/${encodeURIComponent(m.id)}`, { disabled }),
    );
  const remove = async (m: TeamUser) => {
    await run(`${m.name} was removed from the team.`, () => api("DELETE", `/api/users/${encodeURIComponent(m.id)}`));
    // The row, and with it the button the dialog would return focus to, is gone: stay in this section.
    document.getElementById("members-heading")?.focus();
  };

  return (
    <section class="console-card" aria-labelledby="members-heading">
      <h2 id="members-heading" tabIndex={-1}>
        Members
      </h2>
      <ScrollRegion label="Members table">
        <table class="team-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{m.email}</td>
                <td>{m.role === "owner" ? "Owner" : "Rep"}</td>
                <td>{m.disabled ? "Disabled" : "Active"}</td>
                <td>
                  {m.id === props.me.id ? (
                    <span class="console-empty">You</span>
                  ) : (
                    <div class="team-row-actions">
                      <button
                        type="button"
                        class="console-button-quiet"
                        aria-label={`${m.disabled ? "Enable" : "Disable"} ${m.name}`}
                        onClick={() => setDisabled(m, !m.disabled)}
                      >
                        {m.disabled ? "Enable" : "Disable"}
                      </button>
                      <button
                        type="button"
                        class="console-button-quiet"
                        aria-label={`Remove ${m.name}`}
                        onClick={(e) => {
                          opener.current = e.currentTarget;
                          setRemoving(m);
                        }}
                      >
                        Remove
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {removing && (
        <Dialog title={`Remove ${removing.name}?`} onClose={() => setRemoving(undefined)} returnFocus={opener}>
          <div class="console-dialog-form">
            <p>
              {removing.email} is signed out at once and can no longer log in. Their live chats go back to the queue.
              This cannot be undone; you can invite them again later.
            </p>
            <div class="console-dialog-actions">
              <button
                type="button"
                class="banter-button"
                onClick={() => {
                  const m = removing;
                  setRemoving(undefined);
                  void remove(m);
                }}
              >
                Remove
              </button>
              <button type="button" class="console-button-quiet" onClick={() => setRemoving(undefined)}>
                Cancel
              </button>
            </div>
          </div>
        </Dialog>
      )}
    </section>
  );
}
