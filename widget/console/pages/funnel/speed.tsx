// Speed to lead (shared/funnel/SPEC.md F15-F16): how many leads that asked for a person got one within the site's
// target, how fast, and the same per rep and per source, so a team sees where leads wait. Tables: the figures are
// the point.
import type { FunnelReport, SpeedRow } from "../../../../shared/protocol/index.ts";
import { FigureTable } from "./figure-table.tsx";
import { duration, percent } from "./format.ts";

const share = (r: SpeedRow) => percent(r.within, r.asked);
const time = (ms: number | null) => (ms === null ? "–" : duration(ms));

function SpeedTable({ caption, head, rows }: { caption: string; head: string; rows: SpeedRow[] }) {
  return (
    <FigureTable
      caption={caption}
      head={[head, "Asked for a person", "Within target", "Median", "90th percentile"]}
      rows={rows.map((r) => ({ key: r.key, label: r.label, cells: [r.asked, share(r), time(r.median), time(r.p90)] }))}
    />
  );
}

export function SpeedToLead({ report }: { report: FunnelReport }) {
  const { all, byRep, bySource, targetMs } = report.speedToLead;
  return (
    <section class="console-card funnel-chart" aria-labelledby="funnel-speed-title">
      <h2 id="funnel-speed-title">Speed to lead</h2>
      {all.asked === 0 ? (
        <p class="console-empty">No lead asked for a person in this range.</p>
      ) : (
        <>
          <dl class="funnel-figures">
            <div>
              <dt>Within {duration(targetMs)}</dt>
              <dd>{share(all)}</dd>
            </div>
            <div>
              <dt>Median</dt>
              <dd>{time(all.median)}</dd>
            </div>
            <div>
              <dt>90th percentile</dt>
              <dd>{time(all.p90)}</dd>
            </div>
            <div>
              <dt>Asked for a person</dt>
              <dd>{all.asked}</dd>
            </div>
          </dl>
          {byRep.length > 0 && <SpeedTable caption="Speed to lead by rep" head="Rep" rows={byRep} />}
          <SpeedTable caption="Speed to lead by source" head="Source" rows={bySource} />
        </>
      )}
      <p class="funnel-help">
        From the moment a lead asks for a person to a rep's accept. The target is the site's (Sites, Speed to lead); a
        lead that waited past it, or that nobody took, is not within it.
      </p>
      {report.timesFromBuckets && (
        <p class="funnel-help">
          Times are rounded up to a round step (a second up to 10 s, then 15 s, 20 s, 30 s, 45 s, 1 min, 90 s, 2 min and
          so on), so a median of 2 min means more than 90 s and at most 2 min.
        </p>
      )}
    </section>
  );
}
