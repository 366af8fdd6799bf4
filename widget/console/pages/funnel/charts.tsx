// The report's four parts: the stages, drop-off per question, speed to lead, and outcomes.
import type { FunnelReport } from "../../../../shared/protocol/index.ts";
import { outcomeLabel } from "../../lead/labels.ts";
import { BarChart } from "./bar-chart.tsx";
import { percent } from "./format.ts";
import { FollowUpsOnTime } from "./on-time.tsx";
import { SpeedToLead } from "./speed.tsx";

export function FunnelCharts({ report }: { report: FunnelReport }) {
  const { stages, questions, outcomes } = report.funnel;
  const first = stages[0]?.count ?? 0;
  const rows = stages.map((s, i) => ({
    ...s,
    ofFirst: percent(s.count, first),
    ofPrevious: i === 0 ? percent(s.count, s.count) : percent(s.count, stages[i - 1]?.count ?? 0),
  }));
  const days = report.from === report.to ? report.from : `${report.from} to ${report.to}`;
  const last = rows.at(-1);
  return (
    <>
      <BarChart
        id="funnel-stages"
        title="Stages"
        summary={
          first === 0
            ? `No conversations on ${report.site.name}, ${days}.`
            : `${report.site.name}, ${days}: ${first} opened the chat, ${last?.count ?? 0} (${last?.ofFirst}) closed with an outcome.`
        }
        bars={rows.map((s) => ({
          label: s.label,
          value: s.count,
          note: s.id === "opened" ? "" : `${s.ofFirst} of opened, ${s.ofPrevious} of previous`,
        }))}
        table={{
          head: ["Stage", "Conversations", "% of opened", "% of previous"],
          rows: rows.map((s) => [s.label, s.count, s.ofFirst, s.ofPrevious]),
        }}
      >
        <p class="funnel-help">
          {report.funnel.handoffsOutsideFunnel} handoffs went to leads that skipped a stage (they asked for a person, or
          were hot without the SQL criteria); {report.funnel.missedHandoffs} handoffs were missed (nobody accepted in
          time, or nobody was online).
        </p>
      </BarChart>
      <BarChart
        id="funnel-questions"
        title="Drop-off per question"
        summary="Visitors who left while a question was open, of those it was put to."
        bars={questions.map((q) => ({
          label: q.label,
          value: q.dropOff,
          note: `of ${q.reached} (${percent(q.dropOff, q.reached)})`,
        }))}
        table={{
          head: ["Question", "Reached", "Answered", "Dropped off", "Drop-off rate"],
          rows: questions.map((q) => [q.prompt, q.reached, q.answered, q.dropOff, percent(q.dropOff, q.reached)]),
        }}
      />
      <SpeedToLead report={report} />
      <FollowUpsOnTime report={report} />
      <BarChart
        id="funnel-outcomes"
        title="Outcomes"
        summary="How reps closed the conversations of this range."
        bars={outcomes.map((o) => ({ label: outcomeLabel[o.outcome], value: o.count }))}
        table={{ head: ["Outcome", "Conversations"], rows: outcomes.map((o) => [outcomeLabel[o.outcome], o.count]) }}
      />
    </>
  );
}
