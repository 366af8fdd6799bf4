// The Webhooks page ("#/webhooks"): pick a site, see its endpoints with their delivery logs, add or edit one,
// show or copy its signing secret, send a test event. docs/webhooks.md says what a receiver gets.
import { useEffect, useState } from "preact/hooks";
import type {
  SiteList,
  SiteSummary,
  WebhookEndpointList,
  WebhookEndpointView,
} from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";
import { EndpointCard } from "./endpoint-card.tsx";
import { EndpointForm } from "./endpoint-form.tsx";

export function WebhooksPage() {
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [siteKey, setSiteKey] = useState("");
  const [endpoints, setEndpoints] = useState<WebhookEndpointView[] | null>(null);
  const [error, setError] = useState("");
  // Said for the page: the add form starts afresh after an add, so its own status would be gone.
  const [said, setSaid] = useState("");

  useEffect(() => {
    api<SiteList>("GET", "/api/sites").then(
      (r) => {
        setSites(r.sites);
        setSiteKey(r.sites[0]?.key ?? "");
      },
      (err: Error) => setError(err.message),
    );
  }, []);

  useEffect(() => {
    if (!siteKey) return;
    setEndpoints(null);
    api<WebhookEndpointList>("GET", `/api/sites/${encodeURIComponent(siteKey)}/webhooks`).then(
      (r) => setEndpoints(r.endpoints),
      (err: Error) => setError(err.message),
    );
  }, [siteKey]);

  const replace = (e: WebhookEndpointView) => setEndpoints((all) => all?.map((x) => (x.id === e.id ? e : x)) ?? null);
  const removed = (id: string) => {
    setEndpoints((all) => all?.filter((x) => x.id !== id) ?? null);
    setSaid("Endpoint removed.");
    setTimeout(() => document.getElementById("page-heading")?.focus(), 0);
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Webhooks
      </h1>
      <p>
        Banter posts a signed JSON event to each address below when a lead qualifies, asks for a person, is accepted or
        missed, and when a conversation closes. See the webhooks guide in the docs to verify the signature.
      </p>
      {error && <p role="alert">{error}</p>}
      {!sites && !error && <p role="status">Loading sites…</p>}
      {sites && (
        <div class="console-field">
          <label for="webhooks-site">Site</label>
          <select id="webhooks-site" value={siteKey} onChange={(e) => setSiteKey(e.currentTarget.value)}>
            {sites.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {siteKey && !endpoints && !error && <p role="status">Loading endpoints…</p>}
      <p role="status">{said}</p>
      {endpoints && (
        <>
          {endpoints.length === 0 && <p>This site has no webhook endpoints yet.</p>}
          {endpoints.map((e) => (
            <EndpointCard key={e.id} endpoint={e} onChanged={replace} onRemoved={removed} />
          ))}
          <EndpointForm
            key={`${siteKey}-${endpoints.length}`}
            siteKey={siteKey}
            onSaved={(e) => {
              setEndpoints((all) => [...(all ?? []), e]);
              setSaid(`Endpoint added: ${e.url}`);
            }}
          />
        </>
      )}
    </section>
  );
}
