// Which sources bring qualified leads (shared/funnel/SPEC.md F13): every source of the range in a table, whatever
// the source filter, with each source's share of qualified leads. A table, not a chart: the figures are the point.
import type { FunnelReport } from "../../../../shared/protocol/index.ts";
import { percent } from "./format.ts";

export function BySource({ report }: { report: FunnelReport }) {
  const rows = report.bySource;
  return (
    <section class="console-card funnel-chart" aria-labelledby="funnel-sources-title">
      <h2 id="funnel-sources-title">By source</h2>
      {rows.length === 0 ? (
        <p class="console-empty">No conversations in this range.</p>
      ) : (
        <table class="funnel-sources">
          <caption class="banter-sr">Leads by source, {report.site.name}</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col" class="funnel-num">
                Leads
              </th>
              <th scope="col" class="funnel-num">
                Qualified (MQL or SQL)
              </th>
              <th scope="col" class="funnel-num">
                % qualified
              </th>
              <th scope="col" class="funnel-num">
                Hot
              </th>
              <th scope="col" class="funnel-num">
                Handoffs accepted
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.source} aria-current={r.source === report.source ? "true" : undefined}>
                <th scope="row">{r.source}</th>
                <td class="funnel-num">{r.leads}</td>
                <td class="funnel-num">{r.qualified}</td>
                <td class="funnel-num">{percent(r.qualified, r.leads)}</td>
                <td class="funnel-num">{r.hot}</td>
                <td class="funnel-num">{r.accepted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="funnel-help">
        A source is the link's utm_source, else the site that referred the visitor, else direct. Each lead counts on its
        own here, whether or not it passed every stage above.
      </p>
    </section>
  );
}
