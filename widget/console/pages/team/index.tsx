// The owner's team: who is on it (role, status), inviting new teammates with a one-time link, pending invites,
// and disabling or removing accounts. The server enforces every rule (no self lock-out, an owner always left).
import { useCallback, useEffect, useState } from "preact/hooks";
import type { InviteView, TeamUser } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";
import type { PageProps } from "../../shell/page-props.ts";
import type { Feedback } from "./feedback.ts";
import { InviteForm } from "./invite-form.tsx";
import { PendingInvites } from "./pending-invites.tsx";
import { TeamList } from "./team-list.tsx";

export function TeamPage({ user }: PageProps) {
  const [members, setMembers] = useState<TeamUser[] | null>(null);
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [status, setStatus] = useState("");
  const [alert, setAlert] = useState("");

  const reload = useCallback(async () => {
    const [u, i] = await Promise.all([
      api<{ users: TeamUser[] }>("GET", "/api/users"),
      api<{ invites: InviteView[] }>("GET", "/api/invites"),
    ]);
    setMembers(u.users);
    setInvites(i.invites);
  }, []);

  const feedback: Feedback = {
    said(text) {
      setAlert("");
      setStatus(text);
    },
    failed(err) {
      setStatus("");
      setAlert((err as Error).message);
    },
  };

  useEffect(() => {
    reload().catch((err: Error) => setAlert(err.message));
  }, [reload]);

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Team
      </h1>
      <p role="status" class="console-notice">
        {status}
      </p>
      <p role="alert" class="console-alert">
        {alert}
      </p>
      <InviteForm onInvited={() => reload().catch(feedback.failed)} />
      <PendingInvites invites={invites} reload={reload} feedback={feedback} />
      {members ? (
        <TeamList members={members} me={user} reload={reload} feedback={feedback} />
      ) : (
        <p role="status">Loading the team…</p>
      )}
    </section>
  );
}
