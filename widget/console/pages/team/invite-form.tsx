// Inviting a teammate: the server emails the one-time link (when SMTP is set up) and answers with it, shown once
// here to copy and send. The owner's copy cannot be shown again later (a new invite replaces it).
import { useRef, useState } from "preact/hooks";
import type { InviteCreated } from "../../../../shared/protocol/index.ts";
import { CopyButton } from "../../common/copy-button.tsx";
import { Field } from "../../common/field.tsx";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";

export function InviteForm(props: { onInvited(): void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<"rep" | "owner">("rep");
  const { busy, errors, alert, submit } = useForm(["email", "name"]);
  const [created, setCreated] = useState<InviteCreated | undefined>(undefined);
  const [copied, setCopied] = useState("");
  const linkRef = useRef<HTMLInputElement>(null);

  const invite = (e: Event) => {
    e.preventDefault();
    void submit(async () => {
      setCopied("");
      const body = { email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) };
      setCreated(await api<InviteCreated>("POST", "/api/invites", body));
      setEmail("");
      setName("");
      props.onInvited();
      setTimeout(() => linkRef.current?.focus(), 0);
    });
  };

  return (
    <div class="console-card">
      <form class="team-form" aria-labelledby="invite-heading" onSubmit={invite} noValidate>
        <h2 id="invite-heading">Invite a teammate</h2>
        <p role="alert" class="console-alert">
          {alert}
        </p>
        <Field label="Email" type="email" value={email} onInput={setEmail} required error={errors.email} />
        <Field label="Name (optional)" value={name} onInput={setName} error={errors.name} />
        <div class="team-field">
          <label for="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as "rep" | "owner")}>
            <option value="rep">Rep: takes chats</option>
            <option value="owner">Owner: also manages sites and the team</option>
          </select>
        </div>
        <div class="team-form-actions">
          <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
            Create invite link
          </button>
        </div>
      </form>
      {created && (
        <div class="team-invite-link">
          <label for="invite-link">Invite link for {created.invite.email}</label>
          <p class="team-field-hint">
            {created.email === "queued"
              ? `Invite email queued to ${created.invite.email}. You can also copy the link. It works once, for 7 days.`
              : "Email is not set up: copy this link and send it yourself. It works once, for 7 days."}
          </p>
          <div class="team-form-actions">
            <input id="invite-link" ref={linkRef} readOnly value={created.link} />
            <CopyButton
              text={created.link}
              label="Copy"
              copied="Copied"
              refused="Could not copy: the link is selected, copy it with your keyboard."
              select={() => linkRef.current?.select()}
              say={setCopied}
            />
            <p role="status">{copied}</p>
          </div>
        </div>
      )}
    </div>
  );
}
