// Follow-ups done on time (shared/funnel/SPEC.md F17-F18): of the callbacks, missed handoffs and uncontacted hot
// leads of the range, how many were done by their due time, in all, per rep and per source.
import type { FunnelReport, OnTimeRow } from "../../../../shared/protocol/index.ts";
import { percent } from "./format.ts";

function OnTimeTable({ caption, head, rows }: { caption: string; head: string; rows: OnTimeRow[] }) {
  return (
    <table class="funnel-sources">
      <caption class="banter-sr">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" class="funnel-num">
            Follow-ups due
          </th>
          <th scope="col" class="funnel-num">
            Done on time
          </th>
          <th scope="col" class="funnel-num">
            % on time
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td class="funnel-num">{r.due}</td>
            <td class="funnel-num">{r.onTime}</td>
            <td class="funnel-num">{percent(r.onTime, r.due)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
    </section>
  );
}
