// The owner's funnel for one site and a range of days (shared/funnel/SPEC.md): stages, drop-off per question,
// time to accept and outcomes, as charts with the same figures as tables. The form's values live in the route
// (#/funnel?site=&source=&from=&to=), so a reload or a shared link shows the same report.
import { useEffect, useState } from "preact/hooks";
import type { FieldError, FunnelReport } from "../../../../shared/protocol/index.ts";
import { ApiError, api } from "../../shell/api.ts";
import type { PageProps } from "../../shell/page-props.ts";
import { navigate } from "../../shell/router.ts";
import { BySource } from "./by-source.tsx";
import { FunnelCharts } from "./charts.tsx";
import { FunnelForm, type FunnelQuery } from "./form.tsx";
import { Satisfaction } from "./satisfaction.tsx";
import { Trends } from "./trends.tsx";
import { Triggers } from "./triggers.tsx";

type Load = { state: "loading" } | { state: "failed"; message: string; fields: FieldError[] } | { state: "ready" };

export function FunnelPage({ route }: PageProps) {
  const query = route.query.toString();
  const [report, setReport] = useState<FunnelReport | null>(null);
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    let current = true;
    setLoad({ state: "loading" });
    api<FunnelReport>("GET", `/api/funnel${query ? `?${query}` : ""}`).then(
      (r) => {
        if (!current) return;
        setReport(r);
        setLoad({ state: "ready" });
      },
      (err: unknown) => {
        if (!current) return;
        const e = err instanceof ApiError ? err : new ApiError(0, "NETWORK", "The report could not be loaded.");
        setLoad({ state: "failed", message: e.message, fields: e.fields });
      },
    );
    return () => {
      current = false;
    };
  }, [query]);

  const show = (q: FunnelQuery) => {
    const next = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== "")).toString();
    // The same query again (a retry) does not change the hash; load it anyway.
    if (next === query) setLoad({ state: "loading" });
    navigate(`#/funnel?${next}`);
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Funnel
      </h1>
      <FunnelForm report={report} fields={load.state === "failed" ? load.fields : []} onShow={show} />
      <p role="status" class="funnel-status">
        {load.state === "loading"
          ? "Loading the report…"
          : load.state === "ready" && report
            ? `Showing ${report.site.name}${report.source ? `, source ${report.source}` : ""}, ${report.from} to ${report.to}.`
            : ""}
      </p>
      {load.state === "failed" && (
        <p role="alert" class="console-alert">
          {load.message}
        </p>
      )}
      {report && load.state === "ready" && (
        <>
          <Trends report={report} />
          <FunnelCharts report={report} />
          <BySource report={report} />
          <Triggers report={report} />
          <Satisfaction report={report} />
        </>
      )}
    </section>
  );
}
