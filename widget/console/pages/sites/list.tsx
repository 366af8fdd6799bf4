// Every site with its key and install check; a site's name leads to its settings.
import { useEffect, useState } from "preact/hooks";
import type { SiteSummary, SiteList as Sites } from "../../../../shared/protocol/index.ts";
import { ScrollRegion } from "../../common/scroll-region.tsx";
import { api } from "../../shell/api.ts";
import { href } from "../../shell/router.ts";
import { InstallStatus } from "./install-status.tsx";

export function SiteList() {
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    api<Sites>("GET", "/api/sites").then(
      (r) => setSites(r.sites),
      (err: Error) => setError(err.message),
    );
  }, []);

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Sites
      </h1>
      <p>
        <a class="banter-button console-link-button" href={href("sites", "new")}>
          New site
        </a>
      </p>
      {error && <p role="alert">{error}</p>}
      {!sites && !error && <p role="status">Loading sites…</p>}
      {sites && (
        <ScrollRegion label="Sites table">
          <table class="console-card console-table">
            <caption class="banter-sr">Your sites</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Key</th>
                <th scope="col">Install check</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.key}>
                  <th scope="row">
                    <a href={href("sites", s.key)}>{s.name}</a>
                  </th>
                  <td>
                    <code>{s.key}</code>
                  </td>
                  <td>
                    <InstallStatus lastLoad={s.lastLoad} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
