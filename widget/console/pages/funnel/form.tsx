// Which site, which source and which days the report covers. Filled from the report the server answered (its defaults when
// the route names none); errors the server finds in the dates are shown next to the date they concern.
import { useEffect, useState } from "preact/hooks";
import type { FieldError, FunnelReport } from "../../../../shared/protocol/index.ts";

export interface FunnelQuery {
  site: string;
  from: string;
  to: string;
  source: string;
}

// The sources seen in the range, and the one filtered on even when none of its leads is left in a new range.
function sourcesOf(report: FunnelReport | null): string[] {
  const seen = (report?.bySource ?? []).map((r) => r.source);
  return report?.source && !seen.includes(report.source) ? [...seen, report.source] : seen;
}

export function FunnelForm(props: { report: FunnelReport | null; fields: FieldError[]; onShow(q: FunnelQuery): void }) {
  const { report } = props;
  const [site, setSite] = useState("");
  const [source, setSource] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");

  useEffect(() => {
    if (!report) return;
    setSite(report.site.key);
    setSource(report.source ?? "");
    setFrom(report.from);
    setTo(report.to);
  }, [report]);

  const problem = (path: "from" | "to") => props.fields.find((f) => f.path === path)?.message;
  const fromProblem = problem("from");
  const toProblem = problem("to");

  return (
    <form
      class="console-card funnel-form"
      aria-label="Report"
      onSubmit={(e) => {
        e.preventDefault();
        // Another site has other sources: the filter starts over.
        props.onShow({ site, from, to, source: site === report?.site.key ? source : "" });
      }}
    >
      <div class="funnel-field">
        <label for="funnel-site">Site</label>
        <select id="funnel-site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
          {(report?.sites ?? []).map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div class="funnel-field">
        <label for="funnel-source">Source</label>
        <select id="funnel-source" value={source} onChange={(e) => setSource(e.currentTarget.value)}>
          <option value="">All sources</option>
          {sourcesOf(report).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div class="funnel-field">
        <label for="funnel-from">From</label>
        <input
          id="funnel-from"
          type="date"
          required
          value={from}
          aria-invalid={fromProblem ? true : undefined}
          aria-describedby={fromProblem ? "funnel-from-problem funnel-dates-help" : "funnel-dates-help"}
          onInput={(e) => setFrom(e.currentTarget.value)}
        />
        {fromProblem && (
          <p id="funnel-from-problem" class="funnel-problem">
            {fromProblem}
          </p>
        )}
      </div>
      <div class="funnel-field">
        <label for="funnel-to">To</label>
        <input
          id="funnel-to"
          type="date"
          required
          value={to}
          aria-invalid={toProblem ? true : undefined}
          aria-describedby={toProblem ? "funnel-to-problem funnel-dates-help" : "funnel-dates-help"}
          onInput={(e) => setTo(e.currentTarget.value)}
        />
        {toProblem && (
          <p id="funnel-to-problem" class="funnel-problem">
            {toProblem}
          </p>
        )}
      </div>
      <button type="submit" class="banter-button">
        Show
      </button>
      <p id="funnel-dates-help" class="funnel-help">
        Conversations started on these days (UTC), both included.
      </p>
    </form>
  );
}
