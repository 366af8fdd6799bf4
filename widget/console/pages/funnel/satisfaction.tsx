// Satisfaction (shared/funnel/SPEC.md F22-F23): how visitors rated their chats with reps once they ended, in all and
// per rep, so a team sees who leaves visitors happy. A table: the figures are the point.
import type { FunnelReport, SatisfactionRow } from "../../../../shared/protocol/index.ts";
import { FigureTable } from "./figure-table.tsx";
import { percent } from "./format.ts";

const average = (r: SatisfactionRow) => (r.average === null ? "–" : r.average.toFixed(1));

export function Satisfaction({ report }: { report: FunnelReport }) {
  const { all, byRep } = report.satisfaction;
  return (
    <section class="console-card funnel-chart" aria-labelledby="funnel-satisfaction-title">
      <h2 id="funnel-satisfaction-title">Satisfaction by rep</h2>
      {all.rated === 0 ? (
        <p class="console-empty">No ratings in this range.</p>
      ) : (
        <>
          <dl class="funnel-figures">
            <div>
              <dt>Average</dt>
              <dd>{average(all)} / 5</dd>
            </div>
            <div>
              <dt>Rated 4–5</dt>
              <dd>{percent(all.satisfied, all.rated)}</dd>
            </div>
            <div>
              <dt>Chats rated</dt>
              <dd>{all.rated}</dd>
            </div>
          </dl>
          <FigureTable
            caption="Satisfaction by rep"
            head={["Rep", "Chats rated", "Average", "Rated 4–5"]}
            rows={byRep.map((r) => ({
              key: r.key,
              label: r.label,
              cells: [r.rated, average(r), percent(r.satisfied, r.rated)],
            }))}
          />
        </>
      )}
      <p class="funnel-help">
        After a chat with a rep ends, the visitor can rate it from 1 to 5 and add a comment, shown on the lead. Each
        chat counts for the rep who had it when it ended.
      </p>
    </section>
  );
}
