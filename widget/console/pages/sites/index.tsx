// The Sites page: "#/sites" lists them, "#/sites/new" creates one, "#/sites/<key>" shows its install check, its
// snippet, its proactive messages and its settings.
import { useEffect, useRef, useState } from "preact/hooks";
import type { SiteResult, SiteSummary } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";
import type { PageProps } from "../../shell/page-props.ts";
import { href } from "../../shell/router.ts";
import { IdentitySecretCard } from "./identity-secret.tsx";
import { InstallStatus } from "./install-status.tsx";
import { SiteList } from "./list.tsx";
import { NewSite } from "./new-site.tsx";
import { SiteForm } from "./site-form.tsx";
import { Snippet } from "./snippet.tsx";
import { Triggers } from "./triggers.tsx";

export function SitesPage({ route }: PageProps) {
  const key = route.parts[1];
  // Moving between the list and a site stays on this page (the console only does this between pages), so focus
  // goes to the new heading here. Not on first load.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => document.getElementById("page-heading")?.focus(), 0);
    return () => clearTimeout(t);
  }, [key]);
  if (!key) return <SiteList />;
  if (key === "new") return <NewSite />;
  return <SitePage key={key} siteKey={key} />;
}

function SitePage(props: { siteKey: string }) {
  const [site, setSite] = useState<SiteSummary | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    api<SiteResult>("GET", `/api/sites/${encodeURIComponent(props.siteKey)}`).then(
      (r) => setSite(r.site),
      (err: Error) => setError(err.message),
    );
  }, [props.siteKey]);

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <p>
        <a href={href("sites")}>All sites</a>
      </p>
      <h1 id="page-heading" tabIndex={-1}>
        {site ? site.name : "Site"}
      </h1>
      {error && <p role="alert">{error}</p>}
      {!site && !error && <p role="status">Loading the site…</p>}
      {site && (
        <>
          <section class="console-card" aria-labelledby="install-heading">
            <h2 id="install-heading">Install check</h2>
            <p>
              <InstallStatus lastLoad={site.lastLoad} />
            </p>
            <p>
              Site key: <code>{site.key}</code>
            </p>
          </section>
          <Snippet siteKey={site.key} />
          <IdentitySecretCard siteKey={site.key} />
          <Triggers site={site} onSaved={setSite} />
          <SiteForm site={site} onSaved={setSite} />
        </>
      )}
    </section>
  );
}
