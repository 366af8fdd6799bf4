// Which sources bring qualified leads (shared/funnel/SPEC.md F13): every source of the range in a table, whatever
// the source filter, with each source's share of qualified leads. A table, not a chart: the figures are the point.
import type { FunnelReport } from "../../../../shared/protocol/index.ts";
import { FigureTable } from "./figure-table.tsx";
import { percent } from "./format.ts";

export function BySource({ report }: { report: FunnelReport }) {
  const rows = report.bySource;
  return (
    <section class="console-card funnel-chart" aria-labelledby="funnel-sources-title">
      <h2 id="funnel-sources-title">By source</h2>
      {rows.length === 0 ? (
        <p class="console-empty">No conversations in this range.</p>
      ) : (
        <FigureTable
          caption={`Leads by source, ${report.site.name}`}
          head={["Source", "Leads", "Qualified (MQL or SQL)", "% qualified", "Hot", "Handoffs accepted"]}
          rows={rows.map((r) => ({
            key: r.source,
            label: r.source,
            cells: [r.leads, r.qualified, percent(r.qualified, r.leads), r.hot, r.accepted],
            current: r.source === report.source,
          }))}
        />
      )}
      <p class="funnel-help">
        A source is the link's utm_source, else the site that referred the visitor, else direct. Each lead counts on its
        own here, whether or not it passed every stage above.
      </p>
    </section>
  );
}
