// The site's identity secret (docs/security.md): the owner's own server signs a logged-in visitor's userId with
// it, so reps can tell a verified identity from a claim. Hidden until asked for (it is fetched only then, so it
// sits in no page until shown), copied like the snippet, and rotated after a confirmation because every hash
// signed with the old secret stops verifying at once.
import { useRef, useState } from "preact/hooks";
import type { IdentitySecret } from "../../../../shared/protocol/index.ts";
import { CopyButton, selectContents } from "../../common/copy-button.tsx";
import { ConfirmDialog } from "../../common/dialog.tsx";
import { useSubmit } from "../../common/use-submit.ts";
import { api } from "../../shell/api.ts";

const path = (siteKey: string) => `/api/sites/${encodeURIComponent(siteKey)}/identity-secret`;

export function IdentitySecretCard(props: { siteKey: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const { busy, run } = useSubmit();
  const [confirming, setConfirming] = useState(false);
  const code = useRef<HTMLElement>(null);
  const rotateRef = useRef<HTMLButtonElement>(null);

  const show = () => {
    if (secret) return setSecret(null);
    void run(
      async () => {
        setStatus("");
        setSecret((await api<IdentitySecret>("GET", path(props.siteKey))).secret);
      },
      (err) => setStatus(err instanceof Error ? err.message : "The secret could not be loaded."),
    );
  };

  const rotate = async () => {
    const { secret: next } = await api<IdentitySecret>("POST", path(props.siteKey));
    setSecret(next);
    setConfirming(false);
    setStatus("A new secret is in use. Put it on your server: hashes made with the old one are now unverified.");
  };

  return (
    <section class="console-card" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Identity verification</h2>
      <p>
        For signed-in visitors, your server sends <code>userHash</code>: HMAC-SHA256 of the user's id with this secret,
        in hex. Reps then see the identity as verified. Keep the secret on your server: never put it in a page.
      </p>
      <pre class="console-snippet" hidden={!secret}>
        <code ref={code} class="identity-secret">
          {secret ?? ""}
        </code>
      </pre>
      <div class="console-snippet-actions">
        <button type="button" class="banter-button" disabled={busy} aria-expanded={secret !== null} onClick={show}>
          {secret ? "Hide secret" : "Show secret"}
        </button>
        {secret && (
          <CopyButton
            text={secret}
            label="Copy secret"
            copied="Secret copied"
            refused="Copying was not allowed: the secret is selected, press Ctrl+C (⌘C on a Mac) to copy it."
            select={() => selectContents(code.current)}
            say={setStatus}
          />
        )}
        <button ref={rotateRef} type="button" class="console-button-quiet" onClick={() => setConfirming(true)}>
          Rotate secret
        </button>
        <p role="status">{status}</p>
      </div>
      {confirming && <RotateDialog onRotate={rotate} onDone={() => setConfirming(false)} returnFocus={rotateRef} />}
    </section>
  );
}

function RotateDialog(props: {
  onRotate(): Promise<void>;
  onDone(): void;
  returnFocus: { current: HTMLElement | null };
}) {
  return (
    <ConfirmDialog
      title="Rotate the identity secret?"
      confirmLabel="Rotate secret"
      failed="The secret could not be rotated."
      onConfirm={props.onRotate}
      onDone={props.onDone}
      returnFocus={props.returnFocus}
    >
      <p>
        A new secret replaces this one at once. Until your server signs with the new one, signed-in visitors show as
        unverified. Identities already on leads keep what they were.
      </p>
    </ConfirmDialog>
  );
}
