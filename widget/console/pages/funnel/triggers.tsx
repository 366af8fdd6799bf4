// Which proactive messages work (shared/funnel/SPEC.md F24-F25): each trigger's teaser shown and opened, and the
// conversations and qualified leads it started, so an owner keeps what works. Every source: a teaser's counts know
// none.
import type { FunnelReport } from "../../../../shared/protocol/index.ts";
import { FigureTable } from "./figure-table.tsx";
import { percent } from "./format.ts";

export function Triggers({ report }: { report: FunnelReport }) {
  // A report from a server without proactive messages has no rows to show.
  const rows = report.triggers ?? [];
  return (
    <section class="console-card funnel-chart funnel-triggers" aria-labelledby="funnel-triggers-title">
      <h2 id="funnel-triggers-title">Proactive messages</h2>
      {rows.length === 0 ? (
        <p class="console-empty">
          {report.site.name} has no proactive messages yet. Add one on the{" "}
          <a href={`#/sites/${report.site.key}`}>site's page</a> under Proactive messages: a teaser beside the chat
          button, shown when a visitor does what you choose (opens your pricing page, stays 30 seconds, is about to
          leave).
        </p>
      ) : (
        <FigureTable
          caption={`Proactive messages, ${report.site.name}`}
          head={[
            "Message",
            "Shown",
            "Opened",
            "% opened",
            "Dismissed",
            "Conversations",
            "Qualified (MQL or SQL)",
            "% qualified",
          ]}
          rows={rows.map((r) => ({
            key: r.id,
            label: r.name ?? (
              <>
                {r.id} <span class="funnel-deleted">(deleted)</span>
              </>
            ),
            cells: [
              r.shown,
              r.opened,
              percent(r.opened, r.shown),
              r.dismissed,
              r.conversations,
              r.qualified,
              percent(r.qualified, r.conversations),
            ],
          }))}
        />
      )}
      <p class="funnel-help">
        Shown, opened (a click on the teaser or a quick reply) and dismissed are counted by the visitor's browser. A
        conversation counts once the visitor writes something, a quick reply included, so opened can be more than
        conversations. Not filtered by source.
      </p>
    </section>
  );
}
