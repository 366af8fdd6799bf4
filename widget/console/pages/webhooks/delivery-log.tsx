// An endpoint's delivery log, newest first: what was sent, how it went, what happens next. Loaded on first show.
import { useEffect, useState } from "preact/hooks";
import type { WebhookDeliveryView } from "../../../../shared/protocol/index.ts";
import { ScrollRegion } from "../../common/scroll-region.tsx";

const time = (ms: number | undefined) => (ms ? new Date(ms).toLocaleString() : "");

export function DeliveryLog(props: {
  label: string;
  deliveries: WebhookDeliveryView[] | null;
  load: () => Promise<unknown>;
}) {
  const [error, setError] = useState("");
  const refresh = () => {
    setError("");
    props.load().catch((err: Error) => setError(err.message));
  };
  // Loaded once per endpoint card; afterwards by the button and by a test event.
  useEffect(refresh, []);

  const rows = props.deliveries;
  return (
    <div class="webhook-log">
      <div class="console-form-actions">
        <h3>Delivery log</h3>
        <button type="button" class="console-button-quiet" onClick={refresh}>
          Refresh log
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {rows?.length === 0 && <p>Nothing sent yet.</p>}
      {rows && rows.length > 0 && (
        <ScrollRegion label={`${props.label}, table`}>
          <table class="console-table">
            <caption class="banter-sr">{props.label}</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Response</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Last error</th>
                <th scope="col">Duration</th>
                <th scope="col">Created</th>
                <th scope="col">Delivery id</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <code>{d.event}</code>
                  </th>
                  <td>{d.status}</td>
                  <td>{d.responseCode ?? ""}</td>
                  <td>{d.attempts}</td>
                  <td>{time(d.nextAttemptAt)}</td>
                  <td>{d.lastError ?? ""}</td>
                  <td>{d.durationMs === undefined ? "" : `${d.durationMs} ms`}</td>
                  <td>{time(d.createdAt)}</td>
                  <td>
                    <code>{d.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
