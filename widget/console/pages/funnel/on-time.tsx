// Follow-ups done on time (shared/funnel/SPEC.md F17-F18): of the callbacks, missed handoffs and uncontacted hot
// leads of the range, how many were done by their due time, in all, per rep and per source.
import type { FunnelReport, OnTimeRow } from "../../../../shared/protocol/index.ts";
import { FigureTable } from "./figure-table.tsx";
import { percent } from "./format.ts";

function OnTimeTable({ caption, head, rows }: { caption: string; head: string; rows: OnTimeRow[] }) {
  return (
    <FigureTable
      caption={caption}
      head={[head, "Follow-ups due", "Done on time", "% on time"]}
      rows={rows.map((r) => ({ key: r.key, label: r.label, cells: [r.due, r.onTime, percent(r.onTime, r.due)] }))}
    />
  );
}

export function FollowUpsOnTime({ report }: { report: FunnelReport }) {
  const { all, byRep, bySource } = report.followUpsOnTime;
  return (
    <section class="console-card funnel-chart" aria-labelledby="funnel-on-time-title">
      <h2 id="funnel-on-time-title">Follow-ups on time</h2>
      {all.due === 0 ? (
        <p class="console-empty">No follow-up came due in this range.</p>
      ) : (
        <>
          <dl class="funnel-figures">
            <div>
              <dt>Done on time</dt>
              <dd>{percent(all.onTime, all.due)}</dd>
            </div>
            <div>
              <dt>Follow-ups due</dt>
              <dd>{all.due}</dd>
            </div>
          </dl>
          <OnTimeTable caption="Follow-ups on time by rep" head="Rep" rows={byRep} />
          <OnTimeTable caption="Follow-ups on time by source" head="Source" rows={bySource} />
        </>
      )}
      <p class="funnel-help">
        Callbacks, missed handoffs and hot leads nobody talked to, each due by the site's follow-up target or the time
        the visitor asked for. Done on time: marked done by then, or the lead reached a rep in a chat by then.
      </p>
      {report.followUpsOnTime.limitedTo !== undefined && (
        <p class="funnel-help">
          Counted over the range's newest {report.followUpsOnTime.limitedTo.toLocaleString("en")} conversations.
        </p>
      )}
    </section>
  );
}
