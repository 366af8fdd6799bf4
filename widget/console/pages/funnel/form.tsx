// Which site and which days the report covers. Filled from the report the server answered (its defaults when
// the route names none); errors the server finds in the dates are shown next to the date they concern.
import { useEffect, useState } from "preact/hooks";
import type { FieldError, FunnelReport } from "../../../../shared/protocol/index.ts";

export function FunnelForm(props: {
  report: FunnelReport | null;
  fields: FieldError[];
  onShow(q: { site: string; from: string; to: string }): void;
}) {
  const { report } = props;
  const [site, setSite] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");

  useEffect(() => {
    if (!report) return;
    setSite(report.site.key);
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
        props.onShow({ site, from, to });
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
