// One endpoint: its address and events, its secret (hidden until asked), a test event whose outcome is
// announced, and its delivery log.
import { useRef, useState } from "preact/hooks";
import type {
  WebhookDeliveryList,
  WebhookDeliveryResult,
  WebhookDeliveryView,
  WebhookEndpointResult,
  WebhookEndpointView,
} from "../../../../shared/protocol/index.ts";
import { CopyButton, selectContents } from "../../common/copy-button.tsx";
import { useSubmit } from "../../common/use-submit.ts";
import { api } from "../../shell/api.ts";
import { DeliveryLog } from "./delivery-log.tsx";
import { EndpointForm } from "./endpoint-form.tsx";

// How long the page waits for the worker to try a test event before saying it is still queued.
const testWaitMs = 20_000;

export function EndpointCard(props: {
  endpoint: WebhookEndpointView;
  onChanged: (e: WebhookEndpointView) => void;
  onRemoved: (id: string) => void;
}) {
  const e = props.endpoint;
  const base = `/api/sites/${encodeURIComponent(e.siteKey)}/webhooks/${encodeURIComponent(e.id)}`;
  const [editing, setEditing] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState("");
  const { busy, run: submit } = useSubmit();
  const [deliveries, setDeliveries] = useState<WebhookDeliveryView[] | null>(null);
  const secretRef = useRef<HTMLElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const loadLog = async (): Promise<WebhookDeliveryView[]> => {
    const { deliveries: rows } = await api<WebhookDeliveryList>("GET", `${base}/deliveries`);
    setDeliveries(rows);
    return rows;
  };

  const run = (what: () => Promise<void>) => submit(what, (err) => setStatus((err as Error).message));

  const sendTest = () =>
    run(async () => {
      setStatus("Sending a test event…");
      const { delivery } = await api<WebhookDeliveryResult>("POST", `${base}/test`);
      await loadLog();
      // The worker sends it like any event; the log says how the first attempt went.
      const until = Date.now() + testWaitMs;
      while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, 1000));
        const row = (await loadLog()).find((d) => d.id === delivery.id);
        if (row && row.attempts > 0) return setStatus(testOutcome(row));
      }
      setStatus("The test event is still waiting to be sent; its delivery log row will show the outcome.");
    });

  const rotate = () =>
    run(async () => {
      const { endpoint } = await api<WebhookEndpointResult>("POST", `${base}/secret`);
      props.onChanged(endpoint);
      setStatus("A new secret is in use from the next delivery. Update your receiver.");
    });

  const remove = () =>
    run(async () => {
      await api<void>("DELETE", base);
      props.onRemoved(e.id);
    });

  if (editing) {
    return (
      <EndpointForm
        siteKey={e.siteKey}
        endpoint={e}
        onSaved={(next) => {
          props.onChanged(next);
          setEditing(false);
          setTimeout(() => editRef.current?.focus(), 0);
        }}
        onCancel={() => {
          setEditing(false);
          setTimeout(() => editRef.current?.focus(), 0);
        }}
      />
    );
  }

  const headingId = `wh-${e.id}-url`;
  return (
    <section class="console-card" aria-labelledby={headingId}>
      <h2 id={headingId} class="webhook-url">
        {e.url}
      </h2>
      <p>
        {e.enabled ? "Enabled" : "Disabled"}
        {e.disabledReason ? `: ${e.disabledReason}` : ""} · {e.events.join(", ")}
      </p>
      <p>Signing secret: {showSecret ? <code ref={secretRef}>{e.secret}</code> : <span>hidden</span>}</p>
      <div class="console-form-actions webhook-actions">
        <button type="button" class="banter-button" onClick={sendTest} disabled={busy}>
          Send test event
        </button>
        <button ref={editRef} type="button" class="console-button-quiet" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button
          type="button"
          class="console-button-quiet"
          onClick={() => setShowSecret(!showSecret)}
          aria-pressed={showSecret}
        >
          Show secret
        </button>
        <CopyButton
          text={e.secret}
          label="Copy secret"
          copied="Secret copied."
          refused="Copying was not allowed: the secret is shown and selected, press Ctrl+C (⌘C on a Mac) to copy it."
          select={() => {
            setShowSecret(true);
            setTimeout(() => selectContents(secretRef.current), 0);
          }}
          say={setStatus}
        />
        <button type="button" class="console-button-quiet" onClick={rotate} disabled={busy}>
          New secret
        </button>
        {!confirming && (
          <button
            type="button"
            class="console-button-quiet"
            onClick={() => {
              setConfirming(true);
              setTimeout(() => confirmRef.current?.focus(), 0);
            }}
          >
            Remove
          </button>
        )}
      </div>
      {confirming && (
        <p class="console-form-actions">
          <span>Remove this endpoint and its delivery log?</span>
          <button ref={confirmRef} type="button" class="banter-button" onClick={remove} disabled={busy}>
            Remove endpoint
          </button>
          <button type="button" class="console-button-quiet" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </p>
      )}
      <p role="status" aria-live="polite">
        {status}
      </p>
      <DeliveryLog label={`Deliveries to ${e.url}`} deliveries={deliveries} load={loadLog} />
    </section>
  );
}

function testOutcome(d: WebhookDeliveryView): string {
  const answer = d.responseCode ? `HTTP ${d.responseCode}` : (d.lastError ?? "no answer");
  if (d.status === "succeeded") return `Test event delivered: ${answer}.`;
  const retry = d.nextAttemptAt ? ` Next try at ${new Date(d.nextAttemptAt).toLocaleTimeString()}.` : "";
  return `Test event failed: ${d.lastError ?? answer}.${retry}`;
}
